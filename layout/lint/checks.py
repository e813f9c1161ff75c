"""The copy checks: pure functions from passages to findings.

Each check reads the text as written (before normalization) and names the line of the
character it is about. Punctuation classes come from layout.text.classes (clreq
Appendix A), half-width punctuation from layout.text.normalize (GB/T 15834).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from layout.i18n import _, ngettext
from layout.lint.copy import Kind, Passage
from layout.lint.findings import Finding, Fix, Where
from layout.text.classes import CLOSING, PAUSES, STOPS
from layout.text.normalize import Edit, normalize

MIN_DUPLICATE = 10   # characters: shorter paragraphs ("（完）") may well repeat
MIN_SENTENCE = 16    # characters: a repeated clause shorter than this may be a set phrase
MIN_PROSE = 8        # characters: shorter lines without punctuation are labels, not prose
SENTENCE_END = "。！？!?…；;：:"  # a paragraph may end on these (： introduces what follows)
CLOSERS = "”’）》〉」』】〕〗］｝)]\"'"
NO_START = PAUSES + STOPS + "".join(c for c in CLOSING if c not in "”’") + ",.;:?!)]"
PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "〈": "〉", "「": "」", "『": "』", "【": "】",
         "〔": "〕", "〖": "〗", "［": "］", "｛": "｝"}
HALF_TO_FULL = str.maketrans({"(": "（", ")": "）", "[": "［", "]": "］"})
DOUBLED_RE = re.compile(r"([，。、；：])\1+")
FULLWIDTH_DIGITS_RE = re.compile(r"[０-９]+")
KEY_MAP = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）",
                        '"': None, "“": None, "”": None})
SPACE_RE = re.compile(r"\s+")
HALF_DIGITS = {0xFF10 + d: 0x30 + d for d in range(10)}
CONTEXT = 4  # characters either side that find a fix's place on its line
SENTENCE_RE = re.compile(r"[^。！？!?；;：:]*[。！？!?；;：:]+[”’」』）)]*")


def excerpt(text: str, start: int = 0, length: int = 12) -> str:
    """A short quotation of `text` from `start`, with … where it is cut."""
    piece = text[start:start + length]
    return f"“{piece}{'…' if start + length < len(text) else ''}”"


def tail(text: str, length: int = 10) -> str:
    """The last `length` characters of `text`, quoted, with … before."""
    return f"“{'…' if len(text) > length else ''}{text[-length:]}”"


def place(p: Passage) -> str:
    """How a finding names another passage of the same file: as an editor counts, the
    story's `paragraph 3`; raw copy (no story) by its `line 67`."""
    if p.where.field.startswith("paragraph "):
        return _("paragraph {n}").format(n=p.where.field.split()[1])
    return _("line {line}").format(line=p.line)


@lru_cache(maxsize=8192)  # a pure function of the text; lint and the watcher ask again and again
def normalized(text: str) -> tuple[str, tuple[Edit, ...]]:
    """layout.text.normalize.normalize, remembered."""
    return normalize(text)


# ------------------------------------------------------------------ paragraphs

def _key(text: str) -> str:
    """What two copies of a paragraph share: punctuation of either width, no quotes
    or spaces."""
    return SPACE_RE.sub("", text.translate(KEY_MAP))


def duplicates(passages: Iterable[Passage]) -> list[Finding]:
    """E101 for every body paragraph that repeats an earlier one word for word."""
    seen: dict[str, list[Passage]] = {}
    for p in passages:
        if p.kind is Kind.BODY and len(p.text.strip()) >= MIN_DUPLICATE:
            seen.setdefault(_key(p.text), []).append(p)
    out = []
    for copies in seen.values():
        first = copies[0]
        for n, p in enumerate(copies[1:], start=2):
            where = place(first) if p.file == first.file else f"{first.file}:{first.line}"
            out.append(Finding(p.file, p.line, "E101",
                               _("duplicate paragraph: the same text as {where} (copy {n} of {count}), {text}; "
                                 "delete it").format(where=where, n=n, count=len(copies), text=excerpt(p.text)),
                               p.where))
    return out


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, clause) of every sentence or clause of `text` that ends in 。！？；：."""
    return [(m.start(), m.group()) for m in SENTENCE_RE.finditer(text) if m.group().strip()]


def repeated_sentences(passages: Iterable[Passage], skip: set[tuple]) -> list[Finding]:
    """W201, one per paragraph: long sentences (or clauses) that already appeared in an earlier
    paragraph (text from one paragraph pasted into another). Paragraphs in `skip`
    ((file, line) of duplicates, already reported whole) are not reported again."""
    first_seen: dict[str, Passage] = {}
    out = []
    for p in passages:
        if p.kind is not Kind.BODY:
            continue
        repeats = []
        for offset, sentence in sentences(p.text):
            key = _key(sentence)
            if len(key) < MIN_SENTENCE:
                continue
            earlier = first_seen.setdefault(key, p)
            if earlier is not p and earlier.line != p.line:
                repeats.append((offset, sentence, earlier))
        if repeats and (p.file, p.line) not in skip:
            offset, sentence, earlier = repeats[0]
            more = ngettext(" and {n} more", " and {n} more", len(repeats) - 1).format(n=len(repeats) - 1) \
                if len(repeats) > 1 else ""
            where = place(earlier) if earlier.file == p.file else f"{earlier.file}:{earlier.line}"
            out.append(Finding(p.file, p.line_at(offset), "W201",
                               _("repeated sentence: {text}{more} already in {where}").format(
                                   text=excerpt(sentence.strip()), more=more, where=where),
                               _at(p, offset)))
    return out


def fix_at(p: Passage, offset: int, length: int, new: str) -> Fix:
    """The fix replacing `length` characters at `offset` of the passage by `new`, with
    up to CONTEXT characters around it from the same source line."""
    line_start, line_end = 0, len(p.text)
    for start, _line in p.starts:
        if start <= offset:
            line_start = start
        elif start < line_end:
            line_end = start
            break
    end = offset + length
    return Fix(p.text[offset:end], new, p.text[max(line_start, offset - CONTEXT):offset],
               p.text[end:min(line_end, end + CONTEXT)])


def _at(p: Passage, offset: int) -> Where:
    return Where(p.where.article, p.where.field, offset)


NOTE_MARKS = "".join(chr(c) for c in range(0x2460, 0x2474)) + "¹²³⁴⁵⁶⁷⁸⁹⁰*†‡"  # ①–⑳, superscripts: note marks


def ends_sentence(text: str) -> bool:
    """True when `text` ends a sentence: a final mark, possibly followed by closing
    quotes or brackets; or a closing bracket (a note such as （完）)."""
    text = text.rstrip().rstrip(NOTE_MARKS)  # a note mark after the stop (。① from a Word footnote) belongs to it
    if not text:
        return True
    if text[-1] in "）)":
        return True
    body = text.rstrip(CLOSERS)
    return bool(body) and (body[-1] in SENTENCE_END or body.endswith("——") or _latin_stop(body))


def _latin_stop(text: str) -> bool:
    """A full stop ending a Latin sentence (a quotation in English: “… tonight.”):
    '.' after a Latin letter, not after a number (3.) or a Chinese character."""
    return len(text) > 1 and text[-1] == "." and text[-2].isascii() and text[-2].isalpha()


def is_prose(text: str) -> bool:
    """Running text, not a label or a name line: it has sentence punctuation or length."""
    stripped = text.strip()
    return any(c in stripped for c in "，。、；！？,;") and len(stripped) >= MIN_PROSE


def sentence_breaks(passages: tuple[Passage, ...]) -> list[Finding]:
    """E102 for a body paragraph that starts in the middle of a sentence: the paragraph
    before it (in the same file and article, nothing in between) is prose that does not
    end a sentence, or this one starts with a mark no sentence starts with."""
    out = []
    for before, p in zip(passages, passages[1:]):
        if p.kind is not Kind.BODY:
            continue
        follows = (before.kind is Kind.BODY and before.file == p.file
                   and before.where.article == p.where.article and is_prose(before.text))
        unfinished = follows and not ends_sentence(before.text)
        bad_start = p.text.lstrip()[:1] in NO_START and p.text.strip() != ""
        if unfinished:
            out.append(Finding(p.file, p.line, "E102",
                               _("paragraph starts mid-sentence: {where} ends {end} without ending its sentence "
                                 "and this paragraph goes on {start}; join them (delete the paragraph break) or "
                                 "restore the missing text").format(where=place(before),
                                                                    end=tail(before.text.rstrip()),
                                                                    start=excerpt(p.text, 0, 8)), p.where))
        elif bad_start:
            out.append(Finding(p.file, p.line, "E102",
                               _("paragraph starts mid-sentence, with “{mark}”: {start}; join it to the paragraph "
                                 "before or restore the missing text").format(mark=p.text.lstrip()[0],
                                                                              start=excerpt(p.text, 0, 8)), p.where))
    return out


# ------------------------------------------------------------------ punctuation

def half_width(passages: Iterable[Passage]) -> list[Finding]:
    """W202 (or I301 where the build normalizes) per line: half-width punctuation in
    Chinese text, as layout.text.normalize finds it."""
    out = []
    for p in passages:
        edits = [e for e in normalized(p.text)[1] if any(c in e.before for c in ",;:?!()\"'.-")]
        by_line: dict[int, list] = {}
        for e in edits:
            by_line.setdefault(p.line_at(e.offset), []).append(e)
        for line, group in by_line.items():
            counts = Counter(e.before.strip() for e in group)
            listed = ", ".join(f"'{b}' ×{n}" if n > 1 else f"'{b}'" for b, n in counts.items())
            targets = "".join(dict.fromkeys(e.after for e in group))
            if p.normalized:
                message = _("half-width punctuation in Chinese text: {marks}; the build sets {targets}")
            else:
                message = _("half-width punctuation in Chinese text: {marks}; use {targets} (GB/T 15834)")
            out.append(Finding(p.file, line, "I301" if p.normalized else "W202",
                               message.format(marks=listed, targets=targets), _at(p, group[0].offset),
                               tuple(fix_at(p, e.offset, len(e.before), e.after) for e in group)))
    return out


def unbalanced(passages: tuple[Passage, ...]) -> list[Finding]:
    """E103: quotation marks and brackets not closed, or closed without opening. A
    quotation left open at the end of a paragraph is fine when the next paragraph opens
    with “ again (a quotation over several paragraphs, clreq §5.2)."""
    out = []
    for i, p in enumerate(passages):
        following = passages[i + 1].text.lstrip()[:1] if i + 1 < len(passages) else ""
        for offset, message in _pair_problems(p.text, following):
            out.append(Finding(p.file, p.line_at(offset), "E103", message, _at(p, offset)))
    return out


def _pair_problems(text: str, following: str) -> list[tuple[int, str]]:
    """(offset, message) for each unbalanced mark of `text`."""
    problems: list[tuple[int, str]] = []
    stack: list[tuple[int, str]] = []
    closers = {close: open_ for open_, close in PAIRS.items()}
    for i, ch in enumerate(text.translate(HALF_TO_FULL)):
        if ch in PAIRS:
            stack.append((i, ch))
        elif ch in closers:
            if ch == "’" and not any(o == "‘" for _, o in stack):
                continue  # an apostrophe (Jiaozuo’s), not a closing quote
            if stack and stack[-1][1] == closers[ch]:
                stack.pop()
            elif any(o == closers[ch] for _, o in stack):
                while stack[-1][1] != closers[ch]:
                    at, open_ = stack.pop()
                    problems.append((at, _("{open} at character {at} is not closed before {close} at character "
                                           "{i}: {text}").format(open=open_, at=at + 1, close=ch, i=i + 1,
                                                                 text=excerpt(text, at, 16))))
                stack.pop()
            else:
                problems.append((i, _("{close} at character {i} closes nothing: {text}").format(
                    close=ch, i=i + 1, text=excerpt(text, max(0, i - 8), 16))))
    for at, open_ in stack:
        if open_ == "“" and following == "“":
            continue  # the quotation goes on in the next paragraph
        problems.append((at, _("{open} at character {at} is never closed: {text}; add {close}").format(
            open=open_, at=at + 1, text=excerpt(text, at, 16), close=PAIRS[open_])))
    straight = [i for i, ch in enumerate(text) if ch == '"']
    if len(straight) % 2:
        problems.append((straight[-1], _("an odd number of straight quotes (\"): the one at character {at} has no "
                                         "partner").format(at=straight[-1] + 1)))
    return sorted(problems)


def fullwidth_digits(passages: Iterable[Passage]) -> list[Finding]:
    """W203 per passage with full-width digits, saying when half-width ones are mixed in."""
    out = []
    for p in passages:
        runs = list(FULLWIDTH_DIGITS_RE.finditer(p.text))
        if not runs:
            continue
        mixed = _(" mixed with half-width digits") if re.search(r"[0-9]", p.text) else ""
        shown = ", ".join(m.group() for m in runs[:3]) + (" …" if len(runs) > 3 else "")
        half = runs[0].group().translate(HALF_DIGITS)
        out.append(Finding(p.file, p.line_at(runs[0].start()), "W203",
                           _("full-width digits {digits}{mixed}; use half-width digits ({one} → {half})").format(
                               digits=shown, mixed=mixed, one=runs[0].group(), half=half),
                           _at(p, runs[0].start()),
                           tuple(fix_at(p, m.start(), len(m.group()), m.group().translate(HALF_DIGITS))
                                 for m in runs)))
    return out


def doubled(passages: Iterable[Passage]) -> list[Finding]:
    """W204 for a punctuation mark typed twice (，，) other than …… and ——."""
    out = []
    for p in passages:
        for m in DOUBLED_RE.finditer(p.text):
            out.append(Finding(p.file, p.line_at(m.start()), "W204",
                               _("doubled punctuation “{marks}” at character {at}: {text}").format(
                                   marks=m.group(), at=m.start() + 1, text=excerpt(p.text, max(0, m.start() - 6))),
                               _at(p, m.start()), (fix_at(p, m.start(), len(m.group()), m.group(1)),)))
    return out


def check_copy(passages: tuple[Passage, ...], issue_date: dt.date | None = None) -> list[Finding]:
    """Every copy check on `passages` (in reading order); `issue_date` gives dates
    written without a year their year (layout/lint/content.py)."""
    from layout.lint.content import content_checks

    dups = duplicates(passages)
    found = dups + sentence_breaks(passages)
    found += repeated_sentences(passages, {(f.file, f.line) for f in dups})
    found += half_width(passages) + unbalanced(passages) + fullwidth_digits(passages) + doubled(passages)
    return found + content_checks(passages, issue_date)
