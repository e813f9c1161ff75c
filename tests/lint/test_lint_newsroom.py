"""`paiban lint` on newsroom files (Word .docx, ninjs .json): read by the model's own
readers, then checked like raw copy; a file the build would refuse is an E100."""

from __future__ import annotations

import json

import docx
from docx.oxml import parse_xml

from layout.lint import lint_file

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def word_file(path, paragraphs, tracked: bool = False):
    document = docx.Document()
    document.add_paragraph("解放区扎实推进社会信用体系建设", style="Title")
    for text in paragraphs:
        paragraph = document.add_paragraph(text)
    if tracked:
        paragraph._p.append(parse_xml(f'<w:ins {W_NS} w:id="91" w:author="张编辑" w:date="2023-01-05T10:00:00Z">'
                                      f'<w:r><w:t>补充一句。</w:t></w:r></w:ins>'))
    document.save(path)
    return path


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def test_a_word_file_is_checked_like_copy(tmp_path):
    file = word_file(tmp_path / "story.docx", ["今年以来，解放区抢抓顶层设计，建立了", "专项工作推进机制，成效明显。",
                                                "社区网格员、网格员都在走访辖区居民。"])
    found = codes(lint_file(file))
    assert "E102" in found                       # the paragraph broken mid-sentence
    assert "W205" in found                       # the doubled word


def test_negative_control_clean_word_copy_has_no_errors(tmp_path):
    file = word_file(tmp_path / "story.docx", ["今年以来，解放区抢抓顶层设计，建立专项工作推进机制。",
                                                "网格员每天走访辖区居民。"])
    assert not [c for c in codes(lint_file(file)) if c.startswith("E")]


def test_a_word_file_with_tracked_changes_is_refused(tmp_path):
    file = word_file(tmp_path / "story.docx", ["今年以来，解放区抢抓顶层设计。"], tracked=True)
    result = lint_file(file)
    assert codes(result) == ["E100"] and "张编辑" in result.findings[0].message


def test_a_ninjs_file_is_checked_like_copy(tmp_path):
    item = {"uri": "urn:test:1", "type": "text", "headlines": [{"role": "main", "value": "解放区推进信用建设"}],
            "bodies": [{"role": "main", "contenttype": "text/plain",
                        "value": "今年以来，解放区抢抓顶层设计，建立了\n\n专项工作推进机制。"}]}
    file = tmp_path / "story.json"
    file.write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    assert "E102" in codes(lint_file(file))
