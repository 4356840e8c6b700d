"""The operator's plan in and out: one row per campaign, from and to CSV or .xlsx.

The plan the operator kept in Excel comes in through ``preview`` then ``apply``. The preview
reads and checks every row without writing: the clients and segments it would add, the
campaigns it would create or finds already there, the empty and total rows it skips, and each
problem with its line and column. ``apply`` writes all of it or nothing, so a bad line anywhere
leaves the workspace as it was. A campaign is "already there" when its client, name and send day
match, so importing the same file twice creates nothing the second time. ``export_plan`` writes
the plan in columns the importer recognises: exporting then importing changes nothing.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import BinaryIO, NamedTuple, TypeVar

from sqlalchemy import Select, func, insert, select
from sqlalchemy import Table as SqlTable
from sqlalchemy.orm import Session

from crmdesk.core import checklists, clients, fts, postgres
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.files import replace_atomically
from crmdesk.core.models import (
    Campaign,
    CampaignStatus,
    CampaignType,
    Channel,
    ChecklistItem,
    Client,
    Segment,
    campaign_segments,
    table_of,
    utcnow,
)
from crmdesk.core.printable import printable
from crmdesk.core.stats.csvfile import NumberError, normalise_header, parse_count
from crmdesk.core.tabular import Table, TableRow, is_blank, quoted_headers
from crmdesk.core.timezones import DEFAULT_TIMEZONE, is_known_zone, local_to_instant, wall_clock

#: The columns of a plan, in the order the export writes them.
FIELDS = (
    "client",
    "name",
    "send_date",
    "send_time",
    "type",
    "channel",
    "segments",
    "status",
    "subject",
    "preheader",
    "volume",
    "esp",
    "notes",
)
REQUIRED = ("client", "name", "send_date")
#: How the fields are named in English sentences.
FIELD_NAMES = {
    "client": "client",
    "name": "campaign name",
    "send_date": "send date",
    "send_time": "send time",
    "type": "type",
    "channel": "channel",
    "segments": "segments",
    "status": "status",
    "subject": "subject",
    "preheader": "preheader",
    "volume": "volume",
    "esp": "ESP",
    "notes": "notes",
}
#: The headers the export writes; the importer recognises them (and the French ones below).
EXPORT_HEADERS = {
    "client": "Client",
    "name": "Campaign",
    "send_date": "Send date",
    "send_time": "Send time",
    "type": "Type",
    "channel": "Channel",
    "segments": "Segments",
    "status": "Status",
    "subject": "Subject",
    "preheader": "Preheader",
    "volume": "Volume",
    "esp": "ESP",
    "notes": "Notes",
}
#: Headers each field is recognised by, most specific first (compared without accents, case,
#: spaces or punctuation).
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "client": (
        "Client", "Nom du client", "Nom client", "Client name", "Annonceur", "Marque", "Brand",
        "Account", "Compte",
    ),
    "name": (
        "Campagne", "Nom de la campagne", "Nom campagne", "Campaign", "Campaign name", "Nom",
        "Name", "Intitulé", "Libellé",
    ),
    "send_date": (
        "Date d'envoi", "Date envoi", "Date de l'envoi", "Send date", "Sending date", "Date",
        "Jour", "Day",
    ),
    "send_time": ("Heure d'envoi", "Heure envoi", "Send time", "Heure", "Time", "Horaire"),
    "type": ("Type de campagne", "Campaign type", "Type"),
    "channel": ("Canal", "Channel", "Canal d'envoi"),
    "segments": ("Segments", "Segment", "Cible", "Cibles", "Target", "Audience", "Ciblage"),
    "status": ("Statut", "Status", "État"),
    "subject": ("Objet", "Subject", "Sujet", "Subject line"),
    "preheader": ("Preheader", "Pré-header", "Accroche"),
    "volume": (
        "Volume", "Volumétrie", "Nb envois", "Nombre d'envois", "Recipients", "Destinataires",
    ),
    "esp": ("ESP", "Routeur", "Plateforme", "Platform"),
    "notes": ("Notes", "Note", "Commentaire", "Commentaires", "Remarques", "Comments", "Comment"),
}  # fmt: skip
#: The words each value is recognised by, French or English, besides the stored value itself.
STATUS_WORDS: dict[CampaignStatus, tuple[str, ...]] = {
    CampaignStatus.DRAFT: ("brouillon",),
    CampaignStatus.BRIEF: (),
    CampaignStatus.PRODUCTION: ("en production", "in production"),
    CampaignStatus.BAT: ("en BAT", "proof"),
    CampaignStatus.APPROVED: ("validé", "validée", "approuvé", "approuvée", "BAT validé"),
    CampaignStatus.SCHEDULED: ("programmé", "programmée", "planifié", "planifiée"),
    CampaignStatus.SENT: ("envoyé", "envoyée"),
    CampaignStatus.ANALYSED: ("analysé", "analysée", "analyzed"),
    CampaignStatus.CLOSED: ("clos", "close", "clôturé", "clôturée", "terminé", "terminée", "done"),
}
TYPE_WORDS: dict[CampaignType, tuple[str, ...]] = {
    CampaignType.NEWSLETTER: ("NL",),
    CampaignType.PROMO: ("promotion", "promotionnel", "promotionnelle", "promotional"),
    CampaignType.RELANCE: ("reminder", "follow-up"),
    CampaignType.ERRATUM: ("correctif",),
    CampaignType.AUTOMATION: ("automatisation", "scénario", "trigger"),
}
CHANNEL_WORDS: dict[Channel, tuple[str, ...]] = {
    Channel.EMAIL: ("e-mail", "emailing", "mail", "courriel"),
    Channel.SMS: (),
    Channel.PUSH: ("notification push", "push notification"),
}
#: The first cell of a total row, as Excel sheets write it.
TOTAL_WORDS = ("total", "totaux", "sous total", "somme", "grand total")

#: The send time of a row that gives none (the usual morning send).
DEFAULT_SEND_TIME = time(9, 0)
#: Problems listed in a preview (all are counted).
MAX_PROBLEMS = 100
#: Parsed rows a preview keeps for display.
SHOWN_ROWS = 200
#: Rows between two calls of ``progress``.
PROGRESS_EVERY = 1000
#: The longest texts the workspace keeps (see ``crmdesk.core.models``).
NAME_MAX = 200
CLIENT_NAME_MAX = 120
SEGMENT_NAME_MAX = 120
TEXT_MAX = {"subject": 300, "preheader": 300, "esp": 60}
#: More recipients than this is a typing slip, not a send.
VOLUME_MAX = 1_000_000_000
#: Day 0 of Excel's 1900 date system, as Excel counts (it believes 1900 was a leap year).
EXCEL_EPOCH = date(1899, 12, 30)
#: Serial numbers read as dates: 1970-01-01 to 2099-12-31; anything else is not a plan's date.
SERIAL_DAYS = (25569, 73050)
#: Segments in one cell: the first of these found separates them.
SEGMENT_SEPARATORS = ("|", ";", ",", "+")
EXPORT_SEGMENT_SEPARATOR = " | "
#: Excel's limit on the text of one cell.
XLSX_CELL_MAX = 32767

#: (rows done, rows in all) → False to cancel.
Progress = Callable[[int, int], bool]


class PlanRefused(CrmdeskError):
    """A plan that cannot be imported or exported; nothing was written.

    ``code`` picks the UI's translated sentence: "unmapped" (the client, campaign name or send
    date column is missing), "invalid" (rows have problems, listed in ``problems``),
    "cancelled", "unsupported" (an export format other than .csv or .xlsx), "unwritable".
    ``message`` is English and names the file.
    """

    def __init__(
        self,
        code: str,
        source: str,
        message: str,
        problems: Sequence[PlanProblem] = (),
    ) -> None:
        super().__init__(message)
        self.code = code
        self.source = source
        self.problems = list(problems)


@dataclass(frozen=True, slots=True)
class PlanProblem:
    """One cell that cannot be imported.

    ``code`` picks the UI's sentence: "bad_date", "bad_time", "unknown_status", "unknown_type",
    "unknown_channel", "bad_volume", "missing_value", "name_too_long" (a client, campaign or
    segment name), "too_long" (subject, preheader, ESP), "time_skipped" (the send time falls in
    the hour the clocks skip in spring). ``message`` is English and names line and column.
    """

    line: int
    column_header: str
    field: str
    code: str
    message: str


@dataclass(frozen=True)
class PlanMapping:
    """Which column each field is read from (None: not in the file). The UI shows what
    ``recognise`` found and lets the user correct it."""

    columns: dict[str, int | None]

    def __post_init__(self) -> None:
        unknown = set(self.columns) - set(FIELDS)
        if unknown:
            raise ValueError(f"not plan fields: {sorted(unknown)}")

    @classmethod
    def recognise(cls, headers: Sequence[str]) -> PlanMapping:
        return cls(recognise(headers))

    def column(self, name: str) -> int | None:
        return self.columns.get(name)

    @property
    def missing(self) -> tuple[str, ...]:
        """The required fields without a column."""
        return tuple(name for name in REQUIRED if self.columns.get(name) is None)


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One campaign of the plan, read and checked; ``exists`` when the workspace (or an earlier
    line of the file) already has it."""

    line: int
    client: str
    name: str
    send_date: date
    send_time: time
    timezone: str
    send_at: datetime
    type: CampaignType
    channel: Channel
    status: CampaignStatus
    segments: tuple[str, ...]
    subject: str
    preheader: str
    volume: int | None
    esp: str
    notes: str
    exists: bool


@dataclass(frozen=True)
class PlanPreview:
    """What importing the plan would do; nothing was written."""

    source: str
    mapping: PlanMapping
    timezone_default: str
    new_clients: tuple[str, ...]
    #: (client, segment) pairs the import would add.
    new_segments: tuple[tuple[str, str], ...]
    created: int
    unchanged: int
    skipped_empty: int
    skipped_total: int
    #: The first ``SHOWN_ROWS`` rows read, for display.
    rows: tuple[PlanRow, ...]
    #: The first ``MAX_PROBLEMS`` problems; ``problem_count`` counts them all.
    problems: tuple[PlanProblem, ...]
    problem_count: int
    to_create: tuple[PlanRow, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class PlanResult:
    created: int
    unchanged: int
    new_clients: tuple[str, ...]
    new_segments: tuple[tuple[str, str], ...]
    skipped_empty: int
    skipped_total: int
    changes: Changes


# --- recognising columns -------------------------------------------------------------------


def _header_key(text: str) -> str:
    return normalise_header(text).replace(" ", "")


_HEADER_WORDS = {
    name: tuple(normalise_header(h).split() for h in names) for name, names in HEADER_NAMES.items()
}


def _fits(have: list[str], wanted: list[str], exact: bool) -> bool:
    """Whether a header's words are a known name's (spaces aside: "Pré-header" is "Preheader"),
    or, when not ``exact``, start with them."""
    return "".join(have) == "".join(wanted) if exact else have[: len(wanted)] == wanted


def recognise(headers: Sequence[str]) -> dict[str, int | None]:
    """The column of each field from French or English headers ("Date d'envoi", "Send date"),
    whatever their accents, case and punctuation; None where no header fits.

    A header equal to a known name wins; then one that starts with it ("Objet de l'email",
    "Date d'envoi prévue"). Each column serves one field at most.
    """
    words = [normalise_header(h).split() for h in headers]
    found: dict[str, int | None] = dict.fromkeys(FIELDS)
    taken: set[int] = set()
    for exact in (True, False):
        for name in FIELDS:
            for wanted in _HEADER_WORDS[name] if found[name] is None else ():
                index = next(
                    (
                        i
                        for i, have in enumerate(words)
                        if i not in taken and have and _fits(have, wanted, exact)
                    ),
                    None,
                )
                if index is not None:
                    found[name] = index
                    taken.add(index)
                    break
    return found


# --- reading values ------------------------------------------------------------------------


class _Bad(ValueError):
    """A cell that cannot be read: ``code`` and the end of the problem's sentence."""

    def __init__(self, code: str, why: str) -> None:
        super().__init__(why)
        self.code = code
        self.why = why


class _Failed(NamedTuple):
    """A ``_Bad`` remembered."""

    code: str
    why: str


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _quoted(cell: object) -> str:
    """A cell quoted in a problem's sentence: printable and cut, as the cell is the user's."""
    return f'"{printable(_text(cell))}"'


_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")
_YMD = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})")
_SERIAL = re.compile(r"\d{5}(?:[.,]\d+)?")
_TIME = re.compile(
    r"(?P<h>\d{1,2})(?:\s*(?:h|:)\s*(?P<m>\d{2})?(?::\d{2}(?:\.\d+)?)?)?\s*(?P<ampm>[ap]\.?\s*m\.?)?",
    re.IGNORECASE,
)
_DATE_FORMS = "(dd/mm/yyyy or yyyy-mm-dd)"
_TIME_FORMS = "(9h30, 09:30 or 2:15 PM)"


def parse_date(cell: object) -> tuple[date, time | None]:
    """The send day of a cell, and the time it also gives, if any.

    Accepts dd/mm/yyyy, dd/mm/yy, dd.mm.yyyy, dd-mm-yyyy, yyyy-mm-dd (each optionally followed
    by a time), Excel serial numbers (1900 system, a fraction giving the time) and date or
    datetime cells. A datetime at midnight is a date cell (Excel stores dates so): it gives no
    time. A day that does not exist (31/02/2026) is refused.
    """
    if isinstance(cell, datetime):
        at = cell.time()
        return cell.date(), (at.replace(second=0, microsecond=0) if at != time(0) else None)
    if isinstance(cell, date):
        return cell, None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _serial(float(cell), cell)
    text = _text(cell)
    if _SERIAL.fullmatch(text):
        return _serial(float(text.replace(",", ".")), cell)
    head, _, rest = text.replace("T", " ", 1).partition(" ")
    dmy, ymd = _DMY.fullmatch(head), _YMD.fullmatch(head)
    try:
        if dmy:
            day, month, year = (int(part) for part in dmy.groups())
            found = date(year + 2000 if year < 100 else year, month, day)
        elif ymd:
            year, month, day = (int(part) for part in ymd.groups())
            found = date(year, month, day)
        else:
            raise ValueError(text)
        return found, (parse_time(rest) if rest.strip() else None)
    except (ValueError, _Bad):
        raise _Bad("bad_date", f"{_quoted(cell)} is not a date {_DATE_FORMS}.") from None


def _serial(value: float, cell: object) -> tuple[date, time | None]:
    if not SERIAL_DAYS[0] <= value < SERIAL_DAYS[1] + 1:
        raise _Bad("bad_date", f"{_quoted(cell)} is not a date {_DATE_FORMS}.")
    days = int(value)
    at = _fraction_time(value - days)
    return EXCEL_EPOCH + timedelta(days=days), (at if at != time(0) else None)


def _fraction_time(fraction: float) -> time:
    minutes = round(fraction * 24 * 60)
    return time(0) if minutes >= 24 * 60 else time(minutes // 60, minutes % 60)


def parse_time(cell: object) -> time:
    """The send time of a cell, to the minute: 9h30, 9h, 09:30, 9:30, 14h, 9:30 AM, 2:15 PM,
    a time cell, or a fraction of a day (how Excel stores times)."""
    if isinstance(cell, datetime):
        return cell.time().replace(second=0, microsecond=0)
    if isinstance(cell, time):
        return cell.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(cell, timedelta) and timedelta(0) <= cell < timedelta(days=1):
        return _fraction_time(cell / timedelta(days=1))
    if isinstance(cell, int | float) and not isinstance(cell, bool) and 0 <= cell < 1:
        return _fraction_time(float(cell))
    match = _TIME.fullmatch(_text(cell))
    if match:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        ampm = (match["ampm"] or "").lower()[:1]
        if ampm and 1 <= hour <= 12:
            hour = hour % 12 + (12 if ampm == "p" else 0)
        elif ampm:
            hour = 24
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise _Bad("bad_time", f"{_quoted(cell)} is not a time {_TIME_FORMS}.")


@lru_cache(maxsize=4096)
def _word_key(text: str) -> str:
    return _header_key(text)


_Choice = TypeVar("_Choice", CampaignStatus, CampaignType, Channel)


def _lookup(words: dict[_Choice, tuple[str, ...]]) -> dict[str, _Choice]:
    return {_header_key(w): value for value, names in words.items() for w in (value,) + names}


_STATUSES = _lookup(STATUS_WORDS)
_TYPES = _lookup(TYPE_WORDS)
_CHANNELS = _lookup(CHANNEL_WORDS)


def _choice(
    cell: object, known: dict[str, _Choice], default: _Choice, what: str, code: str
) -> _Choice:
    text = _text(cell)
    if not text:
        return default
    found = known.get(_word_key(text))
    if found is None:
        listed = ", ".join(value.value for value in type(default))
        raise _Bad(code, f'"{printable(text)}" is not a {what} ({listed}, or their French names).')
    return found


_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


def parse_volume(cell: object) -> int | None:
    """A number of recipients, or None when empty. Whole numbers only, thousands grouped by
    spaces (also non-breaking and thin ones) or by "." or "," in groups of three: "120 000",
    "120.000" and "120,000" are 120000, but "1,5" and "12.5" are refused, since a volume with
    decimals is a slip (a rate in the wrong column)."""
    if is_blank(cell):
        return None
    value = -1
    if isinstance(cell, int) and not isinstance(cell, bool):
        value = cell
    elif isinstance(cell, float) and cell.is_integer():
        value = int(cell)
    elif isinstance(cell, str):
        digits = cell.translate(_SPACES)
        if digits.isdecimal():  # the usual "120 000"
            value = int(digits)
        else:
            with contextlib.suppress(NumberError):
                value = parse_count(digits)
    if not 0 <= value <= VOLUME_MAX:
        raise _Bad("bad_volume", f"{_quoted(cell)} is not a number of recipients (e.g. 120 000).")
    return value


def _fold(name: str) -> str:
    return name.casefold()


def _clean_name(text: str) -> str:
    """A client or segment name as the clients service stores it: spaces collapsed."""
    return " ".join(text.split())


def split_segments(text: str, known: dict[str, str]) -> list[str]:
    """The segment names of a cell. A cell naming one of the client's segments as a whole is
    that segment ("Abonnés + prospects"); otherwise the first of | ; , + found separates the
    names, so "A, B | C" is two segments ("A, B" and "C") as the export writes them."""
    text = _clean_name(text)
    if not text or _fold(text) in known:
        return [known[_fold(text)]] if text else []
    parts = [text]
    for separator in SEGMENT_SEPARATORS:
        if separator in text:
            parts = text.split(separator)
            break
    names: dict[str, str] = {}
    for part in parts:
        part = _clean_name(part)
        if part:
            names.setdefault(_fold(part), known.get(_fold(part), part))
    return list(names.values())


_TOTAL_WORDS = tuple(word.split() for word in TOTAL_WORDS)


def _is_total(row: TableRow, client: int, name: int) -> bool:
    """A total row: it starts with the word "Total", "Sous-total", "Somme"… and lacks a client
    or a campaign name (a client may be called "Total"), or it has numbers but neither (a sum
    at the foot of a column)."""
    cells = row.cells
    given = [0 <= i < len(cells) and not is_blank(cells[i]) for i in (client, name)]
    if all(given):
        return False
    first = next((cell for cell in cells if not is_blank(cell)), None)
    words = normalise_header(_text(first)).split()
    if any(words[: len(total)] == total for total in _TOTAL_WORDS):
        return True
    return not any(given) and any(
        isinstance(c, int | float)
        and not isinstance(c, bool)
        or (isinstance(c, str) and any(ch.isdigit() for ch in c))
        for c in cells
    )


# --- the workspace as the import sees it -----------------------------------------------------


@dataclass
class _Known:
    """The workspace's clients (folded name → id, name, time zone), their segments (client id
    → folded name → id, name) and campaigns (folded client name, folded name, send day)."""

    clients: dict[str, tuple[int, str, str]]
    segments: dict[int, dict[str, tuple[int, str]]]
    campaigns: set[tuple[str, str, date]]
    _names: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> _Known:
        known = {
            _fold(name): (cid, name, tz)
            for cid, name, tz in session.execute(select(Client.id, Client.name, Client.timezone))
        }
        names = {cid: folded for folded, (cid, _, _) in known.items()}
        segments: dict[int, dict[str, tuple[int, str]]] = {}
        for sid, cid, name in session.execute(select(Segment.id, Segment.client_id, Segment.name)):
            segments.setdefault(cid, {})[_fold(name)] = (sid, name)
        campaigns = {
            (names[cid], _fold(name.strip()), wall_clock(at, tz).date())
            for cid, name, at, tz in session.execute(
                select(
                    Campaign.client_id,
                    Campaign.name,
                    Campaign.planned_send_at,
                    Campaign.send_timezone,
                )
            )
        }
        return cls(known, segments, campaigns)

    def segment_names(self, client: str) -> dict[str, str]:
        """The client's segments, folded name → name ({} for a client not in the workspace)."""
        folded = _fold(client)
        names = self._names.get(folded)
        if names is None:
            found = self.clients.get(folded)
            have = self.segments.get(found[0], {}) if found else {}
            names = self._names[folded] = {key: name for key, (_, name) in have.items()}
        return names


def _key(row: PlanRow) -> tuple[str, str, date]:
    return _fold(row.client), _fold(row.name), row.send_date


# --- preview -------------------------------------------------------------------------------


class _RowReader:
    """Reads the rows of one table with one mapping, gathering the problems."""

    def __init__(self, table: Table, mapping: PlanMapping, known: _Known, tz_default: str) -> None:
        self.table = table
        self.index = {name: mapping.column(name) for name in FIELDS}
        self.mapped = [(name, index) for name, index in self.index.items() if index is not None]
        self.known = known
        self.tz_default = tz_default
        self.problems: list[PlanProblem] = []
        self.problem_count = 0
        #: What each field's cells read as: a plan repeats its days, times, types and statuses
        #: row after row. Keyed by type too, since True == 1 == 1.0.
        self.memo: dict[str, dict[tuple[type, object], object]] = {name: {} for name in FIELDS}
        self.instants: dict[tuple[date, time, str], datetime | None] = {}
        #: The optional fields read the same way on every row, each by its parser.
        self.parsers: tuple[tuple[str, Callable[[object], object]], ...] = (
            ("send_time", lambda c: None if is_blank(c) else parse_time(c)),
            ("type", lambda c: _choice(c, _TYPES, CampaignType.NEWSLETTER, "type", "unknown_type")),
            (
                "channel",
                lambda c: _choice(c, _CHANNELS, Channel.EMAIL, "channel", "unknown_channel"),
            ),
            (
                "status",
                lambda c: _choice(c, _STATUSES, CampaignStatus.DRAFT, "status", "unknown_status"),
            ),
            ("volume", parse_volume),
        )

    def problem(self, line: int, name: str, code: str, why: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            index = self.index[name]
            header = self.table.header(index) if index is not None else FIELD_NAMES[name]
            self.problems.append(
                PlanProblem(
                    line, header, name, code, f'Line {line}, column "{printable(header)}": {why}'
                )
            )

    def parse(self, name: str, parser: Callable[[object], object], cell: object) -> object:
        """``parser(cell)``, remembered for the field; raises ``_Bad`` as the parser does."""
        memo = self.memo[name]
        key = (type(cell), cell)
        try:
            found = memo[key]
        except KeyError:
            try:
                found = parser(cell)
            except _Bad as bad:
                found = _Failed(bad.code, bad.why)
            memo[key] = found
        if isinstance(found, _Failed):
            raise _Bad(found.code, found.why)  # a new one: a raised error keeps its traceback
        return found

    def text(self, line: int, name: str, cell: object, limit: int | None, code: str) -> str:
        text = _text(cell)
        if limit is not None and len(text) > limit:
            self.problem(
                line, name, code, f"the {FIELD_NAMES[name]} is longer than {limit} characters."
            )
        return text

    def required(self, line: int, name: str, cell: object, limit: int) -> str | None:
        text = self.text(line, name, cell, limit, "name_too_long")
        if not text:
            self.problem(line, name, "missing_value", f"the {FIELD_NAMES[name]} is empty.")
            return None
        return text

    def read(self, row: TableRow) -> PlanRow | None:
        """The row as a campaign, or None after recording its problems."""
        before = self.problem_count
        line = row.line
        cells = row.cells
        cell: dict[str, object] = dict.fromkeys(FIELDS)
        for field_name, index in self.mapped:
            if index < len(cells):
                cell[field_name] = cells[index]
        client = self.required(line, "client", cell["client"], CLIENT_NAME_MAX)
        client = _clean_name(client) if client else None
        name = self.required(line, "name", cell["name"], NAME_MAX)
        day: date | None = None
        at: time | None = None
        if is_blank(cell["send_date"]):
            self.problem(line, "send_date", "missing_value", "the send date is empty.")
        else:
            try:
                day, at = self.parse("send_date", parse_date, cell["send_date"])  # type: ignore[misc]
            except _Bad as bad:
                self.problem(line, "send_date", bad.code, bad.why)
        values: dict[str, object] = {}
        for field_name, parser in self.parsers:
            try:
                values[field_name] = self.parse(field_name, parser, cell[field_name])
            except _Bad as bad:
                self.problem(line, field_name, bad.code, bad.why)
        texts = {
            key: self.text(line, key, cell[key], TEXT_MAX.get(key), "too_long")
            for key in ("subject", "preheader", "esp", "notes")
        }
        segments = []
        if client is not None:
            segments = split_segments(_text(cell["segments"]), self.known.segment_names(client))
            for segment in segments:
                if len(segment) > SEGMENT_NAME_MAX:
                    self.problem(
                        line,
                        "segments",
                        "name_too_long",
                        f'the segment "{printable(segment, 40)}" is longer than {SEGMENT_NAME_MAX} '
                        "characters.",
                    )
        if self.problem_count > before or client is None or name is None or day is None:
            return None
        send_time = values["send_time"] or at or DEFAULT_SEND_TIME
        assert isinstance(send_time, time)
        existing = self.known.clients.get(_fold(client))
        timezone = existing[2] if existing else self.tz_default
        moment = (day, send_time, timezone)
        if moment not in self.instants:
            self.instants[moment] = local_to_instant(day, send_time, timezone)
        instant = self.instants[moment]
        if instant is None:
            self.problem(
                line,
                "send_time" if self.index["send_time"] is not None else "send_date",
                "time_skipped",
                f"{day:%d/%m/%Y} {send_time:%H:%M} does not exist in {timezone} "
                "(the clocks jump forward then).",
            )
            return None
        volume = values["volume"]
        assert volume is None or isinstance(volume, int)
        kind, channel, status = values["type"], values["channel"], values["status"]
        assert isinstance(kind, CampaignType) and isinstance(channel, Channel)
        assert isinstance(status, CampaignStatus)
        return PlanRow(
            line=line,
            client=existing[1] if existing else client,
            name=name,
            send_date=day,
            send_time=send_time,
            timezone=timezone,
            send_at=instant,
            type=kind,
            channel=channel,
            status=status,
            segments=tuple(segments),
            volume=volume,
            exists=False,
            **texts,
        )


def _refuse_unmapped(table: Table, mapping: PlanMapping) -> None:
    wrong = [
        name
        for name, index in mapping.columns.items()
        if index is not None and not 0 <= index < len(table.headers)
    ]
    missing = [*mapping.missing, *wrong]
    if missing:
        fields = ", ".join(FIELD_NAMES[name] for name in missing)
        found = quoted_headers(table.headers)
        raise PlanRefused(
            "unmapped",
            table.source,
            f"{printable(table.source)}: no column gives the {fields} (headers found: {found}). "
            "Name the "
            'columns "Client", "Campagne" and "Date d\'envoi" (or choose them) and try again.',
        )


def preview(
    session: Session,
    table: Table,
    mapping: PlanMapping,
    *,
    timezone_default: str = DEFAULT_TIMEZONE,
    progress: Progress | None = None,
) -> PlanPreview:
    """Read and check every row of ``table`` against the workspace, writing nothing.

    Clients not in the workspace (names compared case-insensitively) will be created in
    ``timezone_default``; a campaign's send time is read in its client's time zone. A row with
    no send time is sent at 09:00 (``DEFAULT_SEND_TIME``), or at the time its date cell gives.
    Empty rows and total rows are skipped and counted. ``progress`` is called every
    ``PROGRESS_EVERY`` rows; returning False raises ``PlanRefused`` "cancelled".
    """
    if not is_known_zone(timezone_default):
        raise ValueError(f"unknown time zone {timezone_default!r}")
    _refuse_unmapped(table, mapping)
    known = _Known.load(session)
    reader = _RowReader(table, mapping, known, timezone_default)
    client_index = mapping.column("client")
    name_index = mapping.column("name")
    assert client_index is not None and name_index is not None
    shown: list[PlanRow] = []
    to_create: list[PlanRow] = []
    seen: set[tuple[str, str, date]] = set()
    skipped_empty = skipped_total = unchanged = 0
    total = len(table.rows)
    for done, row in enumerate(table.rows):
        if progress is not None and done % PROGRESS_EVERY == 0:
            _report(progress, done, total, table.source)
        if row.is_empty:
            skipped_empty += 1
            continue
        if _is_total(row, client_index, name_index):
            skipped_total += 1
            continue
        parsed = reader.read(row)
        if parsed is None:
            continue
        key = _key(parsed)
        if key in known.campaigns or key in seen:
            unchanged += 1
            parsed = replace(parsed, exists=True)
        else:
            seen.add(key)
            to_create.append(parsed)
        if len(shown) < SHOWN_ROWS:
            shown.append(parsed)
    if progress is not None:
        _report(progress, total, total, table.source)
    new_clients, new_segments = _additions(known, to_create)
    return PlanPreview(
        source=table.source,
        mapping=mapping,
        timezone_default=timezone_default,
        new_clients=tuple(new_clients),
        new_segments=tuple(new_segments),
        created=len(to_create),
        unchanged=unchanged,
        skipped_empty=skipped_empty,
        skipped_total=skipped_total,
        rows=tuple(shown),
        problems=tuple(reader.problems),
        problem_count=reader.problem_count,
        to_create=tuple(to_create),
    )


def _additions(known: _Known, rows: Iterable[PlanRow]) -> tuple[list[str], list[tuple[str, str]]]:
    """The clients and (client, segment) pairs that ``rows`` name and the workspace lacks, in
    the order first met, as first spelt."""
    clients_found: dict[str, str] = {}
    segments_found: dict[tuple[str, str], tuple[str, str]] = {}
    for row in rows:
        folded = _fold(row.client)
        if folded not in known.clients:
            clients_found.setdefault(folded, row.client)
        client = known.clients.get(folded)
        have = known.segments.get(client[0], {}) if client else {}
        for segment in row.segments:
            if _fold(segment) not in have:
                pair = (clients_found.get(folded, row.client), segment)
                segments_found.setdefault((folded, _fold(segment)), pair)
    return list(clients_found.values()), list(segments_found.values())


def _report(progress: Progress, done: int, total: int, source: str) -> None:
    if progress(done, total) is False:
        raise PlanRefused(
            "cancelled", source, f"{printable(source)}: import cancelled; nothing was written."
        )


# --- apply ---------------------------------------------------------------------------------


def apply(
    session: Session, preview: PlanPreview, *, progress: Progress | None = None
) -> PlanResult:
    """Write the previewed plan in the caller's transaction: all of it, or nothing.

    Refused ("invalid") when the preview found problems. The workspace is read again, so what
    appeared since the preview (a client, a campaign) is used rather than duplicated. Every
    campaign ends up as ``campaigns.create`` would make it (same fields, segments, UTC instant,
    search index and checklist), written in bulk through the same helpers: one ``create`` per
    row would take minutes for a plan of 100,000 campaigns. ``progress`` is called every
    ``PROGRESS_EVERY`` campaigns; returning False raises ``PlanRefused`` "cancelled", and the
    caller's rollback leaves the workspace as it was.
    """
    if preview.problem_count:
        first = "\n".join(p.message for p in preview.problems[:5])
        more = preview.problem_count - min(5, len(preview.problems))
        tail = f"\n… and {more} more." if more else ""
        raise PlanRefused(
            "invalid",
            preview.source,
            f"{printable(preview.source)}: {preview.problem_count} problem(s); "
            f"nothing was imported.\n"
            f"{first}{tail}",
            preview.problems,
        )
    known = _Known.load(session)
    # Created in the order of their send days, as the calendar lists them; SQLite's index of
    # checklist due days then grows at its end, which halves the time of a large import.
    rows = sorted(
        (row for row in preview.to_create if _key(row) not in known.campaigns),
        key=lambda row: row.send_date,
    )
    new_clients, new_segments = _additions(known, rows)
    for name in new_clients:
        client_id, _ = clients.create_client(session, name, timezone=preview.timezone_default)
        known.clients[_fold(name)] = (client_id, name, preview.timezone_default)
    for client_name, segment in new_segments:
        client_id = known.clients[_fold(client_name)][0]
        segment_id = clients.add_segment(session, client_id, segment, 0)
        known.segments.setdefault(client_id, {})[_fold(segment)] = (segment_id, segment)
    _insert_campaigns(session, rows, known, progress, preview.source)
    return PlanResult(
        created=len(rows),
        unchanged=preview.unchanged + len(preview.to_create) - len(rows),
        new_clients=tuple(new_clients),
        new_segments=tuple(new_segments),
        skipped_empty=preview.skipped_empty,
        skipped_total=preview.skipped_total,
        changes=Changes(campaigns=bool(rows), clients=bool(new_clients or new_segments)),
    )


def _insert_campaigns(
    session: Session,
    rows: Sequence[PlanRow],
    known: _Known,
    progress: Progress | None,
    source: str,
) -> None:
    """Insert ``rows`` as ``campaigns.create`` would, a thousand at a time.

    Ids follow the largest one, as SQLite gives them; the search index gets the text
    ``create`` indexes, the checklists are ``_Checklists``'. The campaigns of one import are
    created at one instant.
    """
    first_id = (session.scalar(select(func.max(Campaign.id))) or 0) + 1
    now = utcnow()
    campaign_writer = _Writer(session, table_of(Campaign), _CAMPAIGN_COLUMNS)
    link_writer = _Writer(session, campaign_segments, ("campaign_id", "segment_id"))
    checklist = _Checklists(session)
    total = len(rows)
    for start in range(0, total, PROGRESS_EVERY):
        if progress is not None:
            _report(progress, start, total, source)
        campaign_rows: list[tuple[object, ...]] = []
        links: list[tuple[object, ...]] = []
        index: list[dict[str, object]] = []
        items: list[object] = []
        for offset, row in enumerate(rows[start : start + PROGRESS_EVERY], start=start):
            campaign_id = first_id + offset
            client_id = known.clients[_fold(row.client)][0]
            campaign_rows.append(
                campaign_writer.values(
                    (campaign_id, client_id, row.name, row.channel, row.type, None, row.status)
                    + (row.send_at, row.timezone, row.volume, row.subject, row.preheader)
                    + (row.esp, row.notes, now, now)
                )
            )
            have = known.segments.get(client_id, {})
            links.extend(
                link_writer.values((campaign_id, have[_fold(segment)][0]))
                for segment in row.segments
            )
            body = fts.campaign_text(row.name, row.subject, row.preheader, row.notes)
            if body.strip():
                index.append({"campaign_id": campaign_id, "field": "campaign", "body": body})
            items.extend(checklist.cells(campaign_id, client_id, row.type, row.send_date))
        campaign_writer.write(campaign_rows)
        link_writer.write(links)
        fts.bulk_index(session, index)
        checklist.write(items)
    if progress is not None:
        _report(progress, total, total, source)


class _Checklists:
    """New campaigns' checklists as ``checklists.create_for_campaign`` makes them: the most
    specific template (looked up once per client and type), its rows made by
    ``checklists.item_rows`` once per template and send day (a plan sends dozens of campaigns
    a day), then given each campaign's id."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.templates: dict[tuple[int, CampaignType], tuple[checklists.TemplateItem, ...]] = {}
        #: (template, send day) → the cells of its rows, converted, one row after the other.
        self.made: dict[tuple[int, date], list[object]] = {}
        self.writer: _Writer | None = None
        self.id_at = 0

    def cells(
        self, campaign_id: int, client_id: int, campaign_type: CampaignType, send_day: date
    ) -> list[object]:
        template = self.templates.get((client_id, campaign_type))
        if template is None:
            template = checklists.template_for(self.session, client_id, campaign_type).items
            self.templates[(client_id, campaign_type)] = template
        cells = self.made.get((id(template), send_day))
        if cells is None:
            rows = checklists.item_rows(0, send_day, template)
            cells = self.made[(id(template), send_day)] = [
                cell for row in rows for cell in self._writer(row).values(tuple(row.values()))
            ]
        if not cells or self.writer is None:
            return []
        width = len(self.writer.names)
        filled = cells.copy()
        filled[self.id_at :: width] = [campaign_id] * (len(cells) // width)
        return filled

    def _writer(self, row: dict[str, object]) -> _Writer:
        """The writer of checklist items, for the columns ``item_rows`` fills."""
        if self.writer is None:
            self.writer = _Writer(self.session, table_of(ChecklistItem), tuple(row))
            self.id_at = self.writer.names.index("campaign_id")
        return self.writer

    def write(self, cells: list[object]) -> None:
        if self.writer is not None:
            self.writer.write_cells(cells)


_CAMPAIGN_COLUMNS = (
    "id", "client_id", "name", "channel", "type", "parent_id", "status", "planned_send_at",
    "send_timezone", "volume", "subject", "preheader", "esp", "notes", "created_at", "updated_at",
)  # fmt: skip


class _Writer:
    """Inserts rows into one table as ``session.execute(insert(table), rows)`` would, faster.

    A plan's checklists are millions of rows. Through SQLAlchemy, its bookkeeping per row took
    as long as SQLite's work; and SQLite checks its CHECK constraints' value lists once per
    statement, so one statement per row paid that again. Here the values are converted once by
    the columns' own types and go to the driver several rows a statement. Where that does not
    hold (a column with a default the rows do not give, another database), rows go the
    ordinary way, unconverted.
    """

    #: Parameters per statement: about 700 checklist rows, where SQLite's per-statement work
    #: (its CHECK constraints' value lists) is paid once (5.8 µs a row, against 8.0 µs at 71
    #: rows a statement). Builds before 3.32 allow only 999.
    MAX_PARAMETERS = 9_800 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999

    def __init__(self, session: Session, table: SqlTable, names: Sequence[str]) -> None:
        columns = [table.c[name] for name in names]
        self.session = session
        self.table = table
        self.names = tuple(names)
        dialect = session.get_bind().dialect
        given = set(names)
        self.fast = dialect.paramstyle == "qmark" and all(
            c.name in given for c in table.c if not c.primary_key
        )
        self.converters: list[tuple[int, Callable[[object], object], dict[object, object]]] = []
        if self.fast:
            for position, column in enumerate(columns):
                process = column.type.dialect_impl(dialect).bind_processor(dialect)
                if process is not None:
                    self.converters.append((position, process, {}))
        quote = dialect.identifier_preparer
        self.prefix = (
            f"INSERT INTO {quote.format_table(table)} "
            f"({', '.join(quote.format_column(c) for c in columns)}) VALUES "
        )
        self.placeholders = "(" + ", ".join("?" * len(columns)) + ")"
        self.per_statement = max(1, self.MAX_PARAMETERS // len(columns))

    def values(self, row: tuple[object, ...]) -> tuple[object, ...]:
        """``row`` as the database stores it (as given, on the ordinary way). The values of
        a converted column are few (an enum, a day, an instant): each is converted once."""
        if not self.converters:
            return row
        cells = list(row)
        for position, process, done in self.converters:
            cell = cells[position]
            if cell not in done:
                done[cell] = process(cell)
            cells[position] = done[cell]
        return tuple(cells)

    def write(self, rows: list[tuple[object, ...]]) -> None:
        self.write_cells(list(chain.from_iterable(rows)))

    def write_cells(self, cells: list[object]) -> None:
        """Rows given as their cells one after the other (``values`` of each, joined)."""
        width = len(self.names)
        if not cells:
            return
        if not self.fast:
            rows = [
                dict(zip(self.names, cells[i : i + width], strict=True))
                for i in range(0, len(cells), width)
            ]
            self.session.execute(insert(self.table), rows)
            if self.session.get_bind().dialect.name == "postgresql":  # ids given: see there
                postgres.resync_sequences(self.session.connection(), self.table.name)
            return
        connection = self.session.connection()
        step = self.per_statement * width
        whole = len(cells) - len(cells) % step
        if whole:
            connection.exec_driver_sql(
                self._statement(self.per_statement),
                [tuple(cells[i : i + step]) for i in range(0, whole, step)],
            )
        if whole < len(cells):
            connection.exec_driver_sql(
                self._statement((len(cells) - whole) // width), tuple(cells[whole:])
            )

    def _statement(self, rows: int) -> str:
        return self.prefix + ", ".join([self.placeholders] * rows)


# --- export --------------------------------------------------------------------------------


#: A ``select()`` on campaigns, whatever its columns (the plan export's, the iCalendar's).
SelectT = TypeVar("SelectT", bound=Select)


def around_period(query: SelectT, start: date | None, end: date | None) -> SelectT:
    """``query`` on campaigns narrowed in SQL to those sent within a day of ``start``..``end``:
    a day in any time zone lies within a day of the same UTC day. The caller then keeps exactly
    the campaigns whose send day on their own clock is ``in_period`` (the plan exports)."""
    if start is not None:
        query = query.where(
            Campaign.planned_send_at >= datetime.combine(start - timedelta(days=1), time(), UTC)
        )
    if end is not None:
        query = query.where(
            Campaign.planned_send_at < datetime.combine(end + timedelta(days=2), time(), UTC)
        )
    return query


def in_period(day: date, start: date | None, end: date | None) -> bool:
    """``day`` within ``start``..``end``, both inclusive, either open."""
    return (start is None or day >= start) and (end is None or day <= end)


def segment_names(session: Session, client_ids: set[int] | None) -> dict[int, list[str]]:
    """Each campaign's segment names, sorted (of ``client_ids``' segments, or all)."""
    names: dict[int, list[str]] = {}
    links = (
        select(campaign_segments.c.campaign_id, Segment.name)
        .join(Segment, Segment.id == campaign_segments.c.segment_id)
        .order_by(Segment.name)
    )
    if client_ids is not None:
        links = links.where(Segment.client_id.in_(client_ids))
    for campaign_id, segment in session.execute(links):
        names.setdefault(campaign_id, []).append(segment)
    return names


def _plan_rows(
    session: Session,
    client_ids: set[int] | None,
    start: date | None,
    end: date | None,
    statuses: set[CampaignStatus] | None = None,
    channels: set[Channel] | None = None,
) -> list[tuple[object, ...]]:
    """The campaigns to export as rows of values in ``FIELDS`` order, by send time; ``start``
    and ``end`` (inclusive) are compared with the send day in the campaign's time zone."""
    query = (
        select(
            Campaign.id,
            Client.name,
            Campaign.name,
            Campaign.planned_send_at,
            Campaign.send_timezone,
            Campaign.type,
            Campaign.channel,
            Campaign.status,
            Campaign.subject,
            Campaign.preheader,
            Campaign.volume,
            Campaign.esp,
            Campaign.notes,
        )
        .join(Client, Client.id == Campaign.client_id)
        .order_by(Campaign.planned_send_at, Client.name, Campaign.name, Campaign.id)
    )
    if client_ids is not None:
        query = query.where(Campaign.client_id.in_(client_ids))
    if statuses is not None:
        query = query.where(Campaign.status.in_(statuses))
    if channels is not None:
        query = query.where(Campaign.channel.in_(channels))
    found = session.execute(around_period(query, start, end)).all()
    names = segment_names(session, client_ids)
    rows: list[tuple[object, ...]] = []
    for cid, client, name, at, tz, ctype, channel, status, *texts in found:
        local = wall_clock(at, tz)
        day = local.date()
        if not in_period(day, start, end):
            continue
        subject, preheader, volume, esp, notes = texts
        segments = EXPORT_SEGMENT_SEPARATOR.join(names.get(cid, ()))
        rows.append(
            (client, name, day, local.time().replace(tzinfo=None), ctype.value, channel.value)
            + (segments, status.value, subject, preheader, volume, esp, notes)
        )
    return rows


def export_plan(
    session: Session,
    out: Path,
    *,
    client_ids: set[int] | None = None,
    start: date | None = None,
    end: date | None = None,
    statuses: set[CampaignStatus] | None = None,
    channels: set[Channel] | None = None,
) -> int:
    """Write the plan to ``out``, CSV or .xlsx by its suffix; return the campaigns written.

    CSV is French Excel's: UTF-8 with a BOM, ";" between cells, dates dd/mm/yyyy, times HH:MM.
    The .xlsx has real date and time cells, a bold header row and set column widths. Headers
    are ``EXPORT_HEADERS``, values the stored English ones: the importer reads both back, and
    finds every campaign already there. Written beside ``out`` then renamed over it, so a full
    disk never leaves half a file where the user looks.
    """
    suffix = out.suffix.lower()
    if out.is_dir():
        raise PlanRefused("unwritable", out.name, f"{out}: this is a folder; give a file name.")
    if suffix not in (".csv", ".xlsx"):
        raise PlanRefused(
            "unsupported", out.name, f"{out.name}: the plan is exported as .csv or .xlsx."
        )
    rows = _plan_rows(session, client_ids, start, end, statuses, channels)
    write = _write_csv if suffix == ".csv" else _write_xlsx
    _write_atomically(out, lambda handle: write(handle, rows))
    return len(rows)


def _write_atomically(out: Path, write: Callable[[BinaryIO], None]) -> None:
    try:
        replace_atomically(out, write)
    except OSError as error:
        raise PlanRefused(
            "unwritable",
            out.name,
            f"{out}: the plan could not be written ({error.strerror or error}).",
        ) from None


def _write_csv(handle: BinaryIO, rows: list[tuple[object, ...]]) -> None:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([EXPORT_HEADERS[name] for name in FIELDS])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    text.flush()
    text.detach()


def _csv_cell(value: object) -> object:
    """Days and times as French Excel shows them; the csv module writes None as empty."""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return value


#: Column widths of the .xlsx export, in characters, and the number formats of its cells.
XLSX_WIDTHS = {
    "client": 22, "name": 40, "send_date": 12, "send_time": 10, "type": 12, "channel": 10,
    "segments": 30, "status": 12, "subject": 45, "preheader": 40, "volume": 12, "esp": 14,
    "notes": 50,
}  # fmt: skip
XLSX_FORMATS = {"send_date": "DD/MM/YYYY", "send_time": "HH:MM", "volume": "#,##0"}


def _write_xlsx(handle: BinaryIO, rows: list[tuple[object, ...]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Plan")
    for position, name in enumerate(FIELDS, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = XLSX_WIDTHS[name]
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in FIELDS:
        cell = WriteOnlyCell(sheet, EXPORT_HEADERS[name])
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    def typed(value: object, number_format: str | None) -> object:
        if isinstance(value, str):
            # Control characters are not allowed in the file; "=…" would become a formula.
            clean: str = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_MAX]
            if not clean.startswith("="):
                return clean
            value = clean
        elif value is None or number_format is None:
            return value
        cell = WriteOnlyCell(sheet, value)
        if isinstance(value, str):
            cell.data_type = "s"
        if number_format:
            cell.number_format = number_format
        return cell

    formats = [XLSX_FORMATS.get(name) for name in FIELDS]
    for row in rows:
        sheet.append([typed(value, fmt) for value, fmt in zip(row, formats, strict=True)])
    book.save(handle)
