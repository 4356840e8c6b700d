"""Importing into a workspace: all or nothing, idempotent, cancellable, size-limited."""

from __future__ import annotations

import shutil
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crmdesk.core.db import Workspace
from crmdesk.core.errors import StatsRefused
from crmdesk.core.models import StatBreakdown, StatImport, StatSnapshot, StatSource
from crmdesk.core.stats.imports import (
    MAPPABLE_FIELDS,
    ImportMismatch,
    detect,
    import_file,
    mapping_for_headers,
    saved_mapping,
)
from tests.conftest import plan

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def campaign_id(workspace: Workspace, client_id: int) -> int:
    return plan(
        workspace,
        client_id,
        date(2026, 1, 9),
        name="Soldes d'hiver J-1",
        at=time(9, 30),
        subject="Les soldes, c'est demain !",
    )


def _count(workspace: Workspace, model: type) -> int:
    with workspace.reader() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_import_writes_snapshot_and_is_idempotent(workspace: Workspace, campaign_id: int) -> None:
    path = FIXTURES / "mailchimp_all_campaigns.csv"
    with workspace.session() as session:
        first = import_file(
            session, campaign_id, path, taken_on=date(2026, 1, 14), imported_by="me"
        )
    assert (first.layout, first.already_imported, first.snapshots) == ("mailchimp", False, 1)
    with workspace.session() as session:
        again = import_file(session, campaign_id, path, taken_on=date(2026, 1, 15))
    assert again.already_imported and again.snapshots == 0
    assert again.taken_on == date(2026, 1, 14)
    assert _count(workspace, StatSnapshot) == 1 and _count(workspace, StatImport) == 1
    with workspace.reader() as session:
        snap = session.scalars(select(StatSnapshot)).one()
        assert (snap.sent, snap.source, snap.taken_on) == (
            12480,
            StatSource.MAILCHIMP,
            date(2026, 1, 14),
        )


def test_changed_file_replaces_the_same_days_snapshot(
    workspace: Workspace, campaign_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "report.csv"
    shutil.copy(FIXTURES / "brevo_campaigns_fr.csv", path)
    with workspace.session() as session:
        import_file(session, campaign_id, path, taken_on=date(2026, 1, 10))
    path.write_bytes(path.read_bytes().replace("4\u00a0102".encode(), b"4\xc2\xa0200"))
    with pytest.raises(ImportMismatch) as caught, workspace.session() as session:
        import_file(session, campaign_id, path, taken_on=date(2026, 1, 10))
    assert [m.field for m in caught.value.mismatches] == ["replaces"], "replacing asks first"
    with workspace.reader() as session:
        assert session.scalars(select(StatSnapshot.unique_opens)).all() == [4102]
    with workspace.session() as session:
        result = import_file(session, campaign_id, path, taken_on=date(2026, 1, 10), force=True)
    assert not result.already_imported
    with workspace.reader() as session:
        snaps = session.scalars(select(StatSnapshot)).all()
        assert [(s.unique_opens, s.source) for s in snaps] == [(4200, StatSource.BREVO)]


def test_default_day_is_never_before_the_send(workspace: Workspace, client_id: int) -> None:
    future = plan(workspace, client_id, date(2099, 5, 4), name="Soldes d'hiver J-1")
    with workspace.session() as session:
        result = import_file(
            session, future, FIXTURES / "mailchimp_all_campaigns.csv", force=True
        )  # the file's send date (2026) is not the campaign's: confirmed
    assert result.taken_on == date(2099, 5, 4)


def test_activity_import_writes_variants_and_breakdowns(
    workspace: Workspace, campaign_id: int
) -> None:
    with workspace.session() as session:
        result = import_file(session, campaign_id, FIXTURES / "activity_ab.csv")
    assert result.variants == ("A", "B") and result.snapshots == 2
    with workspace.reader() as session:
        dims = set(session.scalars(select(StatBreakdown.dimension)))
    assert dims == {"domain", "hour"}
    # importing again the same file changes nothing, breakdowns included
    before = _count(workspace, StatBreakdown)
    with workspace.session() as session:
        assert import_file(session, campaign_id, FIXTURES / "activity_ab.csv").already_imported
    assert _count(workspace, StatBreakdown) == before


def _big_activity(path: Path, rows: int, bad_at: int | None = None) -> None:
    with path.open("w", newline="") as out:
        out.write("email,event,timestamp\n")
        for i in range(rows):
            event = "open" if i % 3 else "delivered"
            if i == bad_at:
                event = "opned"
            out.write(f"client{i // 3}@orange.fr,{event},2026-01-09T10:{i % 60:02d}:00\n")


def test_a_bad_line_in_the_middle_of_a_big_file_writes_nothing(
    workspace: Workspace, campaign_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    _big_activity(path, 200_000, bad_at=100_000)
    with pytest.raises(StatsRefused) as caught, workspace.session() as session:
        import_file(session, campaign_id, path)
    assert caught.value.code == "bad_event"
    assert caught.value.details["line"] == 100_002
    assert caught.value.details["value"] == "opned"
    for model in (StatSnapshot, StatBreakdown, StatImport):
        assert _count(workspace, model) == 0


def test_progress_reports_and_cancel_writes_nothing(
    workspace: Workspace, campaign_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    _big_activity(path, 150_000)
    seen: list[tuple[int, int]] = []

    def cancel_later(done: int, total: int) -> bool:
        seen.append((done, total))
        return len(seen) < 2

    with pytest.raises(StatsRefused) as caught, workspace.session() as session:
        import_file(session, campaign_id, path, progress=cancel_later)
    assert caught.value.code == "cancelled"
    assert seen[0] == (0, path.stat().st_size)
    assert _count(workspace, StatSnapshot) == 0


def test_a_2_gb_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as out:
        out.truncate(2 * 1024**3)  # sparse: takes no disk space
    with pytest.raises(StatsRefused) as caught:
        detect(path)
    assert caught.value.code == "too_large"
    assert caught.value.details["size"] == 2 * 1024**3


def test_a_report_over_50_mb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    header = (FIXTURES / "brevo_campaigns_api.csv").read_bytes()
    with path.open("wb") as out:
        out.write(header)
        # Blank lines, not NUL bytes: the file stays a readable report, so only its size is
        # against it (NUL bytes would be refused as binary first).
        out.write(b"\r\n" * ((51 * 1024**2 - len(header)) // 2 + 1))
    with pytest.raises(StatsRefused) as caught:
        detect(path)
    assert caught.value.code == "too_large"


@pytest.mark.parametrize(("content", "code"), [(None, "missing"), (b"", "empty")])
def test_missing_and_empty_files(tmp_path: Path, content: bytes | None, code: str) -> None:
    path = tmp_path / "x.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(StatsRefused) as caught:
        detect(path)
    assert caught.value.code == code


def test_mapping_is_remembered_per_esp(workspace: Workspace, campaign_id: int) -> None:
    path = FIXTURES / "mapped_fr_cp1252.csv"
    mapping = mapping_for_headers(detect(path).headers)
    assert set(mapping) <= set(MAPPABLE_FIELDS)
    with workspace.session() as session:
        result = import_file(session, campaign_id, path, mapping=mapping, esp="Sendethic")
    assert result.layout == "mapped"
    with workspace.reader() as session:
        assert saved_mapping(session, "sendethic") == mapping
        assert saved_mapping(session, "Brevo") is None


def test_inconsistent_figures_write_nothing(
    workspace: Workspace, campaign_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text((FIXTURES / "brevo_campaigns_api.csv").read_text().replace(",7779,", ",20000,"))
    with pytest.raises(StatsRefused) as caught, workspace.session() as session:
        import_file(session, campaign_id, path)
    assert caught.value.code == "inconsistent"
    assert caught.value.details["column"] == "uniqueViews"
    assert _count(workspace, StatSnapshot) == 0
