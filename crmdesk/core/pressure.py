"""Marketing pressure: how many sends each segment receives per week, against its client's cap.

One rule, one computation: a week runs Monday to Sunday on the client's wall clock (so a send
every Monday at 09:00 stays one a week across a DST change), a segment is over its client's cap
in a week when more than ``cap`` sends fall in it, and automation scenarios are not one-off
sends and do not count. ``segment_weeks`` counts; the calendar's and the cockpit's warnings
(``pressure_alerts``), the client page's chart and the quarterly review (``weekly_sends``) and
their red bars (``exceeds``) all read it, so a warning never stands beside a chart with no
overload.

Counting every week of a period again at each read costs too much at 100,000 campaigns, so the
over-cap weeks are also kept in ``pressure_flags``: the triggers of migration 0011 note what each
write changed, ``settle`` recounts those weeks with ``segment_weeks`` before the writing
transaction commits (``install`` hooks it on the workspace's sessions), and ``pressure_alerts``
reads the flags. While a transaction still has unsettled changes, it counts as before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, delete, event, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

# Re-exported: the value lives with the other calendar values, read without SQLAlchemy.
from crmdesk.core.calendar_values import PressureAlert
from crmdesk.core.models import (
    CalendarDay,
    Campaign,
    CampaignType,
    Client,
    PressureDirty,
    PressureFlag,
    Segment,
    campaign_segments,
    table_of,
)
from crmdesk.core.stats.figures import WeeklySends
from crmdesk.core.timezones import zone

WEEK = timedelta(days=7)
#: Queries reach this far past the days asked for: a day on a client's clock starts up to 14
#: hours away from the UTC one, and the week of the first and last day is counted whole.
_MARGIN = WEEK + timedelta(days=1)


def week_of(day: date) -> date:
    """The Monday of ``day``'s week: the week a send counts in."""
    return day - timedelta(days=day.weekday())


def exceeds(sends: int, cap: int) -> bool:
    """Whether ``sends`` in one week go over a cap of ``cap`` a week: the only comparison of a
    count with a cap, for the warnings, the red bars and the review's "weeks over the cap"."""
    return sends > cap


@dataclass(frozen=True, slots=True)
class SegmentWeek:
    """The sends one segment receives in one week: what every pressure figure is read from."""

    segment_id: int
    segment_name: str
    client_id: int
    cap: int
    week_start: date  # a Monday on the client's clock
    campaign_ids: tuple[int, ...]  # by send time

    @property
    def sends(self) -> int:
        return len(self.campaign_ids)

    @property
    def over_cap(self) -> bool:
        return exceeds(self.sends, self.cap)


def segment_weeks(
    session: Session,
    first_day: date,
    last_day: date,
    *criteria: ColumnElement[bool],
) -> list[SegmentWeek]:
    """The sends per segment per week of every week that touches ``first_day``…``last_day``
    (days on each client's clock), counted whole; ``criteria`` (on ``Campaign`` or
    ``campaign_segments``) narrow it to a client or a segment. Weeks without sends are left out.

    One query whatever the number of campaigns, so the calendar stays fast over a year.
    """
    lo = week_of(first_day)
    hi = week_of(last_day) + WEEK
    rows = (
        session.connection()
        .execute(
            select(
                Campaign.id,
                Campaign.planned_send_at,
                Segment.id,
                Segment.name,
                Client.id,
                Client.pressure_cap,
                Client.timezone,
            )
            .join(campaign_segments, campaign_segments.c.campaign_id == Campaign.id)
            .join(Segment, Segment.id == campaign_segments.c.segment_id)
            .join(Client, Client.id == Campaign.client_id)
            .where(
                Campaign.planned_send_at >= datetime.combine(lo - _MARGIN, time.min, tzinfo=UTC),
                Campaign.planned_send_at < datetime.combine(hi + _MARGIN, time.min, tzinfo=UTC),
                Campaign.type != CampaignType.AUTOMATION,
                *criteria,
            )
            .order_by(Segment.id, Campaign.planned_send_at, Campaign.id)
        )
        .all()
    )
    grouped: dict[tuple[int, date], list[int]] = defaultdict(list)
    meta: dict[int, tuple[str, int, int]] = {}
    for campaign_id, at, segment_id, segment_name, client_id, cap, tz in rows:
        day = at.astimezone(zone(tz)).date()
        if lo <= day < hi:
            grouped[segment_id, week_of(day)].append(campaign_id)
            meta[segment_id] = (segment_name, client_id, cap)
    return [
        SegmentWeek(sid, *meta[sid], week, tuple(ids))
        for (sid, week), ids in sorted(grouped.items())
    ]


def pressure_alerts(
    session: Session, start: datetime, end: datetime
) -> dict[int, list[PressureAlert]]:
    """The warnings of every campaign sent between ``start`` and ``end`` (aware instants): one
    per segment of the campaign whose week is over its client's cap."""
    if session.execute(select(PressureDirty.id).limit(1)).first() is not None:
        return counted_alerts(session, start, end)
    rows = session.connection().execute(
        select(
            PressureFlag.campaign_id,
            PressureFlag.segment_id,
            Segment.name,
            PressureFlag.sends,
            PressureFlag.cap,
            PressureFlag.week_start,
        )
        .join(Campaign, Campaign.id == PressureFlag.campaign_id)
        .join(Segment, Segment.id == PressureFlag.segment_id)
        .where(
            Campaign.planned_send_at >= start - timedelta(days=1),
            Campaign.planned_send_at < end + timedelta(days=1),
        )
        .order_by(PressureFlag.segment_id, PressureFlag.week_start, Campaign.planned_send_at)
    )
    alerts: dict[int, list[PressureAlert]] = defaultdict(list)
    shared: dict[tuple[int, date], PressureAlert] = {}
    for campaign_id, segment_id, name, sends, cap, week_start in rows:
        alert = shared.get((segment_id, week_start))
        if alert is None:
            alert = shared[segment_id, week_start] = PressureAlert(
                segment_id, name, sends, cap, week_start
            )
        alerts[campaign_id].append(alert)
    return dict(alerts)


def counted_alerts(
    session: Session, start: datetime, end: datetime
) -> dict[int, list[PressureAlert]]:
    """``pressure_alerts`` counted from the campaigns, without the flags: inside a transaction
    whose changes are not settled yet, and the reference the flags are held to."""
    # Days on any client's clock: a day either side covers every time zone.
    weeks = segment_weeks(
        session, (start - timedelta(days=1)).date(), (end + timedelta(days=1)).date()
    )
    alerts: dict[int, list[PressureAlert]] = defaultdict(list)
    for week in weeks:
        if not week.over_cap:
            continue
        alert = PressureAlert(
            week.segment_id, week.segment_name, week.sends, week.cap, week.week_start
        )
        for campaign_id in week.campaign_ids:
            alerts[campaign_id].append(alert)
    return dict(alerts)


# -- the flags kept on write -------------------------------------------------------------------


def _recount(session: Session, client_id: int, first_day: date, last_day: date) -> None:
    """The flags of ``client_id``'s weeks touching ``first_day``…``last_day``, counted again."""
    weeks = segment_weeks(session, first_day, last_day, Campaign.client_id == client_id)
    session.execute(
        delete(PressureFlag).where(
            PressureFlag.client_id == client_id,
            PressureFlag.week_start >= week_of(first_day),
            PressureFlag.week_start <= week_of(last_day),
        )
    )
    rows = [
        {
            "campaign_id": campaign_id,
            "segment_id": week.segment_id,
            "client_id": client_id,
            "week_start": week.week_start,
            "sends": week.sends,
            "cap": week.cap,
        }
        for week in weeks
        if week.over_cap
        for campaign_id in week.campaign_ids
    ]
    if rows:
        session.execute(insert(table_of(PressureFlag)), rows)


def _recount_days(session: Session, client_id: int, first_day: date, last_day: date) -> None:
    """``calendar_days`` of ``client_id`` from ``first_day`` to ``last_day`` (days on each
    campaign's clock), counted again, warnings from the flags as they now are."""
    # A day on any clock is within 14 hours of the UTC one.
    lo = datetime.combine(first_day - timedelta(days=1), time.min, tzinfo=UTC)
    hi = datetime.combine(last_day + timedelta(days=2), time.min, tzinfo=UTC)
    rows = session.execute(
        select(
            Campaign.planned_send_at,
            Campaign.send_timezone,
            Campaign.status,
            Campaign.type,
            Campaign.channel,
            select(PressureFlag.campaign_id)
            .where(PressureFlag.campaign_id == Campaign.id)
            .exists(),
        ).where(
            Campaign.client_id == client_id,
            Campaign.planned_send_at >= lo,
            Campaign.planned_send_at < hi,
        )
    ).all()
    totals: dict[tuple[date, str, str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for at, tz, status, ctype, channel, warned in rows:
        day = at.astimezone(zone(tz)).date()
        if first_day <= day <= last_day:
            found = totals[day, tz, str(status), str(ctype), str(channel)]
            found[0] += 1
            found[1] += bool(warned)
    session.execute(
        delete(CalendarDay).where(
            CalendarDay.client_id == client_id,
            CalendarDay.day >= first_day,
            CalendarDay.day <= last_day,
        )
    )
    if totals:
        session.execute(
            insert(table_of(CalendarDay)),
            [
                {
                    "day": day,
                    "client_id": client_id,
                    "send_timezone": tz,
                    "status": status,
                    "type": ctype,
                    "channel": channel,
                    "sends": sends,
                    "warned": warned,
                }
                for (day, tz, status, ctype, channel), (sends, warned) in totals.items()
            ],
        )


def _whole_client(session: Session, client_id: int) -> None:
    first, last = session.execute(
        select(func.min(Campaign.planned_send_at), func.max(Campaign.planned_send_at)).where(
            Campaign.client_id == client_id
        )
    ).one()
    session.execute(delete(PressureFlag).where(PressureFlag.client_id == client_id))
    session.execute(delete(CalendarDay).where(CalendarDay.client_id == client_id))
    if first is not None:
        first_day, last_day = first.date() - timedelta(days=1), last.date() + timedelta(days=1)
        _recount(session, client_id, first_day, last_day)
        _recount_days(session, client_id, first_day, last_day)


def settle(session: Session) -> None:
    """Count again the weeks the transaction's writes touched (noted by the triggers), so the
    flags say what ``segment_weeks`` says, and those weeks' day totals; then forget the
    notes."""
    notes = session.execute(select(PressureDirty.client_id, PressureDirty.at).distinct()).all()
    if not notes:
        return
    whole: set[int] = set()
    weeks: dict[int, set[date]] = defaultdict(set)
    for client_id, at in notes:
        if at is None:
            whole.add(client_id)
            continue
        day = at.date()  # the client's day is within a day of the UTC one
        weeks[client_id].update(
            (week_of(day - timedelta(days=1)), week_of(day + timedelta(days=1)))
        )
    for client_id in sorted(whole):
        _whole_client(session, client_id)
    for client_id, mondays in sorted(weeks.items()):
        if client_id in whole:
            continue
        ordered = sorted(mondays)
        run_start = previous = ordered[0]
        for monday in [*ordered[1:], None]:
            if monday is not None and monday - previous <= WEEK:
                previous = monday
                continue
            _recount(session, client_id, run_start, previous + timedelta(days=6))
            # A warning moved in these weeks shows in their days' totals (two days of margin:
            # the weeks are on the client's clock, the days on each campaign's).
            _recount_days(
                session,
                client_id,
                run_start - timedelta(days=2),
                previous + timedelta(days=8),
            )
            if monday is not None:
                run_start = previous = monday
    session.execute(delete(PressureDirty))


def rebuild(session: Session) -> None:
    """Every flag counted again from the campaigns (the migration that brings the flags)."""
    session.execute(delete(PressureDirty))
    for client_id in session.scalars(select(Client.id).order_by(Client.id)).all():
        _whole_client(session, client_id)


def _before_commit(session: Session) -> None:
    session.flush()
    settle(session)


def install(sessions: sessionmaker[Session]) -> None:
    """Make every writing session of ``sessions`` settle the pressure flags before it commits."""
    event.listen(sessions, "before_commit", _before_commit)


# -- end of the flags kept on write ------------------------------------------------------------


def weekly_sends(
    session: Session,
    client_id: int,
    segments: Sequence[tuple[int, str]],
    first_week: date,
    weeks: int,
    segment_id: int | None = None,
) -> tuple[WeeklySends, ...]:
    """Sends per segment per week for ``weeks`` weeks from the Monday ``first_week``, zero
    weeks included so a chart shows the gaps; every segment of ``segments`` (id, name), or only
    ``segment_id``. The counts are ``segment_weeks``', those the warnings judge."""
    criteria: list[ColumnElement[bool]] = [Campaign.client_id == client_id]
    if segment_id is not None:
        criteria.append(campaign_segments.c.segment_id == segment_id)
    last_day = first_week + WEEK * weeks - timedelta(days=1)
    counted = {
        (w.segment_id, w.week_start): w.sends
        for w in segment_weeks(session, first_week, last_day, *criteria)
    }
    starts = [first_week + WEEK * n for n in range(weeks)]
    shown = [s for s in segments if segment_id is None or s[0] == segment_id]
    return tuple(
        WeeklySends(sid, name, week, counted.get((sid, week), 0))
        for sid, name in shown
        for week in starts
    )


def weeks_over_cap(weekly: Sequence[WeeklySends], cap: int) -> dict[int, int]:
    """How many weeks each segment of ``weekly`` spends over ``cap`` (by ``exceeds``), keyed by
    segment id: the quarterly review's count, judged as the chart's red bars are."""
    found: dict[int, int] = defaultdict(int)
    for week in weekly:
        found[week.segment_id] += exceeds(week.sends, cap)
    return dict(found)
