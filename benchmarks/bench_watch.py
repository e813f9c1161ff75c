"""Time `paiban watch`: from saving an edit to one article of the seed issue to its page
and the proof page being back (issue 6's target: within 0.5 s on this machine).

    python benchmarks/bench_watch.py [--edits N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from proof.test_proof_watch import FIRST_TIME, Watcher, edited_copy, rewrite  # noqa: E402

from layout.proof.build import ProofOptions  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    words = ["假期", "小长假", "三天假期", "假日", "长假", "节日假期", "休假"][: args.edits + 1]
    with tempfile.TemporaryDirectory() as tmp:
        issue = edited_copy(Path(tmp) / "issue", {})
        body = issue / "articles" / "commerce-new-year.md"
        pages, proofs = [], []
        with Watcher(issue, Path(tmp) / "out", ProofOptions(time=FIRST_TIME, live=True)) as watcher:
            watcher.wait(1)
            for run, (before, after) in enumerate(zip(words, words[1:]), start=2):
                import time
                time.sleep(0.2)
                written = rewrite(body, f"元旦{before}", f"元旦{after}")
                reported, event = watcher.wait(run)
                pages.append(event.result.pages_seconds)
                proofs.append(reported - written)
    print(f"{len(pages)} edits: page back in median {statistics.median(pages):.3f} s, "
          f"proof page in median {statistics.median(proofs):.3f} s (target 0.5 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
