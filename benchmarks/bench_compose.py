"""Benchmark: the compose stage alone (measure + place + check) on a 3-page broadsheet issue
of 20 automatically placed articles made from the seed's copy, and on the seed issue.

    python benchmarks/bench_compose.py [--runs 5]

Prints the median wall and CPU time of `compose_issue` over the runs and the CPU time of
the first run, with the number of modules and holes: in one process, and with one
worker process per core (`workers=None`, as `paiban lint`, `proof` and `epaper` compose,
and as the build composes its pages in its page workers; CPU time then counts the
workers' too). Each run has fresh page memos (a new
Measurer and PageMemo: every page is composed); fonts and metrics are loaded once, as a
build does; the text engine's own caches stay warm after the first run, so the first run
is the cold number. Target on this machine: ≤ 0.5 s for the
3-page issue. Not a test: the machine is shared and noisy; compare runs made together.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "issues" / "jiefang-2023-01-06"


def sentences() -> list[str]:
    out = set()
    for f in sorted((SEED / "articles").glob("*.md")):
        for s in re.split("。", f.read_text(encoding="utf-8")):
            s = s.strip()
            if 8 <= len(s) <= 90 and "#" not in s and "\n" not in s:
                out.add(s + "。")
    return sorted(out)


def make_issue(folder: Path, pages: int = 3, articles: int = 20) -> Path:
    """A deterministic issue: `articles` stories spread over `pages` broadsheet pages,
    the first of each page placed across the top, the rest automatically."""
    rng = random.Random(20230106)
    pool = sentences()
    yaml = ["issue:", "  paper: 基准日报", "  code: BENCH", "  date: 2023-01-06", "  number: 1",
            "  running_number: 1", "  holes: allow", "  qr: {payload: \"https://example.com/b\", lines: [扫一扫]}",
            "pages:"]
    yaml += [f"  - {{number: {n}, section: 版{n}, template: broadsheet}}" for n in range(1, pages + 1)]
    yaml.append("articles:")
    (folder / "articles").mkdir(parents=True)
    per_page = [articles // pages + (1 if i < articles % pages else 0) for i in range(pages)]
    k = 0
    for page, count in enumerate(per_page, start=1):
        for j in range(count):
            paragraphs = ["".join(rng.choice(pool) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(3, 9))]
            (folder / "articles" / f"s{k}.md").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
            place = f"{{page: {page}, column: 1, span: 8}}" if j == 0 else f"{{page: {page}}}"
            yaml += [f"  - id: s{k}", f"    headline: 第{k}篇基准稿件的标题在这里", "    byline: 本报讯（记者 张三）",
                     f"    body: articles/s{k}.md", f"    place: {place}"]
            k += 1
    (folder / "issue.yaml").write_text("\n".join(yaml) + "\n", encoding="utf-8")
    return folder


def time_compose(folder: Path, runs: int, workers: int | None = 1) -> tuple[float, float, float, int, int]:
    from layout.compose import compose_issue
    from layout.compose.memo import PageMemo
    from layout.model import load_issue
    from layout.text.config import TextConfig
    from layout.text.copyedit import normalize_issue
    from layout.text.metrics import MetricsSet

    issue, _ = normalize_issue(load_issue(folder))
    metrics = MetricsSet.for_fonts(issue.fonts)
    times, cpu, results = [], [], ()
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        children = _children_cpu()
        results = compose_issue(issue, metrics, TextConfig.of(issue.typesetting), draft=True, memo=PageMemo(),
                                workers=workers)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu + _children_cpu() - children)
    modules = sum(len(r.modules) for r in results)
    holes = sum(len(r.holes) for r in results)
    return statistics.median(times), cpu[0], statistics.median(cpu), modules, holes


def _children_cpu() -> float:
    """CPU seconds of this process's finished worker processes (user + system)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_issue(Path(tmp) / "bench")
        report("compose, 3 pages, 20 articles", time_compose(folder, args.runs), args.runs)
        report("  the same, one worker per core", time_compose(folder, args.runs, None), args.runs)
    report("compose, seed page", time_compose(SEED, args.runs), args.runs)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


def report(name: str, measured: tuple[float, float, float, int, int], runs: int) -> None:
    wall, first_cpu, cpu, modules, holes = measured
    print(f"{name:31} {wall * 1000:5.0f} ms wall, {cpu * 1000:5.0f} ms CPU (median of {runs}); "
          f"first run {first_cpu * 1000:.0f} ms CPU; {modules} modules, {holes} holes")


if __name__ == "__main__":
    main()
