"""`crmdesk smtp add`, `crmdesk bat import` and `crmdesk bat send` as a user runs them: real
processes, a real SMTP server on 127.0.0.1, the password in a keyring backend the child
process selects through ``PYTHON_KEYRING_BACKEND``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from crmdesk.core import clients
from crmdesk.core.bat import personas, rounds
from crmdesk.core.db import Workspace
from crmdesk.core.secrets import SERVICE
from tests.conftest import plan, stored_bytes
from tests.keyring_backend import FileKeyring, file_keyring
from tests.smtp_server import Server, smtp_server

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "s3cret-Passw0rd-for-BAT"
USER = "bat@agence.example"
HERO = b"\x89PNG\r\n\x1a\n" + b"hero" * 64
EMAIL = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Soldes d'hiver</title></head><body>
<img src="images/hero.png" alt="Soldes d'hiver" width="600">
<p>Bonjour {{ contact.PRENOM }},</p>
<p><a href="https://cycles-aubrac.fr/soldes">Voir les soldes</a></p>
<script>alert(1)</script>
</body></html>
"""


def crmdesk(*args: object, data_dir: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CRMDESK_DATA_DIR": str(data_dir),
        "PYTHONPATH": str(REPO),
    }
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=90,
    )


@dataclass(frozen=True)
class Desk:
    """A workspace with one campaign and a persona, and the way to run commands on it."""

    path: Path
    campaign_id: int
    data_dir: Path

    def run(self, *args: object, stdin: str = "") -> subprocess.CompletedProcess[str]:
        done = crmdesk(*args, "--db", self.path, data_dir=self.data_dir, stdin=stdin)
        assert PASSWORD not in done.stdout + done.stderr
        return done

    def add_account(self, port: int, password: str = PASSWORD) -> subprocess.CompletedProcess[str]:
        return self.run(
            "smtp", "add", "Agence", "--host", "127.0.0.1", "--port", port,
            "--security", "none", "--user", USER, "--password-stdin",
            stdin=f"{password}\n",
        )  # fmt: skip

    def file_bytes(self) -> bytes:
        return stored_bytes(self.path)


@pytest.fixture
def desk(workspace_path: Path, data_dir: Path) -> Desk:
    with Workspace.open(workspace_path) as workspace:
        with workspace.session() as session:
            client_id, _ = clients.create_client(session, "Cycles Aubrac")
            personas.save_persona(session, client_id, "Camille", {"PRENOM": "Camille"})
        campaign_id = plan(workspace, client_id, date(2026, 12, 9), name="Soldes d'hiver")
    return Desk(workspace_path, campaign_id, data_dir)


@pytest.fixture
def email(tmp_path: Path) -> Path:
    folder = tmp_path / "email"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "hero.png").write_bytes(HERO)
    path = folder / "soldes.html"
    path.write_text(EMAIL, "utf-8")
    return path


@pytest.fixture
def keyring_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FileKeyring]:
    with file_keyring(tmp_path / "keyring.json", monkeypatch) as backend:
        yield backend


@pytest.fixture
def server() -> Iterator[Server]:
    with smtp_server(users={USER: PASSWORD}) as running:
        yield running


def test_add_an_account_import_a_round_and_send_it(
    desk: Desk, email: Path, keyring_file: FileKeyring, server: Server
) -> None:
    added = desk.add_account(server.port)
    assert added.returncode == 0, added.stderr
    assert added.stdout == (
        f"SMTP account “Agence” saved: 127.0.0.1:{server.port} (none), user {USER}, "
        "password in the system keyring\n"
    )
    assert keyring_file.get_password(SERVICE, "Agence") == PASSWORD

    imported = desk.run("bat", "import", email, "--campaign", desk.campaign_id)
    assert imported.returncode == 0, imported.stderr
    first, *notices = imported.stdout.splitlines()
    assert first.startswith("BAT 1 imported for “Soldes d'hiver”: ")
    assert any("script removed" in notice for notice in notices)

    sent = desk.run(
        "bat", "send", "--campaign", desk.campaign_id, "--account", "Agence",
        "--to", "camille@client.example", "paul@client.example",
    )  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout == (
        "BAT 1 of “Soldes d'hiver” sent to camille@client.example, paul@client.example "
        f"via Agence (127.0.0.1:{server.port}), persona Camille\n"
    )
    [received] = server.received
    assert received.rcpt_tos == ("camille@client.example", "paul@client.example")
    message = received.message
    assert message["Subject"] == "[BAT 1] Soldes d'hiver"
    html = message.get_body(("html",))
    assert html is not None and "Bonjour Camille," in html.get_content()
    assert [p.get_content() for p in message.walk() if p.get_content_type() == "image/png"] == [
        HERO
    ]
    assert PASSWORD.encode() not in desk.file_bytes()
    with Workspace.open(desk.path) as workspace, workspace.reader() as session:
        view = rounds.load_round(session, rounds.round_id_for(session, desk.campaign_id))
    assert [s.recipients for s in view.sends] == [("camille@client.example", "paul@client.example")]


def test_a_machine_without_keyring_is_told_what_to_install(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    added = desk.add_account(587)

    assert added.returncode == 2
    assert "No system keyring is available" in added.stderr
    assert "pip install keyrings.alt" in added.stderr
    assert desk.run("smtp", "list").stdout == ""
    assert PASSWORD.encode() not in desk.file_bytes()


def test_a_password_is_only_taken_from_standard_input(
    desk: Desk, keyring_file: FileKeyring
) -> None:
    on_command_line = desk.run("smtp", "add", "Agence", "--host", "smtp.example.com", "--port",
                               587, "--user", USER)  # fmt: skip
    empty = desk.run(
        "smtp", "add", "Agence", "--host", "smtp.example.com", "--port", 587,
        "--user", USER, "--password-stdin", stdin="\n",
    )  # fmt: skip

    assert on_command_line.returncode == 2
    assert "--user needs --password-stdin" in on_command_line.stderr
    assert empty.returncode == 2
    assert "the password (first line of standard input) is empty" in empty.stderr
    assert desk.run("smtp", "list").stdout == ""


def test_a_refused_login_exits_2_naming_the_server_and_records_nothing(
    desk: Desk, email: Path, keyring_file: FileKeyring, server: Server
) -> None:
    assert desk.add_account(server.port, password="not-the-password").returncode == 0
    assert desk.run("bat", "import", email, "--campaign", desk.campaign_id).returncode == 0

    sent = desk.run(
        "bat", "send", "--campaign", desk.campaign_id, "--round", 1, "--account", "Agence",
        "--to", "camille@client.example",
    )  # fmt: skip

    assert sent.returncode == 2
    assert sent.stderr.startswith(
        f"crmdesk: The server 127.0.0.1:{server.port} refused the login of user {USER}"
    )
    assert "not-the-password" not in sent.stderr
    assert server.received == []


def test_bad_addresses_and_unknown_rounds_exit_2(
    desk: Desk, email: Path, keyring_file: FileKeyring, server: Server
) -> None:
    desk.add_account(server.port)
    desk.run("bat", "import", email, "--campaign", desk.campaign_id)

    bad_address = desk.run(
        "bat", "send", "--campaign", desk.campaign_id, "--account", "Agence", "--to", "paul@",
    )  # fmt: skip
    no_round = desk.run(
        "bat", "send", "--campaign", desk.campaign_id, "--round", 7, "--account", "Agence",
        "--to", "paul@client.example",
    )  # fmt: skip

    assert (bad_address.returncode, bad_address.stderr) == (
        2,
        "crmdesk: “paul@” is not an email address.\n",
    )
    assert (no_round.returncode, no_round.stderr) == (
        2,
        "crmdesk: Campaign “Soldes d'hiver” has no BAT 7.\n",
    )
    assert server.received == []


def test_an_email_that_cannot_be_read_exits_2_and_adds_no_round(desk: Desk, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.html"
    done = desk.run("bat", "import", missing, "--campaign", desk.campaign_id)

    assert done.returncode == 2
    assert done.stderr == f"crmdesk: {missing}: there is no such file.\n"
    with Workspace.open(desk.path) as workspace, workspace.reader() as session:
        assert rounds.rounds(session, desk.campaign_id) == []


def test_an_email_just_over_the_limit_is_refused_alike_by_check_and_bat_import(
    desk: Desk, tmp_path: Path
) -> None:
    """One limit for both: a file one byte over ``MAX_EMAIL_BYTES`` gets the same sentence and
    exit status from `crmdesk check` and `crmdesk bat import`, and no round is added."""
    from crmdesk.core.checks.parse import MAX_EMAIL_BYTES

    heavy = tmp_path / "lourd.html"
    with heavy.open("wb") as file:
        file.truncate(MAX_EMAIL_BYTES + 1)  # sparse: refused on its size, before any read
    sentence = (
        f"crmdesk: {heavy}: it is {(MAX_EMAIL_BYTES + 1) / 2**20:.1f} MB, over the "
        f"{MAX_EMAIL_BYTES // 2**20} MB an email can weigh.\n"
    )

    checked = crmdesk("check", heavy, data_dir=desk.data_dir)
    imported = desk.run("bat", "import", heavy, "--campaign", desk.campaign_id)

    assert (checked.returncode, checked.stderr) == (2, sentence)
    assert (imported.returncode, imported.stderr) == (2, sentence)
    with Workspace.open(desk.path) as workspace, workspace.reader() as session:
        assert rounds.rounds(session, desk.campaign_id) == []
