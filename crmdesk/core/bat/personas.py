"""Sample recipients, and the ESPs' personalisation tags they fill in a BAT preview or test send.

A BAT shows "Bonjour Camille," rather than "Bonjour *|FNAME|*,": the client reviews the email
as a reader gets it. Each ESP writes its tags its own way; all are read here into one
canonical field name ("firstname", "lastname", "email", "civility", "city", "zip", "company",
"phone", "country", or the field's own name in lower case), so one persona fills an email from
any ESP.

Recognised syntaxes (``PersonalisationTag.esp``):

* ``mailchimp``: ``*|FNAME|*``; ``*|IF:…|*`` conditionals and ``*|UPPER:…|*`` functions are
  listed as unfilled.
* ``brevo``: ``{{ contact.PRENOM }}``, ``{{ params.x }}``, filters ``| default: "ami"``,
  ``| upper``…; the legacy ``[UNSUBSCRIBE]`` and ``[MIRROR]``.
* ``mailjet``: ``[[firstname]]``, ``[[data:firstname:"ami"]]``, ``{{var:firstname:"ami"}}``.
* ``klaviyo``: ``{{ person.first_name }}``, ``{{ person|lookup:'Ville' }}``, ``{% unsubscribe %}``.
* ``braze``: ``{{ ${first_name} | default: 'ami' }}``.
* ``generic``: ``{{firstname}}``, ``{{{firstname}}}`` and Liquid ``{{ first_name | default: "x" }}``
  as written for HubSpot, SendGrid, Shopify, ConvertKit…; ``{% if %}`` logic is listed unfilled.
* ``sfmc``: ``%%FirstName%%``; AMPscript (``%%=v(@x)=%%``, ``%%[ … ]%%``) is listed unfilled.
* ``activecampaign``: ``%FIRSTNAME%`` (upper case only: ``%C3%A9`` in a URL is not a tag).
* ``sendgrid``: ``<%asm_group_unsubscribe_raw_url%>``.

System tags (unsubscribe, mirror, forward, preferences, the sender's address, the send date…)
are the ESP's job at send time: :func:`fill` leaves them as written and reports them in
``Filled.system``, never as unfilled. In the preview their links lead nowhere, which is what
an unsent email does.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core.changes import Changes
from crmdesk.core.errors import FieldProblem, NotFound, ValidationError
from crmdesk.core.models import Client, Persona

MAX_NAME_CHARS = 120

#: The persona a client without its own gets: a plausible French reader. The phone number is in
#: the range ARCEP reserves for fiction, so a test send never rings anyone.
DEFAULT_PERSONA: dict[str, str] = {
    "civility": "Mme",
    "firstname": "Camille",
    "lastname": "Martin",
    "email": "camille.martin@example.com",
    "city": "Lyon",
    "zip": "69002",
    "country": "France",
    "phone": "06 39 98 12 34",
}

# Every syntax in one pattern, so filling is one pass over the HTML. One alternative per syntax;
# at a given position the first that matches wins, so the longer delimiters come first.
_TAG = re.compile(
    r"\*\|[^|\n]{1,80}\|\*"  # Mailchimp
    r"|\{\{\{[^{}]{1,200}\}\}\}"  # Handlebars' unescaped output
    r"|\{\{\s*\$\{[\w-]{1,80}\}[^{}]{0,200}\}\}"  # Braze: {{ ${first_name} }}
    r"|\{\{[^{}]{1,200}\}\}"  # Brevo, Liquid, Klaviyo, Mailjet's template language
    r"|\{%[-\s][^{}]{0,200}?%\}"  # Liquid tags ({% unsubscribe %}), not "{%22" in a URL
    r"|\[\[[^\[\]\n]{1,120}\]\]"  # Mailjet
    r"|%%\[(?s:.){0,4000}?\]%%"  # AMPscript block
    r"|%%=[^\n]{1,400}?=%%"  # AMPscript inline
    r"|%%[^%\s<>\"'][^%<>\"\n]{0,79}%%"  # Salesforce Marketing Cloud attribute
    r"|%[A-Z][A-Z0-9_-]{2,39}%"  # ActiveCampaign
    r"|<%(?:asm_\w{1,60}|body|subject)%>"  # SendGrid
    r"|\[(?i:unsubscribe|mirror|default_header|default_footer)\]"  # Brevo (Sendinblue) legacy
)

# Alias (lower case, accents and separators removed) → canonical field.
_ALIASES: dict[str, str] = {
    alias: canonical
    for canonical, aliases in {
        "firstname": ("firstname", "fname", "prenom", "givenname", "merge1"),
        "lastname": ("lastname", "lname", "nom", "surname", "familyname", "nomdefamille", "merge2"),
        "email": (
            "email",
            "emailaddress",
            "emailaddr",
            "emailto",
            "mail",
            "courriel",
            "adresseemail",
            "adressemail",
            "merge0",
        ),
        "civility": ("civility", "civilite", "title", "salutation"),
        "city": ("city", "ville", "town"),
        "zip": ("zip", "zipcode", "cp", "codepostal", "postalcode", "postcode"),
        "company": (
            "company",
            "companyname",
            "societe",
            "entreprise",
            "organisation",
            "organization",
            "raisonsociale",
        ),
        "phone": ("phone", "phonenumber", "telephone", "tel", "sms"),
        "country": ("country", "pays"),
    }.items()
    for alias in aliases
}
# Namespaces in front of a contact's field: Brevo and HubSpot "contact.", Brevo "params.",
# Klaviyo "person.", ConvertKit "subscriber.", Shopify "customer.".
_NAMESPACES = frozenset({"contact", "params", "person", "subscriber", "user", "customer"})
_SEPARATORS = re.compile(r"[\s-]+")

# Tags every ESP fills itself, read on the canonical spelling of the name.
_SYSTEM = re.compile(
    r"unsub|opt_?out|desinscri|desabo|mirror|archive|web_?view|web_?version|web_?copy"
    r"|view_?(?:email|as_page|online|in_browser)|permalink|forward|update_?(?:profile|link)"
    r"|preferences|manage_?pref|(?:profile|subscription)_?cent"
)
_SYSTEM_BY_ESP: dict[str, re.Pattern[str]] = {
    # the list's address and name, the send date, the subject, the subscriber's id
    "mailchimp": re.compile(
        r"(?:html:)?list[:_]|mc[:_]|date(?::|$)|current_year$|rewards|about_list$|uniqid$"
    ),
    "mailjet": re.compile(r"share_"),
    # the sender's address, the send date, the job, the subscriber key
    "sfmc": re.compile(r"_|xt|member_|jobid$|emailname_$|double_opt_in_url$"),
    "activecampaign": re.compile(r"sender_info|today$|confirm_?link|socialshare|listname$"),
}

# Handlebars blocks, partials and comments; Liquid and Handlebars "else"/"end" markers.
_LOGIC_START = ("#", "/", "^", ">", "!")
_LOGIC_WORDS = frozenset({"else", "end"})
_PATH = re.compile(r"(?:[\w-]+\.)*[\w-]+")
_BRAZE = re.compile(r"\$\{([\w-]+)\}")
_MAILJET_VARIABLE = re.compile(
    r"(?:var|data)\s*:\s*([\w.-]+)\s*(?::\s*(\"[^\"]*\"|'[^']*'))?", re.IGNORECASE
)
_ARGUMENT = r"(?:\"[^\"]*\"|'[^']*'|[^|\"',\s]+)"
_EXPRESSION = re.compile(
    rf"\s*([^|\"'\s]+)\s*((?:\|\s*\w+\s*(?::\s*{_ARGUMENT}(?:\s*,\s*{_ARGUMENT})*\s*)?)*)"
)
_FILTER = re.compile(rf"\|\s*(\w+)\s*(?::\s*({_ARGUMENT}))?")

# Liquid's, Brevo's and Klaviyo's (Django's) names for the same case changes.
_CASE_FILTERS: dict[str, Callable[[str], str]] = {
    "upper": str.upper,
    "upcase": str.upper,
    "lower": str.lower,
    "downcase": str.lower,
    "capitalize": str.capitalize,
    "capfirst": lambda text: text[:1].upper() + text[1:],
    "title": str.title,
}

_Filters = tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class PersonalisationTag:
    """One tag as written in the email. ``field`` is the canonical field it asks for, "" when
    no persona can answer it (a conditional, a function, AMPscript); ``system`` marks the
    tags the ESP fills at send time (unsubscribe, mirror…)."""

    raw: str
    esp: str
    field: str
    system: bool = False


@dataclass(frozen=True)
class Filled:
    """An email with the persona's values in place of its tags, and which tags were which
    (raw, unique, in document order)."""

    html: str
    filled: tuple[str, ...]
    unfilled: tuple[str, ...]
    system: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Reading:
    tag: PersonalisationTag
    filters: _Filters = ()


def canonical_field(name: str) -> str:
    """The field a tag or a persona key means, whatever the ESP calls it: "PRENOM",
    "contact.FIRSTNAME" and "First Name" are all "firstname"; a name with no known meaning
    stays itself in lower case, without accents ("CODE_FIDÉLITÉ" → "code_fidelite")."""
    key = _plain(name)
    namespace, dot, rest = key.partition(".")
    if dot and rest and namespace in _NAMESPACES:
        key = rest
    return _ALIASES.get(key.replace("_", ""), key)


def find_tags(html_text: str) -> list[PersonalisationTag]:
    """Every tag of the email, system ones included, in document order, each once."""
    found: dict[str, PersonalisationTag] = {}
    for match in _TAG.finditer(html_text):
        raw = match.group()
        if raw not in found:
            found[raw] = _read(raw).tag
    return list(found.values())


def fill(html_text: str, fields: Mapping[str, str], *, escape: bool = True) -> Filled:
    """Replace each tag the persona can answer by its value, HTML-escaped (a persona named
    "O'Brien <b>" shows as text, never as markup); ``escape=False`` is for plain text such as
    a subject line. A tag's own default ("| default: 'ami'", ``[[data:x:"ami"]]``) stands in
    for a field the persona lacks, as the ESP would do. One regex pass: the preview fills on
    every click. Values are not read again, so a value that looks like a tag stays text."""
    values = {canonical_field(key): value for key, value in fields.items() if value}
    filled: dict[str, None] = {}
    unfilled: dict[str, None] = {}
    system: dict[str, None] = {}

    def replace(match: re.Match[str]) -> str:
        raw = match.group()
        reading = _read(raw)
        if reading.tag.system:
            system[raw] = None
            return raw
        value = _apply(values.get(reading.tag.field), reading.filters)
        if value is None:
            unfilled[raw] = None
            return raw
        filled[raw] = None
        return html.escape(value) if escape else value

    text = _TAG.sub(replace, html_text)
    return Filled(text, tuple(filled), tuple(unfilled), tuple(system))


# -- reading one tag ------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _read(raw: str) -> _Reading:
    """What a tag asks for; cached, since an email repeats its tags and the preview refills
    the same email on every click."""
    if raw.startswith("*|"):
        return _mailchimp(raw, raw[2:-2])
    if raw.startswith("{{{"):
        return _curly(raw, raw[3:-3])
    if raw.startswith("{{"):
        return _curly(raw, raw[2:-2])
    if raw.startswith("{%"):
        return _liquid_tag(raw, raw[2:-2])
    if raw.startswith("[["):
        return _mailjet(raw, raw[2:-2])
    if raw.startswith("%%"):
        return _sfmc(raw, raw[2:-2])
    if raw.startswith("<%"):
        return _Reading(PersonalisationTag(raw, "sendgrid", raw[2:-2].lower(), system=True))
    if raw.startswith("%"):
        return _named(raw, "activecampaign", raw[1:-1])
    return _Reading(PersonalisationTag(raw, "brevo", raw[1:-1].lower(), system=True))


def _named(raw: str, esp: str, name: str, filters: _Filters = ()) -> _Reading:
    field = canonical_field(name)
    esp_system = _SYSTEM_BY_ESP.get(esp)
    if _SYSTEM.search(field) or (esp_system is not None and esp_system.match(field)):
        return _Reading(PersonalisationTag(raw, esp, field, system=True))
    return _Reading(PersonalisationTag(raw, esp, field), filters)


def _logic(raw: str, esp: str) -> _Reading:
    return _Reading(PersonalisationTag(raw, esp, ""))


def _mailchimp(raw: str, inner: str) -> _Reading:
    reading = _named(raw, "mailchimp", inner.strip())
    if not reading.tag.system and ":" in reading.tag.field:
        return _logic(raw, "mailchimp")  # *|IF:FNAME|*, *|UPPER:FNAME|*
    return reading


def _curly(raw: str, inner: str) -> _Reading:
    text = html.unescape(inner).strip()  # editors write {{&nbsp;x | default: &quot;y&quot; }}
    variable = _MAILJET_VARIABLE.fullmatch(text)
    if variable is not None:
        return _named(raw, "mailjet", variable.group(1), _default(variable.group(2)))
    expression = _EXPRESSION.fullmatch(text)
    if text.startswith(_LOGIC_START) or text in _LOGIC_WORDS or expression is None:
        return _logic(raw, "generic")
    subject = expression.group(1)
    filters = tuple(
        (name.lower(), _unquote(argument))
        for name, argument in _FILTER.findall(expression.group(2))
    )
    braze = _BRAZE.fullmatch(subject)
    if braze is not None:
        return _named(raw, "braze", braze.group(1), filters)
    if not _PATH.fullmatch(subject):
        return _logic(raw, "generic")
    namespace = subject.partition(".")[0].lower() if "." in subject else ""
    if subject.lower() == "person" and filters and filters[0][0] == "lookup":
        return _named(raw, "klaviyo", filters[0][1] or "", filters[1:])
    esp = {"contact": "brevo", "params": "brevo", "person": "klaviyo"}.get(namespace, "generic")
    return _named(raw, esp, subject, filters)


def _liquid_tag(raw: str, inner: str) -> _Reading:
    words = html.unescape(inner).strip("-").split()
    reading = _named(raw, "klaviyo", words[0]) if words else None
    if reading is None or not reading.tag.system:
        return _logic(raw, "generic")  # {% if … %}, {% endif %}
    return reading


def _mailjet(raw: str, inner: str) -> _Reading:
    text = html.unescape(inner).strip()
    variable = _MAILJET_VARIABLE.fullmatch(text)
    if variable is not None:
        return _named(raw, "mailjet", variable.group(1), _default(variable.group(2)))
    if not _PATH.fullmatch(text):
        return _logic(raw, "mailjet")
    return _named(raw, "mailjet", text)


def _sfmc(raw: str, inner: str) -> _Reading:
    if inner.startswith(("=", "[")):
        return _logic(raw, "sfmc")  # AMPscript: the ESP runs it, a persona cannot
    return _named(raw, "sfmc", html.unescape(inner).strip())


def _default(quoted: str | None) -> _Filters:
    return () if quoted is None else (("default", quoted[1:-1]),)


def _unquote(argument: str) -> str | None:
    if not argument:
        return None
    if argument[0] in "\"'" and argument[-1] == argument[0] and len(argument) >= 2:
        return argument[1:-1]
    return argument


def _apply(value: str | None, filters: _Filters) -> str | None:
    """The filters as the ESP runs them, in order: ``default`` when the value is missing or
    empty, the case changes; others (dates, truncation…) leave a sample value as it is."""
    for name, argument in filters:
        if name == "default":
            if not value and argument is not None:
                value = argument
        elif value is not None and name in _CASE_FILTERS:
            value = _CASE_FILTERS[name](value)
    return value


def _plain(name: str) -> str:
    """Lower case, no accents, runs of spaces and hyphens as "_"."""
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub("_", bare)


# -- personas of a client -------------------------------------------------------------------


@dataclass(frozen=True)
class PersonaInfo:
    id: int
    client_id: int
    name: str
    fields: dict[str, str]


def personas(session: Session, client_id: int) -> list[PersonaInfo]:
    """The client's personas, by name; [] when it has none (the preview then uses
    :data:`DEFAULT_PERSONA`)."""
    rows = session.scalars(select(Persona).where(Persona.client_id == client_id))
    return sorted((_info(p) for p in rows), key=lambda p: (p.name.casefold(), p.id))


def save_persona(
    session: Session,
    client_id: int,
    name: str,
    fields: Mapping[str, str],
    persona_id: int | None = None,
) -> tuple[int, Changes]:
    """Create a persona, or replace one's name and fields when ``persona_id`` is given.

    Field names are stored canonical ("PRENOM" → "firstname"), so the persona fills every
    ESP's tags; blank values are dropped (a missing field is how a persona says "unknown").
    Two names meaning the same field with different values are refused rather than one
    silently winning.
    """
    name = " ".join(name.split())
    problems: list[FieldProblem] = []
    if not name:
        problems.append(FieldProblem("name", "name_empty", "The persona needs a name."))
    elif len(name) > MAX_NAME_CHARS:
        problems.append(
            FieldProblem(
                "name",
                "name_too_long",
                f"The persona's name is over {MAX_NAME_CHARS} characters.",
            )
        )
    clean, field_problems = _clean_fields(fields)
    problems.extend(field_problems)
    if session.get(Client, client_id) is None:
        raise NotFound(f"No client with id {client_id}.")
    persona = None
    if persona_id is not None:
        persona = session.get(Persona, persona_id)
        if persona is None or persona.client_id != client_id:
            raise NotFound(f"No persona with id {persona_id} for client {client_id}.")
    if name and any(
        other.name.casefold() == name.casefold() and other.id != persona_id
        for other in session.scalars(select(Persona).where(Persona.client_id == client_id))
    ):
        problems.append(
            FieldProblem("name", "name_taken", f"This client already has a persona named “{name}”.")
        )
    if problems:
        raise ValidationError(problems)
    if persona is None:
        persona = Persona(client_id=client_id, name=name, fields=clean)
        session.add(persona)
    else:
        persona.name = name
        persona.fields = clean
    session.flush()
    return persona.id, Changes(clients=True)


def remove_persona(session: Session, persona_id: int) -> tuple[PersonaInfo, Changes]:
    """Delete a persona; returns what it was (for undo)."""
    persona = _persona(session, persona_id)
    info = _info(persona)
    session.delete(persona)
    session.flush()
    return info, Changes(clients=True)


def persona_fields(session: Session, client_id: int, persona_name: str | None) -> dict[str, str]:
    """The values to fill an email with: the named persona; with no name (None or blank), the
    client's first persona, or :data:`DEFAULT_PERSONA` when it has none. A name that matches
    no persona is refused (:class:`NotFound`) rather than a test send going out with someone
    else's data."""
    found = personas(session, client_id)
    if persona_name is None or not persona_name.strip():
        return dict(found[0].fields) if found else dict(DEFAULT_PERSONA)
    wanted = " ".join(persona_name.split()).casefold()
    for persona in found:
        if persona.name.casefold() == wanted:
            return dict(persona.fields)
    raise NotFound(f"No persona named “{persona_name}” for client {client_id}.")


def _clean_fields(fields: Mapping[str, str]) -> tuple[dict[str, str], list[FieldProblem]]:
    clean: dict[str, str] = {}
    spelled: dict[str, str] = {}
    problems: list[FieldProblem] = []
    for key, value in fields.items():
        canonical = canonical_field(key)
        value = value.strip()
        if not canonical or not value:
            continue
        if canonical in clean and clean[canonical] != value:
            problems.append(
                FieldProblem(
                    "fields",
                    "field_duplicate",
                    f"“{spelled[canonical]}” and “{key}” are the same field ({canonical}) "
                    "with different values.",
                )
            )
            continue
        clean[canonical] = value
        spelled[canonical] = key
    return clean, problems


def _persona(session: Session, persona_id: int) -> Persona:
    persona = session.get(Persona, persona_id)
    if persona is None:
        raise NotFound(f"No persona with id {persona_id}.")
    return persona


def _info(persona: Persona) -> PersonaInfo:
    return PersonaInfo(persona.id, persona.client_id, persona.name, dict(persona.fields or {}))
