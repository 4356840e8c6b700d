"""Sending a recap PDF to the client's contacts, and the campaign's record of it.

Built like the BAT test send (:mod:`crmdesk.core.bat.message`): ``prepare_recap_send`` checks
everything and builds the email while only reading, so the exchange with the server holds no
write lock on the workspace; ``deliver`` hands it to the server; ``record`` keeps who sent
what, when and to whom, only once the server took it. The message text is the caller's (the
UI offers a translated default the operator edits): the core sends it as given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from pathlib import PureWindowsPath
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from crmdesk.core import smtp
from crmdesk.core.changes import Changes
from crmdesk.core.contacts import contacts
from crmdesk.core.errors import FieldProblem, ValidationError
from crmdesk.core.lookup import get_campaign
from crmdesk.core.models import RecapSend, utcnow

#: Header naming the campaign a recap is about, so a rule in a mail client can file them.
RECAP_HEADER = "X-Crmdesk-Recap"
SUBJECT_MAX = 300
FILE_NAME_MAX = 300
BODY_MAX = 20_000


@dataclass(frozen=True)
class PreparedRecapSend:
    """A recap ready to go: built and checked, the server not contacted yet."""

    campaign_id: int
    campaign_name: str
    account: smtp.AccountInfo
    recipients: tuple[str, ...]
    subject: str
    body: str
    file_name: str
    message: EmailMessage


@dataclass(frozen=True)
class RecapSendView:
    """A recap that went out, as the campaign records it."""

    id: int
    campaign_id: int
    account: str
    recipients: tuple[str, ...]
    subject: str
    message: str
    file_name: str
    sent_by: str
    sent_at: datetime


def default_recipients(session: Session, campaign_id: int) -> list[str]:
    """The client's contacts a recap goes to unless the operator changes them: those with an
    address who receive recaps, the Accountable first, as "Name <address>"."""
    campaign = get_campaign(session, campaign_id)
    found = []
    for contact in contacts(session, campaign.client_id):
        address = smtp.address_of(contact.email)
        if contact.receives_recaps and address is not None:
            # Quoted where the name needs it ("Dubois, Claire"), accents kept as typed.
            found.append(str(Address(display_name=contact.name.strip(), addr_spec=address)))
    return found


def _file_name(given: str) -> str:
    """The attachment's name without any folder (a path given whole keeps its last part,
    whichever the separators), ending in ".pdf" so the client's computer knows to open it."""
    name = PureWindowsPath(given.strip()).name.strip()
    return name if not name or name.casefold().endswith(".pdf") else f"{name}.pdf"


def recap_message(
    *,
    subject: str,
    body: str,
    sender: str,
    recipients: Sequence[str],
    pdf: bytes,
    file_name: str,
) -> EmailMessage:
    """The email of a recap: the operator's text, and the PDF attached under ``file_name``."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    domain = (smtp.address_of(sender) or "crmdesk.invalid").rpartition("@")[2]
    message["Message-ID"] = make_msgid("recap", domain=domain)
    message.set_content(body, cte="quoted-printable")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=file_name)
    return message


def prepare_recap_send(
    session: Session,
    campaign_id: int,
    *,
    account_name: str,
    recipients: Sequence[str],
    subject: str,
    body: str,
    pdf: bytes,
    file_name: str,
) -> PreparedRecapSend:
    """Check everything and build the email; reads only, so it runs in a reader.

    ``ValidationError`` for bad recipients, an empty subject, a file that is not a PDF or an
    account without a sender; ``NotFound`` for an unknown campaign or account.
    """
    campaign = get_campaign(session, campaign_id)
    problems: list[FieldProblem] = []
    try:
        addresses = smtp.checked_recipients(recipients)
    except ValidationError as refused:
        problems.extend(refused.problems)
        addresses = []
    subject = " ".join(subject.split())
    if not subject:
        problems.append(FieldProblem("subject", "subject_empty", "The email needs a subject."))
    elif len(subject) > SUBJECT_MAX:
        problems.append(
            FieldProblem(
                "subject", "subject_too_long", f"The subject is over {SUBJECT_MAX} characters."
            )
        )
    if len(body) > BODY_MAX:
        problems.append(
            FieldProblem("body", "body_too_long", f"The message is over {BODY_MAX:,} characters.")
        )
    name = _file_name(file_name)
    if not name or len(name) > FILE_NAME_MAX:
        problems.append(FieldProblem("file_name", "file_name_invalid", "Give the PDF a file name."))
    if not pdf.startswith(b"%PDF-"):
        problems.append(FieldProblem("pdf", "pdf_invalid", "The attachment is not a PDF."))
    if problems:
        raise ValidationError(problems)
    account = smtp.account(session, account_name)
    message = recap_message(
        subject=subject,
        body=body,
        sender=smtp.sender_of(account),
        recipients=addresses,
        pdf=pdf,
        file_name=name,
    )
    message[RECAP_HEADER] = str(campaign.id)
    return PreparedRecapSend(
        campaign.id, campaign.name, account, tuple(addresses), subject, body, name, message
    )


def deliver(send: PreparedRecapSend) -> None:
    """Hand the email to the account's server: :class:`~crmdesk.core.smtp.SendFailed` when it
    does not go out to every recipient (then nothing is recorded)."""
    smtp.send(send.account, send.message)


def record(
    session: Session, send: PreparedRecapSend, who: str, *, now: datetime | None = None
) -> Changes:
    """Keep on the campaign that the recap went out: who, when, to whom, with which text."""
    get_campaign(session, send.campaign_id)
    session.add(
        RecapSend(
            campaign_id=send.campaign_id,
            account=send.account.name,
            recipients=list(send.recipients),
            subject=send.subject,
            message=send.body,
            file_name=send.file_name,
            sent_by=" ".join(who.split())[:120],
            sent_at=now or utcnow(),
        )
    )
    session.flush()
    return Changes(stats=True, campaign_ids=frozenset({send.campaign_id}))  # the analysis


def recap_sends(session: Session, campaign_id: int) -> list[RecapSendView]:
    """The recaps sent for a campaign, newest first."""
    get_campaign(session, campaign_id)
    rows = session.scalars(
        select(RecapSend)
        .where(RecapSend.campaign_id == campaign_id)
        .order_by(RecapSend.sent_at.desc(), RecapSend.id.desc())
    )
    return [
        RecapSendView(
            r.id,
            r.campaign_id,
            r.account,
            tuple(r.recipients),
            r.subject,
            r.message,
            r.file_name,
            r.sent_by,
            r.sent_at,
        )
        for r in rows
    ]


# --- the campaign's undoable delete ----------------------------------------------------------

_COLUMNS = RecapSend.__table__.columns


def archive(session: Session, campaign_id: int) -> tuple[dict[str, Any], ...]:
    """The campaign's recap sends as stored, so undoing its deletion brings them back."""
    rows = session.execute(select(*_COLUMNS).where(_COLUMNS["campaign_id"] == campaign_id))
    return tuple(dict(row) for row in rows.mappings())


def unarchive(session: Session, kept: Sequence[Mapping[str, Any]]) -> None:
    if kept:
        session.execute(insert(RecapSend), [dict(row) for row in kept])
