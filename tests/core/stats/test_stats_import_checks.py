"""Imports that check what they take: another campaign's export, activity from before the send
or long after it, figures that would replace recorded ones, are listed and written only when
confirmed; deleted figures can be imported again; a figure the file does not give is None."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus, StatBreakdown, StatImport, StatSnapshot
from crmdesk.core.stats import imports, layouts, service
from crmdesk.core.stats.figures import Figures
from crmdesk.core.stats.imports import ImportMismatch, import_file, inspect, read_file
from tests.conftest import plan

FIXTURES = Path(__file__).parent / "fixtures"
MAILCHIMP_ACTIVITY = "esp_csv/fivetran-dbt_mailchimp/campaign_recipient_activity.csv"
MAILUP = "esp_csv/from-documentation/mailup/statistics_full_export.csv"


@pytest.fixture
def christmas(workspace: Workspace, client_id: int) -> int:
    """A campaign sent in December 2026, 2,000 recipients: the one the wrong files landed in."""
    return plan(
        workspace,
        client_id,
        date(2026, 12, 8),
        name="Noël : les coffrets",
        at=time(9, 30),
        subject="Nos coffrets de Noël sont arrivés",
        status=CampaignStatus.SENT,
        volume=2000,
    )


@pytest.fixture
def winter_sale(workspace: Workspace, client_id: int) -> int:
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


def _nothing_written(workspace: Workspace) -> None:
    for model in (StatSnapshot, StatBreakdown, StatImport):
        assert _count(workspace, model) == 0, model.__name__


def _refused(workspace: Workspace, campaign_id: int, path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(ImportMismatch) as caught, workspace.session() as session:
        import_file(session, campaign_id, path, taken_on=date(2026, 12, 13), **kwargs)  # type: ignore[arg-type]
    refused = caught.value
    assert refused.code == "mismatch" and "Nothing was written" in refused.message
    return [m.field for m in refused.mismatches]


# -- another campaign's files ------------------------------------------------------------------


def test_a_2019_mailchimp_activity_export_is_not_taken_for_a_december_2026_campaign(
    workspace: Workspace, christmas: int, corpus: Path
) -> None:
    path = corpus / MAILCHIMP_ACTIVITY
    with pytest.raises(ImportMismatch) as caught, workspace.session() as session:
        import_file(session, christmas, path, taken_on=date(2026, 12, 13))
    [before] = caught.value.mismatches
    assert before.field == "events_before"
    assert before.in_file.startswith("2019-11-27")
    assert before.in_campaign == "2026-12-08 09:30"
    assert "2019-11-27" in before.message and "before this campaign's send" in before.message
    _nothing_written(workspace)

    with workspace.session() as session:
        result = import_file(session, christmas, path, taken_on=date(2026, 12, 13), force=True)
    assert not result.already_imported and result.snapshots == 1
    assert _count(workspace, StatSnapshot) == 1 and _count(workspace, StatImport) == 1


def test_a_2011_mailup_export_is_not_taken_either(
    workspace: Workspace, christmas: int, corpus: Path
) -> None:
    assert _refused(workspace, christmas, corpus / MAILUP) == ["events_before"]
    _nothing_written(workspace)


def test_another_campaigns_mailchimp_report_lists_name_subject_and_send_date(
    workspace: Workspace, christmas: int, tmp_path: Path
) -> None:
    lines = (FIXTURES / "mailchimp_all_campaigns.csv").read_text(encoding="utf-8").splitlines()
    one = tmp_path / "november.csv"
    one.write_text(f"{lines[0]}\n{lines[2]}\n", encoding="utf-8")  # "Newsletter novembre" only
    with pytest.raises(ImportMismatch) as caught, workspace.session() as session:
        import_file(session, christmas, one, taken_on=date(2026, 12, 13))
    found = {m.field: (m.in_file, m.in_campaign) for m in caught.value.mismatches}
    assert found == {
        "campaign": ("Newsletter novembre", "Noël : les coffrets"),
        "subject": ("Nos coups de cœur de novembre", "Nos coffrets de Noël sont arrivés"),
        "send_date": ("2025-11-12", "2026-12-08"),
    }
    _nothing_written(workspace)


def test_a_single_campaign_report_of_another_campaign_is_refused(
    workspace: Workspace, christmas: int
) -> None:
    fields = _refused(workspace, christmas, FIXTURES / "mailchimp_campaign_report.csv")
    assert fields == ["campaign", "subject", "send_date"]
    _nothing_written(workspace)


def test_activity_before_the_send_and_long_after_it(
    workspace: Workspace, christmas: int, tmp_path: Path
) -> None:
    early = tmp_path / "early.csv"
    early.write_text(
        "email,event,timestamp\n"
        "a@orange.fr,delivered,2026-12-01T08:00:00\n"
        "a@orange.fr,open,2026-12-01T09:00:00\n"
        "b@gmail.com,open,2026-12-08T10:00:00\n",
        encoding="utf-8",
    )
    assert _refused(workspace, christmas, early) == ["events_before"]
    late = tmp_path / "late.csv"
    late.write_text(
        "email,event,timestamp\n"
        "a@orange.fr,open,2026-12-08T10:00:00\n"
        "b@gmail.com,click,2027-03-01T10:00:00\n",
        encoding="utf-8",
    )
    assert _refused(workspace, christmas, late) == ["events_after"]
    _nothing_written(workspace)


def test_the_campaigns_own_files_ask_nothing(workspace: Workspace, winter_sale: int) -> None:
    """Within the tolerances: the send day ±2 days, names without case or accents, activity
    from just before the planned send (a send moved by a few hours) to 60 days after."""
    for name in ("mailchimp_all_campaigns.csv", "mailchimp_campaign_report.csv", "activity_ab.csv"):
        parsed = read_file(FIXTURES / name, campaign_name="Soldes d'hiver J-1", campaign_subject="")
        with workspace.reader() as session:
            seen = inspect(session, winter_sale, parsed, taken_on=date(2026, 1, 14))
        assert seen.mismatches == (), name
    with workspace.session() as session:
        result = import_file(session, winter_sale, FIXTURES / "mailchimp_all_campaigns.csv")
    assert result.snapshots == 1


def test_names_and_subjects_compare_without_case_accents_or_merge_tags() -> None:
    assert imports.similar("SOLDES D'HIVER J-1", "Soldes d’hiver J-1", 0.6)
    assert imports.similar("Soldes d'hiver J-1 (copy 01)", "Soldes d'hiver J-1", 0.6)
    assert imports.similar("*|FNAME|*, les soldes c'est demain", "Les soldes, c'est demain", 0.8)
    assert imports.similar("Noël", "", 0.8), "nothing to compare with is not a mismatch"
    assert not imports.similar("Release 0.1.1", "Noël : les coffrets", 0.6)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Jan 09, 2026 09:30 am", date(2026, 1, 9)),
        ("09/01/2026 09:30", date(2026, 1, 9)),
        ("01/25/2026", date(2026, 1, 25)),
        ("2026-01-09T09:30:00", date(2026, 1, 9)),
        ("9 janvier 2026", date(2026, 1, 9)),
        ("20110122T111244", date(2011, 1, 22)),
        ("soon", None),
        ("", None),
    ],
)
def test_send_dates_as_esps_write_them(text: str, day: date | None) -> None:
    assert layouts.parse_send_day(text) == day


def test_the_subject_of_the_latest_bat_counts_too(
    workspace: Workspace, winter_sale: int, tmp_path: Path
) -> None:
    from crmdesk.core.models import BatRound

    lines = (FIXTURES / "mailchimp_all_campaigns.csv").read_text(encoding="utf-8").splitlines()
    renamed = tmp_path / "renamed.csv"
    renamed.write_text(
        f"{lines[0]}\n{lines[1].replace('Les soldes, c', 'Dernier jour, c')}\n", encoding="utf-8"
    )
    parsed = read_file(renamed, campaign_name="Soldes d'hiver J-1")
    with workspace.reader() as session:
        assert [m.field for m in inspect(session, winter_sale, parsed).mismatches] == ["subject"]
    with workspace.session() as session:
        session.add(
            BatRound(
                campaign_id=winter_sale,
                number=1,
                source_name="bat.html",
                source_kind="html",
                entry="index.html",
                subject='"Dernier jour, c\'est demain !"',
            )
        )
    with workspace.reader() as session:
        assert inspect(session, winter_sale, parsed).mismatches == ()


# -- replacing and re-importing ----------------------------------------------------------------


def test_replacing_a_days_typed_figures_asks_first(workspace: Workspace, winter_sale: int) -> None:
    day = date(2026, 1, 14)
    with workspace.session() as session:
        service.save_snapshot(session, winter_sale, day, Figures(sent=12000, delivered=11900))
    path = FIXTURES / "mailchimp_all_campaigns.csv"
    with pytest.raises(ImportMismatch) as caught, workspace.session() as session:
        import_file(session, winter_sale, path, taken_on=day)
    [replaces] = caught.value.mismatches
    assert (replaces.field, replaces.in_file, replaces.in_campaign) == (
        "replaces",
        "2026-01-14",
        "typed",
    )
    with workspace.reader() as session:
        assert session.scalars(select(StatSnapshot.sent)).all() == [12000]
    with workspace.session() as session:
        import_file(session, winter_sale, path, taken_on=day, force=True)
    with workspace.reader() as session:
        assert session.scalars(select(StatSnapshot.sent)).all() == [12480]


def test_a_file_whose_figures_were_deleted_can_be_imported_again(
    workspace: Workspace, winter_sale: int
) -> None:
    path = FIXTURES / "activity_ab.csv"
    with workspace.session() as session:
        import_file(session, winter_sale, path, taken_on=date(2026, 1, 14))
    with workspace.session() as session:
        assert import_file(session, winter_sale, path).already_imported
        for view in service.snapshots(session, winter_sale):
            service.delete_snapshot(session, view.id)
    with workspace.reader() as session:
        assert inspect(session, winter_sale, read_file(path)).already_imported is False
    with workspace.session() as session:
        again = import_file(session, winter_sale, path, taken_on=date(2026, 1, 15))
    assert not again.already_imported and again.snapshots == 2
    assert _count(workspace, StatSnapshot) == 2 and _count(workspace, StatImport) == 1
    with workspace.session() as session:
        assert import_file(session, winter_sale, path).already_imported


# -- a figure the file does not give is not 0 --------------------------------------------------


def test_figures_without_a_column_are_stored_as_not_given(
    workspace: Workspace, client_id: int, winter_sale: int, corpus: Path
) -> None:
    path = FIXTURES / "mapped_fr_cp1252.csv"
    mapping = imports.mapping_for_headers(imports.detect(path).headers)
    with workspace.session() as session:
        import_file(session, winter_sale, path, mapping=mapping, taken_on=date(2026, 1, 14))
    with workspace.reader() as session:
        row = session.scalars(select(StatSnapshot)).one()
        assert (row.sent, row.delivered, row.unique_opens, row.unsubscribes) == (
            12480,
            12310,
            4102,
            21,
        )
        assert row.complaints is None and row.conversions is None
        assert row.total_opens is None and row.total_clicks is None and row.soft_bounces is None

    test_send = plan(workspace, client_id, date(2011, 1, 22), name="Test", subject="Test")
    with workspace.session() as session:
        import_file(session, test_send, corpus / MAILUP, taken_on=date(2011, 1, 25))
    with workspace.reader() as session:
        mailup = session.scalars(
            select(StatSnapshot).where(StatSnapshot.campaign_id == test_send)
        ).one()
        assert mailup.sent == 3 and mailup.hard_bounces == 1
        assert mailup.unsubscribes is None and mailup.complaints is None
        assert mailup.revenue is None
