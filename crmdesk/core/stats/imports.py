"""Importing an ESP's statistics file into a campaign: detect, read, then write in one go.

``read_file`` is pure (no database) so the UI can run it on a worker thread with a progress bar
and a cancel button; ``import_file`` is ``read_file`` plus a short write in the caller's
session. Everything is read and checked before anything is written, so a bad line anywhere
leaves the workspace as it was. Importing the same bytes into the same campaign twice is
recognised by their sha256 and changes nothing; a changed file replaces the snapshot of the
same (campaign, variant, day).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from crmdesk.core.changes import Changes
from crmdesk.core.errors import StatsRefused
from crmdesk.core.lookup import get_campaign
from crmdesk.core.models import (
    Campaign,
    Client,
    StatBreakdown,
    StatImport,
    StatMapping,
    StatSnapshot,
    StatSource,
)
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
        shown = ", ".join(h for h in headers[:15] if h)
        raise StatsRefused(
            "unknown_layout",
            name,
            f"This file is not a report crmdesk knows (columns: {shown}); map its columns.",
            columns=", ".join(headers[:50]),
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
            if "bounces" in row.columns and not {"hard_bounces", "soft_bounces"} & set(row.columns):
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
                layouts.check_figures(figures, name, source.line)
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
                columns=", ".join(headers[:50]),
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
        layouts.check_figures(row.figures, source.name, row.line, row.columns)
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
) -> ImportResult:
    """Read ``path`` and write its figures into the campaign, in the caller's transaction."""
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
    )


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
) -> ImportResult:
    """Write what ``read_file`` gave (the short part of an import, on the database thread)."""
    day = taken_on or default_taken_on(campaign, client)
    done = session.scalar(
        select(StatImport).where(
            StatImport.campaign_id == campaign.id, StatImport.sha256 == parsed.sha256
        )
    )
    if done is not None:
        return ImportResult(parsed.layout, True, 0, parsed.rows, done.taken_on, parsed.variants)
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
            setattr(snapshot, name, getattr(figures, name))
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
) -> tuple[ImportResult, Changes]:
    """The short write after ``read_file`` ran on a worker thread; the mapping the operator
    chose is remembered under the ESP's name, report or activity alike."""
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
    )
    if mapping and esp.strip() and not result.already_imported:
        remember_mapping(session, esp, mapping)
    return result, Changes(stats=True, campaign_ids=frozenset({campaign_id}))
