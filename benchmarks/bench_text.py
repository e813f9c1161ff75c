"""Time the text engine alone: break and justify 10,000 characters of the seed's body
text (issue 3's target: at most 100 ms on one core).

    python benchmarks/bench_text.py [--runs N] [--chars N]

The paragraphs of the seed issue's articles are normalized, then repeated in order until
`--chars` characters are reached; each run sets every paragraph at the broadsheet
measure (13 characters of 9 pt) with the bundled Noto Serif SC metrics. Font loading is
outside the timing (it is cached per process); the median of N runs is reported.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layout.model import load_issue  # noqa: E402
from layout.model.schema import BlockKind, FontRole  # noqa: E402
from layout.text.atoms import Span  # noqa: E402
from layout.text.config import TextConfig  # noqa: E402
from layout.text.copyedit import normalize_issue  # noqa: E402
from layout.text.metrics import MetricsSet  # noqa: E402
from layout.text.paragraph import ParagraphStyle, set_paragraph  # noqa: E402


def corpus(chars: int) -> list[str]:
    issue, _ = normalize_issue(load_issue(ROOT / "issues" / "jiefang-2023-01-06"))
    paragraphs = [b.text for a in issue.articles for b in a.blocks if b.kind is BlockKind.PARAGRAPH]
    out, total = [], 0
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--chars", type=int, default=10_000)
    args = parser.parse_args()
    issue = load_issue(ROOT / "issues" / "jiefang-2023-01-06")
    metrics = MetricsSet.for_fonts(issue.fonts)
    paragraphs = corpus(args.chars)
    style, config = ParagraphStyle(size=9.0, width=13 * 9.0), TextConfig()
    times, lines = [], 0
    for _ in range(args.runs + 1):
        start = time.perf_counter()
        lines = sum(len(set_paragraph((Span(p, FontRole.SONG),), style, metrics, config)) for p in paragraphs)
        times.append(time.perf_counter() - start)
    median = statistics.median(times[1:]) * 1000
    print(f"machine: {cpu()}, Python {platform.python_version()}")
    print(f"{sum(map(len, paragraphs))} characters, {len(paragraphs)} paragraphs, {lines} lines")
    print(f"break + justify: median {median:.1f} ms, min {min(times[1:]) * 1000:.1f} ms over {args.runs} runs "
          f"({'meets' if median <= 100 else 'misses'} the 100 ms target)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
