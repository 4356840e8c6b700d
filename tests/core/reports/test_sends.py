"""Sending a recap PDF to the client's contacts: a real SMTP server on 127.0.0.1 receives it, the
test reads the mail back as the client's inbox would, and the campaign keeps the record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from crmdesk.core import campaigns, smtp
from crmdesk.core.contacts import default_flags
from crmdesk.core.db import Workspace
from crmdesk.core.errors import NotFound, ValidationError
from crmdesk.core.models import CampaignStatus, Contact, RaciRole, SmtpSecurity
from crmdesk.core.reports import sends
from crmdesk.core.smtp import AccountInput, SendFailed
from tests.conftest import plan
from tests.keyring_backend import FileKeyring, file_keyring
from tests.smtp_server import Server, free_port, smtp_server

PASSWORD = "c0rrect-h0rse-staple"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
BODY = "Bonjour Claire,\n\nVoici le bilan de la campagne « Soldes d'hiver ».\n\nCamille"


@pytest.fixture
def keyring_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FileKeyring]:
    with file_keyring(tmp_path / "keyring.json", monkeypatch) as backend:
        yield backend


@pytest.fixture
def server() -> Iterator[Server]:
    with smtp_server(users={"camille@agence.example": PASSWORD}) as running:
        yield running


@pytest.fixture
def campaign_id(workspace: Workspace, client_id: int) -> int:
    with workspace.session() as session:
        session.add_all(
            [
                Contact(
                    client_id=client_id,
                    name="Marc Leroy",
                    email="marc.leroy@editions-lumiere.fr",
                    raci_role=RaciRole.CONSULTED,
                    **default_flags(RaciRole.CONSULTED),
                ),
                Contact(
                    client_id=client_id,
                    name="Claire Dubois",
                    email="claire.dubois@editions-lumiere.fr",
                    raci_role=RaciRole.ACCOUNTABLE,
                    **default_flags(RaciRole.ACCOUNTABLE),
                ),
                Contact(
                    client_id=client_id,
                    name="Camille Moreau",
                    email="camille@agence.example",
                    raci_role=RaciRole.RESPONSIBLE,
                    **default_flags(RaciRole.RESPONSIBLE),
                ),
                Contact(
                    client_id=client_id,
                    name="Dubois, Paul",
                    email="paul@editions-lumiere.fr",
                    raci_role=RaciRole.INFORMED,
                    **default_flags(RaciRole.INFORMED),
                ),
                Contact(client_id=client_id, name="Standard", raci_role=RaciRole.INFORMED),
            ]
        )
    return plan(
        workspace, client_id, date(2026, 11, 10), name="Soldes d'hiver", status=CampaignStatus.SENT
    )


def add_account(workspace: Workspace, port: int) -> None:
    data = AccountInput("Agence", "127.0.0.1", port, SmtpSecurity.NONE, "camille@agence.example")
    with workspace.session() as session:
        smtp.save_account(session, data, PASSWORD)


def send(workspace: Workspace, campaign_id: int, **changes: object) -> None:
    arguments: dict[str, object] = {
        "account_name": "agence",
        "recipients": ["Claire Dubois <claire.dubois@editions-lumiere.fr>"],
        "subject": "Bilan – Soldes d'hiver",
        "body": BODY,
        "pdf": PDF,
        "file_name": "Bilan Soldes d'hiver.pdf",
        **changes,
    }
    with workspace.reader() as session:  # reads only: no write lock during the SMTP exchange
        prepared = sends.prepare_recap_send(session, campaign_id, **arguments)  # type: ignore[arg-type]
    sends.deliver(prepared)
    with workspace.session() as session:
        sends.record(session, prepared, "Camille Moreau")


def test_the_recap_goes_out_by_default_to_the_contacts_who_receive_recaps(
    workspace: Workspace, campaign_id: int
) -> None:
    with workspace.reader() as session:
        assert sends.default_recipients(session, campaign_id) == [
            "Claire Dubois <claire.dubois@editions-lumiere.fr>",
            "Marc Leroy <marc.leroy@editions-lumiere.fr>",
            '"Dubois, Paul" <paul@editions-lumiere.fr>',
        ]
        with pytest.raises(NotFound):
            sends.default_recipients(session, 999)


def test_the_pdf_arrives_attached_under_its_name_and_the_send_is_recorded(
    workspace: Workspace, campaign_id: int, keyring_file: FileKeyring, server: Server
) -> None:
    add_account(workspace, server.port)
    with workspace.reader() as session:
        recipients = sends.default_recipients(session, campaign_id)
    before = datetime.now(UTC)

    send(workspace, campaign_id, recipients=recipients)

    [received] = server.received
    assert received.mail_from == "camille@agence.example"
    assert received.rcpt_tos == (
        "claire.dubois@editions-lumiere.fr",
        "marc.leroy@editions-lumiere.fr",
        "paul@editions-lumiere.fr",
    )
    message = received.message
    assert message["Subject"] == "Bilan – Soldes d'hiver"
    assert message["X-Crmdesk-Recap"] == str(campaign_id)
    body = message.get_body(("plain",))
    assert body is not None
    assert body.get_content().replace("\r\n", "\n").rstrip("\n") == BODY
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "Bilan Soldes d'hiver.pdf"
    assert attachment.get_content() == PDF

    with workspace.reader() as session:
        [kept] = sends.recap_sends(session, campaign_id)
    assert (kept.account, kept.sent_by, kept.file_name) == (
        "Agence",
        "Camille Moreau",
        "Bilan Soldes d'hiver.pdf",
    )
    assert kept.recipients == tuple(recipients)
    assert (kept.subject, kept.message) == ("Bilan – Soldes d'hiver", BODY)
    assert before <= kept.sent_at <= datetime.now(UTC)


def test_the_sends_are_listed_newest_first(
    workspace: Workspace, campaign_id: int, keyring_file: FileKeyring, server: Server
) -> None:
    add_account(workspace, server.port)
    send(workspace, campaign_id, subject="Bilan J+5")
    send(workspace, campaign_id, subject="Bilan J+5 (corrigé)", file_name="/tmp/out/bilan v2")

    with workspace.reader() as session:
        found = sends.recap_sends(session, campaign_id)
    assert [(s.subject, s.file_name) for s in found] == [
        # The folder is not the client's business; the extension opens the file for them.
        ("Bilan J+5 (corrigé)", "bilan v2.pdf"),
        ("Bilan J+5", "Bilan Soldes d'hiver.pdf"),
    ]


def test_bad_input_is_named_at_once_and_nothing_is_sent(
    workspace: Workspace, campaign_id: int, keyring_file: FileKeyring, server: Server
) -> None:
    add_account(workspace, server.port)
    with pytest.raises(ValidationError) as refused:
        send(
            workspace,
            campaign_id,
            recipients=["claire.dubois@editions-lumiere.fr", "marc@"],
            subject="  ",
            pdf=b"<html>not a pdf</html>",
            file_name="  ",
        )

    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("recipients", "recipient_invalid"),
        ("subject", "subject_empty"),
        ("file_name", "file_name_invalid"),
        ("pdf", "pdf_invalid"),
    ]
    assert "“marc@”" in refused.value.message
    with pytest.raises(ValidationError, match="at least one recipient"):
        send(workspace, campaign_id, recipients=[])
    with pytest.raises(NotFound, match="Gmail"):
        send(workspace, campaign_id, account_name="Gmail")
    with pytest.raises(NotFound):
        send(workspace, 999)
    assert server.received == []
    with workspace.reader() as session:
        assert sends.recap_sends(session, campaign_id) == []


def test_a_refused_send_records_nothing(
    workspace: Workspace, campaign_id: int, keyring_file: FileKeyring
) -> None:
    add_account(workspace, free_port())  # nothing listens there

    with pytest.raises(SendFailed) as failed:
        send(workspace, campaign_id)

    assert failed.value.code == "unreachable"
    with workspace.reader() as session:
        assert sends.recap_sends(session, campaign_id) == []


def test_a_recipient_the_server_refuses_records_nothing(
    workspace: Workspace, campaign_id: int, keyring_file: FileKeyring, server: Server
) -> None:
    add_account(workspace, server.port)

    with pytest.raises(SendFailed) as failed:
        send(workspace, campaign_id, recipients=["claire@refused.example"])

    assert failed.value.code == "refused_recipients"
    with workspace.reader() as session:
        assert sends.recap_sends(session, campaign_id) == []


def test_deleting_the_campaign_and_undoing_brings_its_recap_sends_back(
    workspace: Workspace, campaign_id: int, keyring_file: FileKeyring, server: Server
) -> None:
    add_account(workspace, server.port)
    send(workspace, campaign_id)
    with workspace.reader() as session:
        before = sends.recap_sends(session, campaign_id)

    with workspace.session() as session:
        snap, _ = campaigns.delete_campaign(session, campaign_id)
    with workspace.reader() as session, pytest.raises(NotFound):
        sends.recap_sends(session, campaign_id)
    with workspace.session() as session:
        campaigns.restore(session, snap)

    with workspace.reader() as session:
        assert sends.recap_sends(session, campaign_id) == before
