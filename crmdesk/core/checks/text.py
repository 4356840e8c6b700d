"""Subject, preheader and title: what the inbox shows before the email is opened.

* subject missing on an .eml → error: the mail goes out as "(no subject)". A bare .html has no
  subject unless the campaign gives one, so nothing is said then.
* subject over 50 characters → warning: mobile inboxes cut subjects around 30 to 50
  characters; the common guidance (Mailchimp, Litmus, Campaign Monitor) is to keep the point
  within the first 40-50.
* preheader missing → warning: inboxes then preview the first text of the body, usually
  "Version en ligne" or a menu.
* preheader over 100 characters → info: inboxes show about 40 to 130 characters of it after
  the subject depending on the client and screen (Litmus); past 100, the end is rarely seen.
* ``<title>`` missing or empty → warning: it names the browser tab of the online version and is
  what a screen reader announces first (WCAG 2.1, 2.4.2 "Page Titled").

Lengths are counted in characters of the subject as the reader sees it (white space runs
collapsed), so an emoji counts as one.
"""

from __future__ import annotations

from collections.abc import Iterator

from crmdesk.core.checks.model import CheckContext, Family, Finding, ParsedEmail, Severity, check
from crmdesk.core.checks.parse import squash, start_tag

SUBJECT_MAX_CHARS = 50
PREHEADER_MAX_CHARS = 100


@check("text.subject_missing", Family.TEXT, "Subject present", "Objet présent")
def subject_missing(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    if parsed.headers is not None and not squash(context.subject or ""):
        yield Finding(
            "text.subject_missing",
            Severity.ERROR,
            "The mail has no subject: it will show as “(no subject)” and look like spam.",
            "Le mail n’a pas d’objet : il s’affichera « (sans objet) » et ressemblera à un spam.",
        )


@check("text.subject_long", Family.TEXT, "Subject length on mobile", "Longueur d’objet sur mobile")
def subject_long(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    subject = squash(context.subject or "")
    if len(subject) > SUBJECT_MAX_CHARS:
        yield Finding(
            "text.subject_long",
            Severity.WARNING,
            f"The subject is {len(subject)} characters long: mobile inboxes cut it around "
            f"{SUBJECT_MAX_CHARS}, after “{subject[:SUBJECT_MAX_CHARS]}”.",
            f"L’objet fait {len(subject)} caractères : les messageries mobiles le coupent vers "
            f"{SUBJECT_MAX_CHARS}, après « {subject[:SUBJECT_MAX_CHARS]} ».",
        )


@check("text.preheader_missing", Family.TEXT, "Preheader present", "Pré-header présent")
def preheader_missing(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    if not squash(context.preheader or ""):
        yield Finding(
            "text.preheader_missing",
            Severity.WARNING,
            "No preheader: the inbox will preview the first text of the body instead (often "
            "“View in browser”). Add a hidden preview text at the top of the body.",
            "Pas de pré-header : la boîte de réception affichera à la place le premier texte du "
            "corps (souvent « Version en ligne »). Ajoutez un texte d’aperçu masqué en haut du "
            "corps.",
        )


@check("text.preheader_long", Family.TEXT, "Preheader length", "Longueur du pré-header")
def preheader_long(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    preheader = squash(context.preheader or "")
    if len(preheader) > PREHEADER_MAX_CHARS:
        yield Finding(
            "text.preheader_long",
            Severity.INFO,
            f"The preheader is {len(preheader)} characters long: inboxes show about 40 to "
            f"{PREHEADER_MAX_CHARS}, the rest is rarely seen.",
            f"Le pré-header fait {len(preheader)} caractères : les boîtes de réception en "
            f"affichent environ 40 à {PREHEADER_MAX_CHARS}, la suite est rarement vue.",
        )


@check("text.title_missing", Family.TEXT, "HTML title", "Titre HTML")
def title_missing(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    titles = parsed.by_tag.get("title", [])
    if titles and squash(titles[0].text_content()):
        return
    yield Finding(
        "text.title_missing",
        Severity.WARNING,
        "The <title> is missing or empty: it names the online version's browser tab and is "
        "the first thing a screen reader announces.",
        "La balise <title> manque ou est vide : elle nomme l’onglet de la version en ligne et "
        "c’est la première chose qu’annonce un lecteur d’écran.",
        line=titles[0].sourceline if titles else None,
        element=start_tag(titles[0]) if titles else None,
    )
