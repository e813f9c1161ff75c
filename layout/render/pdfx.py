"""PDF/X finishing with pikepdf: what ReportLab cannot write (its catalog drops unknown
entries; see shared/reference/print-ready.md).

PDF/X-1a:2003 (ISO 15930-4) — PDF 1.4; Info `/GTS_PDFXVersion (PDF/X-1:2003)` and
`/GTS_PDFXConformance (PDF/X-1a:2003)`, as the standard spells them.
PDF/X-4 (ISO 15930-7) — PDF 1.6; XMP `pdfxid:GTS_PDFXVersion` = `PDF/X-4`, with the
xmpMM identifiers it requires. Both get: Title, CreationDate, ModDate, `/Trapped /False`,
one `GTS_PDFX` OutputIntent carrying the newsprint profile, matching XMP, TrimBox (and
BleedBox) on every page, no ArtBox, no encryption, a deterministic trailer /ID.
Dates are the issue date at 00:00 Beijing time, so rebuilds are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zlib
from dataclasses import dataclass
from functools import lru_cache

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from layout.model.schema import PdfxVersion
from layout.render.boxes import PageBoxes
from layout.render.colour import OutputProfile, newsprint
from layout.render.subsets import retag_subsets

PDF_VERSION = {PdfxVersion.X1A: "1.4", PdfxVersion.X4: "1.6"}
LABEL = {PdfxVersion.X1A: "PDF/X-1a:2003", PdfxVersion.X4: "PDF/X-4"}
TIMEZONE = "+08'00'"          # China Standard Time, in PDF date syntax
PRODUCER = "paiban"
ID_NAMESPACE = uuid.UUID("6f1e0f3c-5d55-4a0e-9d0e-7061696261e6")  # fixed: ids derive from names


@dataclass(frozen=True, slots=True)
class PdfxSpec:
    """How to finish one file. `document` is a stable name (the file name) from which the
    XMP document and instance ids derive; `revision` is the page's version (1, 2, …);
    `boxes`, when given, are set on every page (None keeps each page's own boxes);
    `modified` is when the file was made, Beijing time (None: `date` at 00:00), the
    creation and modification date of a replacement page. A `proof` (a desktop proof
    with marks) says PROOF in its title and has document ids of its own."""

    version: PdfxVersion
    title: str
    date: dt.date
    document: str
    revision: int = 1
    boxes: PageBoxes | None = None
    modified: dt.datetime | None = None
    proof: bool = False

    @property
    def stamp(self) -> dt.datetime:
        """The file's date: `modified`, else the issue date at 00:00."""
        return self.modified or dt.datetime(self.date.year, self.date.month, self.date.day)


def finish_pdfx(data: bytes, spec: PdfxSpec, profile: OutputProfile | None = None) -> bytes:
    """`data` (a PDF) as a PDF/X file of `spec.version`, as bytes."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        save_pdfx(pdf, spec, out, profile)
    return out.getvalue()


def save_pdfx(pdf: pikepdf.Pdf, spec: PdfxSpec, target, profile: OutputProfile | None = None,
              tagged: bool = False) -> None:
    """Finish the open `pdf` as PDF/X of `spec.version` and save it to `target` (a path
    or a binary file object); `tagged`: its fonts come from files finished so before."""
    retag_subsets(pdf, tagged)  # a distinct tag per distinct subset (PDF 1.4 §5.5.3)
    set_document(pdf, spec, profile)
    for key in ("/OpenAction", "/AA", "/AcroForm"):  # not for print
        if key in pdf.Root:
            del pdf.Root[key]
    for page in pdf.pages:
        finish_page(page, spec.boxes)
    compress_plain_streams(pdf)
    # compress_streams=False: qpdf would otherwise inflate and deflate again every stream
    # ReportLab compressed (most of a page's finishing time); the plain ones are done above
    pdf.save(target, deterministic_id=True, compress_streams=False, fix_metadata_version=False,
             object_stream_mode=pikepdf.ObjectStreamMode.disable, force_version=PDF_VERSION[spec.version])


def set_document(pdf: pikepdf.Pdf, spec: PdfxSpec, profile: OutputProfile | None = None) -> None:
    """What PDF/X asks of the document as a whole: the Info dictionary, the one output
    intent with its profile (`profile`, else newsprint) and the matching XMP."""
    _set_info(pdf, spec)
    pdf.Root.OutputIntents = Array([_output_intent(pdf, profile or newsprint())])
    pdf.Root.Metadata = pdf.make_stream(_xmp(spec).encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML)


def finish_page(page: pikepdf.Page, boxes: PageBoxes | None) -> None:
    """A page as PDF/X has it: its boxes (`boxes`, else its own; never an ArtBox or
    CropBox), no presentation transition or action (not for print)."""
    _set_boxes(page, boxes)
    for key in ("/Trans", "/AA"):
        if key in page.obj:
            del page.obj[key]


def plain(stream: pikepdf.Stream) -> bool:
    """Whether `stream` is stored without a filter and is to be deflated (all but XMP
    metadata, left readable)."""
    return "/Filter" not in stream and stream.get("/Type") != Name.Metadata


def compress_plain_streams(pdf: pikepdf.Pdf) -> None:
    """Deflate every stream that has no filter, except XMP metadata (left readable), so
    that `pdf` can be saved with compress_streams=False: qpdf then writes the streams
    already compressed as they are instead of inflating and deflating each again."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and plain(obj):
            obj.write(zlib.compress(obj.read_raw_bytes()), filter=Name.FlateDecode)


@lru_cache(maxsize=4)
def _deflated(data: bytes) -> bytes:
    """`data` deflated, once per process for each content (the output profile)."""
    return zlib.compress(data)


def pdf_date(when: dt.date) -> str:
    """PDF date string, Beijing time: a date is its 00:00, e.g. D:20230106000000+08'00'."""
    stamp = when if isinstance(when, dt.datetime) else dt.datetime(when.year, when.month, when.day)
    return f"D:{stamp:%Y%m%d%H%M%S}{TIMEZONE}"


def xmp_date(when: dt.date) -> str:
    stamp = when if isinstance(when, dt.datetime) else dt.datetime(when.year, when.month, when.day)
    return f"{stamp:%Y-%m-%dT%H:%M:%S}+08:00"


PROOF_TITLE = "校样 PROOF, not for the plant: "


def escape(text: str) -> str:
    """`text` for XML character data (xml.sax.saxutils.escape without importing it and,
    through it, urllib and http)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _title(spec: PdfxSpec) -> str:
    return PROOF_TITLE + spec.title if spec.proof else spec.title


def _set_info(pdf: pikepdf.Pdf, spec: PdfxSpec) -> None:
    info = Dictionary(Title=String(_title(spec)), Creator=String(PRODUCER), Producer=String(PRODUCER),
                      CreationDate=String(pdf_date(spec.stamp)), ModDate=String(pdf_date(spec.stamp)),
                      Trapped=Name("/False"))
    if spec.version is PdfxVersion.X1A:
        info.GTS_PDFXVersion = String("PDF/X-1:2003")
        info.GTS_PDFXConformance = String("PDF/X-1a:2003")
    else:
        info.GTS_PDFXVersion = String("PDF/X-4")
    pdf.trailer.Info = pdf.make_indirect(info)


def _output_intent(pdf: pikepdf.Pdf, profile: OutputProfile) -> Dictionary:
    """The one GTS_PDFX output intent: the registered condition and its CMYK profile."""
    icc = pdf.make_stream(b"", N=4, Alternate=Name.DeviceCMYK)
    icc.write(_deflated(profile.data), filter=Name.FlateDecode)
    return pdf.make_indirect(Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier=String(profile.identifier),
        OutputCondition=String(profile.condition), RegistryName=String(profile.registry),
        Info=String(profile.description), DestOutputProfile=icc))


def _set_boxes(page: pikepdf.Page, boxes: PageBoxes | None) -> None:
    """MediaBox, TrimBox and BleedBox from `boxes`; never an ArtBox or CropBox."""
    for key in ("/ArtBox", "/CropBox"):
        if key in page.obj:
            del page.obj[key]
    if boxes is None:
        return
    page.obj.MediaBox = Array(boxes.media.as_list())
    page.obj.TrimBox = Array(boxes.trim.as_list())
    if boxes.bleed is not None:
        page.obj.BleedBox = Array(boxes.bleed.as_list())
    elif "/BleedBox" in page.obj:
        del page.obj.BleedBox


def _xmp(spec: PdfxSpec) -> str:
    """The XMP packet, agreeing with the Info dictionary (PDF/X-4 requires both to)."""
    date = xmp_date(spec.stamp)
    name = f"{spec.document}#proof" if spec.proof else spec.document
    document = uuid.uuid5(ID_NAMESPACE, name)
    instance = uuid.uuid5(ID_NAMESPACE, f"{name}#{spec.revision}")
    if spec.version is PdfxVersion.X1A:
        ident = ("<pdfx:GTS_PDFXVersion>PDF/X-1:2003</pdfx:GTS_PDFXVersion>\n"
                 "   <pdfx:GTS_PDFXConformance>PDF/X-1a:2003</pdfx:GTS_PDFXConformance>")
    else:
        ident = "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(_title(spec))}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>
   <xmpMM:DocumentID>uuid:{document}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{instance}</xmpMM:InstanceID>
   <xmpMM:VersionID>{spec.revision}</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   {ident}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
