"""Helpers to build emails for the check engine's tests: a clean French newsletter to start
from, .eml messages built with the standard library, and short ways to read a report."""

from __future__ import annotations

from email.message import EmailMessage

from crmdesk.core.checks.engine import CheckReport, check_bytes
from crmdesk.core.checks.model import CheckContext, Finding

UTM = "utm_source=crmdesk&amp;utm_medium=email&amp;utm_campaign=nouveautes-novembre"
SITE = "https://www.maison-exemple.fr"

#: A French newsletter with everything right: every check must stay silent on it, bar infos.
CLEAN_EMAIL = f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Les nouveautés de novembre</title>
</head>
<body style="margin:0; padding:0; background-color:#ffffff;">
<div style="display:none; mso-hide:all;">Découvrez nos \
nouveautés et la livraison à 1 € jusqu’à dimanche.&zwnj;&nbsp;&zwnj;&nbsp;</div>
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" \
align="center">
<tr><td align="center" style="padding:12px; font-family:Arial, sans-serif; font-size:12px; \
color:#555555;">
<a href="{SITE}/newsletter/2026-11" style="color:#555555;">Voir la version en ligne</a>
</td></tr>
<tr><td align="center" style="padding:20px;">
<a href="{SITE}/?{UTM}"><img src="https://cdn.maison-exemple.fr/logo.png" width="200" \
height="60" alt="Maison Exemple" style="display:block; border:0;"></a>
</td></tr>
<tr><td style="padding:20px; font-family:Arial, sans-serif; font-size:16px; color:#222222;">
<h1 style="font-size:24px; margin:0 0 16px 0;">Les nouveautés de novembre</h1>
<p style="margin:0 0 16px 0;">Bonjour {{{{ contact.PRENOM | default: "à vous" }}}},</p>
<p style="margin:0 0 16px 0;">Nos collections d’hiver sont arrivées : manteaux, pulls et \
accessoires pour affronter le froid avec élégance.</p>
<p style="margin:0 0 16px 0;"><a href="{SITE}/collections/hiver?{UTM}" \
style="color:#1a4d8f;">Découvrir la collection d’hiver</a></p>
<h2 style="font-size:20px; margin:0 0 12px 0;">Nos magasins</h2>
<p style="margin:0 0 16px 0;">Retrouvez nos conseillers dans l’un de nos vingt magasins, \
du lundi au samedi.</p>
<p style="margin:0;"><a href="{SITE}/magasins?{UTM}" style="color:#1a4d8f;">Trouver le \
magasin le plus proche</a></p>
</td></tr>
<tr><td align="center" style="padding:20px; font-family:Arial, sans-serif; font-size:12px; \
color:#555555;">
<p style="margin:0;">Vous recevez cet email car vous êtes inscrit à la newsletter de Maison \
Exemple, 12 rue des Lilas, 75011 Paris.</p>
<p style="margin:8px 0 0 0;"><a href="{{{{ unsubscribe }}}}" style="color:#555555;">Se \
désinscrire</a></p>
</td></tr>
</table>
</body>
</html>
"""

CLEAN_CONTEXT = CheckContext(
    subject="Les nouveautés de novembre sont arrivées",
    campaign_slug="nouveautes-novembre",
)


def check_html(
    html: str | bytes, context: CheckContext | None = None, *, name: str = "email.html"
) -> CheckReport:
    data = html.encode("utf-8") if isinstance(html, str) else html
    return check_bytes(data, name, context=context or CLEAN_CONTEXT)


def found(report: CheckReport, check_id: str) -> list[Finding]:
    return [finding for finding in report.findings if finding.check_id == check_id]


def ids(report: CheckReport) -> set[str]:
    return {finding.check_id for finding in report.findings}


def page(
    body: str, *, head: str = '<meta charset="utf-8">\n<title>Essai</title>', lang: str = "fr"
) -> str:
    """A minimal document around ``body``, for checks that look at one thing."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n{head}\n</head>\n<body>\n{body}\n'
        "</body>\n</html>\n"
    )


def clean_with(old: str, new: str) -> str:
    """The clean email with one change, failing loudly if the text to change is not there."""
    assert old in CLEAN_EMAIL, old
    return CLEAN_EMAIL.replace(old, new)


def eml(
    html: str | None,
    *,
    headers: dict[str, str] | None = None,
    charset: str = "utf-8",
    text: str | None = "Version texte.",
) -> bytes:
    """An .eml as an ESP sends it: multipart/alternative with a text and an HTML part."""
    message = EmailMessage()
    defaults = {
        "From": "Maison Exemple <newsletter@maison-exemple.fr>",
        "To": "lectrice@example.org",
        "Subject": "Les nouveautés de novembre",
        "List-Unsubscribe": "<https://www.maison-exemple.fr/desinscription?u=1>, "
        "<mailto:desinscription@maison-exemple.fr>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    for name, value in (defaults | (headers or {})).items():
        if value:
            message[name] = value
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html", charset=charset)
        else:
            message.add_alternative(html, subtype="html", charset=charset)
    return message.as_bytes()
