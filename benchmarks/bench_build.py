"""Benchmark: paiban builds against Typst setting the same text, in one run, alternated.

    python benchmarks/bench_build.py [--runs N] [--pages 32] [--keep]

Cases (each run goes through every case in turn, so a noisy moment of the shared
machine hits all of them alike; medians of N runs after one warm-up round):

* `python -c pass`: the floor under every cold case;
* paiban seed, cold: `python -m layout build issues/jiefang-2023-01-06 -o TMP`, a fresh
  process (interpreter, imports, fonts, the whole build, files written and switched in);
* Typst seed, cold: a fresh `python -c "import typst; typst.compile(...)"` of the same copy
  on one page of the same trim, 8 columns, the bundled Noto Serif SC;
* paiban N pages, cold, and Typst N pages, cold: a generated N-page issue (the seed
  page N times, each page its own articles and body files) and N pages of the same copy;
* paiban warm rebuild of one page: `layout.build.Builder` in this process, the N-page
  issue built once, then one page's body file edited and the issue built again (only
  that page is composed and drawn again: the others come from the process's memo of
  composed pages, layout/compose/memo.py, and the Builder's page cache), the same page
  each run; and "a page's first edit": each run another page, edited for the first time
  since the cold build (its paragraphs and font subsets not yet remembered here);
* text engine: 10,000 characters of the seed's body broken and justified
  (`layout.text.paragraph.set_paragraph` at the broadsheet measure).

It prints medians, min and max of the wall time, the median CPU time (user + system of
the process and its workers: less disturbed than the wall time when others load the
machine), the ratios to Typst, the peak memory of the cold builds (largest resident set
of the build process and of its page workers), the load average before and after, and a
per-stage breakdown of one in-process cold build of each issue. Writes only to a
temporary folder, Python's compiled bytecode too: the cold processes compile this
checkout's modules in the warm-up round and load them compiled afterwards, as an
installed paiban does (even where PYTHONDONTWRITEBYTECODE is set, as on some CI
machines: recompiling every module on every run is not what a user's machine does).
"""

from __future__ import annotations

import argparse
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
SEED = REPO / "issues" / "jiefang-2023-01-06"
FONTS = REPO / "fonts"
FAMILY = "Noto Serif CJK SC"
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO]
sys.path.insert(0, str(REPO))  # benchmark this checkout's `layout`


# ------------------------------------------------------------ the N-page issue

def make_issue(pages: int, work: Path) -> Path:
    """The seed page `pages` times: page i holds copies of the seed's articles with ids
    `…-pI` and body files of their own (so an edit touches one page). From page 2 on,
    the body files' ideographs are permuted (`varied`), so that no paragraph repeats from
    one page to the next — a real issue's copy does not, and paiban's memos keyed by
    content must not hit across pages here — while every line keeps its widths (each
    ideograph is one em) and every character its glyph."""
    import yaml

    ideographs = sorted({ch for f in sorted((SEED / "articles").glob("*.md"))
                         for ch in f.read_text(encoding="utf-8") if "\u4e00" <= ch <= "\u9fff"})

    folder = work / f"issue-{pages}"
    shutil.copytree(SEED, folder)
    spec = yaml.safe_load((SEED / "issue.yaml").read_text(encoding="utf-8"))
    seed_page, seed_articles = spec["pages"][0], spec["articles"]
    spec["pages"], spec["articles"] = [], []
    for number in range(1, pages + 1):
        spec["pages"].append({**seed_page, "number": number})
        for article in seed_articles:
            copy = {**article, "id": f"{article['id']}-p{number}",
                    "place": {**article["place"], "page": number}}
            if "body" in article:
                body = Path(article["body"])
                target = Path("articles") / f"p{number}" / body.name
                (folder / target).parent.mkdir(parents=True, exist_ok=True)
                text = (SEED / body).read_text(encoding="utf-8")
                (folder / target).write_text(varied(text, ideographs, number - 1), encoding="utf-8")
                copy["body"] = str(target)
            spec["articles"].append(copy)
    (folder / "issue.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def varied(text: str, ideographs: list[str], shift: int) -> str:
    """`text` with each of `ideographs` replaced by the one `shift` × 7 places after it
    (the same text when shift is 0)."""
    if not shift or not ideographs:
        return text
    step = (shift * 7) % len(ideographs) or 1
    return text.translate({ord(ch): ideographs[(i + step) % len(ideographs)] for i, ch in enumerate(ideographs)})


# ------------------------------------------------------------ the Typst document

def typst_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def typst_source(folder: Path) -> str:
    """The copy of the issue in `folder` (every headline, byline and paragraph, as paiban
    normalizes it), each page's after a page break, on pages of the seed's trim, margins
    and 8 columns, 9 pt on its line pitch."""
    from layout.model import load_issue
    from layout.model.schema import BlockKind
    from layout.text.copyedit import normalize_issue

    issue, _ = normalize_issue(load_issue(folder))
    t, pt = issue.pages[0].template, 72 / 25.4
    size = t.body_size
    head = [f"#set page(width: {t.trim_width / pt:.1f}mm, height: {t.trim_height / pt:.1f}mm, "
            f"margin: (top: {t.margin_top / pt:.1f}mm, bottom: {t.margin_bottom / pt:.1f}mm, "
            f"left: {t.margin_left / pt:.1f}mm, right: {t.margin_right / pt:.1f}mm), columns: {t.columns})",
            f"#set columns(gutter: {t.gutter_chars * size}pt)",
            f'#set text(font: "{FAMILY}", size: {size}pt, lang: "zh", region: "cn", top-edge: 0.88em, '
            "bottom-edge: -0.12em)",
            f"#set par(justify: true, leading: {t.line_pitch - size}pt, spacing: {t.line_pitch - size}pt, "
            "first-line-indent: (amount: 2em, all: true))"]
    pages: dict[int, list[str]] = {}
    for article in issue.articles:
        body = pages.setdefault(article.placement.page, [])
        for text in (article.kicker, article.headline, article.subhead):
            if text:
                body.append(f'#par(first-line-indent: 0em, text(weight: "bold", {typst_str(text)}))')
        if article.byline:
            body.append(f"#par(first-line-indent: 0em, {typst_str(article.byline)})")
        for block in article.blocks:
            body.append(f'#par(text(weight: "bold", {typst_str(block.text)}))' if block.kind is BlockKind.SUBHEAD
                        else f"#par({typst_str(block.text)})")
    return "\n".join(head) + "\n" + "\n#pagebreak()\n".join("\n".join(pages[n]) for n in sorted(pages)) + "\n"


# ------------------------------------------------------------ cases

Timing = tuple[float, int, float]  # (wall seconds, peak resident KiB or 0, CPU seconds)


def timed_process(command: list[str], env: dict | None = None) -> Timing:
    """Wall time of `command`, the largest resident set (KiB) of it or any process it
    waited for, and the CPU time (user + system) of all of them, measured by a small
    wrapper process."""
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); "
               "w = time.perf_counter() - t; sys.stderr.write(r.stderr.decode()[-2000:] if r.returncode else ''); "
               "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(w, u.ru_maxrss, u.ru_utime + u.ru_stime, r.returncode)")
    done = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True, env=env)
    wall, rss, cpu, code = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return float(wall), int(rss), float(cpu)


def in_process(run) -> Timing:
    """Wall and CPU time of `run()` in this process (no memory figure)."""
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - start, 0, time.process_time() - cpu


def cases(work: Path, pages: int, issue: Path) -> dict:
    """name → a function running the case once and returning its Timing."""
    env = {**os.environ, "PAIBAN_CACHE": str(work / "cache"), "PYTHONPATH": str(REPO),
           "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    typ1, typn = work / "seed.typ", work / f"pages-{pages}.typ"
    typ1.write_text(typst_source(SEED), encoding="utf-8")
    typn.write_text(typst_source(issue), encoding="utf-8")
    count = iter(range(10**6))

    def paiban(folder: Path):
        return lambda: timed_process([sys.executable, "-m", "layout", "build", str(folder), "-o",
                                      str(work / f"out-{next(count)}")], env)

    def typst(source: Path):
        code = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], "
                "ignore_system_fonts=True)")
        return lambda: timed_process([sys.executable, "-c", code, str(source), str(work / f"t-{next(count)}.pdf"),
                                      str(FONTS)])

    again, first = warm_rebuilds(issue, work)
    return {"python -c pass": lambda: timed_process([sys.executable, "-c", "pass"]),
            "paiban seed, cold": paiban(SEED), "Typst seed, cold": typst(typ1),
            f"paiban {pages} pages, cold": paiban(issue), f"Typst {pages} pages, cold": typst(typn),
            "paiban warm rebuild of 1 page": again, "warm, a page's first edit": first,
            "text engine, 10,000 chars": text_engine()}


def warm_rebuilds(issue: Path, work: Path):
    """One Builder: the issue built once, then (run functions) one page's body edited and
    the issue built again — the same page every run (its paragraphs and font subsets
    remembered from its last edit), and each run a page not edited before (the first
    edit of a page after the cold build, whose page the workers had made)."""
    from layout.build import Builder

    builder = Builder(issue)
    builder.build(work / "warm")
    folders = sorted((issue / "articles").glob("p*"), key=lambda f: int(f.name[1:]))
    again = folders[min(6, len(folders) - 1)]
    fresh = iter([f for f in folders if f != again] * 1000)
    edits = iter(range(10**6))

    def edit(folder: Path):
        body = sorted(folder.glob("*.md"))[0]
        text = body.read_text(encoding="utf-8")
        body.write_text(text.replace("。", f"{'一二三四五六七八九'[next(edits) % 9]}。", 1), encoding="utf-8")
        timing = in_process(lambda: builder.build(work / "warm"))
        assert len(builder.redrawn) == 1, builder.redrawn
        return timing

    return (lambda: edit(again)), (lambda: edit(next(fresh)))


def text_engine():
    """10,000 characters of the seed's body broken and justified at the broadsheet
    measure, as benchmarks/bench_text.py does it (font loading outside the timing)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_text import corpus

    from layout.model import load_issue
    from layout.model.schema import FontRole
    from layout.text.atoms import Span
    from layout.text.config import TextConfig
    from layout.text.metrics import MetricsSet
    from layout.text.paragraph import ParagraphStyle, set_paragraph

    metrics = MetricsSet.for_fonts(load_issue(SEED).fonts)
    paragraphs = corpus(10_000)
    style, config = ParagraphStyle(size=9.0, width=13 * 9.0), TextConfig()

    def run():
        return in_process(lambda: [set_paragraph((Span(p, FontRole.SONG),), style, metrics, config)
                                   for p in paragraphs])

    return run


# ------------------------------------------------------------ stages

def stages(folder: Path, work: Path) -> dict[str, float]:
    """Seconds per stage of one in-process build (fresh output folder; this process has
    imported everything and parsed the fonts before). The process's memo of composed
    pages is emptied first, so the pages are composed as in a cold build."""
    import layout.build as build_module
    from layout.compose.memo import MEMO

    MEMO.clear()

    spent: dict[str, float] = {}

    def timing(label, fn):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start
        return wrapper

    saved = {}
    for label, name in (("model: load_issue", "load_issue"), ("text: normalize_issue", "normalize_issue"),
                        ("text: check_coverage", "check_coverage"),
                        ("pages: compose, draw, finish, preflight (workers)", "make_pages"),
                        ("issue PDF", "_write_issue_files")):
        saved[name] = getattr(build_module, name)
        setattr(build_module, name, timing(label, saved[name]))
    commit = build_module.OutputFolder.commit
    build_module.OutputFolder.commit = timing("switch the folder in", commit)
    start = time.perf_counter()
    try:
        build_module.build(folder, work / f"stages-{folder.name}")
    finally:
        for name, fn in saved.items():
            setattr(build_module, name, fn)
        build_module.OutputFolder.commit = commit
    spent["whole build()"] = time.perf_counter() - start
    return spent


# ------------------------------------------------------------ report

def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=32)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print it")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="paiban-bench-"))
    load_before = os.getloadavg()[0]
    try:
        issue = make_issue(args.pages, work)
        runs = cases(work, args.pages, issue)
        times: dict[str, list[float]] = {name: [] for name in runs}
        cpus: dict[str, list[float]] = {name: [] for name in runs}
        peaks: dict[str, int] = dict.fromkeys(runs, 0)
        for round_ in range(args.runs + 1):          # round 0 warms up (caches, bytecode, page cache of the OS)
            for name, run in runs.items():
                seconds, peak, cpu = run()
                if round_:
                    times[name].append(seconds)
                    cpus[name].append(cpu)
                    peaks[name] = max(peaks[name], peak)
        print(f"machine: {machine()}; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} at the end; "
              f"{args.runs} runs\n")
        print(f"{'case':36} {'median':>9} {'min':>9} {'max':>9} {'CPU':>9} {'peak RSS':>10}")
        for name, values in times.items():
            peak = f"{peaks[name] / 1024:.0f} MiB" if peaks[name] else ""
            print(f"{name:36} {statistics.median(values):9.3f} {min(values):9.3f} {max(values):9.3f} "
                  f"{statistics.median(cpus[name]):9.3f} {peak:>10}")
        print()
        for label, ours, theirs in (("seed", "paiban seed, cold", "Typst seed, cold"),
                                    (f"{args.pages} pages", f"paiban {args.pages} pages, cold",
                                     f"Typst {args.pages} pages, cold")):
            wall, cpu = (statistics.median(d[ours]) / statistics.median(d[theirs]) for d in (times, cpus))
            print(f"ratio {label}, paiban / Typst cold: {wall:.2f}× wall, {cpu:.2f}× CPU")
        for folder in (SEED, issue):
            print(f"\nstages, in-process build of {folder.name}:")
            for label, seconds in stages(folder, work).items():
                print(f"  {label:38} {seconds:7.3f} s")
        if args.keep:
            print(f"\nkept: {work}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
