"""Each story as IPTC ninjs 2.0 (News in JSON), and a check against the 2.0 schema.

The schema (http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json, approved October 2021)
requires only `uri` and allows no property it does not name, at the top and in every
sub-object; some values are enumerations (type, representationtype, pubstatus), dates
are RFC 3339 date-times and uri fields absolute URIs. `SCHEMA` restates those rules as
data and `problems()` checks an object against them, so a story that would not validate
is never written. An association is valid when it has a `name` (the schema's first
alternative) or is itself a valid ninjs object.

Without a base URL the story's uri is a URN (urn:paiban:{code}:{YYYYMMDD}:{slug}) and
renditions carry no href (the schema wants absolute URIs); stories.json has the
relative paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from layout.epaper.site import Site, photo_file, story_html
from layout.epaper.stories import Story

STANDARD = {"name": "ninjs", "version": "2.0", "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"}
TIMEZONE = "+08:00"  # China Standard Time: the issue's date starts at midnight in Beijing
PROFILE = "paiban-epaper-story"


@dataclass(frozen=True, slots=True)
class Obj:
    """An object: its properties (name → rule) and the required ones; no others allowed."""

    fields: dict
    required: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Array:
    items: object


@dataclass(frozen=True, slots=True)
class Enum:
    values: tuple[str, ...]


STRING, NUMBER, DATETIME, URI = "string", "number", "date-time", "uri"
ASSOCIATION = "association"  # anyOf [{name: string, required}, the root]
_VALUE = Obj({"role": STRING, "contenttype": STRING, "value": STRING}, ("value",))
_ENTITY = {"name": STRING, "rel": STRING, "uri": URI, "literal": STRING}
SCHEMA = Obj({
    "uri": URI,
    "type": Enum(("text", "audio", "video", "picture", "graphic", "composite", "component")),
    "representationtype": Enum(("full", "partial")),
    "profile": STRING, "version": STRING,
    "firstcreated": DATETIME, "versioncreated": DATETIME, "contentcreated": DATETIME, "embargoed": DATETIME,
    "pubstatus": Enum(("usable", "withheld", "canceled")),
    "urgency": NUMBER, "copyrightholder": STRING, "copyrightnotice": STRING, "usageterms": STRING,
    "ednote": STRING, "language": STRING,
    "descriptions": Array(_VALUE),
    "bodies": Array(Obj({**_VALUE.fields, "charcount": NUMBER, "wordcount": NUMBER}, ("value",))),
    "headlines": Array(_VALUE),
    "people": Array(Obj(_ENTITY)),
    "organisations": Array(Obj({**_ENTITY, "symbols": Array(Obj({"ticker": STRING, "exchange": STRING}))})),
    "places": Array(Obj({**_ENTITY, "geojson": "any"})),
    "subjects": Array(Obj(_ENTITY)), "events": Array(Obj(_ENTITY)), "objects": Array(Obj(_ENTITY)),
    "infosources": Array(Obj({"name": STRING, "role": URI, "uri": URI, "literal": STRING})),
    "title": STRING, "by": STRING, "slugline": STRING, "located": STRING,
    "renditions": Array(Obj({"name": STRING, "href": URI, "contenttype": STRING, "title": STRING,
                             "height": NUMBER, "width": NUMBER, "sizeinbytes": NUMBER, "duration": NUMBER,
                             "format": STRING}, ("name",))),
    "associations": Array(ASSOCIATION),
    "altids": Array(Obj({"role": STRING, "value": STRING})),
    "trustindicators": Array(Obj({"role": URI, "title": STRING, "href": URI})),
    "standard": Obj({"name": STRING, "version": STRING, "schema": URI}),
    "genres": Array(Obj({"name": STRING, "uri": URI, "literal": STRING})),
    "rightsinfo": "rightsinfo",
}, ("uri",))

DATETIME_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")  # RFC 3339 §5.6
URI_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")  # RFC 3986 §3: scheme ":" …, absolute


def problems(value, rule=SCHEMA, where: str = "") -> list[str]:
    """What keeps `value` from validating against `rule` (the ninjs 2.0 root by
    default), one line per problem with its JSON path; empty when it is valid."""
    if rule == "any":
        return []
    if isinstance(rule, Obj):
        return _object(value, rule, where)
    if isinstance(rule, Array):
        if not isinstance(value, list):
            return [f"{where or '/'}: expected an array"]
        return [p for i, item in enumerate(value) for p in problems(item, rule.items, f"{where}/{i}")]
    if rule == ASSOCIATION:
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            return []
        return [f"{where}: an association needs a name or must itself be a ninjs object"] + problems(value, SCHEMA, where)
    if rule == "rightsinfo":
        return _rightsinfo(value, where)
    return _scalar(value, rule, where)


def _object(value, rule: Obj, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where or '/'}: expected an object"]
    out = [f"{where}/{name}: required" for name in rule.required if name not in value]
    for name, item in value.items():
        if name not in rule.fields:
            out.append(f"{where}/{name}: not a ninjs 2.0 property here")
        else:
            out += problems(item, rule.fields[name], f"{where}/{name}")
    return out


def _scalar(value, rule, where: str) -> list[str]:
    if isinstance(rule, Enum):
        return [] if value in rule.values else [f"{where}: {value!r} is not one of {', '.join(rule.values)}"]
    if rule == NUMBER:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else [f"{where}: expected a number"]
    if not isinstance(value, str):
        return [f"{where}: expected a string"]
    if rule == DATETIME and not DATETIME_RE.fullmatch(value):
        return [f"{where}: {value!r} is not an RFC 3339 date-time"]
    if rule == URI and not URI_RE.fullmatch(value):
        return [f"{where}: {value!r} is not an absolute URI"]
    return []


def _rightsinfo(value, where: str) -> list[str]:
    rule = Obj({"langid": URI, "linkedrights": URI, "encodedrights": STRING})
    out = [p for p in _object(value, rule, where) if "not a ninjs" not in p]  # other properties allowed here
    if isinstance(value, dict) and ("linkedrights" in value) == ("encodedrights" in value):
        out.append(f"{where}: exactly one of linkedrights and encodedrights")
    return out


# ------------------------------------------------------------------------ building

def story_uri(site: Site, story: Story) -> str:
    issue = site.issue
    return site.absolute(story_html(story)) or f"urn:paiban:{issue.code.lower()}:{issue.date:%Y%m%d}:{story.slug}"


def story_ninjs(site: Site, story: Story, text: str, html_body: str, photo_bytes: dict[str, int]) -> dict:
    """The ninjs 2.0 object of `story`: `text` is its body as plain text, `html_body`
    as the HTML of its page, `photo_bytes` the size of each photo file."""
    a, issue = story.article, site.issue
    stamp = f"{issue.date.isoformat()}T00:00:00{TIMEZONE}"
    out = {"uri": story_uri(site, story), "standard": dict(STANDARD),
           "type": "text" if a.blocks else "picture", "representationtype": "full", "profile": PROFILE,
           "version": "1", "firstcreated": stamp, "versioncreated": stamp, "pubstatus": "usable",
           "language": "zh-CN", "copyrightholder": issue.paper, "slugline": a.id, "title": story.title,
           "headlines": _headlines(story)}
    if a.byline:
        out["by"] = a.byline
    if a.blocks:
        out["bodies"] = [{"role": "text", "contenttype": "text/plain", "charcount": len(text), "value": text},
                         {"role": "html", "contenttype": "text/html", "charcount": len(text), "value": html_body}]
    out["altids"] = [{"role": "article-id", "value": a.id}] + [
        {"role": "print-page", "value": site.page(n).stem} for n in story.pages]
    if a.photos:
        out["associations"] = [_photo(site, story, i, photo_bytes) for i in range(len(a.photos))]
    return out


def _headlines(story: Story) -> list[dict]:
    a = story.article
    roles = (("kicker", a.kicker), ("main", a.headline or story.title), ("subheadline", a.subhead))
    return [{"role": role, "value": value} for role, value in roles if value]


def _photo(site: Site, story: Story, index: int, photo_bytes: dict[str, int]) -> dict:
    photo, file = story.article.photos[index], photo_file(story, index)
    width, height = site.sizes[file]
    rendition = {"name": "web", "contenttype": "image/jpeg", "width": width, "height": height,
                 "sizeinbytes": photo_bytes[file]}
    if site.base_url:
        rendition["href"] = site.absolute(file)
    out = {"name": f"photo{index + 1}", "uri": site.absolute(file) or f"{story_uri(site, story)}:photo{index + 1}",
           "type": "picture", "representationtype": "full", "language": "zh-CN",
           "descriptions": [{"role": "caption", "value": photo.caption}], "renditions": [rendition]}
    if photo.credit:
        out["by"] = photo.credit
    if photo.licence:
        out["usageterms"] = photo.licence
    return out


def plain_text(story: Story) -> str:
    """The body as plain text: one block a line, a run-in heading before its paragraph."""
    lines = []
    for block in story.article.blocks:
        lines.append(f"{block.runin}\u3000{block.text}" if block.runin else block.text)
    return "\n".join(lines)
