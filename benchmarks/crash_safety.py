"""Crash safety, at length: the SIGKILL loop of tests/core/test_crash_safety.py, N times.

A writer process does every kind of write through the core services (campaign create, edit,
reschedule and delete, brief versions, checklist ticks, BAT and stats imports, a client edit)
and is killed with SIGKILL 50-400 ms after it starts writing, N times on one workspace file;
after each kill the file must pass ``PRAGMA integrity_check``, open with ``Workspace.open`` and
hold every write the writer confirmed. Prints the runs, integrity failures, lost confirmed
writes and the time; exits 1 if anything failed. Works in a temporary folder: no workspace
of yours is touched.

    python3 benchmarks/crash_safety.py [--runs 300] [--seed SEED]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300, help="how many SIGKILLs (300)")
    parser.add_argument("--seed", type=int, default=None, help="the seed (the test's default)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crmdesk-crash-") as folder:
        scratch = Path(folder)
        os.environ["CRMDESK_DATA_DIR"] = str(scratch / "userdata")  # the writers inherit it

        from crmdesk.core.db import Workspace
        from tests.core.test_crash_safety import DEFAULT_SEED, crash_runs

        path = scratch / "workspace.sqlite"
        Workspace.open(path).close()
        seed = DEFAULT_SEED if args.seed is None else args.seed
        summary = crash_runs(path, seed, args.runs, scratch)
        size = path.stat().st_size
    print(summary.line())
    print(f"workspace grew to {size / 1024:.0f} KiB; {summary.seconds / summary.runs:.2f} s a kill")
    for problem in summary.problems[:20]:
        print(problem)
    return 1 if summary.problems else 0


if __name__ == "__main__":
    sys.exit(main())
