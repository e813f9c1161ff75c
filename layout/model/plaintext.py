"""Plain text exported from an editorial system (采编系统), `body_format: plain`.

One story per file, the way Founder-style editorial systems and wire copy export it:

    引题：坚持稳中求进 推动高质量发展        ← labelled lines: the headline stack
    解放区扎实推进社会信用体系建设           ← the first unlabelled line: the headline (主题)
    副题：——全区信用体系建设新闻发布会侧记
    作者：本报记者 詹长松
    　　为进一步总结宣传……                  ← every later line: one paragraph
    小标题：制度建设                          ← an in-text subhead (小标题)
    　　今年以来，……

- The header is the lines up to the first unlabelled line after the headline: labelled
  lines (`引题：`, `【引题】` …, LABELS below) set a field; the first unlabelled line is
  the headline unless a `主题：` line gave it. `正文：` (or `【正文】`) ends the header
  explicitly, and what follows it on its line is the first paragraph.
- Editorial metadata lines in the header (`来源：`, `责任编辑：`, `字数：` …) are not
  printed; each is reported.
- In the body, every non-empty line is one paragraph (its indent — full-width or ASCII
  spaces, tabs — is dropped: paragraphs are indented by the layout); blank lines are
  ignored; `小标题：` makes an in-text subhead. Markdown markers are plain characters.

Files are UTF-8 (with or without a byte-order mark), or GB18030/GBK with `encoding: gb18030`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from layout.errors import Diagnostic
from layout.i18n import _
from layout.model.bodytext import bad_characters, read_text
from layout.model.copyfile import Copy, CopyField, CopyRead, StackField, excerpt, notice, stack_name
from layout.model.encoding import Encoding
from layout.model.schema import Block, BlockKind, Source

# label → the field it sets (the trade's synonyms: 肩题 and 眉题 are kinds of 引题)
LABELS: dict[str, StackField] = {
    "引题": StackField.KICKER, "肩题": StackField.KICKER, "眉题": StackField.KICKER,
    "主题": StackField.HEADLINE, "正题": StackField.HEADLINE, "标题": StackField.HEADLINE,
    "主标题": StackField.HEADLINE, "题目": StackField.HEADLINE,
    "副题": StackField.SUBHEAD, "副标题": StackField.SUBHEAD, "子题": StackField.SUBHEAD,
    "作者": StackField.BYLINE, "署名": StackField.BYLINE,
}
# editorial metadata an export carries in its header: never printed, always reported
NOT_PRINTED = ("来源", "栏目", "责任编辑", "编辑", "校对", "审核", "字数", "稿号", "稿件编号", "日期", "发稿时间",
               "时间", "版次", "版面", "关键词", "关键字", "摘要", "备注", "图片")
BODY_START = ("正文",)
SUBHEAD_LABELS = ("小标题", "插题")
_LABEL = re.compile(r"^(?:【(?P<bracket>[^】]{1,6})】|(?P<colon>[^：:\s]{1,6})\s*[：:])\s*(?P<rest>.*)$")
INDENT = " \t\u3000"


@dataclass(frozen=True, slots=True)
class Label:
    """A line's label (`引题：…`, `【引题】…`) and the text after it."""

    name: str
    rest: str


def label_of(line: str, known: tuple[str, ...] | None = None) -> Label | None:
    """The label at the start of `line`, if it is one we know (LABELS, NOT_PRINTED,
    BODY_START, SUBHEAD_LABELS, or `known`)."""
    found = _LABEL.match(line)
    if not found:
        return None
    name = found.group("bracket") or found.group("colon") or ""
    names = known if known is not None else tuple(LABELS) + NOT_PRINTED + BODY_START + SUBHEAD_LABELS
    return Label(name, found.group("rest").strip()) if name in names else None


def read_plain(file: Path, display: Path, encoding: Encoding = Encoding.UTF8) -> CopyRead:
    """The story in plain-text export `file` (shown as `display`)."""
    text = read_text(file, display, encoding)
    if isinstance(text, Diagnostic):
        return CopyRead(Copy(()), (text,))
    reader = _Story(display)
    for number, raw in enumerate(text.splitlines(), start=1):
        reader.line(number, raw)
    return reader.result()


@dataclass(slots=True)
class _Story:
    """The reader's private state: header fields, then body blocks."""

    display: Path
    fields: dict[StackField, CopyField] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    notices: list[Diagnostic] = field(default_factory=list)
    in_body: bool = False
    unindented: list[tuple[int, str]] = field(default_factory=list)  # body lines before the first indented one
    indented: bool = False

    def line(self, number: int, raw: str) -> None:
        text = raw.strip()
        if not text:
            return
        self.problems += bad_characters(text, self.display, number)
        if self.in_body:
            self.body_line(number, raw, text)
        else:
            self.header_line(number, raw, text)

    def header_line(self, number: int, raw: str, text: str) -> None:
        label = label_of(text)
        if label is None:
            if StackField.HEADLINE in self.fields:
                self.in_body = True
                self.body_line(number, raw, text)
            else:
                self.set(StackField.HEADLINE, text, number)
        elif label.name in LABELS:
            self.set(LABELS[label.name], label.rest, number)
        elif label.name in BODY_START:
            self.in_body = True
            if label.rest:
                self.paragraph(number, label.rest)
        elif label.name in SUBHEAD_LABELS:
            self.in_body = True
            self.body_line(number, raw, text)
        else:
            self.notices.append(notice(self.display, number, _("the export's “{label}” line {text} is editorial "
                                                               "information and is not printed").format(
                label=label.name, text=excerpt(label.rest)), field=label.name))

    def set(self, name: StackField, text: str, number: int) -> None:
        if name in self.fields:
            first = self.fields[name].source.line
            self.problems.append(Diagnostic(self.display, number, name.value, _(
                "a second {field} line (the first is line {first})").format(field=stack_name(name), first=first),
                _("keep one")))
            return
        if not text:
            self.problems.append(Diagnostic(self.display, number, name.value,
                                            _("the {field} line is empty").format(field=stack_name(name)),
                                            _("write the text after the label, or delete the line")))
            return
        self.fields[name] = CopyField(name, text, Source(self.display, number))

    def body_line(self, number: int, raw: str, text: str) -> None:
        label = label_of(text, SUBHEAD_LABELS)
        if label is not None:
            if label.rest:
                self.blocks.append(Block(BlockKind.SUBHEAD, label.rest, Source(self.display, number)))
            else:
                self.problems.append(Diagnostic(self.display, number, "", _("the subhead line is empty"),
                                                _("write the subhead after the label, or delete the line")))
            return
        if raw[:1] in INDENT:
            self.indented = True
        elif not self.indented:
            self.unindented.append((number, text))
        self.paragraph(number, text)

    def paragraph(self, number: int, text: str) -> None:
        self.blocks.append(Block(BlockKind.PARAGRAPH, text, Source(self.display, number)))

    def result(self) -> CopyRead:
        if not self.blocks:
            self.problems.append(Diagnostic(self.display, 0, "", _("the story has no body text after its headline"),
                                            _("the first unlabelled line is the headline; every line after it is a "
                                              "paragraph")))
        if self.indented:
            self.notices += [notice(self.display, number, _(
                "the paragraph {text} is not indented like the paragraphs after it").format(text=excerpt(text)),
                _("if it is a kicker, subhead or byline, label it (引题：, 副题：, 作者：)"))
                for number, text in self.unindented]
        fields = tuple(sorted(self.fields.values(), key=lambda f: f.source.line))
        return CopyRead(Copy(tuple(self.blocks), fields), tuple(self.problems), tuple(self.notices))
