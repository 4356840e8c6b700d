"""Crash safety of every kind of write: a writer process is SIGKILLed at random moments, 100 times.

The writer (tests/crash_writer.py) creates, edits, reschedules and deletes campaigns, saves brief
versions, ticks checklist items, imports BAT rounds and stats files and edits its client, each
through the core services in its own transaction, and prints ``ok …`` once each commit is done.
Each run starts a writer on the same workspace file (so the history grows from run to run),
waits until it is writing, lets it write for a random 50-400 ms and kills it with SIGKILL. Then
the file must pass ``PRAGMA integrity_check``, open at once with ``Workspace.open`` (the killed
writer's lock must not block it) and hold every write the writer had confirmed, unless a later
write (confirmed, or begun when the kill came) replaced it.

Most writers are forked from a server process that imported the core once (a fresh interpreter
spends 0.8 s importing, which would make 100 kills take minutes); every FRESH_EVERY-th is a
fresh ``python -m tests.crash_writer DB SEED``. Either way it is a process of its own, killed
by a real SIGKILL.

The kill moments and the writers' choices come from DEFAULT_SEED, printed with the summary;
``CRMDESK_CRASH_SEED=<seed>`` picks another (``random``: a new one each run). What a seed cannot
replay is the machine's timing. ``benchmarks/crash_safety.py`` runs the same loop more times.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import delete, select, update

from crmdesk.core.db import Workspace
from crmdesk.core.models import (
    BatRound,
    Brief,
    BriefVersion,
    Campaign,
    ChecklistItem,
    Client,
    StatSnapshot,
)
from crmdesk.core.sqlite import integrity_ok
from crmdesk.core.timezones import wall_clock
from tests.crash_writer import CLIENT_NAME, KINDS

#: Every kind of write the writer does (the client's creation is once per workspace).
WRITES = (*KINDS, "newclient")

pytestmark = [
    pytest.mark.skipif(
        not hasattr(signal, "SIGKILL") or not hasattr(os, "fork"),
        reason="SIGKILL and fork do not exist on Windows",
    ),
    pytest.mark.sqlite_only(reason="SIGKILLs a process writing the workspace file"),
]

ROOT = Path(__file__).resolve().parents[2]
KILLS = 100
MIN_DELAY_S, MAX_DELAY_S = 0.05, 0.40
#: Every this many runs, the writer is a fresh interpreter rather than a fork.
FRESH_EVERY = 20
SEED_ENV = "CRMDESK_CRASH_SEED"
DEFAULT_SEED = 20_260_619

Key = tuple[str, ...]


def crash_seed() -> int:
    """DEFAULT_SEED, or the one CRMDESK_CRASH_SEED gives ("random": a new one)."""
    chosen = os.environ.get(SEED_ENV, "").strip()
    if chosen == "random":
        return random.SystemRandom().randrange(2**31)
    return int(chosen) if chosen else DEFAULT_SEED


# -- what the writers promised ------------------------------------------------------------------


@dataclass
class Ledger:
    """Every write the writers began, per fact, in order; each marked confirmed or not.

    A fact (a campaign's subject, a brief version's notes…) must hold the value of its last
    confirmed write, or of one of the writes begun after it and cut by a kill (those may or may
    not have committed). A fact nobody confirmed promises nothing.
    """

    events: dict[Key, list[tuple[str, bool]]] = field(default_factory=lambda: defaultdict(list))
    confirmed: Counter[str] = field(default_factory=Counter)  # confirmed writes per kind

    def record(self, lines: list[str]) -> None:
        pending: list[str] | None = None
        for line in lines:
            kind, *fields = line.split()
            if kind == "begin":
                pending = fields
            elif kind == "ok":
                self.confirmed[fields[0]] += 1
                for key, value in facts(fields):
                    self.events[key].append((value, True))
                pending = None
        if pending is not None:  # cut by the kill: committed or not, nobody knows
            for key, value in facts(pending):
                self.events[key].append((value, False))

    def acceptable(self, key: Key) -> set[str] | None:
        """The values the fact may hold now; None when no write of it was confirmed."""
        history = self.events.get(key, [])
        last = max((i for i, (_, done) in enumerate(history) if done), default=None)
        if last is None:
            return None
        return {value for value, _ in history[last:]}


PRESENT, ABSENT = "present", "absent"


def facts(fields: list[str]) -> Iterator[tuple[Key, str]]:
    """The facts one write sets, from its ``begin`` or ``ok`` line (after the word)."""
    kind, *rest = fields
    if kind == "newclient":
        yield ("client",), PRESENT
    elif kind == "create" and len(rest) == 4:  # ok create ID NAME SUBJECT DAY
        _, name, subject, day = rest
        yield ("campaign", name), PRESENT
        yield ("subject", name), subject
        yield ("date", name), day
    elif kind == "create":  # begin create - NAME: a new campaign, which no promise is about
        yield ("campaign", rest[1]), PRESENT
    elif kind == "edit":
        yield ("subject", rest[1]), rest[2]
    elif kind == "reschedule":
        yield ("date", rest[1]), rest[2]
    elif kind == "delete":
        yield ("campaign", rest[1]), ABSENT
    elif kind == "brief" and len(rest) == 4:  # ok brief ID NAME VERSION NOTES
        yield ("brief", rest[1], rest[2]), rest[3]
    elif kind == "tick":  # tick ID NAME ITEM STATE WHO
        yield ("tick", rest[1], rest[2]), f"{rest[3]}/{rest[4]}"
    elif kind == "bat" and len(rest) == 4:  # ok bat ID NAME NUMBER TOKEN
        yield ("bat", rest[1], rest[2]), rest[3]
    elif kind == "stats":  # stats ID NAME DAY SENT
        yield ("stats", rest[1], rest[2]), rest[3]
    elif kind == "client":
        yield ("sender",), rest[1]
    # "begin brief" and "begin bat" add a version or a round: they cannot undo a promise.


def workspace_facts(workspace: Workspace) -> dict[Key, str]:
    """The same facts, as the file holds them now."""
    found: dict[Key, str] = {}
    with workspace.reader() as session:
        client = session.scalars(select(Client).where(Client.name == CLIENT_NAME)).one_or_none()
        if client is None:
            return found
        found[("client",)] = PRESENT
        found[("sender",)] = client.sender_name
        names: dict[int, str] = {}
        for row in session.scalars(select(Campaign).where(Campaign.client_id == client.id)):
            names[row.id] = row.name
            found[("campaign", row.name)] = PRESENT
            found[("subject", row.name)] = row.subject
            found[("date", row.name)] = (
                wall_clock(row.planned_send_at, row.send_timezone).date().isoformat()
            )
        versions = session.execute(
            select(Brief.campaign_id, BriefVersion.number, BriefVersion.content).join(
                Brief, BriefVersion.brief_id == Brief.id
            )
        )
        for campaign_id, number, content in versions:
            if campaign_id in names:
                found[("brief", names[campaign_id], str(number))] = str(content.get("notes"))
        items = session.execute(
            select(
                ChecklistItem.campaign_id,
                ChecklistItem.id,
                ChecklistItem.state,
                ChecklistItem.done_by,
            )
        )
        for campaign_id, item_id, state, who in items:
            if campaign_id in names:
                found[("tick", names[campaign_id], str(item_id))] = f"{state.value}/{who}"
        bats = session.execute(select(BatRound.campaign_id, BatRound.number, BatRound.created_by))
        for campaign_id, number, who in bats:
            if campaign_id in names:
                found[("bat", names[campaign_id], str(number))] = who
        stats = session.execute(
            select(StatSnapshot.campaign_id, StatSnapshot.taken_on, StatSnapshot.sent).where(
                StatSnapshot.variant == ""
            )
        )
        for campaign_id, day, sent in stats:
            if campaign_id in names:
                found[("stats", names[campaign_id], day.isoformat())] = str(sent)
    return found


def lost_writes(ledger: Ledger, now: dict[Key, str]) -> list[str]:
    """The confirmed facts the file no longer holds, described."""
    lost: list[str] = []
    for key in ledger.events:
        allowed = ledger.acceptable(key)
        if allowed is None:
            continue
        kind = key[0]
        if kind in ("campaign", "client"):
            value = now.get(key, ABSENT)
        elif kind == "sender" or now.get(("campaign", key[1])) == PRESENT:
            value = now.get(key, "<missing>")
        else:
            continue  # its campaign was deleted (a confirmed or cut delete), and it with it
        if value not in allowed:
            lost.append(f"{' '.join(key)}: {value!r}, confirmed {sorted(allowed)!r}")
    return lost


# -- the runs -------------------------------------------------------------------------------------


@dataclass
class Summary:
    seed: int
    runs: int = 0
    integrity_failures: int = 0
    open_failures: int = 0
    lost: int = 0
    confirmed: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"crash safety: seed {self.seed} ({SEED_ENV}={self.seed} replays it), "
            f"{self.runs} SIGKILLs, {self.confirmed.total()} confirmed writes "
            f"({', '.join(f'{n} {kind}' for kind, n in sorted(self.confirmed.items()))}), "
            f"{self.integrity_failures} integrity failures, {self.open_failures} failed opens, "
            f"{self.lost} lost confirmed writes, {self.seconds:.1f} s"
        )


class ForkServer:
    """``python -m tests.crash_writer --fork-server``: forks a writer per request."""

    def __init__(self, env: dict[str, str], stderr: IO[str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_writer", "--fork-server"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
        )

    def ask(self, path: Path, seed: int, fifo: Path) -> int:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{path} {seed} {fifo}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().split()
        assert answer[:1] == ["pid"], f"the fork server said {answer!r}"
        return int(answer[1])

    def exit_code(self, pid: int) -> int:
        assert self.process.stdout is not None
        answer = self.process.stdout.readline().split()
        assert answer[:2] == ["exit", str(pid)], f"the fork server said {answer!r}"
        return int(answer[2])

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


@contextmanager
def fork_server(env: dict[str, str], stderr: IO[str]) -> Iterator[ForkServer]:
    server = ForkServer(env, stderr)
    try:
        yield server
    finally:
        server.close()


def one_kill(
    server: ForkServer,
    path: Path,
    seed: int,
    delay: float,
    fifo: Path,
    env: dict[str, str],
    stderr: IO[str],
    fresh: bool,
) -> tuple[list[str], int]:
    """Start a writer, let it write ``delay`` seconds after it is ready, SIGKILL it; return
    the whole lines it printed and its exit code."""
    child: subprocess.Popen[str] | None = None
    if fresh:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_writer", str(path), str(seed)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
        )
        assert child.stdout is not None
        stream: IO[str] = child.stdout
        pid = child.pid
    else:
        os.mkfifo(fifo)
        pid = server.ask(path, seed, fifo)
        stream = open(fifo, encoding="utf-8")  # closed below
    try:
        ready = stream.readline()
        if ready.split()[:1] == ["ready"]:
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
        rest = stream.read()
    finally:
        stream.close()
        if fifo.exists():
            fifo.unlink()
    code = child.wait(timeout=30) if child is not None else server.exit_code(pid)
    output = ready + rest
    return output.split("\n")[:-1], code  # the kill may cut the last line short


def crash_runs(path: Path, seed: int, kills: int, scratch: Path) -> Summary:
    """Kill ``kills`` writers of ``path`` and check the file after each; the figures."""
    rng = random.Random(seed)
    summary = Summary(seed)
    ledger = Ledger()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    stderr_path = scratch / "writers.err"
    started = time.monotonic()
    with open(stderr_path, "w", encoding="utf-8") as stderr, fork_server(env, stderr) as server:
        for run in range(1, kills + 1):
            writer_seed = seed * 1000 + run  # unique: the writers' names never collide
            delay = rng.uniform(MIN_DELAY_S, MAX_DELAY_S)
            where = f"seed {seed}, run {run}, killed {delay * 1000:.0f} ms after ready"
            lines, code = one_kill(
                server,
                path,
                writer_seed,
                delay,
                scratch / f"writer-{run}.fifo",
                env,
                stderr,
                fresh=run % FRESH_EVERY == 0,
            )
            summary.runs += 1
            if code != -signal.SIGKILL or not lines or not lines[0].startswith("ready"):
                stderr.flush()
                summary.problems.append(
                    f"{where}: the writer exited with {code} after {lines[-3:]!r}: "
                    f"{stderr_path.read_text(encoding='utf-8')[-2000:]}"
                )
                break
            ledger.record(lines[1:])

            if not integrity_ok(path):
                summary.integrity_failures += 1
                summary.problems.append(f"{where}: PRAGMA integrity_check is not ok")
            try:
                workspace = Workspace.open(path)
            except Exception as error:  # any refusal is the finding
                summary.open_failures += 1
                summary.problems.append(f"{where}: Workspace.open refused: {error!r}")
                continue
            try:
                lost = lost_writes(ledger, workspace_facts(workspace))
            finally:
                workspace.close()
            summary.lost += len(lost)
            summary.problems += [f"{where}: lost {what}" for what in lost]
    summary.confirmed = ledger.confirmed
    summary.seconds = time.monotonic() - started
    return summary


@pytest.mark.timeout(600)
def test_killed_writers_never_lose_a_confirmed_write(workspace_path: Path, tmp_path: Path) -> None:
    seed = crash_seed()
    summary = crash_runs(workspace_path, seed, KILLS, tmp_path)
    print(f"\n{summary.line()}")
    assert not summary.problems, "\n".join([summary.line(), *summary.problems[:20]])
    assert summary.runs == KILLS
    # Each writer got to write: the kills fall among commits, not only during start-up.
    assert summary.confirmed.total() >= 5 * KILLS, summary.line()
    assert set(summary.confirmed) >= set(WRITES), (
        f"a kind of write never happened: {summary.line()}"
    )


def test_the_check_sees_a_confirmed_write_that_went_missing(
    workspace_path: Path, tmp_path: Path
) -> None:
    """The check is not blind: a confirmed subject overwritten and a confirmed campaign removed
    behind the writer's back are both reported as lost."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ledger = Ledger()
    with open(tmp_path / "writer.err", "w", encoding="utf-8") as stderr:
        with fork_server(env, stderr) as server:
            lines, code = one_kill(
                server, workspace_path, 7, 0.3, tmp_path / "w.fifo", env, stderr, fresh=False
            )
    assert code == -signal.SIGKILL, (tmp_path / "writer.err").read_text(encoding="utf-8")
    ledger.record(lines[1:])
    with Workspace.open(workspace_path) as workspace:
        assert lost_writes(ledger, workspace_facts(workspace)) == []
        now = workspace_facts(workspace)
        present = sorted(
            k[1]
            for k, v in now.items()
            if k[0] == "campaign" and v == PRESENT and ledger.acceptable(k) == {PRESENT}
        )
        edited, removed = present[0], present[1]
        with workspace.session() as session:
            session.execute(
                update(Campaign).where(Campaign.name == edited).values(subject="tampered")
            )
            session.execute(delete(Campaign).where(Campaign.name == removed))
        lost = lost_writes(ledger, workspace_facts(workspace))
    assert any(f"subject {edited}: 'tampered'" in what for what in lost), lost
    assert any(f"campaign {removed}: 'absent'" in what for what in lost), lost
