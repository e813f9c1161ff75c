"""Chinese word segmentation with jieba's dictionary and HMM (https://github.com/fxsjy/jieba),
read by a loader of our own so that it costs milliseconds, not a second.

`import jieba` pulls in pkg_resources (≈ 0.2–0.7 s here) and building its prefix
dictionary takes about a second more; a headline needs neither. This module finds the
installed jieba package without importing it, and:

- keeps the dictionary (`dict.txt`, 349,045 words with frequencies and tags) as one sorted UTF-8
  blob with offset and frequency arrays, looked up by binary search; the compact form is
  cached in the paiban cache folder under the SHA-256 of `dict.txt` (a cold start then
  reads and hashes 10 MB, nothing parsed), and built in memory when the folder cannot be
  written;
- segments a run of Han characters as jieba does (`Tokenizer.cut` with HMM): the route of
  greatest probability through the dictionary's words, then runs of single characters
  that are no dictionary word go through jieba's HMM (`finalseg`, Viterbi over B/M/E/S),
  whose tables are read from jieba's pickles only when such a run occurs (≈ 40 ms once).

Everything is deterministic. `words(run)` gives the words of a Han run, in order.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import os
import pickle
import sys
from array import array
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from pathlib import Path

from layout.cachefiles import sweep, write_atomic

FORMAT = b"paiban-jieba-4\n"
MIN_FLOAT = -3.14e100
HAN_FIRST, HAN_LAST = "\u4e00", "\u9fd5"  # the Han range jieba segments


class NoSegmenter(RuntimeError):
    """jieba is not installed (it is a dependency of paiban: pip install jieba)."""


class WordKind(IntEnum):
    """A word's class for display-line breaks, from jieba's part-of-speech tag."""

    OTHER = 0
    NOMINAL = 1    # n, nr, ns, nt, nz, an, t, s, f, j, l, r (nouns, names, time and place words)
    PREDICATE = 2  # v, vd, a, ad, d (verbs, adjectives, adverbs)
    LINK = 3       # c, p (conjunctions and prepositions: they start a phrase)
    VERBAL = 4     # vn: a verb used as a noun (服务, 建设): a compound's head after a noun, a verb before one


def word_kind(tag: str) -> WordKind:
    """The class of a jieba tag (see WordKind)."""
    if tag in ("c", "p"):
        return WordKind.LINK
    if tag == "vn":
        return WordKind.VERBAL
    if tag == "an" or tag[:1] in ("n", "t", "s", "f", "j", "l", "r"):
        return WordKind.NOMINAL
    if tag[:1] in ("v", "a", "d"):
        return WordKind.PREDICATE
    return WordKind.OTHER


def word_kinds(run: str) -> tuple[WordKind, ...]:
    """The class of each of `words(run)` (OTHER for a word the dictionary lacks)."""
    dictionary = load_dictionary()
    return tuple(dictionary.kind(w) for w in words(run))


def is_han(ch: str) -> bool:
    return HAN_FIRST <= ch <= HAN_LAST


@dataclass(frozen=True, slots=True)
class Dictionary:
    """jieba's words in code-point order as one UTF-8 blob (each word followed by a line
    feed; UTF-8 keeps code-point order, so the bytes sort as the words do), the offset of
    each word in it, their frequencies and the frequency sum. Looked up by binary search:
    nothing is split or decoded when it is loaded."""

    blob: bytes
    starts: array[int]  # starts[i] = offset of word i; starts[count] = len(blob)
    freq: array[int]
    total: int
    kinds: bytes = b""  # kinds[i]: the word class of word i (WordKind's value), from its jieba tag

    def _lower(self, key: bytes) -> int:
        """Index of the first word not less than `key`."""
        blob, starts = self.blob, self.starts
        lo, hi = 0, len(self.freq)
        while lo < hi:
            mid = (lo + hi) // 2
            if blob[starts[mid]:starts[mid + 1] - 1] < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _word(self, i: int) -> bytes:
        return self.blob[self.starts[i]:self.starts[i + 1] - 1] if i < len(self.freq) else b""

    def frequency(self, word: str) -> int:
        key = word.encode("utf-8")
        i = self._lower(key)
        return self.freq[i] if self._word(i) == key else 0

    def kind(self, word: str) -> WordKind:
        """The word's class by its part-of-speech tag in the dictionary (OTHER when unknown)."""
        key = word.encode("utf-8")
        i = self._lower(key)
        if self._word(i) != key or i >= len(self.kinds):
            return WordKind.OTHER
        return WordKind(self.kinds[i])

    def is_prefix(self, fragment: str) -> bool:
        """True when some word starts with `fragment`."""
        key = fragment.encode("utf-8")
        return self._word(self._lower(key)).startswith(key)


def words(run: str) -> tuple[str, ...]:
    """The words of a run of Han characters, as jieba's `cut(run, HMM=True)` gives them."""
    return _cut(run)


@lru_cache(maxsize=4096)  # a pure function of the run; headlines are set again and again
def _cut(run: str) -> tuple[str, ...]:
    dictionary = load_dictionary()
    route = _route(run, dictionary)
    out: list[str] = []
    single = ""
    x = 0
    while x < len(run):
        y = route[x] + 1
        if y - x == 1:
            single += run[x]
        else:
            out += _singles(single, dictionary)
            single = ""
            out.append(run[x:y])
        x = y
    out += _singles(single, dictionary)
    return tuple(out)


def _route(run: str, dictionary: Dictionary) -> list[int]:
    """route[i] = the last index of the word starting at i on the most probable path."""
    n = len(run)
    log_total = math.log(dictionary.total)
    score = [0.0] * (n + 1)
    route = [0] * n
    for i in range(n - 1, -1, -1):
        best, end = -math.inf, i
        for j in _ends(run, i, dictionary):
            s = math.log(dictionary.frequency(run[i:j + 1]) or 1) - log_total + score[j + 1]
            if s > best or (s == best and j > end):  # jieba's max() keeps the greater end on a tie
                best, end = s, j
        score[i], route[i] = best, end
    return route


def _ends(run: str, i: int, dictionary: Dictionary) -> list[int]:
    """Last indexes j of the dictionary words run[i:j+1] (i itself when there is none)."""
    ends = []
    j = i
    while j < len(run) and dictionary.is_prefix(run[i:j + 1]):
        if dictionary.frequency(run[i:j + 1]):
            ends.append(j)
        j += 1
    return ends or [i]


def _singles(buffer: str, dictionary: Dictionary) -> list[str]:
    """A run of characters the route left single: as they are, one word if the dictionary
    has it, else as the HMM groups them (jieba's handling of unknown words)."""
    if len(buffer) < 2:
        return [buffer] if buffer else []
    if dictionary.frequency(buffer):
        return list(buffer)
    return list(_hmm(buffer))


def _hmm(run: str) -> tuple[str, ...]:
    """jieba.finalseg: Viterbi over the states B(egin), M(iddle), E(nd), S(ingle)."""
    start, trans, emit = _hmm_tables()
    previous = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}
    table = [{s: start[s] + emit[s].get(run[0], MIN_FLOAT) for s in "BMES"}]
    paths = {s: s for s in "BMES"}
    for ch in run[1:]:
        scores, new = {}, {}
        for s in "BMES":
            p, state = max((table[-1][s0] + trans[s0].get(s, MIN_FLOAT) + emit[s].get(ch, MIN_FLOAT), s0)
                           for s0 in previous[s])
            scores[s], new[s] = p, paths[state] + s
        table.append(scores)
        paths = new
    _, last = max((table[-1][s], s) for s in "ES")
    out, begin = [], 0
    for i, state in enumerate(paths[last]):
        if state == "B":
            begin = i
        elif state == "E":
            out.append(run[begin:i + 1])
        elif state == "S":
            out.append(run[i])
    consumed = sum(map(len, out))
    if consumed < len(run):
        out.append(run[consumed:])
    return tuple(out)


_Table = dict[str, float]              # state -> log probability
_Table2 = dict[str, dict[str, float]]  # state -> (state or character -> log probability)


@lru_cache(maxsize=1)  # jieba's HMM tables: read once, only when an unknown word needs them
def _hmm_tables() -> tuple[_Table, _Table2, _Table2]:
    folder = _package() / "finalseg"
    tables = []
    for name in ("prob_start.p", "prob_trans.p", "prob_emit.p"):
        with open(folder / name, "rb") as fh:
            tables.append(pickle.load(fh))  # the installed package's own data files
    return tables[0], tables[1], tables[2]


# --------------------------------------------------------------------- the dictionary

def _package() -> Path:
    spec = importlib.util.find_spec("jieba")  # finds the package without importing it
    if spec is None or spec.origin is None:
        raise NoSegmenter("jieba is not installed: pip install jieba (headline word breaks need it)")
    return Path(spec.origin).parent


@lru_cache(maxsize=1)  # one dictionary per process
def load_dictionary() -> Dictionary:
    """jieba's dictionary in its compact form: from the cache folder when it holds the
    form of this `dict.txt` (by content), else parsed and written there for next time."""
    source = (_package() / "dict.txt").read_bytes()
    version = FORMAT.decode().strip().rsplit("-", 1)[-1]  # a file per format: older builds keep theirs
    cached = cache_folder() / f"jieba-{hashlib.sha256(source).hexdigest()[:24]}-{version}.dict"
    sweep(cached.parent)  # what a killed process left half written
    try:
        return _read_compact(cached.read_bytes())
    except (OSError, ValueError):
        pass
    dictionary = _parse(source)
    _write_compact(cached, dictionary)
    return dictionary


def cache_folder() -> Path:
    """$PAIBAN_CACHE, else $XDG_CACHE_HOME/paiban, else ~/.cache/paiban: read at each
    call, never fixed at import (the rule photos follow too)."""
    if os.environ.get("PAIBAN_CACHE"):
        return Path(os.environ["PAIBAN_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "paiban"


def _parse(source: bytes) -> Dictionary:
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    for line in source.decode("utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[0]:
            freq[parts[0]] = int(parts[1])
            tags[parts[0]] = parts[2] if len(parts) > 2 else ""
    ordered = sorted(freq)
    encoded = [w.encode("utf-8") + b"\n" for w in ordered]
    starts = array("I", [0])
    for word in encoded:
        starts.append(starts[-1] + len(word))
    kinds = bytes(word_kind(tags[w]) for w in ordered)
    return Dictionary(b"".join(encoded), starts, array("I", (freq[w] for w in ordered)), sum(freq.values()), kinds)


def _write_compact(path: Path, dictionary: Dictionary) -> None:
    """FORMAT, the word count and the total (8 bytes each, little-endian), the offsets and
    the frequencies (uint32), the word classes (a byte each), then the blob. Written atomically; a folder that cannot be
    written only costs the next process the parse."""
    arrays = [array("I", dictionary.starts), array("I", dictionary.freq)]
    if sys.byteorder != "little":
        for a in arrays:
            a.byteswap()
    data = b"".join((FORMAT, len(dictionary.freq).to_bytes(8, "little"), dictionary.total.to_bytes(8, "little"),
                     *(a.tobytes() for a in arrays), dictionary.kinds, dictionary.blob))
    write_atomic(path, data)  # `.NAME.PID.tmp`, which a later process sweeps if this one is killed


def _read_compact(data: bytes) -> Dictionary:
    if not data.startswith(FORMAT):
        raise ValueError("not a compact jieba dictionary")
    at = len(FORMAT)
    count, total = int.from_bytes(data[at:at + 8], "little"), int.from_bytes(data[at + 8:at + 16], "little")
    at += 16
    starts, freq = array("I"), array("I")
    starts.frombytes(data[at:at + 4 * (count + 1)])
    at += 4 * (count + 1)
    freq.frombytes(data[at:at + 4 * count])
    at += 4 * count
    if sys.byteorder != "little":
        starts.byteswap()
        freq.byteswap()
    kinds = data[at:at + count]
    blob = data[at + count:]
    if len(starts) != count + 1 or len(freq) != count or len(kinds) != count or starts[-1] != len(blob):
        raise ValueError("truncated compact jieba dictionary")
    return Dictionary(blob, starts, freq, total, kinds)
