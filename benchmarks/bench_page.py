"""Benchmark: the per-page work of a build on one composed page — drawing with ReportLab,
PDF/X finishing with pikepdf, analytic ink, preflight of the finished file — and the
whole of `layout.render.jobs.run_page` (photos from the cache, the file written and
hashed besides).

    python benchmarks/bench_page.py [ISSUE_FOLDER] [--runs 9] [--profile]

The issue (default: the seed) is composed once and its fonts registered, as a page
worker has them; two warm-up runs, then the median CPU time (`time.process_time`) of
each stage over the runs. `--profile` adds a cProfile of one `run_page`. Target on
this machine: ≤ 0.15 s CPU per page. Not a test: the machine is shared and noisy;
compare runs made together.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "issues" / "jiefang-2023-01-06"


def _cpu(run: Callable[[], object]) -> tuple[object, float]:
    start = time.process_time()
    result = run()
    return result, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("issue", nargs="?", type=Path, default=SEED)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    from layout.build import OutputOptions, page_task
    from layout.compose.issue import compose_issue
    from layout.model import load_issue
    from layout.preflight import preflight_file
    from layout.render import jobs
    from layout.render.fonts import register_fonts
    from layout.render.pdf import RenderJob, render_pdf, roles_used
    from layout.render.pdfx import PdfxSpec, finish_pdfx
    from layout.text.config import TextConfig
    from layout.text.copyedit import normalize_issue
    from layout.text.metrics import MetricsSet

    issue, _changes = normalize_issue(load_issue(args.issue))
    composed = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting))
    options = OutputOptions()
    task = page_task(issue, composed[0], options)
    register_fonts(issue.fonts, set(roles_used(task.page, False)), options.cache_folder())
    folder = Path(tempfile.mkdtemp(prefix="paiban-bench-page-"))
    photos = jobs._photos(task)
    job = RenderJob(task.fonts, photos, task.colour, task.boxes, task.title, task.date, task.slug, task.cache)
    spec = PdfxSpec(task.pdfx, task.title, task.date, task.document, task.version, task.boxes, task.modified)
    times: dict[str, list[float]] = {k: [] for k in ("draw", "finish", "ink", "preflight", "run_page")}
    for _ in range(args.runs + 2):
        raw, t_draw = _cpu(lambda: render_pdf(task.page, job))
        data, t_finish = _cpu(lambda raw=raw: finish_pdfx(raw, spec))
        path = folder / task.name
        path.write_bytes(data)
        inks, t_ink = _cpu(lambda: jobs._inks(task, photos))
        report, t_check = _cpu(lambda path=path, inks=inks: preflight_file(path, task.preflight, task.name, inks))
        _record, t_page = _cpu(lambda: jobs.run_page(task, folder))
        for key, value in zip(times, (t_draw, t_finish, t_ink, t_check, t_page)):
            times[key].append(value)
    print(f"{args.issue.name}, page {task.name}: {len(data):,} bytes, preflight "
          f"{'passed' if report.passed else 'FAILED'}; CPU medians over {args.runs} runs")
    for key, values in times.items():
        print(f"  {key:10s} {statistics.median(values[2:]) * 1000:7.1f} ms")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        jobs.run_page(task, folder)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
