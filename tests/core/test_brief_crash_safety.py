"""Crash safety of briefs: a process typing into a brief is killed (SIGKILL) at random moments.

A real child process opens the workspace and "types" into a brief's notes through the core
service, one save (one transaction) every 50 ms, printing the length of each committed save with
a monotonic timestamp. The parent kills it at a random moment (0.2-1.5 s after it is ready to
type), reopens the file at once and checks that it is intact and that at most the last two
seconds of typing are missing. The rounds share one file, each continuing where the last left
off, so the brief and its history grow.

The kill moments, the typed text and the keystrokes are drawn from a generator seeded with a
fixed seed, DEFAULT_SEED, so every run makes the same choices; ``CRMDESK_CRASH_SEED=<seed>``
picks another one (``CRMDESK_CRASH_SEED=random`` a new one each run). The seed is printed
(``pytest -s``, or in the captured output of a failure) and named in every assertion message,
so a failure can be replayed with it; what it cannot replay is the machine's own timing.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from datetime import date
from datetime import time as dt_time
from pathlib import Path

import pytest
from sqlalchemy import text

import crmdesk
from crmdesk.core import campaigns, clients, fts
from crmdesk.core.briefs import service
from crmdesk.core.campaigns import CampaignInput
from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignType
from crmdesk.core.sqlite import integrity_ok

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL does not exist on Windows"),
    pytest.mark.sqlite_only(reason="SIGKILLs a process writing the workspace file"),
]

SAVE_EVERY_S = 0.05  # the app autosaves at most every 0.2-1 s while typing; faster here
MAX_KEYSTROKES = 8  # characters typed between two saves, at most
MAX_ROUNDS = 22
MIN_ROUNDS = 15
BUDGET_S = 30.0  # no new round once this is spent and MIN_ROUNDS are done
TOLERATED_LOSS_S = 2.0  # the issue: "at most the last two seconds are missing"
SEED_ENV = "CRMDESK_CRASH_SEED"
DEFAULT_SEED = 20_261_123

#: The child: opens the workspace, resumes after the notes already saved, types and saves.
TYPIST = """\
import random, sys, time, uuid
from dataclasses import replace
from pathlib import Path

from crmdesk.core.briefs import service
from crmdesk.core.db import Workspace

path, campaign_id, text_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
seed, every, most = int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
typed_text = Path(text_file).read_text(encoding="utf-8")
rng = random.Random(seed)
editing_session = str(uuid.uuid4())  # a new launch of the app: a new sitting
workspace = Workspace.open(path)
with workspace.reader() as session:
    content = service.load(session, campaign_id).content
typed = len(content.notes)
if content.notes != typed_text[:typed]:
    sys.exit("the saved notes are not a prefix of the text")
print("ready", typed, flush=True)
due = time.monotonic()
while typed < len(typed_text):
    typed = min(len(typed_text), typed + rng.randint(1, most))
    content = replace(content, notes=typed_text[:typed])
    with workspace.session() as session:
        service.save(session, campaign_id, content, editing_session)
    print(typed, repr(time.monotonic()), flush=True)  # committed: acknowledge it
    due += every
    time.sleep(max(0.0, due - time.monotonic()))
print("done", flush=True)
"""

WORDS = (
    "offre printemps abonnement magazine lecteurs fidèles remise exceptionnelle livraison "
    "offerte coffret cadeau Noël relance non-ouvreurs objet préheader bouton lien suivi "
    "utm campagne segment inactifs réactivation fromage affiné comté raclette vélo révision "
    "atelier soins hiver crème visuel bannière mobile accessibilité désinscription mention "
    "légale validité stocks jusqu'au œuvre façade ça déjà à où été très"
).split()


def typed_text(rng: random.Random, length: int) -> str:
    """French-ish Markdown: words, punctuation, accents, ligatures, line breaks, bullets."""
    parts: list[str] = ["# Notes de brief\n\n"]
    size = len(parts[0])
    while size < length:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
        piece = sentence[0].upper() + sentence[1:] + rng.choice([". ", " ! ", " ? ", " : "])
        roll = rng.random()
        if roll < 0.1:
            piece += "\n\n"
        elif roll < 0.2:
            piece += "\n- "
        elif roll < 0.23:
            piece += "« ½ € — 🚲 » "
        parts.append(piece)
        size += len(piece)
    return "".join(parts)[:length]


@dataclass(frozen=True)
class Round:
    killed_at: float  # time.monotonic() just before the SIGKILL (one clock for all processes)
    acknowledged: list[tuple[float, int]]  # (monotonic time, notes length) of committed saves
    finished: bool  # the child ran out of text before the kill (must not happen)


def run_round(
    command: list[str],
    env: dict[str, str],
    delay: float,
    stderr_path: Path,
    resume_at: int,
    where: str,
) -> Round:
    with open(stderr_path, "w", encoding="utf-8") as stderr:
        child = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, env=env, text=True, encoding="utf-8"
        )
        assert child.stdout is not None
        try:
            ready = child.stdout.readline().split()
            assert ready == ["ready", str(resume_at)], (where, ready, stderr_path.read_text())
            time.sleep(delay)
            killed_at = time.monotonic()
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
            output = child.stdout.read()
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
    assert child.returncode in (-signal.SIGKILL, 0), (
        where,
        child.returncode,
        stderr_path.read_text(),
    )
    # Only whole lines were acknowledged: the kill may cut the last one short.
    lines = output.split("\n")[:-1]
    acknowledged = [
        (float(stamp), int(length))
        for length, stamp in (line.split() for line in lines if line != "done")
    ]
    return Round(killed_at, acknowledged, "done" in lines)


def crash_seed() -> int:
    """DEFAULT_SEED, or the one CRMDESK_CRASH_SEED gives ("random": a new one)."""
    chosen = os.environ.get(SEED_ENV, "").strip()
    if chosen == "random":
        return random.SystemRandom().randrange(2**32)
    return int(chosen) if chosen else DEFAULT_SEED


def test_killing_a_typing_process_loses_at_most_the_last_two_seconds(
    workspace_path: Path, tmp_path: Path
) -> None:
    seed = crash_seed()
    replay = f"{SEED_ENV}={seed}"
    print(f"\ncrash-safety seed {seed} (replay with {replay})")
    rng = random.Random(seed)
    full_text = typed_text(rng, 40_000)
    text_file = tmp_path / "typed.txt"
    text_file.write_text(full_text, encoding="utf-8")
    script = tmp_path / "typist.py"
    script.write_text(TYPIST, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(crmdesk.__file__).resolve().parents[1])}

    with Workspace.open(workspace_path) as workspace, workspace.session() as session:
        client_id, _ = clients.create_client(session, "Éditions Lumière")
        campaign_id, _ = campaigns.create(
            session,
            CampaignInput(
                client_id=client_id,
                name="Offre de printemps",
                send_date=date(2026, 3, 19),
                send_time=dt_time(10, 0),
                type=CampaignType.PROMO,
            ),
        )
        template = service.load(session, campaign_id).content
    notes_slot = campaign_id * fts.BLOCK + fts.SLOTS.index("notes")

    everything_acknowledged: list[tuple[float, int]] = []
    saved = ""  # the notes found after the previous kill
    versions = 0
    started = time.monotonic()
    rounds = 0
    while rounds < MAX_ROUNDS and (rounds < MIN_ROUNDS or time.monotonic() - started < BUDGET_S):
        rounds += 1
        command = [
            sys.executable,
            str(script),
            str(workspace_path),
            str(campaign_id),
            str(text_file),
            str(rng.randrange(2**32)),
            str(SAVE_EVERY_S),
            str(MAX_KEYSTROKES),
        ]
        delay = rng.uniform(0.2, 1.5)
        where = (
            f"seed {seed} (replay with {replay}), round {rounds}, "
            f"killed {delay:.3f} s after the child was ready"
        )
        done = run_round(command, env, delay, tmp_path / "typist.err", len(saved), where)
        assert not done.finished, f"{where}: the child typed the whole text: make it longer"
        everything_acknowledged += done.acknowledged

        # The OS released the single-writer lock with the process: the file opens at once.
        with Workspace.open(workspace_path) as workspace:
            assert integrity_ok(workspace_path), where
            with workspace.reader() as session:
                state = service.load(session, campaign_id)
                history = service.versions(session, campaign_id)
                latest = (
                    service.version_content(session, campaign_id, history[0].number)
                    if history
                    else None
                )
                previous = (
                    service.version_content(session, campaign_id, history[1].number)
                    if len(history) > 1
                    else None
                )
                indexed = session.scalar(
                    text(f"SELECT body FROM {fts.TABLE} WHERE rowid = :rowid"),
                    {"rowid": notes_slot},
                )
        notes = state.content.notes

        # Never garbage: what was typed, cut somewhere; the other fields as they were.
        assert full_text.startswith(notes), where
        assert replace(state.content, notes="") == template, where
        assert notes.startswith(saved), f"{where}: a save found after a kill has gone"

        # The requirement: at most the last two seconds of typing are missing.
        deadline = done.killed_at - TOLERATED_LOSS_S
        required = max((n for at, n in everything_acknowledged if at < deadline), default=0)
        assert len(notes) >= required, f"{where}: {len(notes)} < {required} characters"
        # Stronger, and what SQLite guarantees when only the process dies: a committed save
        # survives; beyond the last acknowledged one, at most the save being acknowledged.
        last_acknowledged = max((n for _, n in done.acknowledged), default=len(saved))
        assert last_acknowledged <= len(notes) <= last_acknowledged + MAX_KEYSTROKES, (
            f"{where}: {last_acknowledged} characters acknowledged, {len(notes)} kept"
        )

        # The brief, its history and its search index changed in the same transactions.
        grew = len(notes) > len(saved)
        assert len(history) == versions + grew, f"{where}: one version per sitting that saved"
        if history:
            assert latest == state.content, where
            assert state.latest_version == history[0].number, where
        if grew and previous is not None:
            assert previous.notes == saved, f"{where}: the previous sitting's version changed"
        assert indexed == (notes if notes.strip() else None), where

        saved, versions = notes, len(history)

    print(
        f"{rounds} kills in {time.monotonic() - started:.1f} s, "
        f"{len(everything_acknowledged)} saves acknowledged, {len(saved):,} characters kept "
        f"in {versions} versions"
    )
    assert versions >= MIN_ROUNDS // 2, (
        f"seed {seed} (replay with {replay}): the child rarely got to save: the test proves little"
    )
