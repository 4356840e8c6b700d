"""The `crmdesk` command as a user runs it: real processes, real files, exit codes and messages."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from crmdesk import __version__
from crmdesk.core.campaigns import list_campaigns
from crmdesk.core.db import Workspace
from crmdesk.core.migrate import HEAD_REVISION

REPO = Path(__file__).resolve().parents[2]
DEMO_SIZE = 2000
JSON_KEYS = {"id", "client", "name", "status", "channel", "send_at"}


def crmdesk(*args: object, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CRMDESK_DATA_DIR": str(data_dir),
        "LANG": "C.UTF-8",  # the English sentences; French has its own tests
        "LC_ALL": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )


def send_day(item: dict[str, object]) -> date:
    return datetime.fromisoformat(str(item["send_at"])).date()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class BigDemo:
    path: Path
    data_dir: Path
    written: subprocess.CompletedProcess[str]
    seconds: float

    def campaigns(self, *args: object) -> subprocess.CompletedProcess[str]:
        return crmdesk("campaigns", "--db", self.path, *args, data_dir=self.data_dir)

    def listed(self, *args: object) -> list[dict[str, object]]:
        done = self.campaigns("--json", *args)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)


@pytest.fixture(scope="module")
def big_demo(tmp_path_factory: pytest.TempPathFactory) -> BigDemo:
    folder = tmp_path_factory.mktemp("cli")
    path = folder / "demo-2000.sqlite"
    started = time.monotonic()
    written = crmdesk(
        "demo", "--out", path, "--campaigns", DEMO_SIZE, "--seed", 3, data_dir=folder / "userdata"
    )
    return BigDemo(path, folder / "userdata", written, time.monotonic() - started)


@pytest.fixture(scope="module")
def everything(big_demo: BigDemo) -> list[dict[str, object]]:
    return big_demo.listed()


# --- crmdesk demo / crmdesk campaigns -----------------------------------------------------------


def test_demo_writes_the_number_of_campaigns_it_announces_in_seconds(big_demo: BigDemo) -> None:
    assert big_demo.written.returncode == 0, big_demo.written.stderr
    assert f"Wrote {DEMO_SIZE} campaigns to {big_demo.path}" in big_demo.written.stdout
    assert big_demo.seconds < 30


def test_campaigns_json_lists_every_campaign_in_send_order(
    everything: list[dict[str, object]],
) -> None:
    assert len(everything) == DEMO_SIZE
    assert all(set(item) == JSON_KEYS for item in everything)
    instants = [datetime.fromisoformat(str(item["send_at"])) for item in everything]
    assert all(instant.utcoffset() is not None for instant in instants)
    assert instants == sorted(instants)
    assert len({item["id"] for item in everything}) == DEMO_SIZE


def test_campaigns_of_one_client_whatever_the_case_of_its_name(
    big_demo: BigDemo, everything: list[dict[str, object]]
) -> None:
    theirs = big_demo.listed("--client", "maison VERLAINE")
    assert theirs
    assert theirs == [item for item in everything if item["client"] == "Maison Verlaine"]


@pytest.mark.parametrize(
    "typed", ["Éditions Lumière", "éditions lumière"], ids=["as-named", "lower-case"]
)
def test_campaigns_of_a_client_whose_name_has_accents(
    big_demo: BigDemo, everything: list[dict[str, object]], typed: str
) -> None:
    done = big_demo.campaigns("--json", "--client", typed)
    assert done.returncode == 0, done.stderr
    theirs = json.loads(done.stdout)
    assert theirs
    assert theirs == [item for item in everything if item["client"] == "Éditions Lumière"]


def test_campaigns_of_an_unknown_client_is_an_error_on_stderr(big_demo: BigDemo) -> None:
    done = big_demo.campaigns("--client", "Nobody SA")
    assert done.returncode == 2
    assert "Nobody SA" in done.stderr
    assert done.stdout == ""


def test_campaigns_between_two_days_on_the_campaigns_own_clock(
    big_demo: BigDemo, everything: list[dict[str, object]]
) -> None:
    may = big_demo.listed("--from", "2026-05-01", "--to", "2026-05-31")
    assert may
    assert may == [
        item for item in everything if date(2026, 5, 1) <= send_day(item) <= date(2026, 5, 31)
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-05-02", "--to", "2026-05-01"), "before the start"),
        (("--from", "2026-13-01"), "is not a date"),
    ],
    ids=["end-before-start", "not-a-date"],
)
def test_campaigns_with_a_bad_range_is_an_error(
    big_demo: BigDemo, args: tuple[str, ...], message: str
) -> None:
    done = big_demo.campaigns(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""


def test_campaigns_of_a_missing_workspace_names_it_and_creates_nothing(
    tmp_path: Path, data_dir: Path
) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    missing = folder / "missing.sqlite"

    done = crmdesk("campaigns", "--db", missing, data_dir=data_dir)

    assert done.returncode == 2
    assert str(missing) in done.stderr
    assert list(folder.iterdir()) == []


def test_campaigns_of_a_text_file_says_it_is_not_a_workspace(
    tmp_path: Path, data_dir: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Brief : soldes d'hiver\n")

    done = crmdesk("campaigns", "--db", notes, data_dir=data_dir)

    assert done.returncode == 2
    assert "not a crmdesk workspace" in done.stderr
    assert str(notes) in done.stderr
    assert notes.read_text() == "Brief : soldes d'hiver\n"


@pytest.mark.sqlite_only(reason="the workspace file itself: damaged, overwritten or locked")
def test_campaigns_of_a_damaged_workspace_is_an_error_not_a_traceback(
    demo_path: Path, tmp_path: Path, data_dir: Path
) -> None:
    damaged = tmp_path / "half-copied.sqlite"
    damaged.write_bytes(demo_path.read_bytes()[:100])

    done = crmdesk("campaigns", "--db", damaged, data_dir=data_dir)

    assert "Traceback" not in done.stderr
    assert done.returncode == 2
    assert str(damaged) in done.stderr


@pytest.mark.sqlite_only(reason="the workspace file itself: damaged, overwritten or locked")
def test_demo_refuses_to_overwrite_an_existing_file(demo_path: Path, data_dir: Path) -> None:
    before = digest(demo_path)

    done = crmdesk("demo", "--out", demo_path, "--campaigns", 10, data_dir=data_dir)

    assert done.returncode == 2
    assert "already exists" in done.stderr
    assert digest(demo_path) == before


# --- the window, headless -----------------------------------------------------------------------


def test_the_app_opens_a_demo_workspace_and_quits_when_ready(
    demo_path: Path, data_dir: Path
) -> None:
    done = crmdesk("--db", demo_path, "--quit-when-ready", data_dir=data_dir)
    assert done.returncode == 0, done.stderr


def test_the_app_opens_a_bat_preview_and_quits_once_it_has_painted(
    demo_path: Path, data_dir: Path
) -> None:
    """What the packaged app's smoke test runs: the BAT window and its QtWebEngine preview."""
    from sqlalchemy import select

    from crmdesk.core.models import BatRound

    with Workspace.open(demo_path, read_only=True) as demo, demo.reader() as session:
        campaign_id = session.scalar(select(BatRound.campaign_id).limit(1))
    assert campaign_id is not None

    done = crmdesk(
        "--db", demo_path, "--open-bat", str(campaign_id), "--quit-when-ready", data_dir=data_dir
    )
    assert done.returncode == 0, done.stderr
    assert "never became ready" not in done.stderr


def test_the_app_creates_a_workspace_at_a_new_path(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "nouveau" / "workspace.sqlite"

    done = crmdesk("--db", path, "--quit-when-ready", data_dir=data_dir)

    assert done.returncode == 0, done.stderr
    with closing(sqlite3.connect(path)) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]


def test_the_app_writes_the_demo_in_the_data_folder_on_first_use(data_dir: Path) -> None:
    done = crmdesk("--demo", "--quit-when-ready", data_dir=data_dir)

    assert done.returncode == 0, done.stderr
    with Workspace.open(data_dir / "demo.sqlite") as demo, demo.session() as session:
        assert list_campaigns(session)


def test_the_app_refuses_a_file_that_is_not_a_workspace(tmp_path: Path, data_dir: Path) -> None:
    picture = tmp_path / "logo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))

    done = crmdesk("--db", picture, "--quit-when-ready", data_dir=data_dir)

    assert done.returncode == 2
    assert "not a crmdesk workspace" in done.stderr
    assert str(picture) in done.stderr


@pytest.mark.sqlite_only(reason="the workspace file itself: damaged, overwritten or locked")
def test_a_second_app_on_an_open_workspace_is_refused_and_writes_nothing(
    demo_path: Path, data_dir: Path
) -> None:
    with Workspace.open(demo_path):
        before = digest(demo_path)
        done = crmdesk("--db", demo_path, "--quit-when-ready", data_dir=data_dir)
        after = digest(demo_path)

    assert done.returncode != 0
    assert "already open" in done.stderr
    assert after == before


# --- the package itself -------------------------------------------------------------------------


def test_the_version_is_printed(data_dir: Path) -> None:
    done = crmdesk("--version", data_dir=data_dir)
    assert done.returncode == 0
    assert done.stdout.strip() == f"crmdesk {__version__}"


def modules_loaded_by(script: str) -> set[str]:
    probe = script + "\nimport sys\nprint('\\n'.join(sys.modules))\n"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_the_headless_side_never_loads_qt() -> None:
    loaded = modules_loaded_by(
        "import pkgutil, importlib, crmdesk.cli, crmdesk.core\n"
        "for m in pkgutil.walk_packages(crmdesk.core.__path__, 'crmdesk.core.'):\n"
        "    if not m.name.startswith('crmdesk.core.migrations'):\n"
        "        importlib.import_module(m.name)\n"
    )
    assert "crmdesk.core.calendar" in loaded
    assert not {m for m in loaded if m.split(".")[0] in {"PySide6", "shiboken6"}}


def test_listing_campaigns_from_the_command_line_never_loads_qt(big_demo: BigDemo) -> None:
    loaded = modules_loaded_by(
        "import contextlib, io\n"
        "from crmdesk.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['campaigns', '--db', {str(big_demo.path)!r}]) == 0\n"
    )
    assert "crmdesk.core.campaigns" in loaded
    assert not {m for m in loaded if m.split(".")[0] in {"PySide6", "shiboken6", "alembic"}}


def test_starting_the_app_loads_no_heavy_module() -> None:
    loaded = modules_loaded_by("import crmdesk.app")
    heavy = {"alembic", "matplotlib", "jinja2", "holidays", "PySide6.QtWebEngineCore"}
    assert loaded & heavy == set()


def test_the_core_stays_qt_free_by_contract() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint_imports), "--no-cache"], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert done.returncode == 0, done.stdout + done.stderr
