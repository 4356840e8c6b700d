"""``crmdesk export-plan --out FILE.pdf`` in a subprocess, offscreen: a client's month or
quarter as a calendar PDF read back with pypdf, and bad input refused with one sentence and
nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from crmdesk.core.db import Workspace
from tests.render.test_client_plan import CLIENT, SECRET, seed_plan

REPO = Path(__file__).resolve().parents[2]


def crmdesk(*args: str, lang: str = "fr") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": f"{lang}_FR.UTF-8"}
    env.pop("LC_ALL", None)
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=REPO,
        env=env,
    )


def text_of(path: Path) -> tuple[PdfReader, str]:
    document = PdfReader(path)
    text = "\n".join(page.extract_text() for page in document.pages)
    return document, " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_a_month_and_a_quarter_print_as_calendars(
    workspace_path: Path, workspace: Workspace, tmp_path: Path
) -> None:
    seed_plan(workspace)
    month = tmp_path / "janvier.pdf"
    done = crmdesk(
        "export-plan", "--db", str(workspace_path), "--client", "éditions lumière",
        "--month", "2027-01", "--out", str(month), "--today", "2026-12-02",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert str(month) in done.stdout
    document, text = text_of(month)
    assert len(document.pages) == 1
    assert "Janvier 2027" in text and "Trois livres à découvrir" in text and "09:30" in text
    assert "Document généré le 2 décembre 2026" in text
    assert SECRET not in text

    quarter = tmp_path / "t1.pdf"
    done = crmdesk(
        "export-plan", "--db", str(workspace_path), "--client", CLIENT, "--quarter", "2027Q1",
        "--out", str(quarter), "--lang", "en",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    document, text = text_of(quarter)
    assert len(document.pages) == 3
    assert "Q1 2027" in text and "Le printemps des poètes" in text
    assert "march2027" in "".join(text.split()).casefold()


def test_month_and_quarter_also_bound_the_other_formats(
    workspace_path: Path, workspace: Workspace, tmp_path: Path
) -> None:
    seed_plan(workspace)
    out = tmp_path / "fevrier.csv"
    done = crmdesk(
        "export-plan", "--db", str(workspace_path), "--month", "2027-02", "--out", str(out),
        "--lang", "en",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    written = out.read_text(encoding="utf-8-sig")
    assert "Saint-Valentin" in written
    assert "Soldes J1" not in written and "Printemps" not in written


@pytest.mark.parametrize(
    ("arguments", "sentence"),
    [
        (("--client", "Nobody", "--month", "2027-01"), "Nobody"),
        (("--client", CLIENT, "--month", "2027-13"), "2027-13"),
        (("--client", CLIENT, "--month", "janvier"), "janvier"),
        (("--client", CLIENT, "--quarter", "2027Q7"), "2027Q7"),
        (
            ("--client", CLIENT, "--month", "2027-01", "--quarter", "2027Q1"),
            "give --month or --quarter, not both",
        ),
        (("--month", "2027-01"), "a PDF plan is one client's; give one --client"),
        (("--client", CLIENT), "a PDF plan is a month or a quarter"),
        (
            ("--client", CLIENT, "--month", "2027-01", "--from", "2027-01-01"),
            "--month and --quarter replace --from and --to",
        ),
    ],
)
def test_bad_input_says_what_is_wrong_and_writes_nothing(
    workspace_path: Path,
    workspace: Workspace,
    tmp_path: Path,
    arguments: tuple[str, ...],
    sentence: str,
) -> None:
    seed_plan(workspace)
    out = tmp_path / "plan.pdf"
    done = crmdesk(
        "export-plan", "--db", str(workspace_path), *arguments, "--out", str(out), lang="en"
    )
    assert done.returncode == 2
    assert sentence in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 3
    assert not out.exists() and list(tmp_path.glob("*.pdf")) == []


def test_the_refusal_is_french_in_french(
    workspace_path: Path, workspace: Workspace, tmp_path: Path
) -> None:
    seed_plan(workspace)
    done = crmdesk(
        "export-plan", "--db", str(workspace_path), "--client", CLIENT, "--month", "2027-01",
        "--quarter", "2027Q1", "--out", str(tmp_path / "plan.pdf"),
    )  # fmt: skip
    assert done.returncode == 2 and not (tmp_path / "plan.pdf").exists()
    assert "donnez --month ou --quarter, pas les deux" in done.stderr
