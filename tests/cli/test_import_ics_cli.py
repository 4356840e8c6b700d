"""`crmdesk import-ics` as a user runs it: a real process, a real workspace file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import select

from crmdesk.core.db import Workspace
from crmdesk.core.models import CalendarMarker
from tests.cli.runs import crmdesk
from tests.conftest import stored_bytes

SALES = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//client//EN\r\n"
    "BEGIN:VEVENT\r\nUID:sales-2027@client\r\nSUMMARY:Soldes d'hiver\r\n"
    "DTSTART;VALUE=DATE:20270112\r\nDTEND;VALUE=DATE:20270115\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:fair@client\r\nSUMMARY:Salon\r\nDTSTART;VALUE=DATE:20270302\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:bad@client\r\nSUMMARY:Date cassée\r\nDTSTART:2027-13-45\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def stored(path: Path) -> list[tuple[int | None, str, date, date, bool]]:
    with Workspace.open(path) as workspace, workspace.reader() as session:
        return [
            tuple(row)  # type: ignore[misc]
            for row in session.execute(
                select(
                    CalendarMarker.client_id,
                    CalendarMarker.summary,
                    CalendarMarker.starts_on,
                    CalendarMarker.ends_on,
                    CalendarMarker.blackout,
                ).order_by(CalendarMarker.starts_on)
            )
        ]


def test_import_ics_in_french_for_one_client_then_again_without_copies(
    workspace: Workspace, workspace_path: Path, client_id: int, tmp_path: Path, data_dir: Path
) -> None:
    workspace.close()
    source = tmp_path / "soldes.ics"
    source.write_text(SALES, encoding="utf-8")

    done = crmdesk(
        "import-ics", source, "--db", workspace_path, "--client", "éditions lumière",
        data_dir=data_dir, lang="fr_FR.UTF-8",
    )  # fmt: skip
    again = crmdesk(
        "import-ics", source, "--db", workspace_path, "--client", "Éditions Lumière",
        data_dir=data_dir, lang="fr_FR.UTF-8",
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "soldes.ics\u00a0: 2 repères ajoutés, 0 repère mis à jour, 0 déjà là, 1 événement ignoré"
    )
    assert "“Date cassée”" in done.stdout and "2027-13-45" in done.stdout
    assert again.returncode == 0, again.stderr
    assert "0 repère ajouté, 0 repère mis à jour, 2 déjà là" in again.stdout
    assert stored(workspace_path) == [
        (client_id, "Soldes d'hiver", date(2027, 1, 12), date(2027, 1, 14), True),
        (client_id, "Salon", date(2027, 3, 2), date(2027, 3, 2), True),
    ]


def test_import_ics_json_for_all_clients_without_blackout(
    workspace: Workspace, workspace_path: Path, tmp_path: Path, data_dir: Path
) -> None:
    workspace.close()
    source = tmp_path / "salons.ics"
    source.write_text(SALES, encoding="utf-8")

    done = crmdesk(
        "import-ics", source, "--db", workspace_path, "--no-blackout", "--json", data_dir=data_dir
    )

    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["added"] == 2 and payload["updated"] == 0 and payload["client"] is None
    assert payload["blackout"] is False and len(payload["skipped"]) == 1
    assert [(c, b) for c, _, _, _, b in stored(workspace_path)] == [(None, False), (None, False)]


def test_a_refused_file_says_why_on_stderr_exits_non_zero_and_writes_nothing(
    workspace: Workspace, workspace_path: Path, client_id: int, tmp_path: Path, data_dir: Path
) -> None:
    workspace.close()
    before = stored_bytes(workspace_path)
    huge = tmp_path / "huge.ics"
    huge.write_bytes(SALES.encode() + b" " * (10 * 2**20))
    image = tmp_path / "photo.ics"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    source = tmp_path / "soldes.ics"
    source.write_text(SALES, encoding="utf-8")

    too_large = crmdesk("import-ics", huge, "--db", workspace_path, data_dir=data_dir)
    binary = crmdesk("import-ics", image, "--db", workspace_path, data_dir=data_dir)
    missing = crmdesk("import-ics", tmp_path / "nope.ics", "--db", workspace_path,
                      data_dir=data_dir)  # fmt: skip
    nobody = crmdesk(
        "import-ics", source, "--db", workspace_path, "--client", "Personne", data_dir=data_dir
    )

    assert too_large.returncode == 2 and too_large.stdout == ""
    assert "huge.ics: the file is 10.0 MB, over the 4 MB" in too_large.stderr
    assert binary.returncode == 2 and "photo.ics: it is binary data" in binary.stderr
    assert missing.returncode == 2 and "nope.ics: the file cannot be read" in missing.stderr
    assert nobody.returncode == 2 and "No client named “Personne”" in nobody.stderr
    assert "Traceback" not in too_large.stderr + binary.stderr + missing.stderr + nobody.stderr
    assert stored(workspace_path) == []
    assert stored_bytes(workspace_path) == before
