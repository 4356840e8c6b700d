"""Unsubscribe and mirror links in the body, and the sender headers of an .eml.

Sources of the rules:

* an unsubscribe link in every marketing email: French law (article L34-5 of the Code des
  postes et des communications électroniques: a free means to object in each message), CAN-SPAM,
  and Gmail's and Yahoo's bulk-sender rules (February 2024). Missing → error.
* a link to the online version ("version en ligne"): not a law, a practice every ESP template
  follows, the reader's way out when a client breaks the layout. Missing → warning.
* ``List-Unsubscribe`` (RFC 2369) with an HTTPS URL and ``List-Unsubscribe-Post:
  List-Unsubscribe=One-Click`` (RFC 8058): required by Gmail and Yahoo from February 2024 for
  bulk senders. Missing header → error; no HTTPS URL in it → warning; no one-click → error.
* a ``From`` with a domain: without it there is no DMARC alignment to check, and Gmail rejects
  mail without a valid From (RFC 5322 makes it mandatory). → error.

The header checks run on an .eml only: a bare .html has no headers, and saying so on every file
would be noise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from crmdesk.core.checks.model import (
    CheckContext,
    Family,
    Finding,
    Link,
    ParsedEmail,
    Severity,
    check,
)
from crmdesk.core.checks.parse import MERGE_TAG, squash

# The unsubscribe link each ESP fills in at send time.
ESP_UNSUBSCRIBE_TAGS: dict[str, str] = {
    "Mailchimp": r"\*\|UNSUB\|\*",
    "Brevo (Sendinblue)": r"\{\{\s*unsubscribe\s*\}\}|\[UNSUBSCRIBE\]",
    "Mailjet": r"\[\[UNSUB_LINK_[A-Z]{2}\]\]",
    "Salesforce Marketing Cloud": r"%%(?:unsub_center_url|profile_center_url"
    r"|subscription_center_url)%%",
    "Klaviyo": r"\{%\s*(?:unsubscribe(?:_url|_link)?|manage_preferences)\b[^%]*%\}",
    "SendGrid": r"<%asm_(?:group|global)_unsubscribe_raw_url%>|<%asm_preferences_raw_url%>"
    r"|\[unsubscribe\]",
    "HubSpot": r"\{\{\s*unsubscribe_link(?:_all)?\s*\}\}",
    "ActiveCampaign": r"%UNSUBSCRIBELINK%",
    "Mailgun": r"%(?:mailing_list_|tag_)?unsubscribe_url%",
    "Adestra": r"\[\*\s*link\.unsub",
    # Splio, Actito, Selligent, Dolist, Sarbacane…: the tag's name depends on the account's
    # set-up, so any ESP tag whose name says "unsubscribe" counts (see _UNSUBSCRIBE.tag_name).
}
# The online version ("mirror") each ESP fills in.
ESP_MIRROR_TAGS: dict[str, str] = {
    "Mailchimp": r"\*\|ARCHIVE\|\*",
    "Brevo (Sendinblue)": r"\{\{\s*mirror\s*\}\}|\[MIRROR\]",
    "Mailjet": r"\[\[(?:PERMALINK|MIRROR)\]\]",
    "Salesforce Marketing Cloud": r"%%view_email_url%%",
    "Klaviyo": r"\{%\s*web_view(?:_url)?\s*%\}",
    "HubSpot": r"\{\{\s*view_as_page_url\s*\}\}",
    "ActiveCampaign": r"%WEBCOPY%",
    "Adestra": r"\[\*\s*link\.webversion",
}


@dataclass(frozen=True)
class _Signs:
    """How a link shows what it is: an ESP's own tag, or an ESP tag whose name says it; words in
    its text or its sentence (French and English) or in its URL; Campaign Monitor's element.

    ``text`` and ``href`` are written in lower case and run on lower-cased strings: without
    re.IGNORECASE, Python's regex engine is several times faster on long tracking URLs.
    """

    esp: re.Pattern[str]
    tag_name: re.Pattern[str]
    text: re.Pattern[str]
    href: re.Pattern[str]
    element: str

    def in_tags(self, tags: Iterable[str]) -> bool:
        """Whether one of these ESP tags stands for this link."""
        return any(self.esp.match(tag) or self.tag_name.search(tag) for tag in tags)


_UNSUBSCRIBE = _Signs(
    esp=re.compile("|".join(ESP_UNSUBSCRIBE_TAGS.values()), re.I),
    tag_name=re.compile(r"unsub|opt_?out|d[eé]s(?:in)?scri|d[eé]sabo|delete_url", re.I),
    text=re.compile(
        r"d[ée]s-?inscri|d[ée]s-?abonn|unsubscri|opt[ _-]?out|plus recevoir|no longer receive"
        r"|(?:g[ée]rer|modifier|manage|update|change) (?:mes |vos |tes |your |my )?(?:e-?mail )?"
        r"(?:pr[ée]f[ée]rences|preferences|abonnements?|subscriptions?)"
    ),
    href=re.compile(r"unsub|opt-?out|d(?:e|%c3%a9|é)s-?inscri|desabo|preferences"),
    element="unsubscribe",
)
_MIRROR = _Signs(
    esp=re.compile("|".join(ESP_MIRROR_TAGS.values()), re.I),
    tag_name=re.compile(r"mirror|archive|web_?view|webversion|permalink|view_?online", re.I),
    text=re.compile(
        r"navigateur|browser|version (?:en ligne|web|internet)|web ?version|online version"
        r"|(?:voir|afficher|lire|consulter) en ligne|view (?:it |this email )?online|web ?page"
        r"|d.affichage|s.affiche (?:mal|pas)|vous ne (?:voyez|visualisez|lisez) pas"
        r"|trouble (?:viewing|reading)|(?:can.t|cannot|unable to) (?:see|view|read)"
        r"|display(?:ing)? (?:correctly|properly)"
    ),
    href=re.compile(
        r"mirror|web-?version|view-?online|view_?in_?browser|view-in-browser|permalink"
        r"|campaign-archive|version-?en-?ligne"
    ),
    element="webversion",
)

_SERVICES = (_UNSUBSCRIBE, _MIRROR)
# Both in one pattern, for the links of an email that are neither: one scan instead of two.
_SERVICE_TEXT = re.compile(f"{_UNSUBSCRIBE.text.pattern}|{_MIRROR.text.pattern}")
_SERVICE_HREF = re.compile(f"{_UNSUBSCRIBE.href.pattern}|{_MIRROR.href.pattern}")
_PARENT_TEXT_CHARS = 300
_ONE_CLICK = re.compile(r"^\s*List-Unsubscribe\s*=\s*One-Click\s*$", re.I)
_HTTPS_ENTRY = re.compile(r"<\s*https://[^>\s]+\s*>", re.I)


@check(
    "unsubscribe.link_missing",
    Family.UNSUBSCRIBE,
    "Unsubscribe link in the body",
    "Lien de désinscription dans le corps",
)
def link_missing(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    if not _found(parsed, _UNSUBSCRIBE):
        yield Finding(
            "unsubscribe.link_missing",
            Severity.ERROR,
            "No unsubscribe link found in the email: every marketing email must offer one "
            "(French CPCE L34-5, CAN-SPAM, Gmail and Yahoo sender rules). Add a visible "
            "“Unsubscribe” link or your ESP's unsubscribe tag.",
            "Aucun lien de désinscription dans l’email : tout email marketing doit en proposer "
            "un (article L34-5 du CPCE, règles Gmail et Yahoo). Ajoutez un lien visible « Se "
            "désinscrire » ou la balise de désinscription de votre routeur.",
        )


@check(
    "unsubscribe.mirror_missing",
    Family.UNSUBSCRIBE,
    "Link to the online version",
    "Lien vers la version en ligne",
)
def mirror_missing(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    if not _found(parsed, _MIRROR):
        yield Finding(
            "unsubscribe.mirror_missing",
            Severity.WARNING,
            "No link to the online version (“View in browser”): readers whose mail client "
            "breaks the layout or blocks images have no way to read the email.",
            "Aucun lien vers la version en ligne (« Voir la version en ligne ») : les lecteurs "
            "dont la messagerie casse la mise en page ou bloque les images n’ont aucun moyen de "
            "lire l’email.",
        )


def is_service_link(link: Link) -> bool:
    """Whether a link is the unsubscribe (or preferences) link or the online version: pages of
    the ESP, not the client's landing pages, so no UTM is expected on them."""
    if _SERVICE_TEXT.search(link.text.lower()) or _SERVICE_HREF.search(link.href.lower()):
        return True
    tags = list(_tags(link.href))
    return any(signs.in_tags(tags) for signs in _SERVICES) if tags else False


def _tags(text: str) -> Iterator[str]:
    return (match.group() for match in MERGE_TAG.finditer(text))


def _found(parsed: ParsedEmail, signs: _Signs) -> bool:
    """Whether a link says it, or an ESP tag stands for it, or a link's sentence does
    ("Pour vous désinscrire, <a>cliquez ici</a>")."""
    texts = {link.text.lower() for link in parsed.links}  # an email repeats its links
    if any(signs.text.search(text) for text in texts):
        return True
    hrefs = {link.href for link in parsed.links}
    if any(signs.href.search(href.lower()) or signs.in_tags(_tags(href)) for href in hrefs):
        return True
    if signs.in_tags(_tags(parsed.visible_text)):
        return True  # a tag the ESP turns into a whole link, e.g. [* link.unsub('…') *]
    read = set()
    for anchor in parsed.by_tag.get("a", ()):
        parent = anchor.getparent()
        if anchor.get("href") is None or parent is None or parent in read:
            continue
        read.add(parent)  # ten links in one cell: its text is read once
        if signs.text.search(squash(parent.text_content())[:_PARENT_TEXT_CHARS].lower()):
            return True
    return bool(parsed.by_tag.get(signs.element))


# -- sender headers (.eml only) -------------------------------------------------------------


@check(
    "sender.list_unsubscribe",
    Family.SENDER,
    "List-Unsubscribe header",
    "En-tête List-Unsubscribe",
)
def list_unsubscribe(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    if parsed.headers is not None and not parsed.headers.get("List-Unsubscribe", "").strip():
        yield Finding(
            "sender.list_unsubscribe",
            Severity.ERROR,
            "The mail has no List-Unsubscribe header: Gmail and Yahoo require it (with one-click "
            "unsubscribe) from bulk senders since February 2024. Turn it on in the ESP.",
            "Le mail n’a pas d’en-tête List-Unsubscribe : Gmail et Yahoo l’exigent (avec la "
            "désinscription en un clic) des expéditeurs en masse depuis février 2024. Activez-le "
            "dans le routeur.",
        )


@check(
    "sender.list_unsubscribe_https",
    Family.SENDER,
    "HTTPS URL in List-Unsubscribe",
    "URL HTTPS dans List-Unsubscribe",
)
def list_unsubscribe_https(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    value = parsed.headers.get("List-Unsubscribe", "") if parsed.headers is not None else ""
    if value.strip() and not _HTTPS_ENTRY.search(value):
        yield Finding(
            "sender.list_unsubscribe_https",
            Severity.WARNING,
            f"List-Unsubscribe has no HTTPS URL ({value[:80]}): one-click unsubscribe "
            "(RFC 8058) needs one, a mailto: alone is not enough for Gmail and Yahoo.",
            f"List-Unsubscribe n’a pas d’URL HTTPS ({value[:80]}) : la désinscription en un "
            "clic (RFC 8058) en exige une, un mailto: seul ne suffit pas pour Gmail et Yahoo.",
            element=f"List-Unsubscribe: {value}"[:120],
        )


@check(
    "sender.one_click",
    Family.SENDER,
    "One-click unsubscribe (List-Unsubscribe-Post)",
    "Désinscription en un clic (List-Unsubscribe-Post)",
)
def one_click(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    headers = parsed.headers
    if headers is None or not headers.get("List-Unsubscribe", "").strip():
        return  # sender.list_unsubscribe already says the whole mechanism is missing
    if not _ONE_CLICK.match(headers.get("List-Unsubscribe-Post", "")):
        yield Finding(
            "sender.one_click",
            Severity.ERROR,
            "The header “List-Unsubscribe-Post: List-Unsubscribe=One-Click” is missing: "
            "Gmail and Yahoo require one-click unsubscribe (RFC 8058) from bulk senders.",
            "L’en-tête « List-Unsubscribe-Post: List-Unsubscribe=One-Click » manque : Gmail et "
            "Yahoo exigent la désinscription en un clic (RFC 8058) des expéditeurs en masse.",
        )


@check("sender.from", Family.SENDER, "Sender address (From)", "Adresse d’expédition (From)")
def sender_from(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    if parsed.headers is None:
        return
    from email.utils import getaddresses  # imported for an .eml only, like the email package

    value = parsed.headers.get("From", "")
    addresses = [address for _, address in getaddresses([value]) if address]
    domains = [address.rpartition("@")[2] for address in addresses if "@" in address]
    if not any("." in domain.strip(".") for domain in domains):
        shown = value[:80] or "—"
        yield Finding(
            "sender.from",
            Severity.ERROR,
            f"The From header has no valid address with a domain ({shown}): the mail will be "
            "rejected or land in spam, and DMARC cannot be checked.",
            f"L’en-tête From n’a pas d’adresse valide avec un domaine ({shown}) : le mail sera "
            "refusé ou classé en spam, et DMARC ne peut être vérifié.",
            element=f"From: {value}"[:120],
        )
