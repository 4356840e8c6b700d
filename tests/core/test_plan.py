"""Importing and exporting the operator's plan: the Excel sheet she kept before crmdesk comes in
whole or not at all, a second import changes nothing, and the export comes back unchanged."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from crmdesk.core import campaigns, checklists, clients, plan
from crmdesk.core.campaigns import CampaignInput
from crmdesk.core.checklists import TemplateItem
from crmdesk.core.db import Workspace
from crmdesk.core.models import (
    Campaign,
    CampaignStatus,
    CampaignType,
    Channel,
    ChecklistItem,
    ChecklistPhase,
    ChecklistRole,
    Client,
    Segment,
    campaign_segments,
)
from crmdesk.core.plan import PlanMapping, PlanPreview, PlanRefused
from crmdesk.core.tabular import TableRefused, read_table

FRENCH_HEADER = "Client;Campagne;Date d'envoi;Heure;Type;Canal;Segment;Statut;Objet;Volume\r\n"


def write_csv(path: Path, lines: list[str], encoding: str = "cp1252") -> Path:
    path.write_bytes("".join(lines).encode(encoding))
    return path


def preview_file(workspace: Workspace, path: Path, **options: object) -> PlanPreview:
    table = read_table(path)
    with workspace.reader() as session:
        return plan.preview(session, table, PlanMapping.recognise(table.headers), **options)  # type: ignore[arg-type]


def import_file(workspace: Workspace, path: Path) -> plan.PlanResult:
    found = preview_file(workspace, path)
    with workspace.session() as session:
        return plan.apply(session, found)


def dump(workspace: Workspace) -> dict[str, list[tuple[object, ...]]]:
    """Every row an import could touch, every column as stored but the moments of writing."""
    tables = (Client, Segment, Campaign, ChecklistItem)
    found: dict[str, list[tuple[object, ...]]] = {}
    with workspace.reader() as session:
        for table in [model.__table__ for model in tables] + [campaign_segments]:
            moments = ("created_at", "updated_at", "changed_at")
            columns = [c for c in table.c if c.name not in moments]
            query = select(*columns).order_by(*table.primary_key.columns)
            found[table.name] = [tuple(row) for row in session.execute(query)]
        found["search"] = [
            tuple(row)
            for row in session.execute(
                text("SELECT rowid, campaign_id, field, body FROM search_index ORDER BY rowid")
            )
        ]
    return found


@pytest.fixture
def french_plan(tmp_path: Path) -> Path:
    """The operator's sheet as French Excel saves it: Windows-1252, ";", dd/mm/yyyy, 9h30."""
    return write_csv(
        tmp_path / "plan 2026.csv",
        [
            FRENCH_HEADER,
            "Éditions Lumière;Soldes d'été;01/07/2026;9h30;Promo;E-mail;Abonnés actifs;"
            "Programmé;Jusqu'à -50 %;120 000\r\n",
            "Éditions Lumière;Newsletter juillet;02/07/2026;;;;Abonnés actifs, Inactifs;;;\r\n",
            "Maison Verlaine;Rentrée des classes;01/09/26;14h;newsletter;SMS;Parents;brouillon;;"
            "80.000\r\n",
            ";;;;;;;;;\r\n",
            "Total;;;;;;;;;200 000\r\n",
        ],
    )


# --- recognising columns -------------------------------------------------------------------


def test_french_and_english_headers_are_recognised_whatever_their_accents() -> None:
    found = plan.recognise(
        ["ANNONCEUR", "Nom de la campagne", "date d’envoi", "Heure d'envoi", "ÉTAT", "Cible",
         "Pré-header", "Objet de l'email", "Volumétrie", "Routeur", "Remarques", "Divers"]
    )  # fmt: skip

    assert found == {
        "client": 0,
        "name": 1,
        "send_date": 2,
        "send_time": 3,
        "status": 4,
        "segments": 5,
        "preheader": 6,
        "subject": 7,
        "volume": 8,
        "esp": 9,
        "notes": 10,
        "type": None,
        "channel": None,
    }


def test_the_exported_headers_are_recognised() -> None:
    found = plan.recognise([plan.EXPORT_HEADERS[name] for name in plan.FIELDS])

    assert found == {name: index for index, name in enumerate(plan.FIELDS)}


def test_a_sheet_without_a_campaign_or_a_date_column_is_refused_naming_them(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "plan.csv", ["Client;Objet;Quand\r\n", "A;B;01/07/2026\r\n"])

    with pytest.raises(PlanRefused) as refused:
        preview_file(workspace, path)

    assert refused.value.code == "unmapped"
    message = refused.value.message
    assert "campaign name, send date" in message and '"Quand"' in message


# --- previewing and importing ----------------------------------------------------------------


def test_a_french_excel_plan_is_previewed_then_imported(
    workspace: Workspace, client_id: int, french_plan: Path
) -> None:
    found = preview_file(workspace, french_plan)

    assert found.problems == ()
    assert (found.created, found.unchanged) == (3, 0)
    assert (found.skipped_empty, found.skipped_total) == (1, 1)
    assert found.new_clients == ("Maison Verlaine",)
    assert found.new_segments == (("Maison Verlaine", "Parents"),)
    first = found.rows[0]
    assert (first.line, first.client, first.name) == (2, "Éditions Lumière", "Soldes d'été")
    assert (first.send_date, first.send_time, first.volume) == (
        date(2026, 7, 1),
        time(9, 30),
        120000,
    )
    assert (first.type, first.channel, first.status) == (
        CampaignType.PROMO,
        Channel.EMAIL,
        CampaignStatus.SCHEDULED,
    )

    with workspace.session() as session:
        result = plan.apply(session, found)

    assert (result.created, result.unchanged, result.new_clients) == (3, 0, ("Maison Verlaine",))
    assert result.changes.campaigns and result.changes.clients
    with workspace.reader() as session:
        rows = {r.name: r for r in campaigns.list_campaigns(session)}
        summer = campaigns.load(session, rows["Soldes d'été"].id)
        july = campaigns.load(session, rows["Newsletter juillet"].id)
        autumn = campaigns.load(session, rows["Rentrée des classes"].id)
        segments = {s.id: s.name for s in clients.list_segments(session)}
    assert rows["Soldes d'été"].send_at == datetime(2026, 7, 1, 7, 30, tzinfo=UTC)  # summer time
    assert summer.subject == "Jusqu'à -50 %" and summer.client_id == client_id
    assert july.send_time == plan.DEFAULT_SEND_TIME
    assert (july.type, july.channel, july.status) == (
        CampaignType.NEWSLETTER,
        Channel.EMAIL,
        CampaignStatus.DRAFT,
    )
    assert sorted(segments[i] for i in july.segment_ids) == ["Abonnés actifs", "Inactifs"]
    assert (autumn.send_date, autumn.send_time, autumn.channel, autumn.volume) == (
        date(2026, 9, 1),
        time(14, 0),
        Channel.SMS,
        80000,
    )
    assert [segments[i] for i in autumn.segment_ids] == ["Parents"]


def test_an_xlsx_plan_with_real_date_and_time_cells_is_imported(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Client", "Campaign", "Send date", "Send time", "Volume"])
    sheet.append(["Éditions Lumière", "Rentrée", date(2026, 9, 3), time(10, 15), 95000])
    sheet.append(["éditions lumière", "Flash", datetime(2026, 9, 4, 18, 45), None, 1.2e5])
    sheet.append(["Éditions Lumière", "Serial", 46357, 0.4375, None])
    book.save(tmp_path / "plan.xlsx")

    result = import_file(workspace, tmp_path / "plan.xlsx")

    assert (result.created, result.new_clients) == (3, ())
    with workspace.reader() as session:
        loaded = {r.name: campaigns.load(session, r.id) for r in campaigns.list_campaigns(session)}
    assert (loaded["Rentrée"].send_date, loaded["Rentrée"].send_time) == (
        date(2026, 9, 3),
        time(10, 15),
    )
    assert (loaded["Flash"].send_time, loaded["Flash"].volume) == (time(18, 45), 120000)
    assert loaded["Flash"].client_id == client_id
    assert (loaded["Serial"].send_date, loaded["Serial"].send_time) == (
        date(2026, 12, 1),
        time(10, 30),
    )


def test_a_bad_date_in_the_middle_names_line_and_column_and_nothing_is_written(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    lines = [FRENCH_HEADER]
    lines += [f"Nouveau client;Campagne {n};0{1 + n}/03/2026;;;;;;;\r\n" for n in range(5)]
    lines.insert(3, "Nouveau client;Février;31/02/2026;;;;;;;\r\n")
    path = write_csv(tmp_path / "plan.csv", lines)
    before = dump(workspace)

    found = preview_file(workspace, path)

    assert found.problem_count == 1
    (problem,) = found.problems
    assert (problem.line, problem.column_header, problem.field, problem.code) == (
        4,
        "Date d'envoi",
        "send_date",
        "bad_date",
    )
    assert problem.message == (
        'Line 4, column "Date d\'envoi": "31/02/2026" is not a date (dd/mm/yyyy or yyyy-mm-dd).'
    )
    with pytest.raises(PlanRefused) as refused, workspace.session() as session:
        plan.apply(session, found)
    assert refused.value.code == "invalid" and refused.value.problems == [problem]
    assert "Line 4" in refused.value.message
    assert dump(workspace) == before


def test_unknown_status_type_and_channel_are_named_with_line_and_column(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "plan.csv",
        [
            FRENCH_HEADER,
            "Éditions Lumière;A;01/07/2026;25h;Jeu concours;Fax;;En attente;;1,5\r\n",
            "Éditions Lumière;;01/07/2026;;;;;;;\r\n",
        ],
    )

    found = preview_file(workspace, path)

    assert [(p.line, p.column_header, p.code) for p in found.problems] == [
        (2, "Heure", "bad_time"),
        (2, "Type", "unknown_type"),
        (2, "Canal", "unknown_channel"),
        (2, "Statut", "unknown_status"),
        (2, "Volume", "bad_volume"),
        (3, "Campagne", "missing_value"),
    ]
    assert found.problems[3].message.startswith('Line 2, column "Statut": "En attente" is not a')
    assert found.created == 0


def test_a_send_time_the_clocks_skip_is_a_problem(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "plan.csv", [FRENCH_HEADER, "Éditions Lumière;Nuit;29/03/2026;2h30;;;;;;\r\n"]
    )

    (problem,) = preview_file(workspace, path).problems

    assert (problem.code, problem.column_header) == ("time_skipped", "Heure")
    assert "Europe/Paris" in problem.message


def test_importing_the_same_file_twice_creates_nothing_the_second_time(
    workspace: Workspace, client_id: int, french_plan: Path
) -> None:
    import_file(workspace, french_plan)
    before = dump(workspace)

    again = preview_file(workspace, french_plan)
    with workspace.session() as session:
        result = plan.apply(session, again)

    assert (again.created, again.unchanged, again.new_clients, again.new_segments) == (0, 3, (), ())
    assert all(row.exists for row in again.rows)
    assert (result.created, result.unchanged) == (0, 3)
    assert dump(workspace) == before


def test_the_same_campaign_twice_in_a_file_is_created_once_whatever_its_case(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "plan.csv",
        [
            "Client,Campaign,Date,Time\r\n",
            "Cycles Aubrac,Printemps,2026-04-02,9:30 AM\r\n",
            "CYCLES AUBRAC,printemps,02/04/2026,2:15 PM\r\n",
            "Cycles Aubrac,Printemps,03/04/2026,\r\n",
        ],
        "utf-8",
    )

    found = preview_file(workspace, path)

    assert (found.created, found.unchanged, found.new_clients) == (2, 1, ("Cycles Aubrac",))
    assert [r.exists for r in found.rows] == [False, True, False]


def test_a_campaign_already_in_the_workspace_is_left_as_it_is(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    with workspace.session() as session:
        campaigns.create(
            session, CampaignInput(client_id, "Soldes d'été", date(2026, 7, 1), time(8, 0))
        )
    before = dump(workspace)
    path = write_csv(
        tmp_path / "plan.csv",
        [FRENCH_HEADER, "ÉDITIONS LUMIÈRE;SOLDES D'ÉTÉ;01/07/2026;17h;;;;envoyé;;\r\n"],
    )

    result = import_file(workspace, path)

    assert (result.created, result.unchanged) == (0, 1)
    assert dump(workspace) == before


def test_segments_are_split_unless_the_cell_names_one_of_the_clients_segments(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    with workspace.session() as session:
        clients.add_segment(session, client_id, "Abonnés + prospects", 0)
    path = write_csv(
        tmp_path / "plan.csv",
        [
            FRENCH_HEADER,
            "Éditions Lumière;A;01/07/2026;;;;abonnés + prospects;;;\r\n",
            "Éditions Lumière;B;01/07/2026;;;;Inactifs + VIP;;;\r\n",
            "Éditions Lumière;C;01/07/2026;;;;Paris, Lyon | Inactifs;;;\r\n",
        ],
    )

    found = preview_file(workspace, path)

    assert [r.segments for r in found.rows] == [
        ("Abonnés + prospects",),
        ("Inactifs", "VIP"),
        ("Paris, Lyon", "Inactifs"),
    ]
    assert found.new_segments == (("Éditions Lumière", "VIP"), ("Éditions Lumière", "Paris, Lyon"))


def test_a_csv_with_a_bom_commas_and_excel_serial_dates(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "plan.csv",
        [
            "\ufeffBrand,Name,Day,Status,Recipients\r\n",
            'Fromagerie Lescure,Noël,46352,sent,"12,000"\r\n',
        ],
        "utf-8",
    )

    (row,) = preview_file(workspace, path).rows

    assert (row.client, row.send_date, row.status, row.volume) == (
        "Fromagerie Lescure",
        date(2026, 11, 26),
        CampaignStatus.SENT,
        12000,
    )


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("9h30", time(9, 30)),
        ("9h", time(9, 0)),
        ("09:30", time(9, 30)),
        ("9:30", time(9, 30)),
        ("14h", time(14, 0)),
        ("14:00:00", time(14, 0)),
        ("9:30 AM", time(9, 30)),
        ("2:15 PM", time(14, 15)),
        ("12 pm", time(12, 0)),
        ("12:05 a.m.", time(0, 5)),
        (time(8, 45, 12), time(8, 45)),
        (0.75, time(18, 0)),
    ],
)
def test_send_times_as_operators_type_them(cell: object, expected: time) -> None:
    assert plan.parse_time(cell) == expected


@pytest.mark.parametrize("cell", ["25h", "9h75", "13:00 PM", "midi", "1.5"])
def test_times_that_are_not_times(cell: str) -> None:
    with pytest.raises(ValueError, match="is not a time"):
        plan.parse_time(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("01/07/2026", (date(2026, 7, 1), None)),
        ("1/7/26", (date(2026, 7, 1), None)),
        ("01.07.2026", (date(2026, 7, 1), None)),
        ("2026-07-01", (date(2026, 7, 1), None)),
        ("2026-07-01 18:30:00", (date(2026, 7, 1), time(18, 30))),
        ("46357", (date(2026, 12, 1), None)),
        (46357.5, (date(2026, 12, 1), time(12, 0))),
        (datetime(2026, 7, 1), (date(2026, 7, 1), None)),
        (datetime(2026, 7, 1, 7, 5), (date(2026, 7, 1), time(7, 5))),
    ],
)
def test_send_dates_as_excel_and_operators_write_them(
    cell: object, expected: tuple[date, time | None]
) -> None:
    assert plan.parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["31/02/2026", "07/15/2026", "demain", "12", 12, "2026-13-01"])
def test_dates_that_do_not_exist(cell: object) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        plan.parse_date(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("120 000", 120000),
        ("120\u202f000", 120000),
        ("120\xa0000", 120000),
        ("120.000", 120000),
        ("120,000", 120000),
        ("1 234 567", 1234567),
        (95000, 95000),
        (95000.0, 95000),
        ("", None),
        (None, None),
    ],
)
def test_volumes_with_thousands_separators(cell: object, expected: int | None) -> None:
    assert plan.parse_volume(cell) == expected


@pytest.mark.parametrize("cell", ["1,5", "12.5", "-3", "beaucoup", 1.5, True, "99999999999"])
def test_volumes_that_are_not_a_number_of_recipients(cell: object) -> None:
    with pytest.raises(ValueError, match="is not a number of recipients"):
        plan.parse_volume(cell)


def test_too_long_names_are_problems(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "plan.csv", [FRENCH_HEADER, f"{'C' * 121};{'N' * 201};01/07/2026;;;;;;;\r\n"]
    )

    found = preview_file(workspace, path)

    assert [(p.field, p.code) for p in found.problems] == [
        ("client", "name_too_long"),
        ("name", "name_too_long"),
    ]


def test_problems_are_listed_up_to_a_cap_and_all_counted(
    workspace: Workspace, tmp_path: Path
) -> None:
    lines = [FRENCH_HEADER] + [f"A;B{n};32/01/2026;;;;;;;\r\n" for n in range(150)]

    found = preview_file(workspace, write_csv(tmp_path / "plan.csv", lines))

    assert (len(found.problems), found.problem_count) == (plan.MAX_PROBLEMS, 150)


def test_a_row_starting_with_a_total_word_is_skipped_but_a_client_named_total_is_not(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "plan.csv",
        [
            FRENCH_HEADER,
            "Total;Carburant;01/07/2026;;;;;;;\r\n",
            "Sous-total juillet;;;;;;;;;1 000\r\n",
            ";;;;;;;;;2 000\r\n",
            "TOTAL GÉNÉRAL;;;;;;;;;\r\n",
        ],
    )

    found = preview_file(workspace, path)

    assert (found.created, found.skipped_total, found.problem_count) == (1, 3, 0)
    assert found.new_clients == ("Total",)


# --- applying ------------------------------------------------------------------------------


@pytest.mark.sqlite_only(reason="copies the template workspace file")
def test_an_imported_campaign_is_exactly_what_create_makes(
    workspace: Workspace, empty_template: Path, tmp_path: Path
) -> None:
    """Same fields, UTC instant, segments, checklist (with a client's own template) and search
    index as ``campaigns.create`` (called in the order of the send days, as the import creates
    them): the bulk path shares its helpers."""
    custom = (
        TemplateItem("Check the offer", "Vérifier l'offre", ChecklistPhase.BAT, ChecklistRole.CRM),
        TemplateItem("Send", "Envoyer", ChecklistPhase.SEND, ChecklistRole.CRM, -3, "links"),
    )
    rows = [
        ("Éditions Lumière", "Soldes", date(2026, 7, 4), time(9, 30), CampaignType.PROMO,
         Channel.EMAIL, ("Abonnés",), CampaignStatus.BAT, "Jusqu'à -50 %", "Vite", 1200, "Brevo",
         "Note\nsur deux lignes"),
        ("Éditions Lumière", "Relance", date(2026, 10, 25), time(2, 30), CampaignType.RELANCE,
         Channel.SMS, (), CampaignStatus.DRAFT, "", "", None, "", ""),
        ("Maison Verlaine", "Rentrée", date(2026, 9, 1), time(18, 0), CampaignType.NEWSLETTER,
         Channel.PUSH, ("Parents", "Profs"), CampaignStatus.SENT, "", "", 0, "", ""),
    ]  # fmt: skip
    twin_path = tmp_path / "twin.sqlite"
    shutil.copyfile(empty_template, twin_path)

    def setup(session: Session) -> int:
        lumiere, _ = clients.create_client(session, "Éditions Lumière", timezone="Europe/Paris")
        checklists.save_template(session, lumiere, CampaignType.PROMO, custom)
        return lumiere

    with workspace.session() as session:
        setup(session)
    csv_lines = [";".join(plan.EXPORT_HEADERS[name] for name in plan.FIELDS) + "\r\n"]
    for client, name, day, at, ctype, channel, segs, status, *rest in rows:
        texts = ("" if v is None else str(v) for v in rest)
        values = [client, name, f"{day:%d/%m/%Y}", f"{at:%H:%M}", ctype, channel,
                  " | ".join(segs), status, *texts]  # fmt: skip
        csv_lines.append(";".join(f'"{v}"' for v in values) + "\r\n")
    import_file(workspace, write_csv(tmp_path / "plan.csv", csv_lines, "utf-8"))

    with Workspace.open(twin_path) as twin, twin.session() as session:
        lumiere = setup(session)
        verlaine, _ = clients.create_client(session, "Maison Verlaine")
        ids = {("Éditions Lumière", "Abonnés"): clients.add_segment(session, lumiere, "Abonnés", 0)}
        for name in ("Parents", "Profs"):
            ids[("Maison Verlaine", name)] = clients.add_segment(session, verlaine, name, 0)
        for client, name, day, at, ctype, channel, segs, status, *rest in sorted(
            rows, key=lambda row: row[2]
        ):
            subject, preheader, volume, esp, notes = rest
            campaigns.create(
                session,
                CampaignInput(
                    lumiere if client == "Éditions Lumière" else verlaine,
                    name, day, at, "Europe/Paris", channel, ctype, status, None,
                    tuple(ids[(client, s)] for s in segs), volume, subject, preheader, esp, notes,  # type: ignore[arg-type]
                ),
            )  # fmt: skip
    with Workspace.open(twin_path) as twin:
        assert dump(workspace) == dump(twin)
    assert len(dump(workspace)["checklist_items"]) == 2 + 2 * len(checklists.default_template())


def test_progress_is_reported_and_cancelling_writes_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    lines = [FRENCH_HEADER] + [
        f"Cycles Aubrac;Sortie {n};05/05/2026;;;;;;;\r\n" for n in range(2500)
    ]
    found = preview_file(workspace, write_csv(tmp_path / "plan.csv", lines))
    before = dump(workspace)
    seen: list[tuple[int, int]] = []

    def cancel_after_the_first_thousand(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 1000

    with pytest.raises(PlanRefused) as refused, workspace.session() as session:
        plan.apply(session, found, progress=cancel_after_the_first_thousand)

    assert refused.value.code == "cancelled"
    assert seen == [(0, 2500), (1000, 2500)]
    assert dump(workspace) == before


def test_what_appeared_since_the_preview_is_not_duplicated(
    workspace: Workspace, french_plan: Path
) -> None:
    found = preview_file(workspace, french_plan)
    with workspace.session() as session:
        lumiere, _ = clients.create_client(session, "Éditions Lumière")
        clients.add_segment(session, lumiere, "Abonnés actifs", 0)
        campaigns.create(
            session, CampaignInput(lumiere, "Soldes d'été", date(2026, 7, 1), time(9, 30))
        )

    with workspace.session() as session:
        result = plan.apply(session, found)

    assert (result.created, result.unchanged) == (2, 1)
    assert result.new_clients == ("Maison Verlaine",)
    with workspace.reader() as session:
        assert session.scalar(select(func.count()).select_from(Client)) == 2


def test_rows_without_a_column_with_a_default_are_written_the_ordinary_way(
    workspace: Workspace, client_id: int
) -> None:
    """The bulk writer's safety net: a column added later with a default still gets it."""
    names = ("id", "client_id", "name", "planned_send_at")
    with workspace.session() as session:
        writer = plan._Writer(session, Campaign.__table__, names)
        at = datetime(2026, 7, 1, 7, 30, tzinfo=UTC)
        writer.write([writer.values((900 + n, client_id, f"Test {n}", at)) for n in range(3)])
        stored = session.execute(
            select(Campaign.status, Campaign.channel, Campaign.created_at).where(Campaign.id == 901)
        ).one()

    assert not writer.fast
    assert stored[:2] == (CampaignStatus.DRAFT, Channel.EMAIL) and stored[2] is not None


# --- exporting -----------------------------------------------------------------------------


@pytest.fixture
def planned(workspace: Workspace, client_id: int, french_plan: Path) -> Iterator[Workspace]:
    import_file(workspace, french_plan)
    with workspace.session() as session:
        campaigns.create(
            session,
            CampaignInput(
                client_id, "=Formule ?", date(2026, 10, 25), time(23, 30), notes='a;b\n"c"'
            ),
        )
    yield workspace


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_exporting_then_importing_the_plan_changes_nothing(
    planned: Workspace, tmp_path: Path, suffix: str
) -> None:
    before = dump(planned)
    out = tmp_path / f"export{suffix}"

    with planned.reader() as session:
        written = plan.export_plan(session, out)
    result = import_file(planned, out)

    assert written == 4
    assert (result.created, result.unchanged, result.new_clients, result.new_segments) == (
        0,
        4,
        (),
        (),
    )
    assert dump(planned) == before


def test_the_csv_export_is_french_excel_friendly(planned: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"

    with planned.reader() as session:
        plan.export_plan(session, out)

    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfClient;Campaign;Send date;Send time;Type;Channel;")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1] == (
        "Éditions Lumière;Soldes d'été;01/07/2026;09:30;promo;email;Abonnés actifs;scheduled;"
        "Jusqu'à -50 %;;120000;;"
    )
    assert "Abonnés actifs | Inactifs" in lines[2]
    assert not list(tmp_path.glob(".*.part"))


def test_the_xlsx_export_has_date_cells_a_bold_header_and_widths(
    planned: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "plan.xlsx"

    with planned.reader() as session:
        plan.export_plan(session, out)

    sheet = load_workbook(out).active
    assert sheet["A1"].value == "Client" and sheet["A1"].font.b
    assert sheet["C2"].value == datetime(2026, 7, 1) and sheet["C2"].number_format == "DD/MM/YYYY"
    assert sheet["D2"].value == time(9, 30) and sheet["D2"].number_format == "HH:MM"
    assert sheet["K2"].value == 120000
    assert sheet.column_dimensions["B"].width == plan.XLSX_WIDTHS["name"]
    assert sheet["B5"].value == "=Formule ?" and sheet["B5"].data_type == "s"
    assert sheet.freeze_panes == "A2"


def test_the_export_keeps_the_chosen_clients_and_days(
    planned: Workspace, client_id: int, tmp_path: Path
) -> None:
    out = tmp_path / "plan.csv"

    with planned.reader() as session:
        only_lumiere = plan.export_plan(session, out, client_ids={client_id})
        july_2 = plan.export_plan(session, out, start=date(2026, 7, 2), end=date(2026, 7, 2))
        from_september = plan.export_plan(session, out, start=date(2026, 9, 1))

    assert (only_lumiere, july_2, from_september) == (3, 1, 2)


def test_an_export_that_cannot_be_written_says_so_and_leaves_no_litter(
    planned: Workspace, tmp_path: Path
) -> None:
    with planned.reader() as session:
        with pytest.raises(PlanRefused) as folder:
            plan.export_plan(session, tmp_path)
        with pytest.raises(PlanRefused) as nowhere:
            plan.export_plan(session, tmp_path / "missing" / "plan.csv")
        with pytest.raises(PlanRefused) as pdf:
            plan.export_plan(session, tmp_path / "plan.pdf")

    assert (folder.value.code, nowhere.value.code, pdf.value.code) == (
        "unwritable",
        "unwritable",
        "unsupported",
    )
    assert not list(tmp_path.glob("**/.*.part"))


# --- real files ----------------------------------------------------------------------------


def test_real_third_party_csv_files_give_a_preview_or_a_refusal(
    workspace: Workspace, corpus: Path
) -> None:
    files = sorted(corpus.rglob("*.csv"))
    assert files
    for path in files:
        try:
            table = read_table(path)
        except TableRefused:
            continue
        # Their first three columns taken as client, name and date, so their rows are read too.
        forced = PlanMapping({"client": 0, "name": 1, "send_date": 2})
        for mapping in (PlanMapping.recognise(table.headers), forced):
            try:
                with workspace.reader() as session:
                    found = plan.preview(session, table, mapping)
            except PlanRefused:
                continue
            # Every row is counted, or it has a problem.
            counted = found.created + found.unchanged + found.skipped_empty + found.skipped_total
            assert counted == len(table.rows) or (counted < len(table.rows) and found.problems)


def test_a_time_zone_the_preview_does_not_know_is_a_bug(
    workspace: Workspace, french_plan: Path
) -> None:
    with pytest.raises(ValueError, match="Mars/Olympus"):
        preview_file(workspace, french_plan, timezone_default="Mars/Olympus")


def test_new_clients_are_created_in_the_time_zone_chosen(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "plan.csv", [FRENCH_HEADER, "Ocean;Aloha;01/07/2026;9h;;;;;;\r\n"])
    found = preview_file(workspace, path, timezone_default="Pacific/Honolulu")

    with workspace.session() as session:
        plan.apply(session, found)
        client = session.scalar(select(Client).where(Client.name == "Ocean"))
        campaign = session.scalar(select(Campaign))

    assert client is not None and client.timezone == "Pacific/Honolulu"
    assert campaign is not None
    assert campaign.planned_send_at == datetime(2026, 7, 1, 19, 0, tzinfo=UTC)
