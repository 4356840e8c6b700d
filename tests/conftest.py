"""Shared fixtures: real workspace files built once through the app's services, copied per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from crmdesk.core import campaigns, clients  # noqa: E402
from crmdesk.core.campaigns import CampaignInput  # noqa: E402
from crmdesk.core.db import Workspace  # noqa: E402
from crmdesk.core.workspaces import write_demo  # noqa: E402

#: The demo's reference day in tests, so what they see does not depend on the calendar.
DEMO_TODAY = date(2026, 11, 23)

#: The environment variable that points the tests at the shared real-world corpus.
CORPUS_ENV = "CRMDESK_CORPUS"
#: Where the corpus is looked for without it: ``../shared/corpus`` beside the project.
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


# -- the shared real-world corpus (emails, .eml, ESP CSV exports) --------------------------------


def corpus_dir() -> Path:
    """The corpus folder: ``$CRMDESK_CORPUS`` if set, else ``../shared/corpus`` beside the
    project. It may not exist; tests take the ``corpus`` fixture, which skips then, or, to
    list files at collection time, ``corpus_params``."""
    configured = os.environ.get(CORPUS_ENV, "").strip()
    return Path(configured).expanduser().resolve() if configured else DEFAULT_CORPUS


def corpus_missing(folder: Path) -> str:
    """Why a corpus test does not run: where the corpus was looked for and how to point at it."""
    if os.environ.get(CORPUS_ENV, "").strip():
        where = f"from {CORPUS_ENV}"
    else:
        where = f"the default, ../shared/corpus beside the project, {CORPUS_ENV} being unset"
    return (
        f"no real-world corpus at {folder} ({where}): set {CORPUS_ENV} to the shared corpus "
        f"folder (the one with emails/, eml/ and esp_csv/) to run this test"
    )


def corpus_params(*patterns: str, within: str = "") -> list[Any]:
    """Parameters for a test run once per corpus file: the files under ``within`` matching the
    glob patterns, sorted, each named by its path relative to ``within``; one skipped parameter
    naming the reason when the corpus or its files are not there."""
    folder = corpus_dir()
    if not folder.is_dir():
        reason = corpus_missing(folder)
    else:
        base = folder / within
        files = sorted(path for pattern in patterns for path in base.glob(pattern))
        if files:
            return [pytest.param(path, id=str(path.relative_to(base))) for path in files]
        reason = f"no file matching {' or '.join(patterns)} in the corpus at {base}"
    return [pytest.param(None, id="no-corpus", marks=pytest.mark.skip(reason=reason))]


@pytest.fixture
def corpus() -> Path:
    """The corpus folder (see ``corpus_dir``); the test is skipped, saying where the corpus was
    looked for and how to point at it, when it is not there."""
    folder = corpus_dir()
    if not folder.is_dir():
        pytest.skip(corpus_missing(folder))
    return folder


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the user's real data folder."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("CRMDESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("templates") / "empty.sqlite"
    Workspace.open(path).close()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("templates") / "demo.sqlite"
    write_demo(path, today=DEMO_TODAY)
    return path


def _copy(template: Path, destination: Path) -> Path:
    shutil.copyfile(template, destination)
    destination.chmod(0o600)
    return destination


@pytest.fixture
def workspace_path(empty_template: Path, tmp_path: Path) -> Path:
    return _copy(empty_template, tmp_path / "workspace.sqlite")


@pytest.fixture
def workspace(workspace_path: Path) -> Iterator[Workspace]:
    with Workspace.open(workspace_path) as opened:
        yield opened


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    return _copy(demo_template, tmp_path / "demo.sqlite")


@pytest.fixture
def demo_workspace(demo_path: Path) -> Iterator[Workspace]:
    with Workspace.open(demo_path) as opened:
        yield opened


@pytest.fixture
def client_id(workspace: Workspace) -> int:
    """A client with the default offsets (brief D-10, BAT D-2, analysis D+5) and a cap of 2."""
    with workspace.session() as session:
        new_id, _ = clients.create_client(session, "Éditions Lumière", pressure_cap=2)
        clients.add_segment(session, new_id, "Abonnés actifs", 180_000)
        clients.add_segment(session, new_id, "Inactifs", 90_000)
    return new_id


@pytest.fixture
def segment_ids(workspace: Workspace, client_id: int) -> list[int]:
    with workspace.session() as session:
        return [s.id for s in clients.list_segments(session, client_id)]


def plan(
    workspace: Workspace,
    client_id: int,
    day: date,
    *,
    name: str = "Newsletter",
    at: time = time(10, 0),
    segment_ids: tuple[int, ...] = (),
    **fields: object,
) -> int:
    """Create a campaign through the core service, as the dialog does."""
    data = CampaignInput(
        client_id=client_id,
        name=name,
        send_date=day,
        send_time=at,
        segment_ids=segment_ids,
        **fields,  # type: ignore[arg-type]
    )
    with workspace.session() as session:
        new_id, _ = campaigns.create(session, data)
    return new_id
