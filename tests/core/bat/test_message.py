"""The BAT test send as the client's inbox receives it: a real SMTP server on 127.0.0.1 gets the
mail, and the test reads it back the way a mail client would (subject, parts, images)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest

from crmdesk.core import smtp
from crmdesk.core.bat import personas, rounds
from crmdesk.core.bat.message import bat_message, plain_text, send_round
from crmdesk.core.bat.snapshot import EmailSnapshot, SnapshotFile
from crmdesk.core.db import Workspace
from crmdesk.core.errors import NotFound, ValidationError
from crmdesk.core.models import SmtpSecurity
from crmdesk.core.smtp import AccountInput, SendFailed
from tests.conftest import plan, stored_bytes
from tests.keyring_backend import FileKeyring, file_keyring
from tests.smtp_server import Server, free_port, smtp_server

PASSWORD = "c0rrect-h0rse-staple"
HERO = b"\x89PNG\r\n\x1a\n" + b"hero" * 64
HERO_2X = b"\x89PNG\r\n\x1a\n" + b"hero" * 256
LOGO = b"\x89PNG\r\n\x1a\n" + b"logo" * 32
BACKGROUND = b"GIF89a" + b"bg" * 16
HTML = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Soldes d'hiver</title>
<style>.cta { color: #fff }</style></head>
<body>
<span style="display:none;max-height:0">Jusqu'à -50 % ce week-end</span>
<table role="presentation" width="600"><tr><td style="background-image:url('images/bg.gif')">
<img src="cid:logo@cycles-aubrac" alt="Cycles Aubrac" width="120">
</td></tr>
<tr><td><img src="images/hero.png" srcset="images/hero.png 1x, images/hero@2x.png 2x" alt=""
 width="600"></td></tr>
<tr><td>
<p>Bonjour *|FNAME|*,</p>
<p>Nos vélos électriques sont à -50&nbsp;%<br>jusqu'à dimanche.</p>
<p><a class="cta" href="https://cycles-aubrac.fr/soldes?utm_source=bat&amp;utm_medium=email">Voir
 les soldes</a></p>
<img src="https://cdn.cycles-aubrac.fr/promo.jpg" alt="Promo" width="600">
<img src="https://track.example/open.gif?id=42" width="1" height="1" alt="">
</td></tr></table>
<p><a href="*|UNSUB|*">Se désinscrire</a> ·
<a href="mailto:contact@cycles-aubrac.fr">contact@cycles-aubrac.fr</a></p>
</body></html>
"""
CAMILLE = {"firstname": "Camille", "lastname": "Martin", "email": "camille.martin@example.com"}


def snapshot(html: str = HTML) -> EmailSnapshot:
    return EmailSnapshot(
        source_name="soldes.zip",
        kind="zip",
        entry="index.html",
        subject="Soldes d'hiver",
        files=(
            SnapshotFile("cid/logo.png", "image/png", LOGO, "logo@cycles-aubrac"),
            SnapshotFile("images/bg.gif", "image/gif", BACKGROUND),
            SnapshotFile("images/hero.png", "image/png", HERO),
            SnapshotFile("images/hero@2x.png", "image/png", HERO_2X),
            SnapshotFile("images/unused.png", "image/png", b"\x89PNG unused"),
            SnapshotFile("index.html", "text/html", html.encode()),
        ),
    )


def parts(message: EmailMessage) -> list[str]:
    return [part.get_content_type() for part in message.walk()]


def images_by_cid(message: EmailMessage) -> dict[str, bytes]:
    return {
        str(part["Content-ID"]).strip("<>"): part.get_content()
        for part in message.walk()
        if part.get_content_maintype() == "image"
    }


def html_of(message: EmailMessage) -> str:
    body = message.get_body(("html",))
    assert body is not None
    return body.get_content()


def text_of(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return body.get_content()


# --- the message -----------------------------------------------------------------------------


def test_the_message_has_a_text_part_and_the_html_with_its_images_inline() -> None:
    message = bat_message(
        snapshot(),
        number=2,
        subject="Soldes d'hiver",
        sender="Agence Dupont <bat@agence.example>",
        recipients=["camille@client.example", "paul@client.example"],
        persona=CAMILLE,
    )

    assert message["Subject"] == "[BAT 2] Soldes d'hiver"
    assert message["X-Crmdesk-Bat"] == "2"
    assert [a.addr_spec for a in message["To"].addresses] == [
        "camille@client.example",
        "paul@client.example",
    ]
    assert parts(message) == [
        "multipart/alternative",
        "text/plain",
        "multipart/related",
        "text/html",
        "image/png",
        "image/png",
        "image/png",
        "image/gif",
    ]
    html = html_of(message)
    images = images_by_cid(message)
    assert images["logo@cycles-aubrac"] == LOGO
    assert 'src="cid:logo@cycles-aubrac"' in html
    hero_cid = next(cid for cid, data in images.items() if data == HERO)
    hero_2x_cid = next(cid for cid, data in images.items() if data == HERO_2X)
    background_cid = next(cid for cid, data in images.items() if data == BACKGROUND)
    assert f'<img src="cid:{hero_cid}" srcset="cid:{hero_cid} 1x, cid:{hero_2x_cid} 2x"' in html
    assert f"url('cid:{background_cid}')" in html
    assert "images/" not in html
    assert b"unused" not in message.as_bytes()
    assert 'src="https://cdn.cycles-aubrac.fr/promo.jpg"' in html
    assert 'src="https://track.example/open.gif?id=42"' in html
    assert "Bonjour Camille," in html
    assert "*|UNSUB|*" in html  # the ESP's to fill at send time


def test_the_text_part_is_the_visible_text_with_links_spelled_out() -> None:
    message = bat_message(
        snapshot(),
        number=1,
        subject="Soldes",
        sender="bat@agence.example",
        recipients=["camille@client.example"],
        persona=CAMILLE,
    )

    assert text_of(message) == (
        "Cycles Aubrac\n"
        "\n"
        "Bonjour Camille,\n"
        "\n"
        "Nos vélos électriques sont à -50 %\n"
        "jusqu'à dimanche.\n"
        "\n"
        "Voir les soldes (https://cycles-aubrac.fr/soldes?utm_source=bat&utm_medium=email)\n"
        "\n"
        "Promo\n"
        "\n"
        "Se désinscrire (*|UNSUB|*) · contact@cycles-aubrac.fr\n"
    )


def test_plain_text_reads_xhtml_and_empty_documents() -> None:
    xhtml = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>Un&#160;mot</p></body></html>'
    assert plain_text(xhtml) == "Un mot\n"
    assert plain_text("   ") == ""
    assert plain_text("<!-- rien --><p> </p>") == ""


def test_a_message_without_images_is_text_and_html_only() -> None:
    bare = EmailSnapshot(
        "bat.html",
        "html",
        "index.html",
        "",
        (SnapshotFile("index.html", "text/html", b"<p>*|FNAME|*, <b>-50 %</b></p>"),),
    )
    message = bat_message(
        bare,
        number=3,
        subject="*|FNAME|*, tes soldes",
        sender="bat@agence.example",
        recipients=["camille@client.example"],
        persona=CAMILLE,
    )

    assert parts(message) == ["multipart/alternative", "text/plain", "text/html"]
    assert message["Subject"] == "[BAT 3] Camille, tes soldes"


# --- sending a round -------------------------------------------------------------------------


@pytest.fixture
def keyring_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FileKeyring]:
    with file_keyring(tmp_path / "keyring.json", monkeypatch) as backend:
        yield backend


@pytest.fixture
def server() -> Iterator[Server]:
    with smtp_server(users={"bat@agence.example": PASSWORD}) as running:
        yield running


@pytest.fixture
def round_id(workspace: Workspace, client_id: int) -> int:
    campaign_id = plan(workspace, client_id, date(2026, 12, 9), name="Soldes d'hiver")
    with workspace.session() as session:
        rounds.import_snapshot(session, campaign_id, snapshot(), "Léa")
        second, _ = rounds.import_snapshot(session, campaign_id, snapshot(), "Léa")
        personas.save_persona(session, client_id, "Camille", CAMILLE)
        personas.save_persona(session, client_id, "Paul", {"firstname": "Paul"})
    return second


def add_account(workspace: Workspace, port: int) -> None:
    data = AccountInput("Agence", "127.0.0.1", port, SmtpSecurity.NONE, "bat@agence.example")
    with workspace.session() as session:
        smtp.save_account(session, data, PASSWORD)


def test_a_round_goes_to_several_contacts_and_the_send_is_recorded(
    workspace: Workspace,
    workspace_path: Path,
    round_id: int,
    keyring_file: FileKeyring,
    server: Server,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="crmdesk")
    add_account(workspace, server.port)
    with workspace.session() as session:
        changes = send_round(
            session,
            round_id,
            account_name="Agence",
            recipients=[" camille@client.example", "Paul <paul@client.example>"],
            persona_name="paul",
            who="Léa",
        )

    [received] = server.received
    assert received.rcpt_tos == ("camille@client.example", "paul@client.example")
    assert received.mail_from == "bat@agence.example"
    message = received.message
    assert message["Subject"] == "[BAT 2] Soldes d'hiver"
    assert "Bonjour Paul," in html_of(message)
    assert "Bonjour Paul," in text_of(message)
    assert set(images_by_cid(message).values()) == {LOGO, HERO, HERO_2X, BACKGROUND}
    assert changes.campaign_ids
    with workspace.reader() as session:
        [sent] = rounds.load_round(session, round_id).sends
    assert (sent.account, sent.recipients, sent.persona, sent.sent_by) == (
        "Agence",
        ("camille@client.example", "Paul <paul@client.example>"),
        "Paul",
        "Léa",
    )
    assert PASSWORD.encode() not in stored_bytes(workspace_path)
    assert PASSWORD not in caplog.text


def test_without_a_persona_named_the_clients_first_one_fills_the_email(
    workspace: Workspace, round_id: int, keyring_file: FileKeyring, server: Server
) -> None:
    add_account(workspace, server.port)
    with workspace.session() as session:
        send_round(
            session,
            round_id,
            account_name="Agence",
            recipients=["camille@client.example"],
            persona_name=None,
            who="Léa",
        )

    assert "Bonjour Camille," in html_of(server.received[0].message)
    with workspace.reader() as session:
        assert rounds.load_round(session, round_id).sends[0].persona == "Camille"


def test_bad_recipients_are_named_and_nothing_is_sent(
    workspace: Workspace, round_id: int, keyring_file: FileKeyring, server: Server
) -> None:
    add_account(workspace, server.port)
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        send_round(
            session,
            round_id,
            account_name="Agence",
            recipients=["camille@client.example", "paul@", "claire client.example"],
            persona_name=None,
            who="Léa",
        )

    assert [p.code for p in refused.value.problems] == ["recipient_invalid"] * 2
    assert "“paul@”" in refused.value.message
    assert "“claire client.example”" in refused.value.message
    assert server.received == []
    with workspace.reader() as session:
        assert rounds.load_round(session, round_id).sends == ()


def test_no_recipient_and_an_unknown_persona_or_account_are_refused(
    workspace: Workspace, round_id: int, keyring_file: FileKeyring, server: Server
) -> None:
    add_account(workspace, server.port)
    cases: list[tuple[dict[str, object], type[Exception], str]] = [
        ({"recipients": []}, ValidationError, "at least one recipient"),
        ({"persona_name": "Zoé"}, NotFound, "Zoé"),
        ({"account_name": "Gmail"}, NotFound, "Gmail"),
    ]
    for change, error, words in cases:
        arguments: dict[str, object] = {
            "account_name": "Agence",
            "recipients": ["camille@client.example"],
            "persona_name": None,
            "who": "Léa",
            **change,
        }
        with pytest.raises(error, match=words), workspace.session() as session:
            send_round(session, round_id, **arguments)  # type: ignore[arg-type]

    assert server.received == []


def test_a_failed_send_records_nothing(
    workspace: Workspace, round_id: int, keyring_file: FileKeyring
) -> None:
    add_account(workspace, free_port())
    with pytest.raises(SendFailed) as failed, workspace.session() as session:
        send_round(
            session,
            round_id,
            account_name="Agence",
            recipients=["camille@client.example"],
            persona_name=None,
            who="Léa",
        )

    assert failed.value.code == "unreachable"
    with workspace.reader() as session:
        assert rounds.load_round(session, round_id).sends == ()
