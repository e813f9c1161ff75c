"""IPTC ninjs news items (News in JSON, https://iptc.org/standards/ninjs/) as body files,
`body: articles/x.json`: ninjs 2.0, and the 1.x field names too.

| ninjs 2.0 | ninjs 1.x | becomes |
| --- | --- | --- |
| `headlines[]` role `main` (or no role) | `headline` | headline (主题) |
| `headlines[]` role `kicker` / `overline` / `pre` | — | kicker (引题) |
| `headlines[]` role `subheadline` / `sub` / `subtitle` | `subheadline` | subhead (副题) |
| `by` | `byline` | byline |
| `bodies[]` contenttype `text/html` | `body_html` | the body (layout/model/htmlbody.py) |
| `bodies[]` contenttype `text/plain` (or none) | `body_text` | the body, one paragraph a line |
| `associations[]` of type `picture` / `graphic` | `associations{}` | photos: the rendition with a file path (the largest), caption from `descriptions[]` role `caption` (`description_text`), credit `by`, licence `copyrightnotice` or `usageterms` |

The HTML body is used when there is one (it carries subheads and marks), else the plain
one. A rendition is a file in the issue folder, its `href` relative to the ninjs file;
a picture only at a web address cannot be placed (paiban fetches nothing) and is
reported. Metadata that is not copy (subjects, places, dates, `descriptions` of the
item) is not printed. `pubstatus` `withheld` or `canceled` is an error: that item must
not be printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from layout.errors import Diagnostic
from layout.i18n import _
from layout.model.bodytext import bad_characters
from layout.model.copyfile import Copy, CopyField, CopyPhoto, CopyRead, StackField, notice
from layout.model.htmlbody import html_blocks
from layout.model.jsonsrc import read_json
from layout.model.schema import Block, BlockKind, Source
from layout.model.yamlsrc import LineMap, Path_, field_name

HEADLINE_ROLES = {"": StackField.HEADLINE, "main": StackField.HEADLINE, "headline": StackField.HEADLINE,
                  "kicker": StackField.KICKER, "overline": StackField.KICKER, "pre": StackField.KICKER,
                  "subheadline": StackField.SUBHEAD, "sub": StackField.SUBHEAD, "subtitle": StackField.SUBHEAD}
PICTURE_TYPES = ("picture", "graphic")
NOT_FOR_PRINT = ("withheld", "canceled")


def read_ninjs(file: Path, display: Path) -> CopyRead:
    """The copy of ninjs item `file` (shown as `display`)."""
    read = read_json(file, display)
    if isinstance(read, Diagnostic):
        return CopyRead(Copy(()), (read,))
    data, lines = read
    item = _Item(display, lines)
    if not isinstance(data, dict):
        return CopyRead(Copy(()), (Diagnostic(display, 1, "", _("a ninjs item must be a JSON object")),))
    return item.read(data)


class _Item:
    """The reader's private state, one ninjs item."""

    def __init__(self, display: Path, lines: LineMap):
        self.display, self.lines = display, lines
        self.problems: list[Diagnostic] = []
        self.notices: list[Diagnostic] = []

    def source(self, path: Path_) -> Source:
        return Source(self.display, self.lines.line(path))

    def problem(self, path: Path_, message: str, hint: str = "") -> None:
        self.problems.append(Diagnostic(self.display, self.lines.line(path), field_name(path), message, hint))

    def read(self, data: dict[str, Any]) -> CopyRead:
        status = data.get("pubstatus")
        if status in NOT_FOR_PRINT:
            self.problem(("pubstatus",), _("the item's pubstatus is “{status}”: it must not be printed").format(status=status),
                         _("ask the desk for a usable version"))
        fields = self.headlines(data) + self.byline(data)
        blocks = self.body(data)
        photos = self.pictures(data)
        if not blocks and not photos:
            self.problem((), _("the item has no body text and no pictures"),
                         _("give it `bodies` (text/html or text/plain) or picture associations"))
        return CopyRead(Copy(blocks, fields, photos), tuple(self.problems), tuple(self.notices))

    def text(self, value: object, path: Path_) -> str:
        """A text value, checked (a problem and "" when it is not text)."""
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(path, _("expected text, got {got}").format(got=type(value).__name__))
            return ""
        found = bad_characters(value.replace("\n", " "), self.display, self.lines.line(path), field_name(path))
        self.problems += found
        return "" if found else " ".join(value.split()) if "\n" in value else value.strip()

    def headlines(self, data: dict[str, Any]) -> tuple[CopyField, ...]:
        out: dict[StackField, CopyField] = {}
        if "headline" in data:  # ninjs 1.x
            out[StackField.HEADLINE] = CopyField(StackField.HEADLINE, self.text(data["headline"], ("headline",)),
                                                 self.source(("headline",)))
        if "subheadline" in data:
            out[StackField.SUBHEAD] = CopyField(StackField.SUBHEAD, self.text(data["subheadline"], ("subheadline",)),
                                                self.source(("subheadline",)))
        for i, entry in enumerate(self.objects(data, "headlines")):
            path: Path_ = ("headlines", i)
            role = str(entry.get("role") or "").strip().lower()
            text = self.text(entry.get("value"), path + ("value",))
            name = HEADLINE_ROLES.get(role)
            if name is None or name in out:
                self.notices.append(notice(self.display, self.lines.line(path), _(
                    "the headline {text} (role “{role}”) is not used").format(text=text, role=role or "—"),
                    field=field_name(path)))
            elif text:
                out[name] = CopyField(name, text, self.source(path))
        return tuple(f for f in out.values() if f.text)

    def byline(self, data: dict[str, Any]) -> tuple[CopyField, ...]:
        key = "by" if "by" in data else "byline" if "byline" in data else ""
        text = self.text(data.get(key), (key,)) if key else ""
        return (CopyField(StackField.BYLINE, text, self.source((key,))),) if text else ()

    def objects(self, data: dict[str, Any], key: str, base: Path_ = ()) -> list[dict[str, Any]]:
        """`data[key]` (at `base`), a list of objects (a problem for anything else)."""
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(base + (key,), _("expected a list of objects"))
            return []
        return value

    def body(self, data: dict[str, Any]) -> tuple[Block, ...]:
        """The HTML body if there is one, else the plain-text one."""
        candidates: list[tuple[str, str, Path_]] = []  # (contenttype, text, path)
        for key, kind in (("body_html", "text/html"), ("body_text", "text/plain")):
            if key in data:
                candidates.append((kind, self.text_keep_lines(data[key], (key,)), (key,)))
        for i, entry in enumerate(self.objects(data, "bodies")):
            kind = str(entry.get("contenttype") or "text/plain").split(";")[0].strip().lower()
            candidates.append((kind, self.text_keep_lines(entry.get("value"), ("bodies", i, "value")),
                               ("bodies", i, "value")))
        html = [c for c in candidates if c[0] in ("text/html", "application/xhtml+xml")]
        plain = [c for c in candidates if c[0] == "text/plain"]
        chosen = html[0] if html else plain[0] if plain else None
        for kind, _text, path in candidates:
            if chosen is not None and path != chosen[2] and kind not in ("text/html", "text/plain"):
                self.notices.append(notice(self.display, self.lines.line(path), _(
                    "a body of type {kind} is not used").format(kind=kind), field=field_name(path)))
        if chosen is None:
            return ()
        kind, text, path = chosen
        if kind == "text/plain":
            return tuple(Block(BlockKind.PARAGRAPH, line.strip(), self.source(path))
                         for line in text.splitlines() if line.strip())
        blocks, notices = html_blocks(text, self.source(path), field_name(path))
        self.notices += notices
        for block in blocks:
            self.problems += bad_characters(block.text + block.runin, self.display, block.source.line, field_name(path))
        return blocks

    def text_keep_lines(self, value: object, path: Path_) -> str:
        if not isinstance(value, str):
            self.problem(path, _("expected text, got {got}").format(got=type(value).__name__))
            return ""
        return value

    def pictures(self, data: dict[str, Any]) -> tuple[CopyPhoto, ...]:
        raw = data.get("associations", [])
        items = list(raw.items()) if isinstance(raw, dict) else list(enumerate(raw)) if isinstance(raw, list) else []
        if not isinstance(raw, (dict, list)):
            self.problem(("associations",), _("expected a list of objects"))
        out = []
        for key, entry in items:
            path: Path_ = ("associations", key)
            if not isinstance(entry, dict):
                self.problem(path, _("expected an object"))
                continue
            photo = self.picture(entry, path)
            if photo is not None:
                out.append(photo)
        return tuple(out)

    def picture(self, entry: dict[str, Any], path: Path_) -> CopyPhoto | None:
        kind = str(entry.get("type") or "")
        name = str(entry.get("name") or path[-1])
        if kind not in PICTURE_TYPES:
            self.notices.append(notice(self.display, self.lines.line(path), _(
                "the association “{name}” of type “{kind}” is not carried over (only pictures are)").format(
                name=name, kind=kind or "—"), field=field_name(path)))
            return None
        rendition = self.rendition(entry, path)
        if rendition is None:
            return None
        href, rpath = rendition
        caption = self.caption(entry, path)
        credit = self.text(entry.get("by"), path + ("by",)) if "by" in entry else ""
        licence = next((self.text(entry[k], path + (k,)) for k in ("copyrightnotice", "usageterms") if entry.get(k)), "")
        return CopyPhoto(href, caption, credit, licence, self.source(rpath), field_name(rpath))

    def rendition(self, entry: dict[str, Any], path: Path_) -> tuple[str, Path_] | None:
        """The href of the largest rendition that is a file (relative path), or None
        with a notice when every rendition is remote."""
        raw = entry.get("renditions", [])
        items = list(raw.items()) if isinstance(raw, dict) else list(enumerate(raw)) if isinstance(raw, list) else []
        local = []
        for key, r in items:
            href = r.get("href") if isinstance(r, dict) else None
            if isinstance(href, str) and href.strip():
                size = (r.get("width") or 0) * (r.get("height") or 0) if all(
                    isinstance(r.get(k, 0), (int, float)) for k in ("width", "height")) else 0
                if "://" in href or href.startswith(("//", "data:", "mailto:")):
                    continue
                local.append((size, href.removeprefix("./"), path + ("renditions", key, "href")))
        if not local:
            self.notices.append(notice(self.display, self.lines.line(path), _(
                "the picture “{name}” has no rendition in the issue folder and is not placed").format(
                name=entry.get("name") or path[-1]), _("paiban fetches nothing from the web: download the picture "
                                                      "into the issue folder and give its path as the rendition's "
                                                      "href (relative to the ninjs file)"), field_name(path)))
            return None
        size, href, rpath = max(local, key=lambda item: item[0])
        return href, rpath

    def caption(self, entry: dict[str, Any], path: Path_) -> str:
        if "description_text" in entry:
            return self.text(entry["description_text"], path + ("description_text",))
        descriptions = self.objects(entry, "descriptions", path) if "descriptions" in entry else []
        chosen = next((i for i, d in enumerate(descriptions) if str(d.get("role") or "").lower() == "caption"),
                      0 if descriptions else None)
        if chosen is None:
            return ""
        return self.text(descriptions[chosen].get("value"), path + ("descriptions", chosen, "value"))
