"""Newsroom files the tests make: Word documents (python-docx, plus the XML python-docx
cannot write: tracked changes, footnotes, text boxes), photos with IPTC-IIM, XMP and
EXIF captions written byte by byte, ninjs items and plain-text exports. All copy here is
written for the tests."""

from __future__ import annotations

import hashlib
import io
import json
import struct
from pathlib import Path

import docx
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from PIL import Image, PngImagePlugin

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

HEADLINE = "解放区扎实推进社会信用体系建设"
PARAGRAPH_1 = "为进一步总结宣传信用体系建设工作成效，近日，解放区召开新闻发布会。"
PARAGRAPH_2 = "今年以来，解放区抢抓顶层设计，建立专项工作推进机制。"


# ------------------------------------------------------------------------- Word

def word(**parts) -> docx.Document:
    """A Word document with a Title headline, a byline line and two paragraphs."""
    document = docx.Document()
    document.add_paragraph(HEADLINE, style="Title")
    document.add_paragraph("作者：本报记者 詹长松")
    document.add_paragraph("\u3000\u3000" + PARAGRAPH_1)
    document.add_paragraph(PARAGRAPH_2)
    return document


def run_xml(text: str, props: str = "") -> str:
    return f'<w:r {W_NS}><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def append_xml(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def tracked_insertion(paragraph, text: str, author: str = "张编辑") -> None:
    append_xml(paragraph, f'<w:ins {W_NS} w:id="91" w:author="{author}" w:date="2023-01-05T10:00:00Z">'
                          f'<w:r><w:t>{text}</w:t></w:r></w:ins>')


def tracked_deletion(paragraph, text: str, author: str = "李编辑") -> None:
    append_xml(paragraph, f'<w:del {W_NS} w:id="92" w:author="{author}"><w:r><w:delText>{text}</w:delText></w:r></w:del>')


def add_part(document, name: str, kind: str, xml: str) -> None:
    """Add a part python-docx cannot write (footnotes) and relate it to the document."""
    content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"
    part = Part(PackURI(f"/word/{name}"), content_type, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, REL + kind)


def add_footnote(document, paragraph, text: str) -> None:
    append_xml(paragraph, f'<w:r {W_NS}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                          '<w:footnoteReference w:id="1"/></w:r>')
    add_part(document, "footnotes.xml", "footnotes",
             f'<w:footnotes {W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
             f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
             f'{text}</w:t></w:r></w:p></w:footnote></w:footnotes>')


def add_text_box(paragraph, text: str, inserted: str = "") -> None:
    """A text box the way Word writes one: DrawingML, with a VML fallback that repeats it
    (with `inserted`: a tracked insertion in the box, not accepted)."""
    wps = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    wp = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    v = 'xmlns:v="urn:schemas-microsoft-com:vml"'
    change = (f'<w:ins w:id="93" w:author="王编辑" w:date="2023-01-05T10:00:00Z"><w:r><w:t>{inserted}</w:t></w:r>'
              '</w:ins>') if inserted else ""
    box = f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r>{change}</w:p></w:txbxContent>'
    append_xml(paragraph, f'<w:r {W_NS} {mc} {wps} {wp} {a} {v}><mc:AlternateContent><mc:Choice Requires="wps">'
                          f'<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{box}</wps:txbx>'
                          f'</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>'
                          f'<w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
                          f'</mc:AlternateContent></w:r>')


def save_docx(document, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


# ------------------------------------------------------------------------ photos

def photo_bytes(kind: str = "JPEG", size=(600, 400), **options) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    for x in range(0, size[0], 8):
        image.paste((20, 60, 160), (x, 0, x + 1, size[1]))
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def iim(fields: dict[tuple[int, int], str | list[str]], utf8: bool = True, encoding: str = "utf-8") -> bytes:
    """An IPTC-IIM block: datasets 0x1C record dataset length value."""
    out = b""
    if utf8:
        out += b"\x1c\x01\x5a" + struct.pack(">H", 3) + b"\x1b%G"
    for (record, dataset), values in fields.items():
        for value in [values] if isinstance(values, str) else values:
            data = value.encode(encoding)
            out += bytes([0x1C, record, dataset]) + struct.pack(">H", len(data)) + data
    return out


def with_iim(jpeg: bytes, block: bytes, digest: bytes | None = None) -> bytes:
    """`jpeg` with an APP13 Photoshop segment holding `block` (and its MD5 digest, or
    the one given: a stale digest says the IIM was changed after the XMP)."""
    def resource(ident: int, data: bytes) -> bytes:
        return b"8BIM" + struct.pack(">H", ident) + b"\0\0" + struct.pack(">I", len(data)) + data + (
            b"\0" if len(data) % 2 else b"")
    payload = b"Photoshop 3.0\0" + resource(0x0404, block)
    if digest is not None:
        payload += resource(0x0425, digest)
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def iim_digest(block: bytes) -> bytes:
    return hashlib.md5(block).digest()


def xmp(caption: str = "", credit: str = "", creator: list[str] | None = None, rights: str = "",
        lang: str = "x-default") -> bytes:
    """An XMP packet with dc:description, photoshop:Credit, dc:creator, dc:rights."""
    parts = []
    if caption:
        parts.append(f'<dc:description><rdf:Alt><rdf:li xml:lang="{lang}">{caption}</rdf:li></rdf:Alt></dc:description>')
    if creator:
        items = "".join(f"<rdf:li>{name}</rdf:li>" for name in creator)
        parts.append(f"<dc:creator><rdf:Seq>{items}</rdf:Seq></dc:creator>")
    if rights:
        parts.append(f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{rights}</rdf:li></rdf:Alt></dc:rights>')
    credit_attr = f' photoshop:Credit="{credit}"' if credit else ""
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            f'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"{credit_attr}>{"".join(parts)}</rdf:Description>'
            '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode("utf-8")


def exif(tags: dict[int, bytes]) -> bytes:
    """A big-endian EXIF block of ASCII entries (the values as given: a phone writes UTF-8)."""
    entries, data = [], b""
    base = 8 + 2 + 12 * len(tags) + 4
    for tag, value in sorted(tags.items()):
        value += b"\0"
        if len(value) <= 4:
            entries.append(struct.pack(">HHI", tag, 2, len(value)) + value.ljust(4, b"\0"))
        else:
            entries.append(struct.pack(">HHII", tag, 2, len(value), base + len(data)))
            data += value
    return b"Exif\0\0MM\0*" + struct.pack(">IH", 8, len(tags)) + b"".join(entries) + b"\0\0\0\0" + data


def png_with_xmp(packet: bytes) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", packet.decode("utf-8"))
    return photo_bytes("PNG", pnginfo=info)


# ------------------------------------------------------------------------- ninjs

def ninjs_item(**extra) -> dict:
    """A ninjs 2.0 text item with kicker, headline and subhead, a byline, HTML and
    plain bodies, and one picture association."""
    item = {
        "uri": "urn:newsroom:test:20230106:credit", "standard": {"name": "ninjs", "version": "2.0"},
        "type": "text", "language": "zh-CN",
        "headlines": [{"role": "kicker", "value": "坚持稳中求进"}, {"role": "main", "value": HEADLINE},
                      {"role": "subheadline", "value": "——全区信用体系建设新闻发布会侧记"}],
        "by": "本报记者 詹长松",
        "bodies": [{"role": "text", "contenttype": "text/plain", "value": f"{PARAGRAPH_1}\n{PARAGRAPH_2}"},
                   {"role": "html", "contenttype": "text/html",
                    "value": f'<p>{PARAGRAPH_1}</p>\n<h2>制度建设</h2>\n<p><strong class="runin">抓顶层设计</strong>'
                             f'\u3000{PARAGRAPH_2}</p>'}],
        "associations": [{"name": "photo1", "type": "picture", "uri": "urn:newsroom:test:photo1",
                          "descriptions": [{"role": "caption", "value": "图为新闻发布会现场。"}],
                          "by": "本报记者 马强 摄",
                          "renditions": [{"name": "web", "href": "https://example.com/p.jpg", "width": 800, "height": 600},
                                         {"name": "print", "href": "../assets/photo.jpg", "width": 600, "height": 400}]}],
    }
    item.update(extra)
    return item


def write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


PLAIN_STORY = f"""引题：坚持稳中求进 推动高质量发展
{HEADLINE}
副题：——全区信用体系建设新闻发布会侧记
作者：本报记者 詹长松
责任编辑：王晓
\u3000\u3000{PARAGRAPH_1}
小标题：制度建设
\u3000\u3000{PARAGRAPH_2}
"""
