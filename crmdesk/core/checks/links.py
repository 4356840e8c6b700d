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
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qsl, unquote, unquote_plus, urlsplit

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
from crmdesk.core.checks.unsubscribe import is_service_link

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
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+\.?|\[[0-9A-Fa-f:.]+\]", re.U)
_MAILTO = re.compile(r"[^@\s?]+@[^@\s?]+\.[^@\s?]+")
# Not landing pages of the client: no UTM expected on them.
_NO_UTM_HOSTS = frozenset(
    {
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
    }
)
_NO_UTM_SUBDOMAINS = tuple("." + host for host in _NO_UTM_HOSTS)
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
        if link.href[:11].lower() == "javascript:":
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
    problems: dict[str, tuple[str, str] | None] = {}  # an email repeats its links
    for link in parsed.links:
        if link.href not in problems:
            problems[link.href] = _malformed(link.href, _splits(parsed))
        problem = problems[link.href]
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
        href = link.href
        if href[:7].lower() != "http://" or href in seen:
            continue
        seen.add(href)
        if _malformed(href, _splits(parsed)) is None:
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
    landing = _landing(parsed)
    if not landing:
        return
    untagged = [found.link for found in landing if not found.tagged]
    if len(untagged) == len(landing):
        yield _finding(
            "links.utm_missing",
            Severity.WARNING,
            untagged[0],
            f"None of the {len(landing)} landing page addresses has UTM parameters: "
            "analytics will not attribute the visits to this email.",
            f"Aucune des {len(landing)} adresses de pages d’atterrissage n’a de paramètres "
            "UTM : l’outil d’analyse n’attribuera pas les visites à cet email.",
        )
        return
    for link in untagged:
        yield _finding(
            "links.utm_missing",
            Severity.WARNING,
            link,
            "This link has no UTM parameters while the email's other links have: its visits "
            "will not be attributed to the campaign.",
            "Ce lien n’a pas de paramètres UTM alors que les autres liens de l’email en ont : "
            "ses visites ne seront pas attribuées à la campagne.",
        )


@check(
    "links.utm_convention",
    Family.LINKS,
    "UTM parameters follow the client's convention",
    "Paramètres UTM conformes à la convention du client",
)
def utm_convention(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    convention = parse_qsl(context.charters.utm_convention or _DEFAULT_CONVENTION)
    rules = [(key, _expected(rule, context.campaign_slug)) for key, rule in convention]
    for found in _landing(parsed):
        if not found.tagged:
            continue
        values = dict(found.query)
        gaps_en, gaps_fr = [], []
        for key, wanted in rules:
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
                found.link,
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
    first_seen: dict[str, tuple[str, ...]] = {}
    reported = set()
    for found in _landing(parsed):
        if not found.tagged:
            continue
        values = dict(found.query)
        campaign = tuple(values.get(key, "") for key in _CAMPAIGN_KEYS)
        before = first_seen.setdefault(found.page, campaign)
        if campaign != before and found.page not in reported:
            reported.add(found.page)
            differing = [
                f"{key} “{old}” / “{new}”"
                for key, old, new in zip(_CAMPAIGN_KEYS, before, campaign, strict=True)
                if old != new
            ]
            yield _finding(
                "links.utm_inconsistent",
                Severity.WARNING,
                found.link,
                f"Links to {found.page} carry different UTM values ({', '.join(differing)}): "
                "the campaign's visits will be split in analytics.",
                f"Les liens vers {found.page} portent des valeurs UTM différentes "
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
    present = {_comparable(href) for href in {link.href for link in parsed.links}}
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


def _malformed(href: str, splits: _Splits) -> tuple[str, str] | None:
    """Why a link is malformed (English, French), or None; empty, "#" and "javascript:" links
    have their own checks and in-page anchors ("#top") are fine."""
    if href in ("", "#") or href.startswith("#") or href.lower().startswith("javascript:"):
        return None
    templated = MERGE_TAG.search(href) is not None
    literal = MERGE_TAG.sub("x", href) if templated else href
    lowered = literal.lower()
    if lowered.startswith("mailto:"):
        spaced = literal.split("?", 1)[0]  # mail clients take spaces in subject= and body=
    elif lowered.startswith(("tel:", "sms:")):
        spaced = ""  # phones dial "tel:01 23 45 67 89" all the same
    else:
        spaced = literal
    if " " in spaced:
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
        return _bad_host(_split(splits, href))
    if name == "mailto" and not _MAILTO.match(unquote(literal[7:])):
        return "the mailto: link has no valid address.", (
            "le lien mailto: n’a pas d’adresse valide."
        )
    return None


def _bad_host(parts: SplitResult | None) -> tuple[str, str] | None:
    host = ""
    if parts is not None:
        try:
            host = parts.hostname or ""
            parts.port  # noqa: B018 — raises ValueError on a port that is not a number
        except ValueError:
            host = ""
    if _HOST.fullmatch(host):
        return None
    return "it has no valid domain name, it will not open.", (
        "il n’a pas de nom de domaine valide, il ne s’ouvrira pas."
    )


_Query = tuple[tuple[str, str], ...]
_Splits = dict[str, SplitResult | None]


def _splits(parsed: ParsedEmail) -> _Splits:
    """The email's addresses split once: the malformed-link and UTM checks read the same ones."""
    splits: _Splits = parsed.derived.setdefault("links.splits", {})
    return splits


def _split(splits: _Splits, href: str) -> SplitResult | None:
    if href not in splits:
        try:
            splits[href] = urlsplit(href)
        except ValueError:  # an IPv6 host never closed: "https://[::1"
            splits[href] = None
    return splits[href]


@dataclass(frozen=True, slots=True)
class _Landing:
    """A link to one of the client's pages, read once for the three UTM checks."""

    link: Link
    page: str  # scheme://host/path, what analytics reports visits on
    query: _Query  # empty when the URL carries no UTM parameter at all
    tagged: bool  # whether it carries UTM parameters


def _landing(parsed: ParsedEmail) -> list[_Landing]:
    """The links to the client's pages, one per address (its first link): HTTP(S), a literal
    host, not the unsubscribe or mirror link, not a social network or an app store. Worked out
    once per email for the three UTM checks."""
    landing = parsed.derived.get("links.landing")
    if landing is None:
        first: dict[str, Link] = {}
        for link in parsed.links:
            first.setdefault(link.href, link)
        landing = []
        for link in first.values():
            found = _landing_of(link, _splits(parsed))
            if found is not None and not is_service_link(link):
                landing.append(found)
        parsed.derived["links.landing"] = landing
    return landing


def _landing_of(link: Link, splits: _Splits) -> _Landing | None:
    href = link.href
    if href[:7].lower() != "http://" and href[:8].lower() != "https://":
        return None
    url = _split(splits, href)
    if url is None:
        return None
    host = (url.hostname or "").lower()
    if not _HOST.fullmatch(host) or MERGE_TAG.search(url.netloc) or _is_social(host):
        return None
    page = f"{url.scheme.lower()}://{host}{url.path.rstrip('/')}"
    if "utm_" not in url.query.lower():
        return _Landing(link, page, (), tagged=False)  # nothing else of the query matters
    query = _query(url.query)
    tagged = any(key.lower().startswith("utm_") for key, _ in query)
    return _Landing(link, page, query, tagged)


def _query(query: str) -> _Query:
    """``parse_qsl(query, keep_blank_values=True)`` for the common case, three times faster:
    an email has a hundred tracked links and the UTM checks read every one."""
    pairs = []
    for part in query.split("&"):
        if part:
            key, _, value = part.partition("=")
            if "%" in part or "+" in part:
                key, value = unquote_plus(key), unquote_plus(value)
            pairs.append((key, value))
    return tuple(pairs)


def _is_social(host: str) -> bool:
    """Whether ``host`` is a social network or app store, or their subdomain (not "notx.com")."""
    return host in _NO_UTM_HOSTS or host.endswith(_NO_UTM_SUBDOMAINS)


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
    url = "".join(url.split())
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
