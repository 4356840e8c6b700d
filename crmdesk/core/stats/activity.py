"""Per-recipient activity exports (address, event, time) aggregated into a campaign's figures.

Three layouts are recognised from their headers:

- crmdesk's own, documented for scripts and ESPs without a report export: a header
  ``email,event,timestamp`` (plus an optional ``variant``), events ``delivered``, ``open``,
  ``click``, ``hard_bounce``, ``soft_bounce``, ``unsubscribe``, ``complaint`` (and ``sent``),
  ISO 8601 timestamps, naive ones read as UTC;
- Mailchimp's API recipient activity (``action``, ``member_id``, ``timestamp``…): opens, clicks
  and bounces per member id, so there is no per-domain breakdown;
- MailUp's full statistics export (``statusType`` SNT/OPN/CLK/NCO, ``statusChange`` as
  ``yyyymmddThhmmss`` in Italian time).

Counting: delivered = distinct addresses delivered, plus every address that opened, clicked,
unsubscribed or complained (it did get the email); when the file lists sends but no
deliveries, the addresses sent to and not bounced. Sent = every distinct address sent to,
delivered, bounced or engaged. Unique opens and clicks = distinct addresses; totals = events.
Per-domain figures count people per mailbox-provider group; per-hour figures count open and
click events by whole hours after the send, "0" to "71", then "72+" (events stamped before the
send count in "0").

Addresses are never kept: each is reduced to ``hash()`` of its lower-cased form, enough to count
distinct ones (a 64-bit hash: a collision among a million addresses is about a one in 30
million event), kept in one dict per variant whose values are the address's event bits and
provider group, so memory stays near 100 bytes per distinct address.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from crmdesk.core.errors import StatsRefused
from crmdesk.core.printable import printable
from crmdesk.core.stats import columnar, layouts
from crmdesk.core.stats.csvfile import CsvSource, Progress, normalise_header, quoted
from crmdesk.core.stats.figures import Breakdown, Figures

#: Rows handled per chunk; progress and cancel are checked between chunks.
CHUNK_ROWS = 65_536
#: Hours after the send that get their own bucket; later events go to "72+".
HOUR_BUCKETS = 72
LATE_BUCKET = f"{HOUR_BUCKETS}+"

SENT, DELIVERED, HARD, SOFT, OPEN, CLICK, UNSUBSCRIBE, COMPLAINT = (
    "sent",
    "delivered",
    "hard_bounce",
    "soft_bounce",
    "open",
    "click",
    "unsubscribe",
    "complaint",
)
EVENTS: tuple[str, ...] = (SENT, DELIVERED, HARD, SOFT, OPEN, CLICK, UNSUBSCRIBE, COMPLAINT)
#: Marks an event that is a bounce whose kind another column tells.
_BOUNCE = "bounce"

#: Mailbox-provider groups of the per-domain breakdown, in the order charts list them.
DOMAIN_GROUPS: tuple[str, ...] = (
    "orange.fr",
    "gmail.com",
    "free.fr",
    "sfr.fr",
    "laposte.net",
    "outlook/hotmail",
    "yahoo",
    "icloud",
    "bbox.fr",
    "other",
)
EXACT_DOMAINS = {
    "gmail.com": "gmail.com",
    "googlemail.com": "gmail.com",
    "orange.fr": "orange.fr",
    "wanadoo.fr": "orange.fr",
    "free.fr": "free.fr",
    "sfr.fr": "sfr.fr",
    "neuf.fr": "sfr.fr",
    "laposte.net": "laposte.net",
    "msn.com": "outlook/hotmail",
    "ymail.com": "yahoo",
    "icloud.com": "icloud",
    "me.com": "icloud",
    "mac.com": "icloud",
    "bbox.fr": "bbox.fr",
}
PREFIX_DOMAINS = (
    ("outlook.", "outlook/hotmail"),
    ("hotmail.", "outlook/hotmail"),
    ("live.", "outlook/hotmail"),
    ("yahoo.", "yahoo"),
)


def domain_group(domain: str) -> str:
    """The provider group of a mail domain ("wanadoo.fr" → "orange.fr", "hotmail.fr" → …)."""
    domain = domain.strip().lower().rstrip(".")
    exact = EXACT_DOMAINS.get(domain)
    if exact is not None:
        return exact
    for prefix, group in PREFIX_DOMAINS:
        if domain.startswith(prefix):
            return group
    return "other"


@dataclass(frozen=True)
class ActivityLayout:
    """Where an activity export keeps what the aggregation needs, and how to read it."""

    name: str  # "activity" (crmdesk), "mailchimp_activity", "mailup"
    email: int
    event: int
    timestamp: int
    variant: int = -1
    #: The column telling a bounce's kind (Mailchimp's bounce_type, MailUp's details).
    bounce_kind: int = -1
    #: Raw event value → crmdesk event (or _BOUNCE); anything else is refused.
    events: dict[str, str] = field(default_factory=dict)
    has_domains: bool = True
    #: The zone of naive timestamps (None: UTC).
    timezone: str | None = None
    width: int = 0


_CRMDESK_EVENTS = {name: name for name in EVENTS} | {
    "opened": OPEN,
    "clicked": CLICK,
    "unsubscribed": UNSUBSCRIBE,
    "spam": COMPLAINT,
    "hardbounce": HARD,
    "softbounce": SOFT,
}
_MAILCHIMP_EVENTS = {"open": OPEN, "click": CLICK, "bounce": _BOUNCE, "sent": SENT}
_MAILUP_EVENTS = {"SNT": SENT, "OPN": OPEN, "CLK": CLICK, "NCO": _BOUNCE}


def find_layout(headers: Sequence[str]) -> ActivityLayout | None:
    """The activity layout of a file with these headers, or None when it is not one."""
    names = [normalise_header(h).replace(" ", "_") for h in headers]
    width = len(names)

    def at(*candidates: str) -> int:
        for candidate in candidates:
            if candidate in names:
                return names.index(candidate)
        return -1

    if (e := at("email", "email_address", "e_mail")) >= 0 and at("event") >= 0:
        if (t := at("timestamp", "time", "date")) >= 0:
            return ActivityLayout(
                "activity", e, at("event"), t, at("variant"), events=_CRMDESK_EVENTS, width=width
            )
    if at("statustype") >= 0 and at("statuschange") >= 0 and at("email") >= 0:
        return ActivityLayout(
            "mailup",
            at("email"),
            at("statustype"),
            at("statuschange"),
            bounce_kind=at("details"),
            events=_MAILUP_EVENTS,
            timezone="Europe/Rome",
            width=width,
        )
    if at("action") >= 0 and at("timestamp") >= 0:
        who = at("email_address", "email", "member_id")
        if who >= 0:
            return ActivityLayout(
                "mailchimp_activity",
                who,
                at("action"),
                at("timestamp"),
                at("combination_id"),
                bounce_kind=at("bounce_type"),
                events=_MAILCHIMP_EVENTS,
                has_domains=names[who] != "member_id",
                width=width,
            )
    return None


def mapped_layout(headers: Sequence[str], mapping: dict[str, str]) -> ActivityLayout:
    """An activity layout from a column mapping (field → header); events must be crmdesk's."""
    missing = [f for f in ("email", "event", "timestamp") if mapping.get(f) not in headers]
    if missing:
        raise StatsRefused(
            "missing_columns",
            "",
            "The mapping does not name a column for: " + ", ".join(missing) + ".",
            columns=", ".join(missing),
        )
    variant = mapping.get("variant", "")
    return ActivityLayout(
        "activity",
        list(headers).index(mapping["email"]),
        list(headers).index(mapping["event"]),
        list(headers).index(mapping["timestamp"]),
        list(headers).index(variant) if variant in headers else -1,
        events=_CRMDESK_EVENTS,
        width=len(headers),
    )


#: One bit per event in an address's flags; the provider group sits above them.
_BITS = {
    SENT: 1,
    DELIVERED: 2,
    HARD: 4,
    SOFT: 8,
    OPEN: 16,
    CLICK: 32,
    UNSUBSCRIBE: 64,
    COMPLAINT: 128,
}
_ENGAGED = 16 | 32 | 64 | 128
_GROUP_SHIFT = 8


def event_bits(layout: ActivityLayout) -> tuple[dict[str, int], bool]:
    """The raw event values read at once (value → bit), and whether the layout has bounces
    whose kind another column tells (those take the slow path)."""
    bits = {raw: _BITS[event] for raw, event in layout.events.items() if event in _BITS}
    return bits, _BOUNCE in layout.events.values()


@dataclass(frozen=True)
class ActivityResult:
    figures: dict[str, Figures]  # variant ("" when none) → figures
    breakdowns: tuple[tuple[str, Breakdown], ...]  # (variant, breakdown); "" = all variants
    rows: int
    notes: tuple[str, ...]
    #: The figures the layout's events can tell (a MailUp export has no unsubscribes): the
    #: others are stored as "not given", not as 0.
    given: frozenset[str] = frozenset()
    #: The hours (UTC, naive) of the first and last open or click, to check the file against
    #: the campaign's send; None when the file has none.
    first_event: datetime | None = None
    last_event: datetime | None = None
    #: Which engine counted: "python" or "columnar" (DuckDB).
    engine: str = "python"


#: What each event of an activity file counts for.
_EVENT_FIGURES: dict[str, tuple[str, ...]] = {
    SENT: ("sent",),
    DELIVERED: ("delivered",),
    HARD: ("hard_bounces",),
    SOFT: ("soft_bounces",),
    _BOUNCE: ("hard_bounces", "soft_bounces"),
    OPEN: ("unique_opens", "total_opens"),
    CLICK: ("unique_clicks", "total_clicks"),
    UNSUBSCRIBE: ("unsubscribes",),
    COMPLAINT: ("complaints",),
}


def given_figures(layout: ActivityLayout) -> frozenset[str]:
    """The figures an activity layout can count: sent and delivered always (every address
    listed was sent to), the others when the layout has an event for them."""
    given = {"sent", "delivered"}
    for event in set(layout.events.values()):
        given.update(_EVENT_FIGURES.get(event, ()))
    return frozenset(given)


@dataclass
class _Tally:
    """One variant: address hash → event bits | group << 8; open and click events per hour."""

    flags: dict[int, int] = field(default_factory=dict)
    opens_by_hour: Counter[int] = field(default_factory=Counter)
    clicks_by_hour: Counter[int] = field(default_factory=Counter)


_HOUR = timedelta(hours=1)


class _Aggregator:
    def __init__(
        self,
        source: CsvSource,
        headers: Sequence[str],
        layout: ActivityLayout,
        send_at: datetime | None,
    ) -> None:
        self.source = source
        self.layout = layout
        self.headers = list(headers)
        self.tallies: dict[str, _Tally] = {}
        self.domain_cache: dict[str, int] = {}
        self.origin = None if send_at is None else _naive_utc(send_at)
        self.rows = 0
        self.zone = ZoneInfo(layout.timezone) if layout.timezone else None

    def _refuse(self, code: str, column: int, value: str, why: str) -> StatsRefused:
        line = self.source.line
        name = self.headers[column] if 0 <= column < len(self.headers) else ""
        where = f"Line {line}, column {quoted(name)}" if name else f"Line {line}"
        return StatsRefused(
            code,
            self.source.name,
            f"{where}: {why} ({quoted(value)}).",
            line=line,
            column=printable(name, 80),
            value=value[:200],
        )

    def run(self, progress: Progress | None) -> None:
        """One pass, one Python iteration per row doing as little as it can.

        An address is looked up once per row in its variant's dict; its domain is read only the
        first time it is seen; timestamps are parsed only for opens and clicks (the hours
        breakdown), so other rows' timestamps are not checked.
        """
        layout = self.layout
        i_email, i_event, i_time, i_variant = (
            layout.email,
            layout.event,
            layout.timestamp,
            layout.variant,
        )
        # Bounces whose kind another column tells are left to the slow path.
        bits, _ = event_bits(layout)
        has_domains = layout.has_domains
        cache = self.domain_cache
        tallies = self.tallies
        parse = datetime.fromisoformat
        hour = _HOUR
        zone = self.zone
        source = self.source
        tally = tallies.setdefault("", _Tally()) if i_variant < 0 else None
        count = blank_lines = 0
        for count, row in enumerate(source.reader, 1):  # noqa: B007 - count is used after
            try:
                address = row[i_email].lower()
                bit = bits[row[i_event]]
            except (IndexError, KeyError):
                if not any(row):
                    blank_lines += not row
                    continue
                address, bit = self._slow_row(row)
            if i_variant >= 0:
                try:
                    variant = row[i_variant].strip()
                except IndexError:  # email and event there, the variant missing
                    raise self._refuse(
                        "malformed",
                        -1,
                        self.source.format.delimiter.join(row),
                        f"{len(row)} columns where the header has {len(self.headers)}",
                    ) from None
                tally = tallies.get(variant)
                if tally is None:
                    tally = tallies[variant] = _Tally()
            flags = tally.flags  # type: ignore[union-attr]
            key = hash(address)
            value = flags.get(key)
            if value is None:
                if has_domains:
                    at = address.rfind("@")
                    if at < 0:
                        raise self._refuse(
                            "malformed", i_email, row[i_email], "not an e-mail address"
                        )
                    domain = address[at + 1 :]
                    group = cache.get(domain)
                    if group is None:
                        group = cache[domain] = (
                            DOMAIN_GROUPS.index(domain_group(domain)) << _GROUP_SHIFT
                        )
                    flags[key] = group | bit
                else:
                    flags[key] = bit
            elif not value & bit:
                flags[key] = value | bit
            if bit & 48:
                try:
                    moment = parse(row[i_time])
                except (ValueError, IndexError):
                    moment = self._slow_time(row)
                if zone is not None and moment.tzinfo is None:
                    moment = moment.replace(tzinfo=zone)
                if moment.tzinfo is not None:
                    moment = moment.astimezone(UTC).replace(tzinfo=None)
                if self.origin is None:
                    self.origin = moment
                slot = (moment - self.origin) // hour
                if bit == 16:
                    tally.opens_by_hour[slot] += 1  # type: ignore[union-attr]
                else:
                    tally.clicks_by_hour[slot] += 1  # type: ignore[union-attr]
            if not count & 0xFFFF:
                source.check_progress(progress)
        # Blank lines are not rows (DuckDB's reader skips them too); a line of empty cells is.
        self.rows = count - blank_lines

    def _slow_row(self, row: list[str]) -> tuple[str, int]:
        """A row the fast path could not take: too short, odd event spelling, or a bounce."""
        layout = self.layout
        if len(row) <= max(layout.email, layout.event, layout.timestamp, layout.variant):
            raise self._refuse(
                "malformed",
                -1,
                self.source.format.delimiter.join(row),
                f"{len(row)} columns where the header has {len(self.headers)}",
            )
        raw = row[layout.event]
        table = layout.events
        event = table.get(raw) or table.get(raw.strip().lower()) or table.get(raw.strip().upper())
        if event is None:
            raise self._refuse("bad_event", layout.event, raw, "not an event this layout knows")
        if event == _BOUNCE:
            # A row cut before the kind's column is a bounce of unknown kind, not a crash.
            kind = row[layout.bounce_kind] if 0 <= layout.bounce_kind < len(row) else ""
            kind = kind.strip().lower()
            # Mailchimp says "hard"/"soft"; MailUp gives an SMTP code: 4.x.x is temporary.
            event = SOFT if kind.startswith(("soft", "4")) else HARD
        return row[layout.email].strip().lower(), _BITS[event]

    def _slow_time(self, row: list[str]) -> datetime:
        value = row[self.layout.timestamp] if len(row) > self.layout.timestamp else ""
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            raise self._refuse(
                "bad_date", self.layout.timestamp, value, "not an ISO 8601 date and time"
            ) from None

    def result(self, notes: list[str]) -> ActivityResult:
        counts = {
            variant: _VariantCounts(
                Counter(tally.flags.values()), tally.opens_by_hour, tally.clicks_by_hour
            )
            for variant, tally in self.tallies.items()
        }
        return _result(self.layout, counts, self.rows, self.origin, notes)


@dataclass(frozen=True)
class _VariantCounts:
    """What either engine counted for one variant: people per event-bits combination (the
    provider group above the bits), open and click events per hour slot after the origin."""

    combos: Counter[int]
    opens: Counter[int]
    clicks: Counter[int]


def _result(
    layout: ActivityLayout,
    counts: dict[str, _VariantCounts],
    rows: int,
    origin: datetime | None,
    notes: list[str],
) -> ActivityResult:
    figures: dict[str, Figures] = {}
    domains: dict[int, list[int]] = {}
    hour_opens: Counter[int] = Counter()
    hour_clicks: Counter[int] = Counter()
    for variant, tally in sorted(counts.items()):
        combos = tally.combos
        any_delivered = any(v & 2 for v in combos)
        any_sent = any(v & 1 for v in combos)
        values = dict.fromkeys(
            ("sent", "delivered", "hard", "soft", "opens", "clicks", "unsubs", "complaints"),
            0,
        )
        for combo, people in combos.items():
            delivered = bool(combo & _ENGAGED) or (
                bool(combo & 2) if any_delivered else bool(combo & 1) and not combo & 12
            )
            row = domains.setdefault(combo >> _GROUP_SHIFT, [0] * 6)
            values["sent"] += people
            if delivered:
                values["delivered"] += people
                row[0] += people
            if combo & 4:
                values["hard"] += people
            elif combo & 8:
                values["soft"] += people
            if combo & 12:
                row[1] += people
            for position, (bit, name) in enumerate(
                ((16, "opens"), (32, "clicks"), (64, "unsubs"), (128, "complaints")), 2
            ):
                if combo & bit:
                    values[name] += people
                    row[position] += people
        figures[variant] = Figures(
            sent=values["sent"],
            delivered=values["delivered"],
            hard_bounces=values["hard"],
            soft_bounces=values["soft"],
            unique_opens=values["opens"],
            total_opens=sum(tally.opens.values()),
            unique_clicks=values["clicks"],
            total_clicks=sum(tally.clicks.values()),
            unsubscribes=values["unsubs"],
            complaints=values["complaints"],
        )
        hour_opens.update(tally.opens)
        hour_clicks.update(tally.clicks)
        if not any_delivered and not any_sent:
            notes.append(
                "The file lists no sends or deliveries: sent and delivered count only the "
                "recipients who appear in it (openers, clickers, bounces)."
            )
    breakdowns: list[tuple[str, Breakdown]] = []
    if layout.has_domains:
        for index, group in enumerate(DOMAIN_GROUPS):
            per_group = domains.get(index)
            if per_group and any(per_group):
                breakdowns.append(("", Breakdown("domain", group, *per_group)))
    elif counts:
        notes.append(
            "The file identifies recipients by member id, not address: no per-domain figures."
        )
    breakdowns.extend(("", b) for b in hour_breakdowns(hour_opens, hour_clicks))
    first = last = None
    slots = [*hour_opens, *hour_clicks]
    if slots and origin is not None:
        first = origin + min(slots) * _HOUR
        last = origin + (max(slots) + 1) * _HOUR
    return ActivityResult(
        figures,
        tuple(breakdowns),
        rows,
        tuple(dict.fromkeys(notes)),
        given_figures(layout),
        first,
        last,
    )


def hour_breakdowns(opens: Counter[int], clicks: Counter[int]) -> list[Breakdown]:
    """Open and click events per whole hour after the send: "0"…"71", then "72+"."""
    buckets: dict[str, list[int]] = {}
    for source, slot in ((opens, 0), (clicks, 1)):
        for hour, count in source.items():
            key = str(max(hour, 0)) if hour < HOUR_BUCKETS else LATE_BUCKET
            buckets.setdefault(key, [0, 0])[slot] += count

    def order(key: str) -> int:
        return HOUR_BUCKETS if key == LATE_BUCKET else int(key)

    return [
        Breakdown("hour", key, opens=values[0], clicks=values[1])
        for key, values in sorted(buckets.items(), key=lambda item: order(item[0]))
    ]


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def aggregate(
    source: CsvSource,
    headers: Sequence[str],
    layout: ActivityLayout,
    *,
    send_at: datetime | None = None,
    progress: Progress | None = None,
    engine: str = "auto",
) -> ActivityResult:
    """Aggregate the rows left in ``source`` (its header already read) by ``layout``.

    ``engine`` "auto" lets DuckDB count big files it reads exactly as the Python reader does
    (see ``columnar``), "python" keeps to the Python reader, "columnar" asks DuckDB whatever
    the size (tests compare the two); the Python reader takes any file DuckDB declines.
    """
    if engine not in ("auto", "python", "columnar"):
        raise ValueError(f"unknown engine {engine!r}")
    notes: list[str] = []
    if send_at is None:
        notes.append("No send time given: hours count from the first open or click in the file.")
    if engine != "python" and columnar.suitable(
        source, layout, send_at, any_size=engine == "columnar"
    ):
        assert send_at is not None
        origin = _naive_utc(send_at)
        counted = columnar.count(source, list(headers), layout, origin, progress)
        if counted is not None and counted.rows == 0:
            raise _no_rows(source)
        # Rows with no address (only empty cells) are refused by the caller naming the last
        # line, which only the Python reader knows.
        if counted is not None and counted.combos:
            counts = {
                variant: _VariantCounts(
                    combos,
                    counted.opens.get(variant, Counter()),
                    counted.clicks.get(variant, Counter()),
                )
                for variant, combos in counted.combos.items()
            }
            return replace(_result(layout, counts, counted.rows, origin, notes), engine="columnar")
        # DuckDB declined after reading: the Python reader starts again after the header. The
        # caller checks the figures naming the line its own source ended on, which DuckDB left
        # unread: they are checked here, on the line this reader ended on.
        with CsvSource(source.path, source.format, size=source.size) as again:
            next(again.reader, None)
            result = _aggregate(again, headers, layout, send_at, progress, notes)
            for figures in result.figures.values():
                layouts.check_figures(figures, again.name, again.line, given=result.given)
            return result
    return _aggregate(source, headers, layout, send_at, progress, notes)


def _no_rows(source: CsvSource) -> StatsRefused:
    return StatsRefused("empty", source.name, "The file has a header but no activity rows.")


def _aggregate(
    source: CsvSource,
    headers: Sequence[str],
    layout: ActivityLayout,
    send_at: datetime | None,
    progress: Progress | None,
    notes: list[str],
) -> ActivityResult:
    aggregator = _Aggregator(source, headers, layout, send_at)
    aggregator.run(progress)
    if aggregator.rows == 0:
        raise _no_rows(source)
    return aggregator.result(notes)
