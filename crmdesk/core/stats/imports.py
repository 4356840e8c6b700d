"""Importing an ESP's statistics file into a campaign: detect, read, then write in one go.

``read_file`` is pure (no database) so the UI can run it on a worker thread with a progress bar
and a cancel button; ``import_file`` is ``read_file`` plus a short write in the caller's
session. Everything is read and checked before anything is written, so a bad line anywhere
leaves the workspace as it was. Importing the same bytes into the same campaign twice is
recognised by their sha256 and changes nothing, as long as the figures they wrote are still
there (deleted figures can be imported again).

A file is checked against the campaign before it is written (``inspect``): a report about
another campaign (name, subject, send date), activity from before the send or long after it,
or figures that would replace the ones recorded for that day are mismatches, and the import
is refused with ``ImportMismatch`` listing them unless the operator confirmed (``force``).
The tolerances are the constants below ``# --- checking``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from difflib import SequenceMatcher
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from crmdesk.core.changes import Changes
from crmdesk.core.errors import StatsRefused
from crmdesk.core.lookup import get_campaign
from crmdesk.core.models import (
    BatRound,
    Campaign,
    Client,
    StatBreakdown,
    StatImport,
    StatMapping,
    StatSnapshot,
    StatSource,
)
from crmdesk.core.printable import printable
from crmdesk.core.stats import activity, layouts
from crmdesk.core.stats.csvfile import (
    CsvFormat,
    CsvSource,
    first_rows,
    refuse_missing,
    sniff,
)
from crmdesk.core.stats.figures import Breakdown, Figures
from crmdesk.core.timezones import wall_clock

Progress = Callable[[int, int], bool]  # (bytes read, total bytes) -> False to cancel

#: A campaign report is a few kilobytes; anything past this is not one.
REPORT_LIMIT = 50 * 1024 * 1024
#: Activity exports list every event of every recipient; a 1 GiB file is ~20 million rows.
ACTIVITY_LIMIT = 1024 * 1024 * 1024

LAYOUTS: tuple[str, ...] = ("mailchimp", "mailchimp_campaign", "brevo", "activity", "mapped")
#: The activity columns a mapping can name.
ACTIVITY_FIELDS: tuple[str, ...] = ("email", "event", "timestamp", "variant")
#: The crmdesk fields a mapping can fill: the report fields (figures, "variant", "campaign",
#: "subject"), then the activity ones ("email", "event", "timestamp"; "variant" is shared).
MAPPABLE_FIELDS: tuple[str, ...] = (
    *layouts.REPORT_FIELDS,
    *(f for f in ACTIVITY_FIELDS if f not in layouts.REPORT_FIELDS),
)

_SOURCES = {
    "mailchimp": StatSource.MAILCHIMP,
    "mailchimp_campaign": StatSource.MAILCHIMP,
    "brevo": StatSource.BREVO,
    "activity": StatSource.ACTIVITY,
    "mapped": StatSource.MAPPED,
}


@dataclass(frozen=True)
class Detected:
    """What a file looks like, before importing."""

    layout: str  # "mailchimp" | "mailchimp_campaign" | "brevo" | "activity" | "unknown"
    headers: tuple[str, ...]
    delimiter: str
    encoding: str
    rows_preview: tuple[tuple[str, ...], ...]  # first 5 data rows, for the mapping dialog


@dataclass(frozen=True)
class Parsed:
    """A file read and checked, ready to be written."""

    layout: str
    source_name: str
    sha256: str
    rows: int  # data rows read
    figures: dict[str, Figures]  # variant ("" for the whole campaign) → figures
    breakdowns: tuple[tuple[str, Breakdown], ...]  # (variant, breakdown)
    notes: tuple[str, ...]  # things the operator should know (English; shown as they are)
    encoding: str
    delimiter: str
    matched_title: str = ""  # the report row taken for the campaign
    #: The figures the file gives; the others are stored as None ("not given"), never as 0.
    given: frozenset[str] = frozenset(layouts.FIGURE_FIELDS)
    matched_subject: str = ""  # the subject of the report row taken
    sent_on: str = ""  # the report's send date as written ("" when it has none)
    #: The first and last open or click of an activity file (UTC, naive), to the hour.
    first_event: datetime | None = None
    last_event: datetime | None = None

    @property
    def variants(self) -> tuple[str, ...]:
        return tuple(sorted(self.figures))


@dataclass(frozen=True)
class ImportResult:
    layout: str
    already_imported: bool  # same file (sha256) already imported into this campaign
    snapshots: int  # snapshots written or replaced
    rows: int  # data rows read
    taken_on: date
    variants: tuple[str, ...]


def _check_size(path: Path, size: int, limit: int, what: str) -> None:
    if size > limit:
        raise StatsRefused(
            "too_large",
            path.name,
            f"The file is {size / 1024**2:,.0f} MB; {what} files are limited to "
            f"{limit / 1024**2:,.0f} MB.",
            size=size,
            limit=limit,
        )


def _layout_of(headers: list[str], rows: list[list[str]]) -> str:
    if layouts.looks_like_campaign_report([headers, *rows]):
        return "mailchimp_campaign"
    if activity.find_layout(headers) is not None:
        return "activity"
    if layouts.mailchimp_mapping(headers) is not None:
        return "mailchimp"
    if layouts.brevo_mapping(headers) is not None:
        return "brevo"
    return "unknown"


def _format(path: Path) -> tuple[int, CsvFormat]:
    size = refuse_missing(path)
    if size == 0:
        raise StatsRefused("empty", path.name, "The file is empty.")
    _check_size(path, size, ACTIVITY_LIMIT, "statistics")
    return size, sniff(path)


def detect(path: Path) -> Detected:
    """The layout, header and first rows of ``path``.

    Raises StatsRefused "missing", "unreadable", "empty" or "too_large".
    """
    size, fmt = _format(path)
    try:
        rows = _preview(path, fmt, size)
    except UnicodeDecodeError:
        fmt = CsvFormat("cp1252", fmt.delimiter, fmt.decimal)
        rows = _preview(path, fmt, size)
    if not rows:
        raise StatsRefused("empty", path.name, "The file has no rows.")
    headers = [h.strip() for h in rows[0]]
    layout = _layout_of(headers, rows[1:])
    if layout != "activity":
        _check_size(path, size, REPORT_LIMIT, "campaign report")
    return Detected(
        layout,
        tuple(headers) if layout != "mailchimp_campaign" else (),
        fmt.delimiter,
        fmt.encoding,
        tuple(tuple(r) for r in (rows if layout == "mailchimp_campaign" else rows[1:])[:5]),
    )


def _preview(path: Path, fmt: CsvFormat, size: int) -> list[list[str]]:
    """The first rows; a broken row after the header ends the preview instead of refusing it
    (reading the whole file refuses it, naming the line)."""
    rows: list[list[str]] = []
    with CsvSource(path, fmt, size=size) as source:
        try:
            for _, row in source.rows():
                rows.append(row)
                if len(rows) >= 6:
                    break
        except StatsRefused:
            if not rows:
                raise
    return rows


def mapping_for_headers(headers: tuple[str, ...] | list[str]) -> dict[str, str]:
    """A mapping guessed from header names (English and French synonyms), field → header."""
    mapping = layouts.guess_mapping(headers)
    act = activity.find_layout(headers)
    if act is not None:
        mapping.update(
            {
                "email": headers[act.email],
                "event": headers[act.event],
                "timestamp": headers[act.timestamp],
            }
        )
        if act.variant >= 0:
            mapping["variant"] = headers[act.variant]
    return mapping


def read_file(
    path: Path,
    *,
    layout: str = "auto",
    mapping: dict[str, str] | None = None,
    campaign_name: str = "",
    campaign_subject: str = "",
    send_at: datetime | None = None,
    progress: Progress | None = None,
) -> Parsed:
    """Read and check ``path`` without touching a database; StatsRefused on bad input."""
    path = Path(path)
    try:
        return _read(path, layout, mapping, campaign_name, campaign_subject, send_at, progress)
    except UnicodeDecodeError:
        # Valid UTF-8 at the start, not further on: a Windows-1252 file (French Excel).
        return _read(
            path, layout, mapping, campaign_name, campaign_subject, send_at, progress, "cp1252"
        )


def _read(
    path: Path,
    layout: str,
    mapping: dict[str, str] | None,
    campaign_name: str,
    campaign_subject: str,
    send_at: datetime | None,
    progress: Progress | None,
    encoding: str | None = None,
) -> Parsed:
    if layout not in ("auto", *LAYOUTS):
        raise ValueError(f"unknown layout {layout!r}")
    size, fmt = _format(path)
    if encoding is not None:
        fmt = CsvFormat(encoding, fmt.delimiter, fmt.decimal)
    name = path.name
    if progress is not None and progress(0, size) is False:
        raise StatsRefused("cancelled", name, "Import cancelled; nothing was written.")
    with CsvSource(path, fmt, size=size) as source:
        peek = first_rows(source, 40)
    if not peek:
        raise StatsRefused("empty", name, "The file has no rows.")
    headers = [h.strip() for h in peek[0]]
    detected = _layout_of(headers, peek[1:])
    if layout == "auto":
        layout = "mapped" if detected == "unknown" and mapping else detected
    if layout == "unknown":
        shown = ", ".join(printable(h, 40) for h in headers[:15] if h)
        raise StatsRefused(
            "unknown_layout",
            name,
            f"This file is not a report crmdesk knows (columns: {shown}); map its columns.",
            columns=", ".join(printable(h, 80) for h in headers[:50]),
        )
    is_activity = layout == "activity" or (
        layout == "mapped" and mapping is not None and "event" in mapping
    )
    if not is_activity:
        _check_size(path, size, REPORT_LIMIT, "campaign report")
    notes: list[str] = []
    with CsvSource(path, fmt, size=size) as source:
        if layout == "mailchimp_campaign":
            if not layouts.looks_like_campaign_report(peek):
                raise StatsRefused(
                    "missing_columns",
                    name,
                    'This is not a Mailchimp campaign report (no "Overall Stats").',
                    columns="Overall Stats",
                )
            row = layouts.read_campaign_report(source)
            total = row.columns.get("bounces")
            only_total = "soft_bounces" not in row.columns
            if total and row.columns.get("hard_bounces") == total and only_total:
                notes.append("The report gives bounces as one total: counted as hard bounces.")
            return _report_result(layout, source, fmt, [row], [row], notes)
        next(source.reader, None)  # the header
        if is_activity:
            if layout == "mapped":
                act = activity.mapped_layout(headers, mapping or {})
            else:
                found = activity.find_layout(headers)
                if found is None:
                    raise StatsRefused(
                        "missing_columns",
                        name,
                        "An activity file needs the columns email, event and timestamp.",
                        columns="email, event, timestamp",
                    )
                act = found
            if act.name == "mailup":
                notes.append("MailUp export: times read as Italian time.")
            result = activity.aggregate(source, headers, act, send_at=send_at, progress=progress)
            for figures in result.figures.values():
                layouts.check_figures(figures, name, source.line, given=result.given)
            digest = source.sha256()
            if progress is not None and progress(size, size) is False:
                raise StatsRefused("cancelled", name, "Import cancelled; nothing was written.")
            return Parsed(
                "activity",
                name,
                digest,
                result.rows,
                result.figures,
                result.breakdowns,
                (*notes, *result.notes),
                fmt.encoding,
                fmt.delimiter,
                given=result.given,
                first_event=result.first_event,
                last_event=result.last_event,
            )
        if layout == "mailchimp":
            columns = layouts.mailchimp_mapping(headers)
        elif layout == "brevo":
            columns = layouts.brevo_mapping(headers)
        else:
            columns = dict(mapping or {})
            unknown = sorted(set(columns) - set(layouts.REPORT_FIELDS))
            if unknown:
                raise ValueError(f"not mappable fields: {unknown}")
        if columns is None:
            raise StatsRefused(
                "missing_columns",
                name,
                f"This file does not have the columns of a {layout} report.",
                columns=", ".join(printable(h, 80) for h in headers[:50]),
            )
        rows = layouts.read_table(source, headers, columns, progress=progress)
        chosen = layouts.pick_rows(rows, name, campaign_name, campaign_subject)
        return _report_result(layout, source, fmt, rows, chosen, notes, progress)


def _report_result(
    layout: str,
    source: CsvSource,
    fmt: CsvFormat,
    rows: list[layouts.ReportRow],
    chosen: list[layouts.ReportRow],
    notes: list[str],
    progress: Progress | None = None,
) -> Parsed:
    for row in chosen:
        layouts.check_figures(row.figures, source.name, row.line, row.columns, row.given)
    digest = source.sha256()
    if progress is not None and progress(source.size, source.size) is False:
        raise StatsRefused("cancelled", source.name, "Import cancelled; nothing was written.")
    return Parsed(
        layout,
        source.name,
        digest,
        len(rows),
        {row.variant: row.figures for row in chosen},
        (),
        tuple(notes),
        fmt.encoding,
        fmt.delimiter,
        chosen[0].title,
        given=frozenset().union(*(row.given for row in chosen)),
        matched_subject=chosen[0].subject,
        sent_on=chosen[0].sent_on,
    )


def saved_mapping(session: Session, esp: str) -> dict[str, str] | None:
    """The mapping remembered for ``esp`` (case-insensitive), or None."""
    key = esp.strip().lower()
    if not key:
        return None
    row = session.scalar(select(StatMapping).where(StatMapping.esp == key))
    return dict(row.columns) if row is not None else None


def remember_mapping(session: Session, esp: str, mapping: dict[str, str]) -> None:
    key = esp.strip().lower()
    if not key:
        return
    row = session.scalar(select(StatMapping).where(StatMapping.esp == key))
    if row is None:
        session.add(StatMapping(esp=key, columns=dict(mapping)))
    else:
        row.columns = dict(mapping)


def default_taken_on(campaign: Campaign, client: Client, today: date | None = None) -> date:
    """Today on the client's clock, never before the send day (a file is that day's figures)."""
    tz = client.timezone or campaign.send_timezone
    now = today if today is not None else wall_clock(datetime.now().astimezone(), tz).date()
    send_day = wall_clock(campaign.planned_send_at, tz).date()
    return max(now, send_day)


def import_file(
    session: Session,
    campaign_id: int,
    path: Path,
    *,
    layout: str = "auto",
    mapping: dict[str, str] | None = None,
    esp: str = "",
    taken_on: date | None = None,
    progress: Progress | None = None,
    imported_by: str = "",
    force: bool = False,
) -> ImportResult:
    """Read ``path`` and write its figures into the campaign, in the caller's transaction;
    a file that does not look like the campaign's is refused unless ``force``."""
    campaign = get_campaign(session, campaign_id)
    client = session.get(Client, campaign.client_id)
    assert client is not None
    parsed = read_file(
        Path(path),
        layout=layout,
        mapping=mapping,
        campaign_name=campaign.name,
        campaign_subject=campaign.subject,
        send_at=campaign.planned_send_at,
        progress=progress,
    )
    return write_parsed(
        session,
        campaign,
        client,
        parsed,
        taken_on=taken_on,
        esp=esp,
        mapping=mapping,
        imported_by=imported_by,
        force=force,
    )


# --- checking a file against the campaign it is imported into ------------------------------

#: A report's send date may differ from the campaign's send day (in the campaign's time zone)
#: by this many days: the ESP's account may keep another time zone, a send may slip a day.
SEND_DAY_TOLERANCE = 2
#: Names are compared without case, accents, punctuation or merge tags; they match when one
#: holds the other or their similarity (difflib's ratio) reaches this. ESP titles often add
#: a suffix ("Soldes J-1 (copy 01)"), so the bar is low; another campaign's name stays far.
NAME_SIMILARITY = 0.6
#: Subjects are compared the same way against the campaign's and its latest BAT's subjects;
#: a subject is copied, not retitled, so the bar is higher.
SUBJECT_SIMILARITY = 0.8
#: Opens and clicks earlier than this before the planned send cannot be this campaign's (the
#: slack covers a send moved by some hours without the plan being updated).
EVENTS_BEFORE = timedelta(hours=24)
#: Opens and clicks later than this after the send are not read as this campaign's activity.
EVENTS_AFTER = timedelta(days=60)

#: What a mismatch is about, in the order they are listed.
MISMATCH_FIELDS: tuple[str, ...] = (
    "campaign",
    "subject",
    "send_date",
    "events_before",
    "events_after",
    "replaces",
)


@dataclass(frozen=True)
class Mismatch:
    """One way a file does not look like the campaign's: what the file says, what the campaign
    says. ``field`` is one of MISMATCH_FIELDS; for "replaces", ``in_file`` is the day whose
    figures would be replaced and ``in_campaign`` where the recorded ones came from."""

    field: str
    in_file: str
    in_campaign: str

    @property
    def message(self) -> str:
        """The mismatch in English (the UI and the CLI word it in the user's language)."""
        sentences = {
            "campaign": "The file is about the campaign “{f}”, this campaign is “{c}”.",
            "subject": "The file's subject is “{f}”, this campaign's is “{c}”.",
            "send_date": "The file's send date is {f}, this campaign was sent on {c}.",
            "events_before": (
                "The file has opens or clicks from {f}, before this campaign's send ({c})."
            ),
            "events_after": (
                "The file has opens or clicks until {f}, more than 60 days after this "
                "campaign's send ({c})."
            ),
            "replaces": "Figures are already recorded for {f} ({c}): they would be replaced.",
        }
        # Both sides are the user's text (the file's campaign name, the workspace's).
        return sentences[self.field].format(
            f=printable(self.in_file), c=printable(self.in_campaign)
        )


class ImportMismatch(StatsRefused):
    """A file that does not look like the campaign's, or would replace recorded figures:
    nothing was written; importing it again with ``force=True`` takes it anyway."""

    def __init__(self, source: str, mismatches: tuple[Mismatch, ...]) -> None:
        listed = " ".join(m.message for m in mismatches)
        super().__init__(
            "mismatch",
            source,
            f"{listed} Nothing was written; confirm to import it anyway.",
            count=len(mismatches),
        )
        self.mismatches = mismatches


@dataclass(frozen=True)
class Inspection:
    """What importing a read file would do, asked before writing it."""

    taken_on: date
    #: The same bytes were imported into this campaign and their figures are still there.
    already_imported: bool
    mismatches: tuple[Mismatch, ...]


def _plain(text: str) -> str:
    """``text`` for comparing: merge tags ("*|FNAME|*", "{{prenom}}") out, no accents or case."""
    import re

    text = re.sub(r"\*\|[^|]*\|\*|\{\{[^}]*\}\}|\[[A-Z_]+\]", " ", text)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in bare).split())


def similar(a: str, b: str, threshold: float) -> bool:
    """Whether two names or subjects are the same thing written two ways (see NAME_SIMILARITY);
    an empty side says nothing, so it is not a mismatch."""
    x, y = _plain(a), _plain(b)
    if not x or not y or x == y:
        return True
    short, long = sorted((x, y), key=len)
    if len(short) >= 4 and f" {short} " in f" {long} ":
        return True
    return SequenceMatcher(None, x, y).ratio() >= threshold


def _naive_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)


def _local_text(moment: datetime, tz: str) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return wall_clock(aware, tz).strftime("%Y-%m-%d %H:%M")


def _latest_bat_subject(session: Session, campaign_id: int) -> str:
    subject = session.scalar(
        select(BatRound.subject)
        .where(BatRound.campaign_id == campaign_id)
        .order_by(BatRound.number.desc())
        .limit(1)
    )
    return subject or ""


def _import_row(session: Session, campaign_id: int, sha256: str) -> StatImport | None:
    return session.scalar(
        select(StatImport).where(StatImport.campaign_id == campaign_id, StatImport.sha256 == sha256)
    )


def _still_there(session: Session, done: StatImport) -> bool:
    """Whether the figures a recorded import wrote are still there: once deleted (or replaced
    by other figures), the same file can be imported again."""
    found = session.scalar(
        select(StatSnapshot.id)
        .where(
            StatSnapshot.campaign_id == done.campaign_id,
            StatSnapshot.taken_on == done.taken_on,
            StatSnapshot.source_name == done.source_name,
            StatSnapshot.source == _SOURCES.get(done.layout, StatSource.MAPPED),
        )
        .limit(1)
    )
    return found is not None


def mismatches(
    session: Session, campaign: Campaign, parsed: Parsed, day: date
) -> tuple[Mismatch, ...]:
    """How ``parsed`` does not look like ``campaign``'s figures of ``day`` (see the
    tolerances above), and the recorded figures it would replace."""
    tz = campaign.send_timezone
    send_local = wall_clock(campaign.planned_send_at, tz)
    found: list[Mismatch] = []
    if parsed.matched_title and not similar(parsed.matched_title, campaign.name, NAME_SIMILARITY):
        found.append(Mismatch("campaign", parsed.matched_title, campaign.name))
    subjects = [
        s for s in (campaign.subject, _latest_bat_subject(session, campaign.id)) if s.strip()
    ]
    if (
        parsed.matched_subject
        and subjects
        and not any(similar(parsed.matched_subject, s, SUBJECT_SIMILARITY) for s in subjects)
    ):
        found.append(Mismatch("subject", parsed.matched_subject, subjects[-1]))
    sent_day = layouts.parse_send_day(parsed.sent_on) if parsed.sent_on else None
    if sent_day is not None and abs((sent_day - send_local.date()).days) > SEND_DAY_TOLERANCE:
        found.append(Mismatch("send_date", sent_day.isoformat(), send_local.date().isoformat()))
    send_utc = _naive_utc(campaign.planned_send_at)
    send_text = send_local.strftime("%Y-%m-%d %H:%M")
    if parsed.first_event is not None and parsed.first_event < send_utc - EVENTS_BEFORE:
        found.append(Mismatch("events_before", _local_text(parsed.first_event, tz), send_text))
    if parsed.last_event is not None and parsed.last_event > send_utc + EVENTS_AFTER:
        found.append(Mismatch("events_after", _local_text(parsed.last_event, tz), send_text))
    recorded = session.scalars(
        select(StatSnapshot).where(
            StatSnapshot.campaign_id == campaign.id,
            StatSnapshot.taken_on == day,
            StatSnapshot.variant.in_(list(parsed.figures)),
        )
    ).all()
    if recorded:
        origins = dict.fromkeys(r.source_name or r.source.value for r in recorded)
        found.append(Mismatch("replaces", day.isoformat(), ", ".join(origins)))
    return tuple(found)


def inspect(
    session: Session, campaign_id: int, parsed: Parsed, *, taken_on: date | None = None
) -> Inspection:
    """What importing ``parsed`` would do, before writing it: already there, or the
    mismatches to confirm (the window asks with them, the CLI needs --force)."""
    campaign = get_campaign(session, campaign_id)
    client = session.get(Client, campaign.client_id)
    assert client is not None
    day = taken_on or default_taken_on(campaign, client)
    done = _import_row(session, campaign.id, parsed.sha256)
    if done is not None and _still_there(session, done):
        return Inspection(done.taken_on, True, ())
    return Inspection(day, False, mismatches(session, campaign, parsed, day))


def write_parsed(
    session: Session,
    campaign: Campaign,
    client: Client,
    parsed: Parsed,
    *,
    taken_on: date | None = None,
    esp: str = "",
    mapping: dict[str, str] | None = None,
    imported_by: str = "",
    force: bool = False,
) -> ImportResult:
    """Write what ``read_file`` gave (the short part of an import, on the database thread).

    Refused with ImportMismatch, writing nothing, when the file does not look like the
    campaign's or would replace recorded figures, unless ``force``. The same bytes are
    "already imported" only while the figures they wrote are still there."""
    day = taken_on or default_taken_on(campaign, client)
    done = _import_row(session, campaign.id, parsed.sha256)
    if done is not None and _still_there(session, done):
        return ImportResult(parsed.layout, True, 0, parsed.rows, done.taken_on, parsed.variants)
    found = mismatches(session, campaign, parsed, day)
    if found and not force:
        raise ImportMismatch(parsed.source_name, found)
    if done is not None:  # its figures were deleted: the file is imported anew
        session.delete(done)
        session.flush()
    source = _SOURCES[parsed.layout]
    for variant, figures in parsed.figures.items():
        snapshot = session.scalar(
            select(StatSnapshot).where(
                StatSnapshot.campaign_id == campaign.id,
                StatSnapshot.variant == variant,
                StatSnapshot.taken_on == day,
            )
        )
        if snapshot is None:
            snapshot = StatSnapshot(campaign_id=campaign.id, variant=variant, taken_on=day)
            session.add(snapshot)
        for name in layouts.FIGURE_FIELDS:
            given = name == "sent" or name in parsed.given
            setattr(snapshot, name, getattr(figures, name) if given else None)
        snapshot.source = source
        snapshot.source_name = parsed.source_name[:300]
    if parsed.breakdowns:
        dimensions = {b.dimension for _, b in parsed.breakdowns}
        variants = {v for v, _ in parsed.breakdowns}
        session.execute(
            delete(StatBreakdown).where(
                StatBreakdown.campaign_id == campaign.id,
                StatBreakdown.variant.in_(variants),
                StatBreakdown.dimension.in_(dimensions),
            )
        )
        session.add_all(
            StatBreakdown(
                campaign_id=campaign.id,
                variant=variant,
                dimension=b.dimension,
                key=b.key,
                delivered=b.delivered,
                bounces=b.bounces,
                opens=b.opens,
                clicks=b.clicks,
                unsubscribes=b.unsubscribes,
                complaints=b.complaints,
            )
            for variant, b in parsed.breakdowns
        )
    session.add(
        StatImport(
            campaign_id=campaign.id,
            sha256=parsed.sha256,
            source_name=parsed.source_name[:300],
            layout=parsed.layout,
            taken_on=day,
            rows=parsed.rows,
            imported_by=imported_by[:120],
        )
    )
    if parsed.layout == "mapped" and mapping and esp:
        remember_mapping(session, esp, mapping)
    session.flush()
    return ImportResult(
        parsed.layout, False, len(parsed.figures), parsed.rows, day, parsed.variants
    )


@dataclass(frozen=True)
class ImportTarget:
    """What a reader needs to know of the campaign, read before the file is parsed off-thread."""

    campaign_id: int
    campaign_name: str
    subject: str
    send_at: datetime
    esp: str


def target(session: Session, campaign_id: int) -> ImportTarget:
    campaign = get_campaign(session, campaign_id)
    return ImportTarget(
        campaign.id, campaign.name, campaign.subject, campaign.planned_send_at, campaign.esp
    )


def save_parsed(
    session: Session,
    campaign_id: int,
    parsed: Parsed,
    *,
    taken_on: date | None = None,
    esp: str = "",
    mapping: dict[str, str] | None = None,
    imported_by: str = "",
    force: bool = False,
) -> tuple[ImportResult, Changes]:
    """The short write after ``read_file`` ran on a worker thread; the mapping the operator
    chose is remembered under the ESP's name, report or activity alike. ``force`` takes a
    file whose mismatches (see ``inspect``) the operator confirmed."""
    campaign = get_campaign(session, campaign_id)
    client = session.get(Client, campaign.client_id)
    assert client is not None
    result = write_parsed(
        session,
        campaign,
        client,
        parsed,
        taken_on=taken_on,
        esp=esp,
        mapping=mapping,
        imported_by=imported_by,
        force=force,
    )
    if mapping and esp.strip() and not result.already_imported:
        remember_mapping(session, esp, mapping)
    return result, Changes(stats=True, campaign_ids=frozenset({campaign_id}))
