"""The model stage's part of report.json, as typed records and their JSON form:

- `notices`: the model's warnings (what a Word, ninjs or plain-text body file held that
  the body cannot carry, fields issue.yaml overrode, photo texts taken from the photo's
  metadata, metadata that could not be read), each with file, line, field and message
  (`Issue.notices`, layout.errors.Diagnostic);
- `photo_text`: for every photo, its caption, credit and licence line and where each
  came from (`issue.yaml`, `body file`, `xmp`, `iptc`, `exif`, `none`):
  `photo_text_sources(issue)` gives them as `PhotoTextRecord`s.

`model_report(issue)` gives both as JSON-ready data. Paths are relative to the issue
folder when they are inside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from layout.model.schema import Issue, Photo, Source, TextOrigin


@dataclass(frozen=True, slots=True)
class SourcedText:
    """One printed text of a photo (its caption, credit or licence line) and where it
    came from (`TextOrigin.NONE` with "" when nowhere gave it)."""

    text: str
    origin: TextOrigin

    def to_json(self) -> dict[str, str]:
        return {"text": self.text, "from": self.origin.value}


@dataclass(frozen=True, slots=True)
class PhotoTextRecord:
    """Where a photo's texts came from: the article it belongs to, the photo file
    (relative to the issue folder), the entry that names it (`entry`: issue.yaml's
    `photos:` item, or the body file's picture, with its line), and its caption,
    credit and licence line with their origins."""

    article: str
    file: str
    entry: Source
    caption: SourcedText
    credit: SourcedText
    licence: SourcedText

    def from_metadata(self) -> bool:
        """True when any of the three came from the photo's own XMP, IPTC or EXIF."""
        embedded = (TextOrigin.XMP, TextOrigin.IPTC, TextOrigin.EXIF)
        return any(t.origin in embedded for t in (self.caption, self.credit, self.licence))

    def to_json(self, folder: Path) -> dict[str, object]:
        """The record for report.json (`entry` as `file:line`, relative to `folder`)."""
        return {"article": self.article, "file": self.file,
                "source": f"{relative(folder, self.entry.file)}:{self.entry.line}",
                "caption": self.caption.to_json(), "credit": self.credit.to_json(),
                "licence": self.licence.to_json()}


def photo_text_sources(issue: Issue) -> tuple[PhotoTextRecord, ...]:
    """A record for every photo of every article of `issue`, in article order."""
    return tuple(_record(issue.folder, article.id, photo) for article in issue.articles for photo in article.photos)


def _record(folder: Path, article: str, photo: Photo) -> PhotoTextRecord:
    def sourced(name: str) -> SourcedText:
        return SourcedText(getattr(photo, name), getattr(photo.origins, name))

    return PhotoTextRecord(article=article, file=relative(folder, photo.file), entry=photo.source,
                           caption=sourced("caption"), credit=sourced("credit"), licence=sourced("licence"))


def model_report(issue: Issue) -> dict[str, list[dict[str, object]]]:
    """report.json's `notices` and `photo_text` for `issue`."""
    notices = []
    for notice in issue.notices:
        entry = notice.to_json()
        entry["file"] = relative(issue.folder, notice.file)
        notices.append(entry)
    return {"notices": notices, "photo_text": [r.to_json(issue.folder) for r in photo_text_sources(issue)]}


def relative(folder: Path, file: Path) -> str:
    """`file` relative to the issue `folder` (POSIX form) when inside it, else as given."""
    try:
        return Path(file).resolve().relative_to(Path(folder).resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return str(file)
