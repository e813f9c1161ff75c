"""Photo captions, credits and copyright from the photo's own IPTC-IIM, XMP and EXIF
metadata when issue.yaml gives none (issue 13, part 2); issue.yaml wins; where each
came from is on the Photo and in the model's report."""

from __future__ import annotations

import pytest

from conftest import BASE_YAML, edit
from layout.errors import IssueError
from layout.model import load_issue
from layout.model.photometa import iim_records, photo_text
from layout.model.report import PhotoTextRecord, model_report, photo_text_sources
from layout.model.schema import TextOrigin
from newsroom_files import exif, iim, iim_digest, photo_bytes, png_with_xmp, with_iim, xmp

CAPTION_LINES = ("        caption: 图为测试照片,用于检查图片说明。\n        credit: 本报记者 张三 摄\n")
NO_TEXT_YAML = edit(BASE_YAML, CAPTION_LINES, "")
IIM_FIELDS = {(2, 120): "图为解放区新春灯会现场。", (2, 80): "马强", (2, 116): "© 2023 焦作日报社"}


def photo_of(make_issue, data: bytes, text: str = NO_TEXT_YAML, name: str = "assets/photo.jpg"):
    folder = make_issue(edit(text, "assets/photo.jpg", name) if name != "assets/photo.jpg" else text, name=name)
    (folder / name).write_bytes(data)
    issue = load_issue(folder)
    return issue.articles[1].photos[0], issue


def test_iptc_caption_credit_and_copyright(make_issue):
    photo, issue = photo_of(make_issue, with_iim(photo_bytes(), iim(IIM_FIELDS)))
    assert (photo.caption, photo.credit, photo.licence) == ("图为解放区新春灯会现场。", "马强 摄", "© 2023 焦作日报社")
    assert (photo.origins.caption, photo.origins.credit, photo.origins.licence) == (TextOrigin.IPTC,) * 3
    notice = next(n for n in issue.notices if "photo.jpg" in n.message)
    assert "IPTC" in notice.message and notice.file.name == "issue.yaml" and notice.field == "articles[1].photos[0]"


def test_issue_yaml_wins_over_the_metadata(make_issue):
    """Negative control: the caption and credit written in issue.yaml are printed; only
    the licence line (not given) comes from the photo."""
    photo, _issue = photo_of(make_issue, with_iim(photo_bytes(), iim(IIM_FIELDS)), BASE_YAML)
    assert (photo.caption, photo.credit) == ("图为测试照片,用于检查图片说明。", "本报记者 张三 摄")
    assert (photo.origins.caption, photo.origins.credit, photo.origins.licence) == (
        TextOrigin.ISSUE, TextOrigin.ISSUE, TextOrigin.IPTC)


def test_the_iptc_credit_line_is_used_as_written(make_issue):
    fields = dict(IIM_FIELDS) | {(2, 110): "新华社发"}
    photo, _ = photo_of(make_issue, with_iim(photo_bytes(), iim(fields)))
    assert photo.credit == "新华社发"


def test_xmp_in_a_jpeg_and_in_a_png(make_issue):
    packet = xmp(caption="图为春节前夕的花市。", creator=["王晓"], rights="焦作日报社版权所有")
    photo, _ = photo_of(make_issue, photo_bytes(xmp=packet))
    assert (photo.caption, photo.credit, photo.licence) == ("图为春节前夕的花市。", "王晓 摄", "焦作日报社版权所有")
    assert photo.origins.caption is TextOrigin.XMP
    png, _ = photo_of(make_issue, png_with_xmp(packet), name="assets/photo.png")
    assert png.caption == "图为春节前夕的花市。" and png.origins.caption is TextOrigin.XMP


def test_xmp_prefers_the_chinese_alternative():
    packet = (xmp(caption="English caption").replace(b"<rdf:Alt>", '<rdf:Alt><rdf:li xml:lang="zh-CN">中文说明</rdf:li>'
                                                    .encode("utf-8"), 1))
    assert photo_text({"xmp": packet}, {}).caption.text == "中文说明"


def test_xmp_wins_over_iptc_unless_the_iptc_digest_is_stale():
    block = iim({(2, 120): "IIM 说明"})
    resources = {0x0404: block, 0x0425: iim_digest(block)}
    packet = xmp(caption="XMP 说明")
    assert photo_text({"xmp": packet, "photoshop": resources}, {}).caption.text == "XMP 说明"
    stale = dict(resources) | {0x0425: b"\0" * 16}  # the IIM was changed by a tool that knows no XMP
    found = photo_text({"xmp": packet, "photoshop": stale}, {}).caption
    assert found.text == "IIM 说明" and found.origin is TextOrigin.IPTC


def test_exif_utf8_description_and_camera_placeholders(make_issue):
    photo, _ = photo_of(make_issue, photo_bytes(exif=exif({0x010E: "图为公园一角。".encode(), 0x013B: "李敏".encode()})))
    assert (photo.caption, photo.credit) == ("图为公园一角。", "李敏 摄") and photo.origins.caption is TextOrigin.EXIF
    assert photo_text({}, {0x010E: "OLYMPUS DIGITAL CAMERA"}).caption.text == ""


def test_gbk_iptc_without_a_character_set_record():
    block = iim({(2, 120): "图为新春灯会。"}, utf8=False, encoding="gbk")
    assert photo_text({"photoshop": {0x0404: block}}, {}).caption.text == "图为新春灯会。"


def test_multi_line_captions_become_one_line():
    block = iim({(2, 120): "图为新春\r\n灯会现场。\nLantern fair"})
    assert photo_text({"photoshop": {0x0404: block}}, {}).caption.text == "图为新春灯会现场。Lantern fair"


def test_a_photo_with_no_caption_anywhere_is_an_error_on_its_entry(make_issue):
    folder = make_issue(NO_TEXT_YAML)
    (folder / "assets" / "photo.jpg").write_bytes(photo_bytes())
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    problem = next(p for p in info.value.problems if "no caption" in p.message)
    assert problem.field == "articles[1].photos[0]" and "IPTC" in problem.hint


@pytest.mark.parametrize("data,needle", [
    (lambda: photo_bytes(xmp=b"<x:xmpmeta><unclosed"), "XMP metadata is damaged"),
    (lambda: photo_bytes(xmp=b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'), "DTD"),
    (lambda: with_iim(photo_bytes(), b"\x1c\x02\x78\xff\xff" + b"short"), "IPTC metadata is damaged"),
])
def test_damaged_metadata_is_a_notice_and_the_photo_still_prints(make_issue, data, needle):
    photo, issue = photo_of(make_issue, data(), BASE_YAML)
    assert photo.caption.startswith("图为测试照片")
    assert any(needle in n.message for n in issue.notices)


def test_iim_records_refuse_overruns():
    assert iim_records(b"\x1c\x02\x78\x00\x03abc") == {(2, 120): [b"abc"]}
    assert iim_records(b"\x1c\x02\x78\x00\x09abc") is None
    assert iim_records(b"\x1c\x02\x78\x80\x02\x00\x03abc") == {(2, 120): [b"abc"]}  # an extended length


def test_the_model_report_lists_photo_text_sources_and_notices(make_issue):
    _photo, issue = photo_of(make_issue, with_iim(photo_bytes(), iim(IIM_FIELDS)))
    report = model_report(issue)
    entry = report["photo_text"][0]
    assert entry["article"] == "beta" and entry["file"] == "assets/photo.jpg"
    assert entry["caption"] == {"text": "图为解放区新春灯会现场。", "from": "iptc"}
    assert any(n["severity"] == "warning" and "IPTC" in n["message"] for n in report["notices"])


def test_photo_text_sources_are_typed_records_per_field(make_issue):
    """The records the report is made of: each field with its own origin (issue.yaml's
    caption and credit win, the licence comes from the IIM); negative control: a photo
    whose texts are all from issue.yaml is not `from_metadata`."""
    _photo, issue = photo_of(make_issue, with_iim(photo_bytes(), iim(IIM_FIELDS)), BASE_YAML)
    (record,) = photo_text_sources(issue)
    assert isinstance(record, PhotoTextRecord) and record.article == "beta"
    assert (record.caption.origin, record.credit.origin, record.licence.origin) == (
        TextOrigin.ISSUE, TextOrigin.ISSUE, TextOrigin.IPTC)
    assert record.licence.text == "© 2023 焦作日报社" and record.from_metadata()
    assert record.entry.file.name == "issue.yaml" and record.entry.line > 1
    assert record.to_json(issue.folder)["licence"] == {"text": "© 2023 焦作日报社", "from": "iptc"}
    _photo, plain = photo_of(make_issue, photo_bytes(), BASE_YAML, name="assets/plain.jpg")
    (record,) = photo_text_sources(plain)
    assert not record.from_metadata() and record.licence.origin is TextOrigin.NONE
