"""Time the text engine alone: break and justify 10,000 characters of the seed's body
text (issue 10 item 5's target: at most 100 ms on one core), and what headline word
breaks cost (layout.text.segment, jieba's dictionary).

    python benchmarks/bench_text.py [--runs N] [--chars N]

The paragraphs of the seed issue's articles are normalized, then repeated in order until
`--chars` characters are reached; each run sets every paragraph at the broadsheet
measure (13 characters of 9 pt) with the bundled Noto Serif SC metrics. Font loading is
outside the timing (it is cached per process); the median and minimum of N runs are
reported, with the share of each step (atoms, line breaking, justification). Then, in
fresh processes (imports not counted): a cold `phrase_breaks` (dictionary built into an
empty cache folder, then read back from it) and `import jieba` for comparison.

Recorded on this machine (Intel Xeon, 2 vCPUs shared with other jobs, Python 3.11.7,
2026-12-02): break + justify 10,000 characters median ≈ 70–95 ms (min ≈ 62 ms) when
the machine is quiet; under full load from other jobs the median rises to 110–130 ms.
Headline word breaks: the dictionary built once ≈ 0.5 s (then cached by content),
read back ≈ 20–40 ms, a headline segmented in < 1 ms; `import jieba` alone ≈ 0.3–0.9 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layout.model import load_issue  # noqa: E402
from layout.model.schema import BlockKind, FontRole  # noqa: E402
from layout.text.atoms import Span, make_atoms  # noqa: E402
from layout.text.config import TextConfig  # noqa: E402
from layout.text.copyedit import normalize_issue  # noqa: E402
from layout.text.linebreak import Measure, break_lines  # noqa: E402
from layout.text.metrics import MetricsSet  # noqa: E402
from layout.text.paragraph import ParagraphStyle, set_paragraph  # noqa: E402

COLD_SEGMENT = ("import time\n"
                "from layout.text.segment import phrase_breaks\n"
                "t = time.perf_counter()\n"
                "phrase_breaks('新华街道丰源社区获评全省第一批“双治理”创新实验点')  # 丰源: the HMM too\n"
                "print(time.perf_counter() - t)\n")


def corpus(chars: int) -> list[str]:
    issue, _ = normalize_issue(load_issue(ROOT / "issues" / "jiefang-2023-01-06"))
    paragraphs = [b.text for a in issue.articles for b in a.blocks if b.kind is BlockKind.PARAGRAPH]
    out: list[str] = []
    total = 0
    while total < chars:
        for p in paragraphs:
            out.append(p[: chars - total])
            total += len(out[-1])
            if total >= chars:
                break
    return out


def cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def timed(fn, runs: int, clock=time.perf_counter) -> list[float]:
    """Milliseconds of each of `runs` calls after one warm-up call."""
    fn()
    out = []
    for _ in range(runs):
        start = clock()
        fn()
        out.append((clock() - start) * 1000)
    return out


def cold(code: str, cache: str) -> float:
    """Seconds a fresh interpreter takes to run `code` with the cache folder `cache`."""
    env = {**os.environ, "PAIBAN_CACHE": cache}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            check=True)
    return float(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--chars", type=int, default=10_000)
    args = parser.parse_args()
    issue = load_issue(ROOT / "issues" / "jiefang-2023-01-06")
    metrics = MetricsSet.for_fonts(issue.fonts)
    paragraphs = corpus(args.chars)
    size, config = 9.0, TextConfig()
    style = ParagraphStyle(size=size, width=13 * size)
    spans = [(Span(p, FontRole.SONG),) for p in paragraphs]
    lines = sum(len(set_paragraph(s, style, metrics, config)) for s in spans)
    whole = timed(lambda: [set_paragraph(s, style, metrics, config) for s in spans], args.runs)
    made = [make_atoms(s, size, metrics, config) for s in spans]
    atoms = timed(lambda: [make_atoms(s, size, metrics, config) for s in spans], args.runs)
    measure = Measure(11 * size, 13 * size)
    breaking = timed(lambda: [break_lines(a.atoms, a.gaps, measure, size, config) for a in made], args.runs)
    cpu_time = timed(lambda: [set_paragraph(s, style, metrics, config) for s in spans], args.runs, time.process_time)
    median = statistics.median(whole)
    print(f"machine: {cpu()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} (other jobs slow every figure down)")
    print(f"{sum(map(len, paragraphs))} characters, {len(paragraphs)} paragraphs, {lines} lines")
    print(f"break + justify: median {median:.1f} ms, min {min(whole):.1f} ms over {args.runs} runs "
          f"({'meets' if median <= 100 else 'misses'} the 100 ms target); CPU time median "
          f"{statistics.median(cpu_time):.1f} ms, min {min(cpu_time):.1f} ms")
    print(f"  of which atoms {statistics.median(atoms):.1f} ms, line breaking {statistics.median(breaking):.1f} ms, "
          f"justification and the rest {median - statistics.median(atoms) - statistics.median(breaking):.1f} ms")
    with tempfile.TemporaryDirectory(prefix="paiban-bench-") as cache:
        built, read = cold(COLD_SEGMENT, cache), cold(COLD_SEGMENT, cache)
    jieba = cold("import time; t = time.perf_counter()\nimport jieba\nprint(time.perf_counter() - t)\n", cache)
    print(f"headline word breaks, cold: {built * 1000:.0f} ms building jieba's dictionary into an empty cache, "
          f"{read * 1000:.0f} ms reading it back; `import jieba` alone {jieba * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
