"""A photo's caption, credit and licence line, each from the first place that gives it:
issue.yaml, then the body file (a ninjs picture), then the photo's own metadata (XMP,
IPTC-IIM, EXIF: layout/model/photometa.py). Where each came from is kept on the Photo
(`origins`) and reported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from layout.errors import Diagnostic
from layout.i18n import N_, _, ngettext
from layout.model.copyfile import CopyPhoto, notice
from layout.model.photometa import Embedded, PhotoText
from layout.model.schema import PhotoOrigins, Source, TextOrigin

FIELDS = ("caption", "credit", "licence")  # licence: the copyright notice when it comes from the photo


@dataclass(frozen=True, slots=True)
class PhotoTexts:
    """The texts a photo is printed with, where they came from, and what its metadata
    could not tell (`problems`: unreadable metadata, when it was needed)."""

    caption: str
    credit: str
    licence: str
    origins: PhotoOrigins
    problems: tuple[str, ...] = ()

    def from_metadata(self) -> tuple[str, ...]:
        """The fields taken from the photo's own metadata."""
        embedded = (TextOrigin.XMP, TextOrigin.IPTC, TextOrigin.EXIF)
        return tuple(name for name in FIELDS if getattr(self.origins, name) in embedded)

    def notices(self, file: Path, where: Source, field: str) -> list[Diagnostic]:
        """A notice naming the fields the photo's metadata gave (so an editor checks
        them), and one for metadata that could not be read."""
        out = []
        taken = self.from_metadata()
        if taken:
            kinds = ", ".join(dict.fromkeys(getattr(self.origins, name).value.upper() for name in taken))
            names = ", ".join(_(FIELD_NAMES[name]) for name in taken)
            out.append(notice(where.file, where.line, _("photo '{name}': {fields} taken from the photo's own {kinds} "
                                                        "metadata: {text}").format(
                name=file.name, fields=names, kinds=kinds, text="; ".join(getattr(self, n) for n in taken)),
                _("check them; what issue.yaml gives wins"), field))
        out += [notice(where.file, where.line, _("photo '{name}': {problem}").format(name=file.name, problem=p),
                       field=field) for p in self.problems]
        return out


FIELD_NAMES = {"caption": N_("caption"), "credit": N_("credit"), "licence": N_("copyright")}


def photo_texts(given: dict[str, str], embedded: PhotoText, from_body: bool = False) -> PhotoTexts:
    """Each field from `given` (issue.yaml's, or with `from_body` the body file's) if
    there, else from the photo's metadata (the licence line from its copyright notice)."""
    metadata = {"caption": embedded.caption, "credit": embedded.credit, "licence": embedded.copyright}
    chosen: dict[str, Embedded] = {}
    for name in FIELDS:
        if name in given:
            chosen[name] = Embedded(given[name], TextOrigin.BODY if from_body else TextOrigin.ISSUE)
        else:
            chosen[name] = metadata[name]
    needed = any(name not in given for name in FIELDS)
    return PhotoTexts(caption=chosen["caption"].text, credit=chosen["credit"].text, licence=chosen["licence"].text,
                      origins=PhotoOrigins(**{name: chosen[name].origin for name in FIELDS}),
                      problems=embedded.problems if needed else ())


def unused_pictures(pictures: tuple[CopyPhoto, ...], file: Path, line: int) -> list[Diagnostic]:
    """A notice when the body file names pictures and issue.yaml lists the photos instead."""
    if not pictures:
        return []
    n = len(pictures)
    return [notice(file, line, ngettext("the body file names {n} picture ({names}) that is not used: issue.yaml "
                                        "lists the article's photos",
                                        "the body file names {n} pictures ({names}) that are not used: issue.yaml "
                                        "lists the article's photos", n).format(
        n=n, names=", ".join(p.file for p in pictures)), _("add them to `photos:` if they belong to the article"))]
