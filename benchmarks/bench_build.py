"""Benchmark: a cold `paiban build` of the seed issue against Typst setting the same text.

Run from the repo root:

    python benchmarks/bench_build.py [--runs N]

What is timed (median of N runs after one warm-up run of each):

* paiban cold   - a fresh `python -m layout build issues/jiefang-2023-01-06 -o TMP`
                  subprocess per run (interpreter start, imports, font loading, the
                  whole build, writing the PDFs); wall clock.
* paiban warm   - `layout.build.build()` called again in this process (imports and
                  any module-level caches already warm).
* typst cold    - a fresh `python -c "import typst; typst.compile(...)"` subprocess per
                  run (interpreter start, import, font loading, compile, PDF written);
                  wall clock.  The subprocess also reports its own import and first
                  compile times.
* typst in-process, 1st call
                - inside each cold subprocess, the time of the first `typst.compile()`
                  call alone: font loading, layout and PDF export, no interpreter start
                  or import, no memoization cache.
* typst in-process, edited
                - `typst.compile()` called again in this process on a copy of the
                  document with a different character at the start of every paragraph
                  each run: fonts are loaded, but the text is shaped and laid out anew.
* typst in-process, same src
                - `typst.compile()` of the unchanged document again in this process:
                  typst-py keeps Typst's memoization cache between calls, so this mostly
                  measures cache hits + PDF export (shown for completeness; it is not a
                  fair layout time).

The Typst document is generated from the seed issue's copy as paiban sets it (read
with `layout.model.load_issue` and normalized with
`layout.text.copyedit.normalize_issue`): every article's kicker, headline, subhead
and byline, and every body paragraph and in-text subhead, all at 9 pt (the page
template's body size) in the bundled Noto Serif SC (family "Noto Serif CJK SC"; bold for
headlines and subheads), on one page
of the seed page's trim and margins (390 x 545 mm) in 8 columns with a 1-em gutter,
justified, `lang: "zh"`, a 2-em first-line indent and the template's line pitch.  Only the
repo's fonts/ folder is given to Typst (`ignore_system_fonts=True`), as paiban only
uses its bundled fonts.

If the text runs over one page in Typst, the page count is reported and a second
document truncated to the first page's worth of text is timed as well ("1st page
only").  If it fits on one page with room to spare (the seed copy does), a second
document that repeats the copy and is cut where Typst's page is full is timed as well
("full page"), so the comparison also holds against a page as full as a newspaper
page (`--no-full-page` skips it).
All generated files go to a temporary directory, never into the repo.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ISSUE = REPO / "issues" / "jiefang-2023-01-06"
FONTS = REPO / "fonts"
FAMILY = "Noto Serif CJK SC"  # family of fonts/NotoSerifSC-{Regular,Bold}.ttf (read from the file below)

# benchmark this checkout's `layout`, installed or not
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO]
sys.path.insert(0, str(REPO))


def font_family(path: Path) -> str:
    """The family name Typst knows the font by (typographic family, else family)."""
    try:
        from fontTools.ttLib import TTFont

        names = TTFont(path, lazy=True)["name"]
        for name_id in (16, 1):
            rec = names.getName(name_id, 3, 1) or names.getName(name_id, 1, 0)
            if rec:
                return rec.toUnicode()
    except Exception:  # noqa: BLE001 - fall back to the documented name
        pass
    return FAMILY


# ---------------------------------------------------------------- Typst source

def typst_str(text: str) -> str:
    """A Typst string literal (set as-is: no markup is interpreted inside it)."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{out}"'


def issue_pieces() -> tuple[list[tuple[str, str]], object]:
    """The issue's copy as (kind, text) in reading order; kind is 'head', 'byline' or 'body'."""
    from layout.model import load_issue
    from layout.model.schema import BlockKind
    from layout.text.copyedit import normalize_issue

    issue, _ = normalize_issue(load_issue(ISSUE))
    pieces: list[tuple[str, str]] = []
    for article in issue.articles:
        for kind, text in (("head", article.kicker), ("head", article.headline), ("head", article.subhead),
                           ("byline", article.byline)):
            if text:
                pieces.append((kind, text))
        for block in article.blocks:
            kind = "head" if block.kind is BlockKind.SUBHEAD else "body"
            pieces.append((kind, block.text))
    return pieces, issue


def typst_source(pieces: list[tuple[str, str]], template, family: str = FAMILY) -> str:
    """A one-page-per-sheet, 8-column Typst document setting `pieces`."""
    pt = 72 / 25.4
    t = template
    size = t.body_size
    head = [
        f"// generated by benchmarks/bench_build.py from {ISSUE.name}",
        f"#set page(width: {t.trim_width / pt:.1f}mm, height: {t.trim_height / pt:.1f}mm,",
        f"  margin: (top: {t.margin_top / pt:.1f}mm, bottom: {t.margin_bottom / pt:.1f}mm,"
        f" left: {t.margin_left / pt:.1f}mm, right: {t.margin_right / pt:.1f}mm),",
        f"  columns: {t.columns})",
        f"#set columns(gutter: {t.gutter_chars * size}pt)",
        # line box = 1 em (0.88 em above the baseline, 0.12 em below), so leading
        # (line pitch - 1 em) gives the grid's line pitch
        f'#set text(font: "{family}", size: {size}pt, lang: "zh", region: "cn",',
        "  top-edge: 0.88em, bottom-edge: -0.12em)",
        f"#set par(justify: true, leading: {t.line_pitch - size}pt, spacing: {t.line_pitch - size}pt,",
        "  first-line-indent: (amount: 2em, all: true))",
        "",
    ]
    body = []
    for kind, text in pieces:
        if kind == "head":
            body.append(f'#par(first-line-indent: 0em, text(weight: "bold", {typst_str(text)}))')
        elif kind == "byline":
            body.append(f"#par(first-line-indent: 0em, {typst_str(text)})")
        else:
            body.append(f"#par({typst_str(text)})")
    return "\n".join(head + body) + "\n"


def page_count(typ: Path, warnings: list[str] | None = None) -> int:
    import typst

    pages, warns = typst.compile_with_warnings(str(typ), font_paths=[str(FONTS)], ignore_system_fonts=True,
                                               format="svg")
    if warnings is not None:
        warnings.extend(str(w) for w in warns)
    return len(pages) if isinstance(pages, list) else 1


def truncate_to_one_page(pieces, template, family: str, work: Path) -> tuple[list[tuple[str, str]], int]:
    """The longest prefix of the copy (in characters) that Typst sets on one page."""
    lengths = [len(text) for _, text in pieces]
    total = sum(lengths)

    def prefix(n: int):
        out, left = [], n
        for kind, text in pieces:
            if left <= 0:
                break
            out.append((kind, text[:left]))
            left -= len(text)
        return out

    probe = work / "probe.typ"

    def fits(n: int) -> bool:
        probe.write_text(typst_source(prefix(n), template, family), encoding="utf-8")
        return page_count(probe) == 1

    lo, hi = 0, total  # fits(lo) is true, fits(hi) is false
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return prefix(lo), lo


# ---------------------------------------------------------------- timing

def median_of(fn, runs: int) -> tuple[float, list[float]]:
    fn()  # warm-up
    times = [fn() for _ in range(runs)]
    return statistics.median(times), times


def paiban_cold(work: Path):
    counter = iter(range(10**6))

    def run() -> float:
        out = work / f"paiban-out-{next(counter)}"
        cmd = [sys.executable, "-m", "layout", "build", str(ISSUE), "-o", str(out)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(f"paiban build failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
        return elapsed

    return run


def bare_python(work: Path):
    """The floor both cold cases share: starting the interpreter (site, .pth files)."""

    def run() -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], cwd=work, check=True)
        return time.perf_counter() - t0

    return run


def paiban_warm(work: Path):
    from layout.build import build

    counter = iter(range(10**6))

    def run() -> float:
        out = work / f"paiban-warm-{next(counter)}"
        t0 = time.perf_counter()
        build(ISSUE, out)
        return time.perf_counter() - t0

    return run


TYPST_CHILD = """
import json, sys, time
t0 = time.perf_counter()
import typst
t1 = time.perf_counter()
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], ignore_system_fonts=True)
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "compile": t2 - t1}))
"""


def typst_cold(typ: Path, work: Path, inner: list[dict]):
    counter = iter(range(10**6))

    def run() -> float:
        out = work / f"typst-cold-{next(counter)}.pdf"
        cmd = [sys.executable, "-c", TYPST_CHILD, str(typ), str(out), str(FONTS)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(f"typst subprocess failed ({proc.returncode}):\n{proc.stderr}")
        inner.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        return elapsed

    return run


def typst_warm(typ: Path, work: Path, edit: bool = False):
    """typst.compile() in this process.  typst-py keeps Typst's memoization cache
    between calls, so compiling the same source again reuses most of the last layout;
    with `edit`, each run compiles a copy whose every paragraph starts with a different
    character, so the text is reshaped and relaid (the font book stays loaded)."""
    import typst

    src = typ.read_text(encoding="utf-8")
    marks = sorted({ch for ch in src if "\u4e00" <= ch <= "\u9fff"})
    counter = iter(range(10**6))
    out = work / f"{typ.stem}-warm.pdf"

    def run() -> float:
        if edit:
            i = next(counter)
            path = work / f"{typ.stem}-edit-{i}.typ"
            path.write_text(src.replace('#par("', f'#par("{marks[i % len(marks)]}'), encoding="utf-8")
        else:
            path = typ
        t0 = time.perf_counter()
        typst.compile(str(path), output=str(out), font_paths=[str(FONTS)], ignore_system_fonts=True)
        return time.perf_counter() - t0

    return run


# ---------------------------------------------------------------- report

def machine_line() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    logical = os.cpu_count()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = logical
    try:
        typst_ver = importlib.metadata.version("typst")
    except importlib.metadata.PackageNotFoundError:
        typst_ver = "not installed"
    return (f"{cpu}, {logical} logical CPUs ({usable} usable), {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, typst (PyPI) {typst_ver}")


def typst_compiler_version(typ: Path) -> str:
    import typst

    try:
        v = typst.eval(str(typ), "sys.version", font_paths=[str(FONTS)], ignore_system_fonts=True)
        return v.strip('"').removeprefix("version(").removesuffix(")").replace(", ", ".")
    except Exception:  # noqa: BLE001 - informational only
        return "?"


def ms(s: float) -> str:
    return f"{s * 1000:8.0f} ms" if s >= 0.1 else f"{s * 1000:8.1f} ms"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs per case, after one warm-up (default 5)")
    ap.add_argument("--keep", action="store_true", help="print and keep the temporary directory")
    ap.add_argument("--no-full-page", action="store_true",
                    help="skip the extra Typst case that repeats the copy to fill one whole page")
    args = ap.parse_args(argv)
    runs = max(1, args.runs)

    try:
        import typst  # noqa: F401
    except ImportError:
        raise SystemExit("the `typst` package is needed: pip install typst  (or pip install -e '.[bench]')")

    work = Path(tempfile.mkdtemp(prefix="paiban-bench-"))
    try:
        pieces, issue = issue_pieces()
        template = issue.pages[0].template
        from layout.model.schema import FontRole

        song = issue.fonts.path(FontRole.SONG)
        if song.parent.resolve() != FONTS:
            print(f"note: the issue's Song font is {song}, not in {FONTS}; Typst uses {FONTS}")
        family = font_family(song) if song.exists() else FAMILY
        chars = sum(len(t) for _, t in pieces)
        full = work / "seed-issue.typ"
        full.write_text(typst_source(pieces, template, family), encoding="utf-8")
        warns: list[str] = []
        pages = page_count(full, warns)
        for w in warns:  # e.g. "unknown font family": the comparison would be meaningless
            print(f"warning from Typst: {w}", file=sys.stderr)

        # (label, .typ, characters): the Typst documents to time
        docs: list[tuple[str, Path, int]] = [(f"typst seed copy ({pages}p)", full, chars)]
        if pages > 1:
            # the statement is about one page: also time the first page's worth
            kept, n = truncate_to_one_page(pieces, template, family, work)
            one = work / "seed-issue-page1.typ"
            one.write_text(typst_source(kept, template, family), encoding="utf-8")
            docs.append(("typst seed copy, 1st page only", one, n))
        elif not args.no_full_page:
            # the copy does not fill Typst's page: also time a full page (copy repeated,
            # cut where the page is full)
            reps = 2
            while True:
                probe = work / "probe-full.typ"
                probe.write_text(typst_source(pieces * reps, template, family), encoding="utf-8")
                if page_count(probe) > 1:
                    break
                reps *= 2
            kept, n = truncate_to_one_page(pieces * reps, template, family, work)
            one = work / "full-page.typ"
            one.write_text(typst_source(kept, template, family), encoding="utf-8")
            docs.append(("typst full page (copy repeated)", one, n))

        print("machine:", machine_line())
        print(f"Typst compiler {typst_compiler_version(full)}; font \"{family}\"; "
              f"runs: median of {runs} after 1 warm-up")
        print(f"seed copy: {len(pieces)} paragraphs/headings, {chars} characters; "
              f"Typst sets it on {pages} page{'s' if pages != 1 else ''}")
        for label, typ, n in docs[1:]:
            print(f"{label}: {n} characters")
        if args.keep:
            for label, typ, n in docs:
                print(f"typst source ({label}): {typ}")
        print()

        rows: list[tuple[str, float, list[float]]] = []
        rows.append(("python -c pass (interpreter start)", *median_of(bare_python(work), runs)))
        rows.append(("paiban build, cold subprocess", *median_of(paiban_cold(work), runs)))
        rows.append(("paiban build(), warm in-process", *median_of(paiban_warm(work), runs)))
        inner: dict[str, list[dict]] = {}
        for label, typ, _ in docs:
            inner[label] = []
            rows.append((f"{label}, cold subprocess", *median_of(typst_cold(typ, work, inner[label]), runs)))
            first = [d["compile"] for d in inner[label][1:]]  # drop the warm-up
            rows.append((f"{label}, in-process, 1st call", statistics.median(first), first))
            rows.append((f"{label}, in-process, edited", *median_of(typst_warm(typ, work, edit=True), runs)))
            rows.append((f"{label}, in-process, same src", *median_of(typst_warm(typ, work), runs)))

        width = max(len(r[0]) for r in rows)
        print(f"{'case':<{width}}  {'median':>11}  {'min':>11}  {'max':>11}")
        for name, med_s, times in rows:
            print(f"{name:<{width}}  {ms(med_s)}  {ms(min(times))}  {ms(max(times))}")
        print()
        imports = [d["import"] for runs_inner in inner.values() for d in runs_inner[1:]]
        print(f"(in the cold Typst subprocesses, `import typst` took {ms(statistics.median(imports)).strip()} "
              "(median); '1st call' is the first typst.compile() there: font loading + layout + PDF)")

        med = {name: m for name, m, _ in rows}
        ours = med["paiban build, cold subprocess"]
        warm = med["paiban build(), warm in-process"]
        print()
        print("ratios, paiban cold build / Typst:")
        hows = ("cold subprocess", "in-process, 1st call", "in-process, edited", "in-process, same src")
        lw = max(len(label) for label, _, _ in docs) + max(len(h) for h in hows) + 2
        for label, _, _ in docs:
            for how in hows:
                key = f"{label}, {how}"
                print(f"  {key:<{lw}}  {ours / med[key]:6.2f}")
        one_page = docs[1][0] if pages > 1 else docs[0][0]
        target = med[f"{one_page}, cold subprocess"]
        verdict = "met" if ours <= target else f"NOT met: {ours / target:.1f}x slower"
        print(f"target 'whole seed build no slower than Typst's single page' (cold vs cold, {one_page}): "
              f"{verdict}")
        print("ratios, paiban warm in-process build / Typst in-process:")
        for label, _, _ in docs:
            for how in hows[2:]:
                key = f"{label}, {how}"
                print(f"  {key:<{lw}}  {warm / med[key]:6.2f}")
    finally:
        if args.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
