"""Hostile emails and documents (issue 18): how many cases are refused, and the worst time and
peak memory (tracemalloc) of a refusal. Run from the repository root:

    python -m benchmarks.hostile_documents

The corpus is the one ``tests/core/test_hostile_documents.py`` builds at test time.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crmdesk.core.errors import CrmdeskError  # noqa: E402
from tests.core.test_hostile_documents import hostile_corpus, measured, readers  # noqa: E402


def main() -> None:
    tried = refused = 0
    worst_time = (0.0, "")
    worst_peak = (0, "")
    total_bytes = 0
    with tempfile.TemporaryDirectory() as folder:
        for label, name, data in hostile_corpus():
            path = Path(folder) / name
            path.write_bytes(data)
            total_bytes += len(data)
            for reader, read in readers(name):
                outcome, elapsed, peak = measured(read, path)
                tried += 1
                ok = isinstance(outcome, CrmdeskError)
                refused += ok
                case = f"{label} ({reader}, {len(data):,} bytes)"
                if not ok:
                    print(f"ACCEPTED: {case}")
                worst_time = max(worst_time, (elapsed, case))
                worst_peak = max(worst_peak, (peak, case))
    print(f"corpus: {total_bytes / 2**20:.1f} MB in files")
    print(f"cases tried: {tried}, refused: {refused}")
    print(f"worst time of a refusal: {worst_time[0]:.3f} s — {worst_time[1]}")
    print(f"worst peak memory of a refusal: {worst_peak[0] / 2**20:.1f} MB — {worst_peak[1]}")


if __name__ == "__main__":
    main()
