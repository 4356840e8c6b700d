"""Hostile tables against every CSV/.xlsx importer: cases tried, refused, worst refusal time
and peak memory (tracemalloc). Run: python benchmarks/hostile_tables.py"""

from __future__ import annotations

import codecs
import random
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from crmdesk.core import clients, contact_import, plan, tabular
from crmdesk.core.db import Workspace
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.stats.imports import read_file

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u202e\x9b\x00"


def cases(rng: random.Random) -> list[tuple[str, str, bytes | list[list[object]]]]:
    made: list[tuple[str, str, bytes | list[list[object]]]] = []
    for size in (1, 100, 4096, 65_536, 1_000_000, 20_000_000):
        made.append((f"random {size} B", ".csv", rng.randbytes(size)))
    rows = ["email,event,timestamp"] + [f"u{i}@x.fr,open,2026-01-09 10:00" for i in range(200_000)]
    rows[150_000] = "u@x.fr,open\x00,2026-01-09 10:00"
    made.append(("activity 200k rows, NUL at line 150001", ".csv", "\n".join(rows).encode()))
    made.append(("header with escapes", ".csv", f"email,{HOSTILE[:-1]}\nx,y\n".encode()))
    made.append(("10 MB header cell", ".csv", b"email," + b"H" * 10_000_000 + b"\nx,y\n"))
    made.append(("utf-16, NUL char", ".csv", "a\tb\n1\t\x00\n".encode("utf-16")))
    made.append(("BOMs everywhere", ".csv", codecs.BOM_UTF8 * 3 + b"a,b\r1,2\n\r\n"))
    made.append(("ragged 50k cols", ".csv", b",".join([b"x"] * 50_000) + b"\n1\n"))
    made.append(("zip named csv", ".csv", b"PK\x03\x04" + rng.randbytes(10_000)))
    made.append(("random xlsx", ".xlsx", b"PK\x03\x04" + rng.randbytes(10_000)))
    sheet: list[list[object]] = [["Client", "Campagne", "Nom", "Email", "\u202e" * 3]]
    sheet += [[rng.random(), "A" * 30_000, None, -1, "x"] for _ in range(200)]
    made.append(("xlsx random cells", ".xlsx", sheet))
    return made


def main() -> None:
    rng = random.Random(18)
    tried = refused = 0
    worst_time = worst_peak = 0.0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with Workspace.open(folder / "w.sqlite", create=True) as workspace:
            with workspace.session() as session:
                client_id, _ = clients.create_client(session, "Acme")

            def stats(path: Path) -> object:
                return read_file(path)

            def planned(path: Path) -> object:
                table = tabular.read_table(path)
                with workspace.reader() as s:
                    return plan.preview(s, table, plan.PlanMapping.recognise(table.headers))

            def contacts(path: Path) -> object:
                table = tabular.read_table(path)
                with workspace.reader() as s:
                    return contact_import.preview(s, client_id, table)

            importers: dict[str, Callable[[Path], object]] = {
                "stats": stats,
                "plan": planned,
                "contacts": contacts,
            }
            for label, suffix, content in cases(rng):
                path = folder / f"case{suffix}"
                if isinstance(content, bytes):
                    path.write_bytes(content)
                else:
                    book = Workbook()
                    ws = book.active
                    assert ws is not None
                    for row in content:
                        ws.append(row)
                    book.save(path)
                for importer, run in importers.items():
                    tried += 1
                    tracemalloc.start()
                    started = time.perf_counter()
                    outcome = "result"
                    try:
                        run(path)
                    except CrmdeskError as exc:
                        outcome = "refused: " + exc.message.split("\n")[0][:90]
                    elapsed = time.perf_counter() - started
                    peak = tracemalloc.get_traced_memory()[1] / 1024**2
                    tracemalloc.stop()
                    if outcome != "result":
                        refused += 1
                        worst_time, worst_peak = max(worst_time, elapsed), max(worst_peak, peak)
                    print(f"{label:<40} {importer:<9} {elapsed:6.2f} s {peak:7.1f} MB  {outcome}")
    print(
        f"\n{tried} cases tried, {refused} refused; worst refusal {worst_time:.2f} s, "
        f"worst refusal peak {worst_peak:.1f} MB"
    )


if __name__ == "__main__":
    main()
