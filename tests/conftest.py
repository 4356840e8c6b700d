"""Shared fixtures: real workspace files built once through the app's services, copied per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from crmdesk.core import campaigns, clients  # noqa: E402
from crmdesk.core.campaigns import CampaignInput  # noqa: E402
from crmdesk.core.db import Workspace  # noqa: E402
from crmdesk.core.workspaces import write_demo  # noqa: E402

#: The demo's reference day in tests, so what they see does not depend on the calendar.
DEMO_TODAY = date(2026, 11, 23)


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
