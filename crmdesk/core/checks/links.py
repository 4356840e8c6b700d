"""Links: each must lead somewhere, over HTTPS, tagged the way the client measures its traffic.

Severities and where they come from:

* empty, "#", "javascript:" or malformed (a space inside, a mistyped or unknown scheme, no
  scheme at all, no valid host) → error: once sent, such a link leads nowhere. Mail clients
  strip JavaScript and an email has no base URL for relative links. ESP tags ("*|UNSUB|*",
  "{{ unsubscribe }}"…) are left alone: the ESP writes the URL at send time.
* "http://" → warning: the link works, but browsers mark the page "not secure" and some
  security gateways rewrite or flag plain-HTTP links.
* UTM parameters are how the client's analytics attributes visits to the email; Google's
  campaign URL builder names utm_source, utm_medium and utm_campaign as the ones it needs.
  Landing links without them, or not following the client's convention
  (``Charters.utm_convention``) → warning. Unsubscribe and mirror links, social networks and
  app stores are not landing pages and need none.
* the same landing page with different utm_source / utm_medium / utm_campaign → warning: one
  campaign's visits end up on several rows of the report. utm_content and utm_term stay free:
  they exist to tell apart two links to the same page (Google Analytics help).
* a call-to-action URL of the brief absent from the email → error: the email does not do what
  the brief asks. URLs compare without scheme, "www.", UTM parameters and trailing slash.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import SplitResult, parse_qsl, unquote, urlsplit

from crmdesk.core.checks.model import (
    CheckContext,
    Family,
    Finding,
    Link,
    ParsedEmail,
    Severity,
    check,
)
from crmdesk.core.checks.parse import EXCERPT_CHARS, MERGE_TAG
from crmdesk.core.checks.unsubscribe import is_mirror, is_unsubscribe

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Schemes a reader's device can open from an email; anything else is taken for a typo
# ("htps:", "hhttps:").
_SCHEMES = frozenset(
    {
        "http",
        "https",
        "mailto",
        "tel",
        "sms",
        "callto",
        "facetime",
        "skype",
        "whatsapp",
        "webcal",
        "geo",
        "maps",
        "market",
        "itms-apps",
        "ftp",
    }
)
_URL_NOISE = str.maketrans("", "", "\t\n\r")  # browsers drop these inside a URL
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+\.?|\[[0-9A-Fa-f:.]+\]", re.U)
_MAILTO = re.compile(r"[^@\s?]+@[^@\s?]+\.[^@\s?]+")
# Not landing pages of the client: no UTM expected on them.
_NO_UTM_HOSTS = (
    "facebook.com",
    "fb.com",
    "instagram.com",
    "twitter.com",
    "x.com",
    "linkedin.com",
    "youtube.com",
    "youtu.be",
    "tiktok.com",
    "pinterest.com",
    "pinterest.fr",
    "snapchat.com",
    "threads.net",
    "bsky.app",
    "whatsapp.com",
    "wa.me",
    "t.me",
    "apps.apple.com",
    "itunes.apple.com",
    "play.google.com",
)
_CAMPAIGN_KEYS = ("utm_source", "utm_medium", "utm_campaign")
_DEFAULT_CONVENTION = "utm_source={source}&utm_medium={medium}&utm_campaign={campaign}"
_ANY_VALUE = re.compile(r"\{[^{}]*\}")


@check("links.empty", Family.LINKS, "Empty links", "Liens vides")
def empty(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    for link in parsed.links:
        if link.href in ("", "#"):
            yield _finding(
                "links.empty",
                Severity.ERROR,
                link,
                f"Empty or “#” link{_named(link)}: it leads nowhere. Give it its URL.",
                f"Lien vide ou « # »{_named_fr(link)} : il ne mène nulle part. Indiquez son URL.",
            )


@check("links.javascript", Family.LINKS, "JavaScript links", "Liens JavaScript")
def javascript(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    for link in parsed.links:
        if link.href.translate(_URL_NOISE).lower().startswith("javascript:"):
            yield _finding(
                "links.javascript",
                Severity.ERROR,
                link,
                f"“javascript:” link{_named(link)}: mail clients strip JavaScript, the link "
                "does nothing.",
                f"Lien « javascript: »{_named_fr(link)} : les messageries suppriment le "
                "JavaScript, le lien ne fait rien.",
            )


@check("links.malformed", Family.LINKS, "Malformed links", "Liens mal formés")
def malformed(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    for link in parsed.links:
        problem = _malformed(link.href)
        if problem is not None:
            en, fr = problem
            yield _finding(
                "links.malformed",
                Severity.ERROR,
                link,
                f"Malformed link{_named(link)}: {en}",
                f"Lien mal formé{_named_fr(link)} : {fr}",
            )


@check("links.http", Family.LINKS, "Links over plain HTTP", "Liens en HTTP non sécurisé")
def plain_http(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    seen = set()
    for link in parsed.links:
        href = link.href.translate(_URL_NOISE)
        if href[:7].lower() == "http://" and href not in seen and _malformed(href) is None:
            seen.add(href)
            yield _finding(
                "links.http",
                Severity.WARNING,
                link,
                "The link uses http:// instead of https://: browsers will show the page as "
                "“not secure”.",
                "Le lien utilise http:// au lieu de https:// : les navigateurs afficheront la "
                "page comme « non sécurisée ».",
            )


@check("links.utm_missing", Family.LINKS, "UTM parameters present", "Paramètres UTM présents")
def utm_missing(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    landing = _landing(parsed.links)
    if not landing:
        return
    untagged = [(link, url) for link, url, query in landing if not _utm_keys(query)]
    if len(untagged) == len(landing):
        first = untagged[0][0]
        yield _finding(
            "links.utm_missing",
            Severity.WARNING,
            first,
            f"None of the {len(landing)} links to landing pages has UTM parameters: analytics "
            "will not attribute the visits to this email.",
            f"Aucun des {len(landing)} liens vers des pages d’atterrissage n’a de paramètres "
            "UTM : l’outil d’analyse n’attribuera pas les visites à cet email.",
        )
        return
    seen = set()
    for link, url in untagged:
        if url.geturl() not in seen:
            seen.add(url.geturl())
            yield _finding(
                "links.utm_missing",
                Severity.WARNING,
                link,
                "This link has no UTM parameters while the email's other links have: its "
                "visits will not be attributed to the campaign.",
                "Ce lien n’a pas de paramètres UTM alors que les autres liens de l’email en "
                "ont : ses visites ne seront pas attribuées à la campagne.",
            )


@check(
    "links.utm_convention",
    Family.LINKS,
    "UTM parameters follow the client's convention",
    "Paramètres UTM conformes à la convention du client",
)
def utm_convention(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    rules = parse_qsl(context.charters.utm_convention or _DEFAULT_CONVENTION)
    seen = set()
    for link, url, query in _landing(parsed.links):
        if not _utm_keys(query) or url.geturl() in seen:
            continue
        seen.add(url.geturl())
        values = dict(query)
        gaps_en, gaps_fr = [], []
        for key, expected in rules:
            wanted = _expected(expected, context.campaign_slug)
            value = values.get(key, "")
            if not value:
                gaps_en.append(f"{key} is missing")
                gaps_fr.append(f"{key} manque")
            elif wanted is not None and value != wanted and not MERGE_TAG.search(value):
                gaps_en.append(f"{key} is “{value}”, expected “{wanted}”")
                gaps_fr.append(f"{key} vaut « {value} » au lieu de « {wanted} »")
        if gaps_en:
            yield _finding(
                "links.utm_convention",
                Severity.WARNING,
                link,
                f"UTM parameters do not follow the convention: {'; '.join(gaps_en)}.",
                f"Les paramètres UTM ne suivent pas la convention : {' ; '.join(gaps_fr)}.",
            )


@check(
    "links.utm_inconsistent",
    Family.LINKS,
    "Same landing page, same UTM values",
    "Même page d’atterrissage, mêmes valeurs UTM",
)
def utm_inconsistent(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    first_seen: dict[tuple[str, str, str], tuple[tuple[str, ...], Link]] = {}
    reported = set()
    for link, url, query in _landing(parsed.links):
        if not _utm_keys(query):
            continue
        values = dict(query)
        campaign = tuple(values.get(key, "") for key in _CAMPAIGN_KEYS)
        page = (url.scheme.lower(), (url.hostname or "").lower(), url.path.rstrip("/"))
        if page not in first_seen:
            first_seen[page] = (campaign, link)
            continue
        before, _ = first_seen[page]
        if campaign != before and page not in reported:
            reported.add(page)
            differing = [
                f"{key} “{old}” / “{new}”"
                for key, old, new in zip(_CAMPAIGN_KEYS, before, campaign, strict=True)
                if old != new
            ]
            address = f"{url.scheme}://{url.netloc}{url.path}"
            yield _finding(
                "links.utm_inconsistent",
                Severity.WARNING,
                link,
                f"Links to {address} carry different UTM values ({', '.join(differing)}): "
                "the campaign's visits will be split in analytics.",
                f"Les liens vers {address} portent des valeurs UTM différentes "
                f"({', '.join(differing)}) : les visites de la campagne seront éclatées dans "
                "l’outil d’analyse.",
            )


@check(
    "links.brief_cta_missing",
    Family.LINKS,
    "The brief's call-to-action URLs are in the email",
    "Les URL d’appel à l’action du brief sont dans l’email",
)
def brief_cta_missing(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    if not context.brief_cta_urls:
        return
    present = {_comparable(link.href) for link in parsed.links}
    for url in context.brief_cta_urls:
        if url.strip() and _comparable(url) not in present:
            yield Finding(
                "links.brief_cta_missing",
                Severity.ERROR,
                f"The brief's call-to-action URL is not in the email: {url}",
                f"L’URL d’appel à l’action du brief n’est pas dans l’email : {url}",
                element=url[:EXCERPT_CHARS],
            )


# -- helpers ------------------------------------------------------------------------------------


def _malformed(href: str) -> tuple[str, str] | None:
    """Why a link is malformed (English, French), or None; empty, "#" and "javascript:" links
    have their own checks and in-page anchors ("#top") are fine."""
    href = href.translate(_URL_NOISE)
    if href in ("", "#") or href.startswith("#") or href.lower().startswith("javascript:"):
        return None
    templated = MERGE_TAG.search(href) is not None
    literal = MERGE_TAG.sub("x", href)
    if " " in literal:
        return "it contains a space, mail clients cut it there.", (
            "il contient une espace, les messageries le coupent à cet endroit."
        )
    scheme = _SCHEME.match(literal)
    if scheme is None:
        if templated:
            return None  # the ESP writes the whole URL, scheme included
        return "it has no scheme (https://): in an email it leads nowhere.", (
            "il n’a pas de protocole (https://) : dans un email, il ne mène nulle part."
        )
    name = scheme.group(1).lower()
    if name not in _SCHEMES:
        return f"unknown scheme “{scheme.group(0)}”, the link will not open.", (
            f"protocole inconnu « {scheme.group(0)} », le lien ne s’ouvrira pas."
        )
    if templated:
        return None
    if name in ("http", "https"):
        return _bad_host(literal)
    if name == "mailto" and not _MAILTO.match(unquote(literal[7:])):
        return "the mailto: link has no valid address.", (
            "le lien mailto: n’a pas d’adresse valide."
        )
    return None


def _bad_host(url: str) -> tuple[str, str] | None:
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 — raises ValueError on a port that is not a number
    except ValueError:
        host = ""
    if _HOST.fullmatch(host):
        return None
    return "it has no valid domain name, it will not open.", (
        "il n’a pas de nom de domaine valide, il ne s’ouvrira pas."
    )


def _landing(links: list[Link]) -> list[tuple[Link, SplitResult, list[tuple[str, str]]]]:
    """The links to the client's pages, with their parsed URL and query: HTTP(S), a literal
    host, not the unsubscribe or mirror link, not a social network or an app store."""
    landing = []
    for link in links:
        href = link.href.translate(_URL_NOISE)
        if href[:7].lower() != "http://" and href[:8].lower() != "https://":
            continue
        try:
            url = urlsplit(href)
            host = (url.hostname or "").lower()
        except ValueError:
            continue
        if not _HOST.fullmatch(host) or MERGE_TAG.search(url.netloc):
            continue
        if _is_social(host):
            continue
        if is_unsubscribe(link) or is_mirror(link):
            continue
        landing.append((link, url, parse_qsl(url.query, keep_blank_values=True)))
    return landing


def _is_social(host: str) -> bool:
    """Whether ``host`` is a social network or app store, or their subdomain (not "notx.com")."""
    return any(host == domain or host.endswith("." + domain) for domain in _NO_UTM_HOSTS)


def _utm_keys(query: list[tuple[str, str]]) -> set[str]:
    return {key.lower() for key, _ in query if key.lower().startswith("utm_")}


def _expected(rule: str, campaign_slug: str | None) -> str | None:
    """The value a convention asks for, None when any non-empty value will do."""
    if rule == "{campaign}" and campaign_slug:
        return campaign_slug
    if not rule or _ANY_VALUE.fullmatch(rule):
        return None
    return rule


def _comparable(url: str) -> str:
    """A URL as the brief and the email may both write it: no scheme, no "www.", no UTM, no
    trailing slash, no fragment, query sorted."""
    url = url.strip().translate(_URL_NOISE)
    if not _SCHEME.match(url):
        url = "https://" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:
        return url
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_")
    )
    path = unquote(parts.path).rstrip("/")
    return f"{host}{path}?{query}"


def _finding(check_id: str, severity: Severity, link: Link, en: str, fr: str) -> Finding:
    element = f'<a href="{link.href}">'
    if len(element) > EXCERPT_CHARS:
        element = element[: EXCERPT_CHARS - 2] + "…>"
    return Finding(check_id, severity, en, fr, line=link.line, element=element)


def _named(link: Link) -> str:
    return f" (“{link.text[:60]}”)" if link.text else ""


def _named_fr(link: Link) -> str:
    return f" (« {link.text[:60]} »)" if link.text else ""
