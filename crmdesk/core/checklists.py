"""Campaign checklists: templates, the items of a campaign, their states, and the automatic
checks that tick or fail them.

A campaign's checklist is copied from the most specific template (client and type, client,
type, then the shipped default), so editing a template never rewrites the history of campaigns
already under way. Each function takes a session opened by the caller: one transaction each.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from crmdesk.core import chain
from crmdesk.core.briefs import service as brief_service

# Re-exported: the calendar's first paint counts overdue items without SQLAlchemy.
from crmdesk.core.calendar_values import OPEN_STATES
from crmdesk.core.changes import Changes
from crmdesk.core.checks.model import Charters, CheckContext, Finding, Severity, Tone
from crmdesk.core.errors import FieldProblem, NotFound, ValidationError
from crmdesk.core.lookup import get_campaign
from crmdesk.core.models import (
    Campaign,
    CampaignType,
    ChecklistItem,
    ChecklistPhase,
    ChecklistRole,
    ChecklistState,
    ChecklistTemplate,
    CheckRun,
    Client,
    table_of,
    utcnow,
)
from crmdesk.core.timezones import wall_clock
from crmdesk.core.workdays import next_weekday, previous_weekday

if TYPE_CHECKING:
    from crmdesk.core.checks.engine import CheckReport

#: Who ticked an item when an automatic check did it.
CHECK_AUTHOR = "crmdesk check"
CLOSED_STATES = (ChecklistState.DONE, ChecklistState.NOT_APPLICABLE)
LABEL_MAX = 300


@dataclass(frozen=True)
class TemplateItem:
    label_en: str
    label_fr: str
    phase: ChecklistPhase
    role: ChecklistRole
    due_offset_days: int = 0
    check: str = ""
    #: The event of the chain that settles the item (``crmdesk.core.chain``), or "".
    event: str = ""

    def label(self, language: str) -> str:
        return self.label_fr if language.startswith("fr") else self.label_en

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "label": {"en": self.label_en, "fr": self.label_fr},
            "phase": self.phase.value,
            "role": self.role.value,
            "due_offset_days": self.due_offset_days,
            "check": self.check,
        }
        if self.event:
            data["event"] = self.event
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TemplateItem:
        label = data["label"]
        if isinstance(label, str):
            label = {"en": label, "fr": label}
        return cls(
            label_en=str(label["en"]),
            label_fr=str(label["fr"]),
            phase=ChecklistPhase(data["phase"]),
            role=ChecklistRole(data["role"]),
            due_offset_days=int(data.get("due_offset_days", 0)),
            check=str(data.get("check", "")),
            event=str(data.get("event", "")),
        )


@dataclass(frozen=True)
class TemplateChoice:
    """The template a client/type pair gets, and where it comes from (for the editor's title)."""

    items: tuple[TemplateItem, ...]
    client_id: int | None
    campaign_type: CampaignType | None
    is_default: bool


@cache
def default_template() -> tuple[TemplateItem, ...]:
    text = (
        resources.files("crmdesk.resources")
        .joinpath("checklist_template.json")
        .read_text(encoding="utf-8")
    )
    return tuple(TemplateItem.from_json(item) for item in json.loads(text)["items"])


def template_for(
    session: Session, client_id: int | None, campaign_type: CampaignType | None
) -> TemplateChoice:
    """The most specific template: client and type, client only, type only, then the default."""
    for cid, ctype in ((client_id, campaign_type), (client_id, None), (None, campaign_type)):
        if cid is None and ctype is None:
            continue
        row = _template_row(session, cid, ctype)
        if row is not None:
            items = tuple(TemplateItem.from_json(item) for item in row.items)
            return TemplateChoice(items, cid, ctype, is_default=False)
    return TemplateChoice(default_template(), None, None, is_default=True)


def validate_template(items: Sequence[TemplateItem]) -> None:
    problems: list[FieldProblem] = []
    if not items:
        problems.append(FieldProblem("items", "empty", "A checklist needs at least one item."))
    for index, item in enumerate(items, start=1):
        for label in (item.label_en, item.label_fr):
            if not label.strip():
                problems.append(FieldProblem("items", "label_empty", f"Item {index} has no label."))
                break
            if len(label) > LABEL_MAX:
                problems.append(
                    FieldProblem(
                        "items", "label_too_long", f"Item {index}: label over {LABEL_MAX} chars."
                    )
                )
                break
        if not -365 <= item.due_offset_days <= 365:
            problems.append(
                FieldProblem(
                    "items",
                    "offset_out_of_range",
                    f"Item {index}: the due offset must be within a year of the send.",
                )
            )
    if problems:
        raise ValidationError(problems)


def save_template(
    session: Session,
    client_id: int | None,
    campaign_type: CampaignType | None,
    items: Sequence[TemplateItem],
) -> tuple[TemplateItem, ...] | None:
    """Store the template for a client and/or type; returns what it replaced (for undo)."""
    validate_template(items)
    row = _template_row(session, client_id, campaign_type)
    previous = None if row is None else tuple(TemplateItem.from_json(i) for i in row.items)
    if row is None:
        row = ChecklistTemplate(client_id=client_id, campaign_type=campaign_type)
        session.add(row)
    row.items = [item.to_json() for item in items]
    session.flush()
    return previous


def remove_template(
    session: Session, client_id: int | None, campaign_type: CampaignType | None
) -> tuple[TemplateItem, ...] | None:
    """Go back to the less specific template; returns what was removed (for undo)."""
    row = _template_row(session, client_id, campaign_type)
    if row is None:
        return None
    previous = tuple(TemplateItem.from_json(i) for i in row.items)
    session.delete(row)
    session.flush()
    return previous


def _template_row(
    session: Session, client_id: int | None, campaign_type: CampaignType | None
) -> ChecklistTemplate | None:
    return session.scalar(
        select(ChecklistTemplate).where(
            ChecklistTemplate.client_id.is_(None)
            if client_id is None
            else ChecklistTemplate.client_id == client_id,
            ChecklistTemplate.campaign_type.is_(None)
            if campaign_type is None
            else ChecklistTemplate.campaign_type == campaign_type,
        )
    )


def due_day(send_day: date, offset_days: int) -> date:
    """Calendar days from the send; like the calendar's deadlines, a task before the send that
    falls on a weekend moves to the Friday before, one after it to the Monday after."""
    day = send_day + timedelta(days=offset_days)
    if offset_days < 0:
        return previous_weekday(day)
    if offset_days > 0:
        return next_weekday(day)
    return day


def _send_day(campaign: Campaign) -> date:
    return wall_clock(campaign.planned_send_at, campaign.send_timezone).date()


def item_rows(
    campaign_id: int, send_day: date, items: Iterable[TemplateItem]
) -> list[dict[str, object]]:
    """Rows for a bulk insert of a new checklist (the demo writes thousands this way)."""
    return [
        {
            "campaign_id": campaign_id,
            "position": position,
            "phase": item.phase,
            "label_en": item.label_en,
            "label_fr": item.label_fr,
            "role": item.role,
            "due_offset_days": item.due_offset_days,
            "due_on": due_day(send_day, item.due_offset_days),
            "check": item.check,
            "event": item.event,
            "state": ChecklistState.TODO,
            "done_by": "",
            "done_at": None,
            "comment": "",
            "by_check": False,
            "auto_note": None,
        }
        for position, item in enumerate(items)
    ]


def create_for_campaign(session: Session, campaign: Campaign) -> None:
    choice = template_for(session, campaign.client_id, campaign.type)
    rows = item_rows(campaign.id, _send_day(campaign), choice.items)
    if rows:
        session.execute(insert(ChecklistItem), rows)


def ensure_checklist(session: Session, campaign_id: int) -> bool:
    """Give a campaign created before checklists existed its checklist; True if one was made."""
    if session.scalar(select(func.count()).where(ChecklistItem.campaign_id == campaign_id)):
        return False
    create_for_campaign(session, get_campaign(session, campaign_id))
    # What happened before the checklist existed (a brief, a BAT) settles its items now.
    chain.follow(session, campaign_id)
    return True


def make_checklist(session: Session, campaign_id: int) -> tuple[bool, Changes]:
    """:func:`ensure_checklist` for a window: True and what changed when one was made."""
    made = ensure_checklist(session, campaign_id)
    return made, _changes(campaign_id) if made else Changes()


def _changes(campaign_id: int) -> Changes:
    return Changes(checklist=True, campaign_ids=frozenset({campaign_id}))


def move_due_dates(session: Session, campaign: Campaign) -> None:
    """The campaign moved: its items keep their offsets, so their due days follow the send."""
    send_day = _send_day(campaign)
    for item in session.scalars(
        select(ChecklistItem).where(ChecklistItem.campaign_id == campaign.id)
    ):
        item.due_on = due_day(send_day, item.due_offset_days)


@dataclass(frozen=True)
class ItemView:
    id: int
    position: int
    phase: ChecklistPhase
    label_en: str
    label_fr: str
    role: ChecklistRole
    due_on: date
    check: str
    state: ChecklistState
    done_by: str
    done_at: datetime | None
    comment: str
    by_check: bool
    overdue: bool
    event: str = ""
    auto_note: dict[str, Any] | None = None

    def label(self, language: str) -> str:
        return self.label_fr if language.startswith("fr") else self.label_en

    def note(self, language: str) -> str:
        """Why the app set the state, in ``language``; "" when a person set it."""
        return describe_note(self.auto_note, language) if self.by_check else ""


@dataclass(frozen=True)
class PhaseProgress:
    phase: ChecklistPhase
    closed: int  # done or not applicable
    total: int
    failed: int
    overdue: int


@dataclass(frozen=True)
class Checklist:
    campaign_id: int
    items: tuple[ItemView, ...]
    phases: tuple[PhaseProgress, ...]

    @property
    def overdue(self) -> int:
        return sum(p.overdue for p in self.phases)

    @property
    def closed(self) -> int:
        return sum(p.closed for p in self.phases)

    @property
    def total(self) -> int:
        return len(self.items)


def _is_overdue(state: ChecklistState, due_on: date, today: date) -> bool:
    return state in OPEN_STATES and due_on < today


def load_checklist(session: Session, campaign_id: int, today: date) -> Checklist:
    get_campaign(session, campaign_id)
    rows = session.scalars(
        select(ChecklistItem)
        .where(ChecklistItem.campaign_id == campaign_id)
        .order_by(ChecklistItem.position, ChecklistItem.id)
    ).all()
    phase_order = list(ChecklistPhase)
    items = tuple(
        sorted(
            (
                ItemView(
                    r.id,
                    r.position,
                    r.phase,
                    r.label_en,
                    r.label_fr,
                    r.role,
                    r.due_on,
                    r.check,
                    r.state,
                    r.done_by,
                    r.done_at,
                    r.comment,
                    r.by_check,
                    _is_overdue(r.state, r.due_on, today),
                    r.event,
                    r.auto_note,
                )
                for r in rows
            ),
            key=lambda i: (phase_order.index(i.phase), i.position),
        )
    )
    phases = []
    for phase in ChecklistPhase:
        of_phase = [i for i in items if i.phase is phase]
        if not of_phase:
            continue
        phases.append(
            PhaseProgress(
                phase,
                closed=sum(i.state in CLOSED_STATES for i in of_phase),
                total=len(of_phase),
                failed=sum(i.state is ChecklistState.FAILED for i in of_phase),
                overdue=sum(i.overdue for i in of_phase),
            )
        )
    return Checklist(campaign_id, items, tuple(phases))


@dataclass(frozen=True)
class ItemState:
    """What a person or a check set on an item; kept to undo a change."""

    state: ChecklistState
    done_by: str
    done_at: datetime | None
    comment: str
    by_check: bool
    auto_note: dict[str, Any] | None = None


def _item(session: Session, item_id: int) -> ChecklistItem:
    item = session.get(ChecklistItem, item_id)
    if item is None:
        raise NotFound(f"No checklist item with id {item_id}.")
    return item


def _state_of(item: ChecklistItem) -> ItemState:
    return ItemState(
        item.state, item.done_by, item.done_at, item.comment, item.by_check, item.auto_note
    )


def set_state(
    session: Session,
    item_id: int,
    state: ChecklistState,
    who: str,
    comment: str | None = None,
    now: datetime | None = None,
) -> tuple[ItemState, Changes]:
    """A person sets an item; returns the previous state for undo. Back to "to do" clears the
    who and when, since nobody did it."""
    item = _item(session, item_id)
    previous = _state_of(item)
    item.state = state
    item.by_check, item.auto_note = False, None
    if state is ChecklistState.TODO:
        item.done_by, item.done_at = "", None
    else:
        item.done_by, item.done_at = who.strip()[:120], now or utcnow()
    if comment is not None:
        item.comment = comment
    return previous, _changes(item.campaign_id)


def set_comment(session: Session, item_id: int, comment: str) -> tuple[ItemState, Changes]:
    item = _item(session, item_id)
    previous = _state_of(item)
    item.comment = comment
    return previous, _changes(item.campaign_id)


def restore_state(session: Session, item_id: int, kept: ItemState) -> Changes:
    item = _item(session, item_id)
    item.state, item.done_by, item.done_at = kept.state, kept.done_by, kept.done_at
    item.comment, item.by_check, item.auto_note = kept.comment, kept.by_check, kept.auto_note
    return _changes(item.campaign_id)


def overdue_counts(
    session: Session, today: date, campaign_ids: Iterable[int] | None = None
) -> dict[int, int]:
    """Overdue items per campaign; through the (state, due_on) index, so it stays cheap."""
    query = (
        select(ChecklistItem.campaign_id, func.count())
        .where(ChecklistItem.state.in_(OPEN_STATES), ChecklistItem.due_on < today)
        .group_by(ChecklistItem.campaign_id)
    )
    counts = {cid: n for cid, n in session.execute(query)}
    if campaign_ids is None:
        return counts
    wanted = set(campaign_ids)
    return {cid: n for cid, n in counts.items() if cid in wanted}


@dataclass(frozen=True)
class OverdueChecklist:
    """A campaign with checklist items past due: the cockpit lists these, oldest first."""

    campaign_id: int
    campaign_name: str
    client_name: str
    colour: str
    count: int
    oldest_due: date
    first_label_en: str
    first_label_fr: str

    def first_label(self, language: str) -> str:
        return self.first_label_fr if language.startswith("fr") else self.first_label_en


def overdue_checklists(session: Session, today: date, limit: int = 30) -> list[OverdueChecklist]:
    query = (
        select(
            ChecklistItem.campaign_id,
            Campaign.name,
            Client.name,
            Client.colour,
            ChecklistItem.label_en,
            ChecklistItem.label_fr,
            ChecklistItem.due_on,
        )
        .join(Campaign, Campaign.id == ChecklistItem.campaign_id)
        .join(Client, Client.id == Campaign.client_id)
        .where(ChecklistItem.state.in_(OPEN_STATES), ChecklistItem.due_on < today)
        .order_by(ChecklistItem.due_on, ChecklistItem.campaign_id, ChecklistItem.position)
    )
    found: dict[int, OverdueChecklist] = {}
    for cid, campaign, client, colour, label_en, label_fr, due_on in session.execute(query):
        seen = found.get(cid)
        if seen is None:
            found[cid] = OverdueChecklist(
                cid, campaign, client, colour, 1, due_on, label_en, label_fr
            )
        else:
            found[cid] = replace(seen, count=seen.count + 1)
    return list(found.values())[:limit]


# --- automatic checks -------------------------------------------------------------------


def follows(check: str, finding_id: str) -> bool:
    """An item following "links" takes every "links.*" finding; one following an id, that id."""
    return bool(check) and (finding_id == check or finding_id.startswith(check + "."))


@dataclass(frozen=True)
class AutoTick:
    item_id: int
    state: ChecklistState
    errors: int
    warnings: int


def verdicts(
    items: Iterable[tuple[int, str, ChecklistState]], findings: Sequence[Finding]
) -> list[AutoTick]:
    """What a run decides for each item tied to a check: an error fails it, otherwise it is
    done (warnings are said in its comment). Items marked not applicable stay so."""
    decided = []
    for item_id, check, state in items:
        if not check or state is ChecklistState.NOT_APPLICABLE:
            continue
        mine = [f for f in findings if follows(check, f.check_id)]
        errors = sum(f.severity is Severity.ERROR for f in mine)
        warnings = sum(f.severity is Severity.WARNING for f in mine)
        state = ChecklistState.FAILED if errors else ChecklistState.DONE
        decided.append(AutoTick(item_id, state, errors, warnings))
    return decided


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


#: The sentence of each note, (English, French); ``{…}`` are the note's own fields.
_NOTES: dict[str, tuple[str, str]] = {
    chain.BRIEF: ("Brief complete ({score}%)", "Brief complet ({score}\u00a0%)"),
    chain.BAT_IMPORTED: ("BAT {round} imported ({source})", "BAT {round} importé ({source})"),
    chain.BAT_SENT: ("BAT {round} sent as a test", "BAT {round} envoyé en test"),
    chain.STATS: ("D+{day} figures recorded", "Chiffres à J+{day} enregistrés"),
    chain.DECISIONS: ("Decisions written in the analysis", "Décisions écrites dans l\u2019analyse"),
    chain.RECAP_SENT: ("Recap sent", "Récap envoyé"),
}


NBSP_COLON = "\u00a0:"


def describe_findings(errors: int, warnings: int, language: str) -> str:
    """ "2 erreurs, 1 avertissement": what a check found, in the reader's language."""
    if language.startswith("fr"):
        parts = [
            _plural(errors, "erreur", "erreurs") if errors else "",
            _plural(warnings, "avertissement", "avertissements") if warnings else "",
        ]
        return ", ".join(p for p in parts if p) or "aucun problème"
    parts = [
        _plural(errors, "error", "errors") if errors else "",
        _plural(warnings, "warning", "warnings") if warnings else "",
    ]
    return ", ".join(p for p in parts if p) or "no finding"


def describe_note(note: dict[str, Any] | None, language: str) -> str:
    """Say why the app set an item, in the reader's language (the note is stored as data)."""
    if not note:
        return ""
    french = language.startswith("fr")
    if "check" in note:
        detail = describe_findings(
            int(note.get("errors", 0) or 0), int(note.get("warnings", 0) or 0), language
        )
        return f"{note.get('source', '')}{NBSP_COLON if french else ':'} {detail}"
    event = str(note.get("event", ""))
    if event == chain.BAT_APPROVED:
        number = note.get("round", "")
        if note.get("changes"):
            return (
                f"Modifications demandées sur le BAT {number}"
                if french
                else f"Changes requested on BAT {number}"
            )
        override = int(note.get("override", 0))
        if override:
            if french:
                left = _plural(override, "erreur ouverte", "erreurs ouvertes")
                return f"BAT {number} validé malgré {left}"
            return f"BAT {number} approved over {_plural(override, 'open error', 'open errors')}"
        return f"BAT {number} validé" if french else f"BAT {number} approved"
    sentence = _NOTES.get(event)
    if sentence is None:
        return ""
    text = sentence[1] if french else sentence[0]
    try:
        return text.format(**note)
    except (KeyError, IndexError):
        return text.split("{", 1)[0].strip()


@dataclass(frozen=True)
class RunOutcome:
    run_id: int
    ticks: tuple[AutoTick, ...]
    previous: dict[int, ItemState] = field(default_factory=dict)
    changes: Changes = field(default_factory=Changes)


def record_run(
    session: Session, campaign_id: int, report: CheckReport, now: datetime | None = None
) -> RunOutcome:
    """Keep a run's findings with its HTML and let the items tied to a check follow them."""
    campaign = get_campaign(session, campaign_id)
    now = now or utcnow()
    counts = report.counts()
    source = PurePath(report.name).name  # the file's name: where it sat is nobody's business
    run = CheckRun(
        campaign_id=campaign.id,
        created_at=now,
        source_name=source[:300],
        encoded_size=report.encoded_size,
        errors=counts.get(Severity.ERROR, 0),
        warnings=counts.get(Severity.WARNING, 0),
        infos=counts.get(Severity.INFO, 0),
        findings=[f.to_json() for f in report.findings],
        html=report.html,
    )
    session.add(run)
    ensure_checklist(session, campaign_id)
    session.flush()
    rows = session.scalars(
        select(ChecklistItem).where(
            ChecklistItem.campaign_id == campaign_id, ChecklistItem.check != ""
        )
    ).all()
    by_id = {row.id: row for row in rows}
    ticks = verdicts(((r.id, r.check, r.state) for r in rows), report.findings)
    previous = {}
    for tick in ticks:
        item = by_id[tick.item_id]
        if chain.set_by_hand(item):
            continue  # the operator's word stands over the check's
        previous[item.id] = _state_of(item)
        item.state, item.by_check = tick.state, True
        item.done_by, item.done_at = CHECK_AUTHOR, now
        item.auto_note = {
            "check": item.check,
            "source": source,
            "errors": tick.errors,
            "warnings": tick.warnings,
        }
    return RunOutcome(
        run.id,
        tuple(ticks),
        previous,
        _changes(campaign_id),
    )


def forget_run(session: Session, outcome: RunOutcome) -> Changes:
    """Undo of a run: the items go back to what they were and the run is forgotten."""
    for item_id, kept in outcome.previous.items():
        restore_state(session, item_id, kept)
    session.execute(delete(CheckRun).where(CheckRun.id == outcome.run_id))
    return outcome.changes


@dataclass(frozen=True)
class RunView:
    id: int
    created_at: datetime
    source_name: str
    encoded_size: int
    findings: tuple[Finding, ...]
    html: str

    def counts(self) -> dict[Severity, int]:
        counts = dict.fromkeys(Severity, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts


def latest_run(session: Session, campaign_id: int) -> RunView | None:
    run = session.scalar(
        select(CheckRun)
        .where(CheckRun.campaign_id == campaign_id)
        .order_by(CheckRun.created_at.desc(), CheckRun.id.desc())
        .limit(1)
    )
    if run is None:
        return None
    return RunView(
        run.id,
        run.created_at,
        run.source_name,
        run.encoded_size,
        tuple(Finding.from_json(f) for f in run.findings),
        run.html,
    )


def campaign_slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def check_context(session: Session, campaign_id: int) -> CheckContext:
    """What the engine should know of a campaign: its texts, its client's charters, its brief."""
    campaign = get_campaign(session, campaign_id)
    client = session.get(Client, campaign.client_id)
    assert client is not None  # a foreign key with ON DELETE CASCADE
    brief = brief_service.load(session, campaign_id).content
    mentions = tuple(line.strip() for line in brief.mandatory_mentions.splitlines() if line.strip())
    charters = Charters(
        tone=Tone(client.tone) if client.tone in {t.value for t in Tone} else Tone.ANY,
        banned_words=tuple(client.banned_words or ()),
        required_mentions=tuple(client.required_mentions or ()),
        palette=tuple(c.lower() for c in client.palette or ()),
        utm_convention=client.utm_convention,
        **({"mail_clients": tuple(client.mail_clients)} if client.mail_clients else {}),
    )
    return CheckContext(
        subject=campaign.subject or None,
        preheader=campaign.preheader or None,
        sender_name=client.sender_name or None,
        sender_address=client.sender_address or None,
        campaign_slug=campaign_slug(campaign.name),
        charters=charters,
        brief_cta_urls=tuple(c.url for c in brief.ctas if c.url),
        brief_mentions=mentions,
    )


@dataclass(frozen=True)
class ChecklistArchive:
    """A deleted campaign's checklist and runs, to bring them back with an undo."""

    items: tuple[dict[str, object], ...]
    runs: tuple[dict[str, object], ...]


def archive(session: Session, campaign_id: int) -> ChecklistArchive:
    def rows(model: type[ChecklistItem] | type[CheckRun]) -> tuple[dict[str, object], ...]:
        table = model.__table__
        result = session.execute(select(table).where(table.c.campaign_id == campaign_id))
        return tuple(dict(row._mapping) for row in result)

    return ChecklistArchive(rows(ChecklistItem), rows(CheckRun))


def unarchive(session: Session, kept: ChecklistArchive) -> None:
    if kept.items:
        session.execute(insert(table_of(ChecklistItem)), list(kept.items))
    if kept.runs:
        session.execute(insert(table_of(CheckRun)), list(kept.runs))


#: The checks whose verdict depends on the client's charters (tone, banned words, mentions,
#: palette, mail clients, UTM convention): the ones a change of charters runs again.
CHARTER_CHECKS = ("editorial", "graphic", "compatibility", "links")


def _charter_bound(finding: Finding) -> bool:
    return any(follows(check, finding.check_id) for check in CHARTER_CHECKS)


def recheck_for_charters(
    session: Session, client_id: int, now: datetime | None = None
) -> frozenset[int]:
    """The client's charters changed: run the charter checks again on the latest email of each
    campaign still before its send, so the checklist and the BAT guard judge by today's rules.

    Only the charter checks run again, on the HTML kept with the latest run; the other
    findings stay as found (those of an .eml's headers cannot be found again from its HTML).
    The latest BAT round, while undecided, takes the same findings. Returns the campaigns.
    """
    from crmdesk.core.checks.engine import check_bytes
    from crmdesk.core.models import BatDecision, BatRound, CampaignStatus

    before_send = [status for status in CampaignStatus if status.rank < CampaignStatus.SENT.rank]
    ids = session.scalars(
        select(Campaign.id).where(Campaign.client_id == client_id, Campaign.status.in_(before_send))
    ).all()
    rechecked = set()
    for campaign_id in ids:
        run = latest_run(session, campaign_id)
        if run is None or not run.html:
            continue
        fresh = check_bytes(
            run.html.encode("utf-8"),
            run.source_name or "email.html",
            kind="html",
            context=check_context(session, campaign_id),
        )
        findings = [f for f in run.findings if not _charter_bound(f)] + [
            f for f in fresh.findings if _charter_bound(f)
        ]
        findings.sort(key=lambda f: -f.severity.rank)
        report = replace(fresh, findings=findings, name=run.source_name)
        record_run(session, campaign_id, report, now)
        latest = session.scalar(
            select(BatRound)
            .where(BatRound.campaign_id == campaign_id)
            .order_by(BatRound.number.desc())
            .limit(1)
        )
        if latest is not None and latest.decision is BatDecision.PENDING:
            kept = [
                f for f in (Finding.from_json(j) for j in latest.findings) if not _charter_bound(f)
            ]
            merged = kept + [f for f in fresh.findings if _charter_bound(f)]
            latest.findings = [f.to_json() for f in merged]
            latest.errors = sum(f.severity is Severity.ERROR for f in merged)
            latest.warnings = sum(f.severity is Severity.WARNING for f in merged)
        rechecked.add(campaign_id)
    return frozenset(rechecked)


def send_to_confirm(
    session: Session, checklist: Checklist, now: datetime | None = None
) -> tuple[ItemView, datetime] | None:
    """The "send went out" item to ask the operator about, and the planned send time, once
    that time has passed and nobody said yet: the ESP is not connected, so the app asks."""
    item = next(
        (i for i in checklist.items if i.event == chain.SENT and i.state is ChecklistState.TODO),
        None,
    )
    if item is None:
        return None
    campaign = get_campaign(session, checklist.campaign_id)
    planned = campaign.planned_send_at
    return (item, planned) if planned <= (now or utcnow()) else None
