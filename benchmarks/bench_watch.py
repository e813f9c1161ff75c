"""Time `paiban watch` and the warm builder: from saving an edit to one article to its
page and the proof page being back (target: a changed page back within 0.3 s).

Three measurements, the load average beside them (this machine is shared: wall time
under load proves little, CPU time says what a run costs):

- *watcher*: `watch` on a thread, as `paiban watch` runs it; from the edit written to
  the page files written (page back) and to index.html written (proof page), wall time;
- *warm run*: the same re-proof called directly with the watcher's state, wall and CPU
  time of the process, and how much of it is composing the issue (the compose stage);
- *warm build*: `layout.build.Builder` on an N-page issue (benchmarks/bench_build.py's:
  the seed page N times), built once, then one page's body file edited and the whole
  set built again, per edit: wall, CPU of this process and CPU of its page workers.

    python benchmarks/bench_watch.py [--edits N] [--pages N] [--only watch|build]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from proof.test_proof_watch import FIRST_TIME, Watcher, edited_copy, rewrite  # noqa: E402

from layout.compose.memo import MEMO  # noqa: E402
from layout.proof.build import ProofOptions, ProofState, composed, proof  # noqa: E402

WORDS = ["假期", "小长假", "三天假期", "假日", "长假", "节日假期", "休假", "元旦节", "新年假期", "年假", "佳节"]


def watcher(edits: int) -> tuple[list[float], list[float]]:
    """Page back and proof page back, s from the edit, per edit (wall)."""
    words = WORDS[: edits + 1]
    with tempfile.TemporaryDirectory() as tmp:
        issue = edited_copy(Path(tmp) / "issue", {})
        body = issue / "articles" / "commerce-new-year.md"
        pages, proofs = [], []
        with Watcher(issue, Path(tmp) / "out", ProofOptions(time=FIRST_TIME, live=True)) as watching:
            watching.wait(1)
            for run, (before, after) in enumerate(zip(words, words[1:]), start=2):
                time.sleep(0.2)
                written = rewrite(body, f"元旦{before}", f"元旦{after}")
                reported, event = watching.wait(run)
                pages.append(event.result.pages_seconds)
                proofs.append(reported - written)
    return pages, proofs


def warm(edits: int) -> list[tuple[float, float, float]]:
    """(wall, CPU, compose wall) s of each warm re-proof after an edit."""
    words = WORDS[: edits + 1]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        issue = edited_copy(Path(tmp) / "issue", {})
        body = issue / "articles" / "commerce-new-year.md"
        options = ProofOptions(time=dt.datetime(2023, 1, 5, 21, 30), live=True)
        state = ProofState()
        proof(issue, Path(tmp) / "out", options, state, tiles=False)
        for before, after in zip(words, words[1:]):
            rewrite(body, f"元旦{before}", f"元旦{after}")
            start, cpu = time.perf_counter(), time.process_time()
            proof(issue, Path(tmp) / "out", options, state, tiles=False)
            wall, used = time.perf_counter() - start, time.process_time() - cpu
            MEMO.clear()  # the compose stage remembers pages by content: time it composing the page anew
            start = time.perf_counter()
            composed(issue)
            out.append((wall, used, time.perf_counter() - start))
        shutil.rmtree(Path(tmp) / "out", ignore_errors=True)
    return out


def warm_build(pages: int, edits: int) -> list[tuple[float, float, float]]:
    """(wall, CPU of this process, CPU of its page workers) s of each warm rebuild of an
    N-page issue after one page's body file is edited."""
    from bench_build import make_issue

    from layout.build import Builder

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PAIBAN_CACHE"] = str(Path(tmp) / "cache")
        issue = make_issue(pages, Path(tmp))
        builder = Builder(issue)
        builder.build(Path(tmp) / "out")
        body = sorted((issue / "articles" / f"p{min(7, pages)}").glob("*.md"))[0]
        original = body.read_text(encoding="utf-8")
        for n in range(edits):
            body.write_text(original.replace("。", f"{'一二三四五六七八九'[n % 9]}。", 1), encoding="utf-8")
            start, cpu, workers = time.perf_counter(), time.process_time(), children_cpu()
            builder.build(Path(tmp) / "out")
            out.append((time.perf_counter() - start, time.process_time() - cpu, children_cpu() - workers))
            assert len(builder.redrawn) == 1, builder.redrawn
    return out


def children_cpu() -> float:
    """User + system CPU s of this process's finished child processes (the page workers)."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--pages", type=int, default=32, help="pages of the warm build's issue (default 32)")
    parser.add_argument("--only", choices=("watch", "build"), help="only the watcher and warm re-proof, or only "
                                                                   "the warm build")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    lines = []
    if args.only != "build":
        pages, proofs = watcher(args.edits)
        runs = warm(args.edits)
        lines.append(f"watcher, {len(pages)} edits: page back in median {statistics.median(pages):.3f} s, "
                     f"proof page in median {statistics.median(proofs):.3f} s (wall)")
        wall, cpu, comp = (statistics.median(r[i] for r in runs) for i in range(3))
        lines.append(f"warm re-proof, {len(runs)} edits: median {wall:.3f} s wall, {cpu:.3f} s CPU; "
                     f"of it load + normalize + compose {comp:.3f} s wall (target: page back within 0.3 s)")
    if args.only != "watch":
        built = warm_build(args.pages, args.edits)
        wall, cpu, workers = (statistics.median(r[i] for r in built) for i in range(3))
        lines.append(f"warm build of {args.pages} pages, {len(built)} edits of one page: median {wall:.3f} s wall, "
                     f"{cpu:.3f} s CPU here + {workers:.3f} s CPU in page workers (target: 0.3 s)")
    print(f"machine: {platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
