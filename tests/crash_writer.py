"""A process that writes into a workspace through the core services, forever, to be SIGKILLed.

``python -m tests.crash_writer DB SEED`` opens the workspace DB as its one writer, prints
``ready <pid>``, then does every kind of write the app does, chosen by a generator seeded with
SEED: campaign create, edit, reschedule and delete, brief versions, checklist ticks, a BAT
import, a stats import and a client edit. Each write is its own transaction
(``with workspace.session()``). Before it starts, the writer prints ``begin <kind> <fields>``
(the write may or may not be committed if the process dies now); once the transaction has
committed, it prints ``ok <kind> <fields>``: the promise the kill test holds the file to. Both
lines are flushed, so what the parent reads is exactly what the writer said before it died.

Every identifier on those lines is free of spaces; campaigns are named ``crash-<SEED>.<n>``,
unique across runs, because SQLite reuses the id of the last row deleted and a name never lies.

``python -m tests.crash_writer --fork-server`` saves the kill test most of its time: it imports
the core once, then for each line ``DB SEED FIFO`` it reads on stdin it forks a writer whose
stdout is the named pipe FIFO, prints ``pid <pid>``, waits for that writer to die and prints
``exit <pid> <status>``. Each writer is still a process of its own, killed with a real SIGKILL;
only the 0.8 s of imports is not paid again at every kill.
"""

from __future__ import annotations

import io
import os
import random
import sys
import tempfile
import uuid
from dataclasses import replace
from datetime import date, timedelta
from datetime import time as dt_time
from pathlib import Path
from typing import TextIO

from sqlalchemy import select

from crmdesk.core import campaigns, checklists, clients
from crmdesk.core.bat import rounds
from crmdesk.core.briefs import service
from crmdesk.core.campaigns import CampaignInput
from crmdesk.core.db import Workspace
from crmdesk.core.models import Campaign, ChecklistItem, ChecklistState, Client
from crmdesk.core.stats import imports

#: The writer's client; the test finds it by this name.
CLIENT_NAME = "Crash-safety client"
CAMPAIGN_PREFIX = "crash-"
#: A kill test rarely lets a writer get this far; a writer run by hand stops here.
MAX_WRITES = 5_000
#: Kinds of write and their weights: the cheap ones often, the heavy imports now and then.
KINDS: dict[str, int] = {
    "create": 3,
    "edit": 3,
    "reschedule": 3,
    "delete": 1,
    "brief": 3,
    "tick": 4,
    "bat": 1,
    "stats": 1,
    "client": 2,
}
#: Ticks a person makes; TODO is left out: the chain may infer a state for a TODO item.
TICKS = (ChecklistState.DONE, ChecklistState.FAILED, ChecklistState.NOT_APPLICABLE)
FIRST_DAY = date(2027, 1, 4)

BAT_HTML = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{subject}</title></head>
<body><table role="presentation" width="600"><tr><td>
<h1>{subject}</h1><p>Bonjour, voici l'offre {token}.</p>
<p><a href="https://www.example.fr/offre?utm_source=crash">Voir l'offre</a></p>
<p><a href="https://www.example.fr/desinscription">Se désinscrire</a></p>
</td></tr></table></body></html>
"""

#: A Mailchimp campaign report (the layout of tests/core/stats/fixtures).
STATS_CSV = """Email Campaign Report
Title:,{name}
Subject Line:,"{subject}"
Delivery Date/Time:,"{sent_at}"

Overall Stats
Total Recipients:,{sent}
Successful Deliveries:,{delivered}
Bounces:,{bounces}
Times Forwarded:,0
Forwarded Opens:,0
Recipients Who Opened:,{opened}
Open Rate:,30.00%
Total Opens:,{opened}
Recipients Who Clicked:,{clicked}
Click-Through Rate:,4.00%
Total Clicks:,{clicked}
Total Unsubs:,3
Total Abuse Complaints:,0
"""


class Writer:
    """The loop and its state: the client and the campaigns it writes into, re-read at start
    so a writer carries on from whatever the killed one left committed."""

    def __init__(self, workspace: Workspace, seed: int, out: TextIO) -> None:
        self.workspace = workspace
        self.seed = seed
        self.rng = random.Random(seed)
        self.out = out
        self.count = 0
        self.folder = workspace.path.parent
        self.client_id: int | None = None
        self.live: dict[int, str] = {}  # campaign id -> name
        with workspace.reader() as session:
            self.client_id = session.scalar(select(Client.id).where(Client.name == CLIENT_NAME))
            if self.client_id is not None:
                rows = session.execute(
                    select(Campaign.id, Campaign.name).where(Campaign.client_id == self.client_id)
                )
                self.live = {cid: name for cid, name in rows}

    def say(self, *fields: object) -> None:
        self.out.write(" ".join(str(f) for f in fields) + "\n")
        self.out.flush()

    def token(self) -> str:
        self.count += 1
        return f"{self.seed}.{self.count}"

    def run(self) -> None:
        self.say("ready", os.getpid())
        self.ensure_client()
        kinds, weights = list(KINDS), list(KINDS.values())
        for _ in range(MAX_WRITES):
            kind = self.rng.choices(kinds, weights)[0]
            if len(self.live) < 3 or (kind == "delete" and len(self.live) < 6):
                kind = "create"
            getattr(self, f"write_{kind}")()
        self.say("done")

    def ensure_client(self) -> None:
        if self.client_id is None:
            self.say("begin", "newclient", "-", "-")
            with self.workspace.session() as session:
                self.client_id, _ = clients.create_client(session, CLIENT_NAME, pressure_cap=9)
            self.say("ok", "newclient", self.client_id, "-")

    def warm_up(self) -> None:
        """Every kind of write once, so the lazy imports and caches are loaded."""
        self.ensure_client()
        for _ in range(3):
            self.write_create()
        for kind in KINDS:
            getattr(self, f"write_{kind}")()

    def pick(self) -> tuple[int, str]:
        campaign_id = self.rng.choice(sorted(self.live))
        return campaign_id, self.live[campaign_id]

    # -- the writes: "begin", one transaction, "ok" --------------------------------------------

    def write_create(self) -> None:
        assert self.client_id is not None
        name = f"{CAMPAIGN_PREFIX}{self.token()}"
        day = FIRST_DAY + timedelta(days=self.rng.randrange(300))
        self.say("begin", "create", "-", name)
        data = CampaignInput(
            client_id=self.client_id,
            name=name,
            send_date=day,
            send_time=dt_time(9, 30),
            subject=f"Objet-{name}",
        )
        with self.workspace.session() as session:
            campaign_id, _ = campaigns.create(session, data)
        self.say("ok", "create", campaign_id, name, data.subject, day.isoformat())
        self.live[campaign_id] = name

    def write_edit(self) -> None:
        campaign_id, name = self.pick()
        subject = f"Objet-{self.token()}"
        self.say("begin", "edit", campaign_id, name, subject)
        with self.workspace.session() as session:
            data = campaigns.load(session, campaign_id)
            campaigns.update(session, campaign_id, replace(data, subject=subject))
        self.say("ok", "edit", campaign_id, name, subject)

    def write_reschedule(self) -> None:
        campaign_id, name = self.pick()
        day = FIRST_DAY + timedelta(days=self.rng.randrange(300))
        self.say("begin", "reschedule", campaign_id, name, day.isoformat())
        with self.workspace.session() as session:
            campaigns.reschedule(session, campaign_id, day)
        self.say("ok", "reschedule", campaign_id, name, day.isoformat())

    def write_delete(self) -> None:
        campaign_id, name = self.pick()
        self.say("begin", "delete", campaign_id, name)
        with self.workspace.session() as session:
            campaigns.delete_campaign(session, campaign_id)
        self.say("ok", "delete", campaign_id, name)
        del self.live[campaign_id]

    def write_brief(self) -> None:
        campaign_id, name = self.pick()
        notes = f"notes-{self.token()}"
        self.say("begin", "brief", campaign_id, name, notes)
        with self.workspace.session() as session:
            content = service.load(session, campaign_id).content
            # A new editing session each time: every save is a version of its own.
            outcome = service.save(
                session, campaign_id, replace(content, notes=notes), str(uuid.uuid4())
            )
        self.say("ok", "brief", campaign_id, name, outcome.version, notes)

    def write_tick(self) -> None:
        campaign_id, name = self.pick()
        with self.workspace.reader() as session:
            # Items no check run or event of the chain settles: only a person writes them.
            items = list(
                session.scalars(
                    select(ChecklistItem.id).where(
                        ChecklistItem.campaign_id == campaign_id,
                        ChecklistItem.check == "",
                        ChecklistItem.event == "",
                    )
                )
            )
        if not items:
            return
        item_id = self.rng.choice(items)
        state = self.rng.choice(TICKS)
        who = f"op-{self.token()}"
        self.say("begin", "tick", campaign_id, name, item_id, state.value, who)
        with self.workspace.session() as session:
            checklists.set_state(session, item_id, state, who)
        self.say("ok", "tick", campaign_id, name, item_id, state.value, who)

    def write_bat(self) -> None:
        campaign_id, name = self.pick()
        token = self.token()
        html = self.folder / f"crash-bat-{os.getpid()}.html"
        html.write_text(BAT_HTML.format(subject=f"Objet-{name}", token=token), encoding="utf-8")
        self.say("begin", "bat", campaign_id, name, token)
        with self.workspace.session() as session:
            round_id, _ = rounds.import_file(session, campaign_id, html, who=token)
            number = rounds.load_round(session, round_id).number
        self.say("ok", "bat", campaign_id, name, number, token)

    def write_stats(self) -> None:
        campaign_id, name = self.pick()
        sent = 10_000 + self.rng.randrange(90_000)
        with self.workspace.reader() as session:
            data = campaigns.load(session, campaign_id)
        taken_on = data.send_date + timedelta(days=self.rng.randrange(1, 8))
        csv = self.folder / f"crash-stats-{os.getpid()}.csv"
        csv.write_text(
            STATS_CSV.format(
                name=name,
                subject=data.subject,
                sent_at=f"{data.send_date:%b %d, %Y} 09:30 am",
                sent=sent,
                delivered=sent - 100,
                bounces=100,
                opened=sent // 3,
                clicked=sent // 25,
            ),
            encoding="utf-8",
        )
        self.say("begin", "stats", campaign_id, name, taken_on.isoformat(), sent)
        with self.workspace.session() as session:
            imports.import_file(
                session,
                campaign_id,
                csv,
                layout="mailchimp_campaign",
                taken_on=taken_on,
                force=True,
            )
        self.say("ok", "stats", campaign_id, name, taken_on.isoformat(), sent)

    def write_client(self) -> None:
        assert self.client_id is not None
        sender = f"Sender-{self.token()}"
        self.say("begin", "client", self.client_id, sender)
        with self.workspace.session() as session:
            data = clients.client_input(session, self.client_id)
            clients.update_client(session, self.client_id, replace(data, sender_name=sender))
        self.say("ok", "client", self.client_id, sender)


def write_forever(path: Path, seed: int, out: TextIO) -> None:
    """Open the workspace as its writer and write until killed (or MAX_WRITES)."""
    with Workspace.open(path) as workspace:
        Writer(workspace, seed, out).run()


def fork_server() -> None:
    """Fork one writer per request line ``DB SEED FIFO`` (see the module's docstring).

    First every kind of write is done once on a scratch workspace, closed before any fork, so
    each writer starts with the core's lazy imports and caches loaded, as in a running app.
    """
    with tempfile.TemporaryDirectory(prefix="crash-writer-") as scratch:
        with Workspace.open(Path(scratch) / "warm-up.sqlite") as workspace:
            Writer(workspace, 0, io.StringIO()).warm_up()
    for line in sys.stdin:
        path, seed, fifo = line.split()
        pid = os.fork()
        if pid == 0:  # the writer
            try:
                fd = os.open(fifo, os.O_WRONLY)
                os.dup2(fd, 1)
                os.close(fd)
                out = os.fdopen(1, "w", encoding="utf-8", closefd=False)
                write_forever(Path(path), int(seed), out)
                out.flush()
                os._exit(0)
            except BaseException:
                import traceback

                traceback.print_exc()
                sys.stderr.flush()
                os._exit(1)
        print("pid", pid, flush=True)
        _, status = os.waitpid(pid, 0)
        print("exit", pid, os.waitstatus_to_exitcode(status), flush=True)


def main(argv: list[str]) -> int:
    if argv == ["--fork-server"]:
        fork_server()
        return 0
    if len(argv) != 2:
        print("usage: python -m tests.crash_writer DB SEED | --fork-server", file=sys.stderr)
        return 2
    write_forever(Path(argv[0]), int(argv[1]), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
