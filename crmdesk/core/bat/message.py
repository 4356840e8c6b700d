"""The test send of a BAT round: the email as the client will receive it, in their own inbox.

The message is built from the round's snapshot, not from the preview: the HTML as imported,
personalisation tags filled from a persona, the snapshot's images embedded (``cid:`` ones keep
their content ids, local ones are given one), remote images left as URLs, and a text part read
from the same HTML. Its subject says which round it is, so "BAT 2" in the inbox is BAT 2 here.
"""

from __future__ import annotations

import html as html_entities
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement
from sqlalchemy.orm import Session

from crmdesk.core import smtp
from crmdesk.core.bat import personas, rounds
from crmdesk.core.bat.snapshot import EmailSnapshot, SnapshotFile
from crmdesk.core.changes import Changes
from crmdesk.core.checks.parse import decode_html

#: Header naming the round, so a rule in the mail client can file test sends.
BAT_HEADER = "X-Crmdesk-Bat"

# Where an email names an image: src/background/srcset attributes and CSS url(); a value that is a
# file of the snapshot becomes a cid: reference to its embedded part.
_ATTRIBUTE = re.compile(
    r"""(?P<lead>\b(?:src|background)\s*=\s*)"""
    r"""(?:(?P<q>["'])(?P<quoted>.*?)(?P=q)|(?P<bare>[^\s"'>]+))""",
    re.IGNORECASE | re.DOTALL,
)
_SRCSET = re.compile(
    r"""(?P<lead>\bsrcset\s*=\s*)(?P<q>["'])(?P<quoted>.*?)(?P=q)""", re.IGNORECASE | re.DOTALL
)
_CANDIDATE = re.compile(r"(?P<space>\s*)(?P<url>\S+)(?P<descriptor>.*)", re.DOTALL)
_CSS_URL = re.compile(r"""(?P<lead>url\(\s*)(?P<q>["']?)(?P<quoted>[^"')]*)(?P=q)(?=\s*\))""", re.I)

_SKIPPED = frozenset({"head", "title", "style", "script", "noscript", "template"})
_PARAGRAPHS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "ul", "ol", "pre", "hr"}
)
_BLOCKS = _PARAGRAPHS | frozenset(
    {
        "address", "article", "aside", "center", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "form", "header", "li", "main", "nav", "section", "tbody",
        "thead", "tfoot", "tr", "td", "th",
    }
)  # fmt: skip
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")


def bat_message(
    snapshot: EmailSnapshot,
    *,
    number: int,
    subject: str,
    sender: str,
    recipients: Sequence[str],
    persona: Mapping[str, str],
) -> EmailMessage:
    """The MIME message of BAT ``number``: text and HTML alternatives, images inline; the
    persona fills the tags of the HTML and of the subject."""
    filled = personas.fill(decode_html(snapshot.html_bytes()), persona).html
    html, images = _embed_images(filled, snapshot)
    message = EmailMessage(policy=SMTP)
    subject = personas.fill(" ".join(subject.split()), persona, escape=False).html
    message["Subject"] = f"[BAT {number}] {subject}".strip()
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    domain = (smtp.address_of(sender) or "crmdesk.invalid").rpartition("@")[2]
    message["Message-ID"] = make_msgid("bat", domain=domain)
    message[BAT_HEADER] = str(number)
    message.set_content(plain_text(html), cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    if images:
        html_part = list(message.iter_parts())[1]  # after the text/plain alternative
        for content_id, file in images:
            maintype, _, subtype = file.media_type.partition("/")
            html_part.add_related(
                file.data,
                maintype if subtype else "application",
                subtype or "octet-stream",
                cid=f"<{content_id}>",
                disposition="inline",
                filename=posixpath.basename(file.path),
            )
    return message


def _embed_images(html: str, snapshot: EmailSnapshot) -> tuple[str, list[tuple[str, SnapshotFile]]]:
    """The HTML with its local images pointing at ``cid:``, and the (content id, file) to embed.

    Every file that came with a content id is embedded (the sender's email carried them all);
    a local file only when the HTML names it.
    """
    base = posixpath.dirname(snapshot.entry)
    images = [
        (f.content_id, f) for f in snapshot.files if f.content_id and f.path != snapshot.entry
    ]
    given: dict[str, str] = {f.path: cid for cid, f in images}

    def content_id(url: str) -> str | None:
        file = _local_file(url, base, snapshot)
        if file is None:
            return None
        if file.path not in given:
            stem = _NOT_ID.sub("-", posixpath.splitext(posixpath.basename(file.path))[0]).strip("-")
            given[file.path] = f"{stem or 'image'}.{len(given) + 1}@bat.crmdesk"
            images.append((given[file.path], file))
        return given[file.path]

    def attribute(match: re.Match[str]) -> str:
        url = match["quoted"] if match["q"] else match["bare"]
        found = content_id(url)
        if found is None:
            return match[0]
        quote = match["q"] or '"'
        return f"{match['lead']}{quote}cid:{found}{quote}"

    def css_url(match: re.Match[str]) -> str:
        found = content_id(match["quoted"])
        return match[0] if found is None else f"{match['lead']}{match['q']}cid:{found}{match['q']}"

    def candidate(text: str) -> str:
        match = _CANDIDATE.match(text)
        found = None if match is None else content_id(match["url"])
        if match is None or found is None:
            return text
        return f"{match['space']}cid:{found}{match['descriptor']}"

    def srcset(match: re.Match[str]) -> str:
        candidates = ",".join(candidate(text) for text in match["quoted"].split(","))
        return f"{match['lead']}{match['q']}{candidates}{match['q']}"

    html = _ATTRIBUTE.sub(attribute, html)
    html = _SRCSET.sub(srcset, html)
    return _CSS_URL.sub(css_url, html), images


def _local_file(url: str, base: str, snapshot: EmailSnapshot) -> SnapshotFile | None:
    """The snapshot file a relative URL names; None for remote, ``cid:``, ``data:`` or others."""
    parts = urlsplit(html_entities.unescape(url).strip().replace("\\", "/"))
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if path == snapshot.entry or path == ".." or path.startswith("../"):
        return None
    return snapshot.file(path)


def plain_text(html: str) -> str:
    """The visible text of an email, one block per line, links as "text (url)".

    It is the text part of the test send: what a reader whose client shows no HTML sees.
    """
    # As bytes: a str starting with an XHTML <?xml … encoding=…?> line is refused by lxml.
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except ParserError:  # nothing but blanks or comments
        return ""
    body = root.find("body")
    pieces: list[str] = []
    _walk(root if body is None else body, pieces)
    lines = [" ".join(line.split()) for line in "".join(pieces).split("\n")]
    text: list[str] = []
    for line in lines:
        if line or (text and text[-1]):
            text.append(line)
    visible = "\n".join(text).strip()
    return visible + "\n" if visible else ""


def _walk(root: HtmlElement, pieces: list[str]) -> None:
    """Append the text of ``root`` and what it holds to ``pieces``, in document order.

    A loop over an explicit stack, not recursion: the HTML is the client's, parsed with
    ``huge_tree`` (thousands of nested elements are kept), and Python's stack ends near a
    thousand frames, which would turn a deeply nested email into a crash of the test send.
    """
    # ("enter", element, target) reads an element into ``target``; ("close", element, target,
    # breaks, inner) ends it: a link's collected text (``inner``), its breaks, then its tail.
    stack: list[tuple[str, HtmlElement, list[str], str, list[str] | None]] = [
        ("enter", root, pieces, "", None)
    ]
    while stack:
        step, element, out, breaks, inner = stack.pop()
        if step == "close":
            if inner is not None:
                out.append(_link(" ".join("".join(inner).split()), element.get("href", "")))
            out.append(breaks)
            out.append(_spaced(element.tail))
            continue
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in _SKIPPED or _is_hidden(element):
            out.append(_spaced(element.tail))
            continue
        breaks = "\n\n" if tag in _PARAGRAPHS else "\n" if tag in _BLOCKS else ""
        out.append(breaks)
        target = out
        inner = None
        if tag == "br":
            out.append("\n")
        elif tag == "img":
            alt = " ".join(element.get("alt", "").split())
            if alt:
                out.append(f" {alt} ")
        elif tag == "a":
            inner = target = [_spaced(element.text)]
        else:
            out.append(_spaced(element.text))
        stack.append(("close", element, out, breaks, inner))
        if tag not in ("br", "img"):
            stack.extend(("enter", child, target, "", None) for child in reversed(element))


def _spaced(text: str | None) -> str:
    """Source line breaks are spaces in HTML; only the markup breaks lines."""
    return _WHITESPACE.sub(" ", text) if text else ""


def _link(label: str, href: str) -> str:
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith("javascript:"):
        return label
    shown = href[len("mailto:") :] if href.lower().startswith("mailto:") else href
    if not label or label == shown:
        return f" {label or shown} "
    return f" {label} ({href}) "


def _is_hidden(element: HtmlElement) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN.search(element.get("style", "")))


@dataclass(frozen=True)
class PreparedSend:
    """A test send ready to go: built and checked, the server not contacted yet."""

    round_id: int
    number: int
    campaign_name: str
    account: smtp.AccountInfo
    recipients: tuple[str, ...]
    #: The persona's name as recorded; "" for the built-in sample reader.
    persona: str
    message: EmailMessage


def prepare_send(
    session: Session,
    round_id: int,
    *,
    account_name: str,
    recipients: Sequence[str],
    persona_name: str | None,
) -> PreparedSend:
    """Check everything and build the message; reads only, so it runs in a reader and the
    SMTP exchange that follows holds no write lock on the workspace."""
    addresses = smtp.checked_recipients(recipients)
    view = rounds.load_round(session, round_id)
    account = smtp.account(session, account_name)
    sender = smtp.sender_of(account)
    fields = personas.persona_fields(session, view.client_id, persona_name)  # NotFound
    known = personas.personas(session, view.client_id)
    wanted = " ".join((persona_name or "").split()).casefold()
    if wanted:
        used = next(p.name for p in known if p.name.casefold() == wanted)
    else:
        used = known[0].name if known else ""
    message = bat_message(
        rounds.snapshot_of(session, round_id),
        number=view.number,
        subject=view.subject or view.campaign_subject or view.campaign_name,
        sender=sender,
        recipients=addresses,
        persona=fields,
    )
    return PreparedSend(
        round_id, view.number, view.campaign_name, account, tuple(addresses), used, message
    )


def deliver(send: PreparedSend) -> None:
    """Hand the message to the account's server: :class:`~crmdesk.core.smtp.SendFailed`
    when it does not go out to every recipient."""
    smtp.send(send.account, send.message)


def record(session: Session, send: PreparedSend, who: str) -> Changes:
    """Keep on the round that it went out: when, to whom, through which account, as whom."""
    return rounds.record_send(
        session, send.round_id, send.account.name, send.recipients, send.persona, who
    )


def send_round(
    session: Session,
    round_id: int,
    *,
    account_name: str,
    recipients: Sequence[str],
    persona_name: str | None,
    who: str,
) -> Changes:
    """Prepare, deliver and record in one go, for callers that may hold ``session`` for the
    whole exchange with the server. A send that fails records nothing."""
    send = prepare_send(
        session,
        round_id,
        account_name=account_name,
        recipients=recipients,
        persona_name=persona_name,
    )
    deliver(send)
    return record(session, send, who)
