"""Two people editing the same campaigns and briefs at once: no update lost (issue 22).

    python benchmarks/concurrency.py --db workspace.sqlite [--edits 200]
    python benchmarks/concurrency.py --db postgresql://user@host/agency [--edits 200]

Two processes each make N edits on a shared set of campaigns and their briefs. An edit loads
the row with its version, waits a moment (a person typing), and saves with the version; when
refused (``StaleEdit``) it reloads and reapplies (``concurrency.merge``, its notes line added
again) until saved. Each process sets its own field (subject or preheader; the brief's key
message or target) and both add a line to the same notes, so the edits meet on the same rows
and the same field. At the end every acknowledged edit is looked for in the final rows: a line
missing from the notes, or a field not holding its process's last acknowledged value, is an
update lost. On a file the workspace's lock lets one writer in at a time (readers beside it);
on a server both write at once.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from dataclasses import replace
from datetime import date
from datetime import time as clock_time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crmdesk.core import (  # noqa: E402
    campaigns,
    clients,
    concurrency,  # noqa: E402
)
from crmdesk.core.briefs import service as briefs  # noqa: E402
from crmdesk.core.db import Workspace  # noqa: E402
from crmdesk.core.errors import WorkspaceLocked  # noqa: E402
from crmdesk.core.paths import location  # noqa: E402

ROWS = 4
#: Per process: the campaign field and the brief field only it sets.
FIELDS = (("subject", "key_message"), ("preheader", "target"))


def _writer(where: Path | str) -> Workspace:
    while True:
        try:
            return Workspace.open(where, create=False)
        except WorkspaceLocked:
            time.sleep(0.002)


class Access:
    """Reading and writing as a person would: on a file, a reader beside the other process's
    writer and the lock taken to save; on a server, one open workspace."""

    def __init__(self, where: Path | str) -> None:
        self.where = where
        self.server = isinstance(where, str)
        self.open = Workspace.open(where) if self.server else None

    def reading(self) -> Any:
        workspace = self.open or Workspace.open(self.where, read_only=True)
        return workspace, workspace.reader()

    def writing(self) -> Any:
        workspace = self.open or _writer(self.where)
        return workspace, workspace.session()

    def done(self, workspace: Workspace) -> None:
        if workspace is not self.open:
            workspace.close()


def _edit_campaign(access: Access, campaign_id: int, who: int, token: str) -> tuple[int, int]:
    """One edit, saved: (refusals, final version)."""
    field = FIELDS[who][0]
    workspace, reading = access.reading()
    with reading as session:
        base, version = campaigns.load_versioned(session, campaign_id)
    access.done(workspace)
    edited = replace(base, **{field: token}, notes=f"{base.notes}\n{token}")
    refused = 0
    while True:
        time.sleep(random.uniform(0, 0.003))  # typing
        try:
            workspace, writing = access.writing()
            try:
                with writing as session:
                    campaigns.update(
                        session, campaign_id, edited, expected_version=version, started_from=base
                    )
                    return refused, concurrency.version_of(session, "campaign", campaign_id)
            finally:
                access.done(workspace)
        except concurrency.StaleEdit:
            refused += 1
            workspace, reading = access.reading()
            with reading as session:
                current, version = campaigns.load_versioned(session, campaign_id)
            access.done(workspace)
            merged = concurrency.merge(base, edited, current).value
            edited = replace(merged, notes=f"{current.notes}\n{token}")
            base = current


def _edit_brief(access: Access, campaign_id: int, who: int, token: str) -> tuple[int, int]:
    field = FIELDS[who][1]
    refused = 0
    while True:
        workspace, reading = access.reading()
        with reading as session:
            state = briefs.load(session, campaign_id)
        access.done(workspace)
        content = replace(state.content, **{field: token}, notes=f"{state.content.notes}\n{token}")
        time.sleep(random.uniform(0, 0.003))
        try:
            workspace, writing = access.writing()
            try:
                with writing as session:
                    outcome = briefs.save(
                        session,
                        campaign_id,
                        content,
                        f"bench-{who}-{token}",
                        expected_version=state.row_version,
                        started_from=state.content,
                    )
                    return refused, outcome.version
            finally:
                access.done(workspace)
        except concurrency.StaleEdit:
            refused += 1


def _person(where: str, data_dir: str, who: int, ids: list[int], edits: int, out: Any) -> None:
    import os

    os.environ["CRMDESK_DATA_DIR"] = data_dir
    random.seed(who)
    access = Access(location(where))
    acknowledged: list[tuple[str, int, str]] = []
    conflicts = retried = 0
    for n in range(edits):
        campaign_id = random.choice(ids)
        token = f"p{who}-{n}"
        kind = "campaign" if n % 2 == 0 else "brief"
        edit = _edit_campaign if kind == "campaign" else _edit_brief
        refused, _version = edit(access, campaign_id, who, token)
        conflicts += refused
        retried += bool(refused)
        acknowledged.append((kind, campaign_id, token))
    if access.open is not None:
        access.open.close()
    out.put((who, edits, conflicts, retried, acknowledged))


def _prepare(where: Path | str) -> list[int]:
    with Workspace.open(where) as workspace, workspace.session() as session:
        client_id, _ = clients.create_client(session, f"Banc d'essai {time.time_ns()}")
        ids = []
        for n in range(ROWS):
            data = campaigns.CampaignInput(
                client_id, f"Campagne {n + 1}", date(2027, 3, 1 + n), clock_time(10)
            )
            campaign_id, _ = campaigns.create(session, data)
            briefs.save(session, campaign_id, briefs.load(session, campaign_id).content, "start")
            ids.append(campaign_id)
    return ids


def _lost(where: Path | str, acknowledged: list[tuple[int, list[tuple[str, int, str]]]]) -> int:
    """Acknowledged edits not in the final rows: a notes line missing, or a field that does not
    hold its process's last acknowledged value."""
    lost = 0
    with Workspace.open(where, read_only=True) as workspace, workspace.reader() as session:
        final: dict[tuple[str, int], Any] = {}
        for _who, done in acknowledged:
            for kind, campaign_id, _token in done:
                if (kind, campaign_id) not in final:
                    final[(kind, campaign_id)] = (
                        campaigns.load(session, campaign_id)
                        if kind == "campaign"
                        else briefs.load(session, campaign_id).content
                    )
    for who, done in acknowledged:
        last: dict[tuple[str, int], str] = {}
        for kind, campaign_id, token in done:
            lost += token not in final[(kind, campaign_id)].notes.split("\n")
            last[(kind, campaign_id)] = token
        for (kind, campaign_id), token in last.items():
            field = FIELDS[who][0 if kind == "campaign" else 1]
            lost += getattr(final[(kind, campaign_id)], field) != token
    return lost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, metavar="URL_OR_FILE")
    parser.add_argument("--edits", type=int, default=200, metavar="N")
    args = parser.parse_args(argv)
    import tempfile

    where = location(args.db)
    data_dir = tempfile.mkdtemp(prefix="crmdesk-bench-")
    import os

    os.environ["CRMDESK_DATA_DIR"] = data_dir
    ids = _prepare(where)
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    started = time.perf_counter()
    people = [
        context.Process(target=_person, args=(args.db, data_dir, who, ids, args.edits, out))
        for who in (0, 1)
    ]
    for person in people:
        person.start()
    results = [out.get() for _ in people]
    for person in people:
        person.join()
    took = time.perf_counter() - started
    tried = sum(r[1] for r in results)
    conflicts = sum(r[2] for r in results)
    retried = sum(r[3] for r in results)
    acknowledged = [(r[0], r[4]) for r in results]
    lost = _lost(where, acknowledged)
    engine = "PostgreSQL" if isinstance(where, str) else "SQLite"
    print(f"engine: {engine}, 2 processes x {args.edits} edits on {ROWS} campaigns and briefs")
    print(f"edits tried:        {tried}")
    print(f"acknowledged:       {sum(len(a) for _, a in acknowledged)}")
    print(f"conflicts detected: {conflicts}")
    print(f"edits retried:      {retried}")
    print(f"updates lost:       {lost}")
    print(f"wall time:          {took:.1f} s")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
