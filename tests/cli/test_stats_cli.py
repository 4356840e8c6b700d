"""``crmdesk import-stats`` and ``crmdesk stats`` in a subprocess, on a real workspace file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus, StatSnapshot
from tests.conftest import plan, stored_bytes

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "core" / "stats" / "fixtures"


def crmdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},  # the English sentences
    )


@pytest.fixture
def winter_sale(workspace: Workspace, client_id: int) -> int:
    return plan(
        workspace,
        client_id,
        date(2026, 1, 9),
        name="Soldes d'hiver J-1",
        status=CampaignStatus.SENT,
        subject="Les soldes, c'est demain !",
    )


def test_import_then_stats_in_text_and_json(
    workspace: Workspace, workspace_path: Path, winter_sale: int
) -> None:
    workspace.close()
    db = str(workspace_path)
    done = crmdesk(
        "import-stats",
        str(FIXTURES / "mailchimp_all_campaigns.csv"),
        "--db",
        db,
        "--campaign",
        str(winter_sale),
        "--on",
        "2026-01-14",
    )
    assert done.returncode == 0, done.stderr
    assert "figures of 2026-01-14 saved" in done.stdout

    again = crmdesk(
        "import-stats",
        str(FIXTURES / "mailchimp_all_campaigns.csv"),
        "--db",
        db,
        "--campaign",
        str(winter_sale),
    )
    assert again.returncode == 0
    assert "already imported" in again.stdout

    shown = crmdesk("stats", "--db", db, "--campaign", str(winter_sale))
    assert shown.returncode == 0, shown.stderr
    assert "Figures at D+5" in shown.stdout
    assert "Unique open rate" in shown.stdout and "33.3 %" in shown.stdout

    as_json = crmdesk("stats", "--db", db, "--campaign", str(winter_sale), "--json")
    document = json.loads(as_json.stdout)
    assert document["reference"]["delivered"] == 12_310
    kpis = {k["key"]: k["value"] for k in document["kpis"]}
    assert kpis["open_rate"] == pytest.approx(4_102 / 12_310)


def test_an_ab_test_prints_each_variant_with_z_p_and_the_winner(
    workspace: Workspace, workspace_path: Path, winter_sale: int, tmp_path: Path
) -> None:
    rows = ["email,event,timestamp,variant"]
    # 3 % against 7 % of 1,000 each: pooled 5 %, z = 0.04 / sqrt(0.05 × 0.95 × 2 / 1000) = 4.104
    for variant, clickers in (("A", 30), ("B", 70)):
        for n in range(1000):
            address = f"{variant}{n}@gmail.com"
            rows.append(f"{address},delivered,2026-01-09T08:30:00Z,{variant}")
            if n < clickers:
                rows.append(f"{address},open,2026-01-09T09:00:00Z,{variant}")
                rows.append(f"{address},click,2026-01-09T09:01:00Z,{variant}")
    export = tmp_path / "activity.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    workspace.close()
    db = str(workspace_path)
    done = crmdesk("import-stats", str(export), "--db", db, "--campaign", str(winter_sale))
    assert done.returncode == 0, done.stderr
    shown = crmdesk("stats", "--db", db, "--campaign", str(winter_sale), "--json")
    ab = json.loads(shown.stdout)["ab"]
    assert [v["variant"] for v in ab["variants"]] == ["A", "B"]
    assert ab["winner"] == "B"
    b = ab["variants"][1]
    assert b["z"] == pytest.approx(4.104, abs=0.001) and b["p_value"] < 0.001
    text = crmdesk("stats", "--db", db, "--campaign", str(winter_sale)).stdout
    assert "Winner: B" in text


def test_a_bad_file_exits_2_naming_line_and_column_and_writes_nothing(
    workspace: Workspace, workspace_path: Path, winter_sale: int, tmp_path: Path
) -> None:
    bad = tmp_path / "report.csv"
    bad.write_text(
        "Title,Subject,Total Recipients,Successful Deliveries,Unique Opens,Unique Clicks\n"
        "Soldes d'hiver J-1,x,1000,900,-5,10\n",
        encoding="utf-8",
    )
    workspace.close()
    before = stored_bytes(workspace_path)
    done = crmdesk(
        "import-stats", str(bad), "--db", str(workspace_path), "--campaign", str(winter_sale)
    )
    assert done.returncode == 2
    assert "line 2" in done.stderr.lower() and "Unique Opens" in done.stderr
    assert stored_bytes(workspace_path) == before


def test_import_stats_parses_the_file_before_a_short_write(
    workspace: Workspace,
    workspace_path: Path,
    winter_sale: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window's shape: the file is read outside any writing transaction, then written in
    one short one (a long parse never holds the write lock)."""
    from collections.abc import Iterator
    from contextlib import contextmanager
    from typing import Any

    from crmdesk import cli
    from crmdesk.core.stats import imports

    workspace.close()
    events: list[str] = []
    real_session, real_read = Workspace.session, imports.read_file

    @contextmanager
    def session(self: Workspace) -> Iterator[Any]:
        events.append("write begins")
        with real_session(self) as opened:
            yield opened
        events.append("write ends")

    def read_file(*args: Any, **kwargs: Any) -> imports.Parsed:
        events.append("parse")
        return real_read(*args, **kwargs)

    monkeypatch.setattr(Workspace, "session", session)
    monkeypatch.setattr(imports, "read_file", read_file)
    args = cli.parse(
        [
            "import-stats",
            str(FIXTURES / "mailchimp_all_campaigns.csv"),
            "--db",
            str(workspace_path),
            "--campaign",
            str(winter_sale),
            "--on",
            "2026-01-14",
        ]
    )
    assert cli.run(args) == 0
    assert events == ["parse", "write begins", "write ends"]
    with Workspace.open(workspace_path) as reopened, reopened.reader() as read:
        assert read.scalar(select(func.count()).select_from(StatSnapshot)) == 1
