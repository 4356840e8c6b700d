"""Several people at once (issue 22): row versions, stale edits refused, and other processes
told what changed.

Every editable row carries a version (``models.Versioned``, migration 0012). SQLAlchemy's
optimistic concurrency makes every ORM UPDATE of such a row say ``WHERE id = ? AND row_version
= ?`` and count the version up; the session hook installed here stamps who changed the row and
when, for every path that writes (the window, the command line, an import, an undo). A form
loads a row with its version and saves with ``expected_version``: a row that moved on in the
meantime is refused with a ``StaleEdit`` saying what changed, who changed it and when, and
nothing is written. Two writers racing between read and flush (possible on a server only: a
file has one writer at a time) end the same way, through SQLAlchemy's ``StaleDataError``.

On PostgreSQL each committed write also sends ``NOTIFY crmdesk_changes`` in its own transaction
(the server delivers it on commit only), with the ``Changes`` it made; ``ChangeListener`` hears
the other processes' writes so their windows refresh. On SQLite none of this is sent: one writer
holds the file.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from crmdesk.core.changes import FLAGS, Changes
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.models import (
    Brief,
    Budget,
    Campaign,
    ChecklistItem,
    Client,
    Contact,
    Persona,
    Roadmap,
    Segment,
    TimeEntry,
    Versioned,
    utcnow,
)
from crmdesk.core.printable import printable

if TYPE_CHECKING:
    from crmdesk.core.postgres import ServerAddress

log = logging.getLogger(__name__)

#: The kinds of editable rows, as ``StaleEdit`` and ``moved_on`` name them.
KINDS: dict[str, type[Versioned]] = {
    "client": Client,
    "segment": Segment,
    "contact": Contact,
    "campaign": Campaign,
    "brief": Brief,
    "checklist_item": ChecklistItem,
    "time_entry": TimeEntry,
    "budget": Budget,
    "persona": Persona,
    "roadmap": Roadmap,
}
_KIND_OF_TABLE = {model.__tablename__: kind for kind, model in KINDS.items()}  # type: ignore[attr-defined]
_WORDS = {
    "client": "The client",
    "segment": "The segment",
    "contact": "The contact",
    "campaign": "The campaign",
    "brief": "The brief of",
    "checklist_item": "The checklist item",
    "time_entry": "The time entry",
    "budget": "The budget",
    "persona": "The persona",
    "roadmap": "The roadmap",
}
#: Columns that say how a row was changed, not what it holds: never listed as changed.
_BOOKKEEPING = frozenset({"id", "row_version", "changed_by", "changed_at", "updated_at"})


@dataclass(frozen=True)
class FieldNow:
    """A field someone else changed, and its value now."""

    field: str
    value: object

    @property
    def label(self) -> str:
        return self.field.replace("_", " ").capitalize()

    @property
    def shown(self) -> str:
        value = getattr(self.value, "value", self.value)  # an enumeration: its stored word
        if value is None or value == "":
            return "empty"
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        return f"« {printable(value, 60)} »"


class StaleEdit(CrmdeskError):
    """An edit based on a version of a row that has moved on: refused, nothing written.

    ``fields`` are the fields that differ between the version the user started from and the
    row now, with their current values (empty when the caller did not say where it started
    from); ``changed_by`` and ``changed_at`` say who moved it on and when; ``version`` is the
    row's version now (0 when the row is gone)."""

    def __init__(
        self,
        kind: str,
        row_id: int,
        name: str,
        fields: tuple[FieldNow, ...],
        changed_by: str,
        changed_at: datetime | None,
        version: int,
    ) -> None:
        self.kind = kind
        self.row_id = row_id
        self.name = name
        self.fields = fields
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.version = version
        super().__init__(self._sentence())

    @property
    def gone(self) -> bool:
        return self.version == 0

    def both_changed(self, started_from: object, yours: object) -> tuple[str, ...]:
        """The fields the user changed (``started_from`` → ``yours``) that the other person
        changed too, to another value: ``merge``'s conflicts, known before the row is read
        again, for the question asked."""
        mine = set(differing(started_from, yours))
        return tuple(
            f.field for f in self.fields if f.field in mine and getattr(yours, f.field) != f.value
        )

    def _sentence(self) -> str:
        what = f"{_WORDS.get(self.kind, 'The row')} “{printable(self.name, 80)}”"
        if self.gone:
            return f"{what} was deleted by someone else meanwhile: nothing was saved."
        who = self.changed_by or "someone else"
        when = f" at {self.changed_at:%Y-%m-%d %H:%M} UTC" if self.changed_at is not None else ""
        said = "; ".join(f"{f.label} is now {f.shown}" for f in self.fields[:4])
        more = f" (and {len(self.fields) - 4} more)" if len(self.fields) > 4 else ""
        detail = f": {said}{more}" if said else ""
        return (
            f"{what} was changed by {who}{when} (now version {self.version}){detail}. "
            "Nothing was saved: reload it and apply your changes again, or discard them."
        )


T = TypeVar("T")


def differing(before: object, after: object) -> tuple[str, ...]:
    """The names of the dataclass fields whose values differ between ``before`` and ``after``."""
    assert is_dataclass(before) and is_dataclass(after)
    return tuple(
        f.name for f in fields(before) if getattr(before, f.name) != getattr(after, f.name)
    )


@dataclass(frozen=True)
class Merged(Generic[T]):
    """The user's edit reapplied on the row as it is now; ``conflicts`` are the fields both
    sides changed to different values (the user's value is the one kept: the window asks)."""

    value: T
    conflicts: tuple[str, ...]


def merge(started_from: T, yours: T, current: T) -> Merged[T]:
    """Reload and reapply: the fields the user changed (from ``started_from`` to ``yours``)
    put on top of ``current``, the row as someone else left it. Any frozen dataclass input
    (``CampaignInput``, ``ClientInput``, ``CharterInput``, ``BriefContent``)."""
    mine = differing(started_from, yours)
    theirs = set(differing(started_from, current))
    value = replace(current, **{name: getattr(yours, name) for name in mine})  # type: ignore[type-var]
    conflicts = tuple(
        name for name in mine if name in theirs and getattr(yours, name) != getattr(current, name)
    )
    return Merged(value, conflicts)


def refuse(
    kind: str,
    row: Versioned,
    name: str,
    started_from: object | None = None,
    current: object | None = None,
    *,
    ignore: frozenset[str] = frozenset(),
) -> StaleEdit:
    """The refusal of an edit of ``row`` started from an older version: the fields that differ
    between ``started_from`` and ``current`` (two inputs of the same form), but ``ignore``."""
    changed: tuple[FieldNow, ...] = ()
    if started_from is not None and current is not None:
        changed = tuple(
            FieldNow(n, getattr(current, n))
            for n in differing(started_from, current)
            if n not in ignore
        )
    return StaleEdit(
        kind,
        int(getattr(row, "id", 0) or 0),
        name,
        changed,
        row.changed_by,
        row.changed_at,
        row.row_version,
    )


def version_of(session: Session, kind: str, row_id: int) -> int:
    """The row's version now (0: no such row); after a write, the version the write left."""
    found = session.scalar(select(KINDS[kind].row_version).where(_id_column(kind) == row_id))
    return int(found or 0)


def _id_column(kind: str) -> Any:
    return inspect(KINDS[kind]).primary_key[0]


def display_name(session: Session, row: Versioned) -> str:
    """What the user calls the row in a sentence."""
    if isinstance(row, Brief):
        return session.scalar(select(Campaign.name).where(Campaign.id == row.campaign_id)) or ""
    if isinstance(row, ChecklistItem):
        return row.label_en
    if isinstance(row, TimeEntry):
        return f"{row.worked_on:%Y-%m-%d}, {row.minutes} min"
    if isinstance(row, Budget):
        return row.month or f"campaign {row.campaign_id}"
    if isinstance(row, Roadmap):
        return row.quarter
    return str(getattr(row, "name", ""))


def moved_on(
    session: Session, kind: str, row_id: int, version_after_my_change: int
) -> StaleEdit | None:
    """None when the row is still as my change left it; otherwise who changed it since (or
    that it is gone): an undo that would take back someone else's work asks this first."""
    row = session.get(KINDS[kind], row_id, populate_existing=True)
    if row is None:
        return StaleEdit(kind, row_id, "", (), "", None, 0)
    if row.row_version == version_after_my_change:
        return None
    return refuse(kind, row, display_name(session, row))


# -- the session hook: who and when, and the race between read and flush -------------------------

_WHO = "crmdesk.concurrency.who"
_BASES = "crmdesk.concurrency.bases"
_SEEN = "crmdesk.concurrency.seen"
_ANNOUNCED = "crmdesk.concurrency.announced"


def _who(session: Session) -> str:
    if _WHO not in session.info:
        from crmdesk.core.operators import me

        profile = me(session)
        session.info[_WHO] = profile.name if profile is not None else ""
    return str(session.info[_WHO])


def _base_values(row: Versioned) -> dict[str, object]:
    """The row's columns as this transaction read them (before its own changes)."""
    state = inspect(row)
    found: dict[str, object] = {}
    for attribute in state.mapper.column_attrs:
        key = attribute.key
        if key in _BOOKKEEPING:
            continue
        history = state.attrs[key].history
        if history.deleted:
            found[key] = history.deleted[0]
        elif history.unchanged:
            found[key] = history.unchanged[0]
    return found


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    bases: list[tuple[str, int, int, dict[str, object]]] = []
    session.info[_BASES] = bases
    stamped = [o for o in session.new if isinstance(o, Versioned)]
    for row in session.dirty:
        if isinstance(row, Versioned) and session.is_modified(row):
            stamped.append(row)
            kind = _KIND_OF_TABLE[row.__tablename__]  # type: ignore[attr-defined]
            bases.append((kind, row.id, row.row_version, _base_values(row)))  # type: ignore[attr-defined]
    if not stamped:
        return
    who, now = _who(session), utcnow()
    for row in stamped:
        # Setting them makes the UPDATE (and the version) happen even when only a collection
        # changed, such as a campaign's segments.
        row.changed_by = who
        row.changed_at = now


def stale_after_race(session: Session, error: StaleDataError) -> StaleEdit:
    """The ``StaleEdit`` for a flush that found a row moved on between its read and its write
    (another writer committed in between): the transaction is rolled back (nothing written),
    then the row is read again to say who changed what. The fields are the row's columns."""
    bases = session.info.pop(_BASES, [])
    session.rollback()
    for kind, row_id, version, base in bases:
        row = session.get(KINDS[kind], row_id, populate_existing=True)
        if row is None:
            return StaleEdit(kind, row_id, str(base.get("name", "")), (), "", None, 0)
        if row.row_version != version:
            changed = tuple(
                FieldNow(key, getattr(row, key))
                for key, value in base.items()
                if getattr(row, key) != value
            )
            return StaleEdit(
                kind,
                row_id,
                display_name(session, row),
                changed,
                row.changed_by,
                row.changed_at,
                row.row_version,
            )
    return StaleEdit("row", 0, "", (), "", None, 0)


# -- telling other processes: NOTIFY on PostgreSQL ------------------------------------------------

#: The channel crmdesk's processes LISTEN on.
CHANNEL = "crmdesk_changes"
#: This process, so that it ignores what it announced itself.
PROCESS_TOKEN = uuid.uuid4().hex[:16]
#: PostgreSQL refuses a payload of 8,000 bytes or more: past this, the campaigns are left out
#: (a change "about every campaign", which is never wrong, only broader).
PAYLOAD_LIMIT = 7000

_FLAG_OF_TABLE: Mapping[str, str] = {
    "campaigns": "campaigns",
    "campaign_segments": "campaigns",
    "clients": "clients",
    "segments": "clients",
    "contacts": "clients",
    "personas": "clients",
    "roadmaps": "clients",
    "checklist_items": "checklist",
    "checklist_templates": "checklist",
    "check_runs": "checklist",
    "bat_rounds": "bat",
    "bat_files": "bat",
    "bat_feedback": "bat",
    "bat_sends": "bat",
    "stat_snapshots": "stats",
    "stat_breakdowns": "stats",
    "stat_imports": "stats",
    "stat_analyses": "stats",
    "stat_mappings": "stats",
    "recap_sends": "stats",
    "briefs": "brief",
    "brief_versions": "brief",
    "brief_templates": "brief",
    "settings": "settings",
    "operators": "settings",
    "time_entries": "time",
    "running_timers": "time",
    "budgets": "time",
    "calendar_markers": "markers",
}


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _seen(session: Session, changes: Changes) -> None:
    before = session.info.get(_SEEN)
    session.info[_SEEN] = changes if before is None else before | changes


def _after_flush(session: Session, _context: object) -> None:
    if not _on_server(session):
        return
    for row in (*session.new, *session.dirty, *session.deleted):
        flag = _FLAG_OF_TABLE.get(getattr(row, "__tablename__", ""))
        if flag is None:
            continue
        campaign = row.id if isinstance(row, Campaign) else getattr(row, "campaign_id", None)
        ids = frozenset({campaign}) if isinstance(campaign, int) else frozenset()
        _seen(session, Changes(**{flag: True}, campaign_ids=ids))


def _after_statement(state: Any) -> None:
    """Core INSERT/UPDATE/DELETE (bulk writes, undo putting rows back): the table is known,
    the campaigns are not."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    if not _on_server(state.session):
        return
    flag = _FLAG_OF_TABLE.get(getattr(getattr(state.statement, "table", None), "name", ""))
    if flag is not None:
        _seen(state.session, Changes(**{flag: True}))  # type: ignore[arg-type]


def announce(session: Session, changes: Changes | None) -> None:
    """Add what a service says it changed to what this transaction will tell the other
    processes when it commits (the hook also sees every row written; the service's own
    ``Changes`` names its campaigns more precisely). Nothing on SQLite."""
    if changes is None or changes.empty or not _on_server(session):
        return
    before = session.info.get(_ANNOUNCED)
    session.info[_ANNOUNCED] = changes if before is None else before | changes


def payload(changes: Changes) -> str:
    """The NOTIFY payload: the flags, the campaigns and this process's token, compact."""
    said: dict[str, object] = {
        "p": PROCESS_TOKEN,
        "f": [name for name in FLAGS if getattr(changes, name)],
        "c": sorted(changes.campaign_ids),
    }
    text = json.dumps(said, separators=(",", ":"))
    if len(text) > PAYLOAD_LIMIT:
        said["c"] = []
        text = json.dumps(said, separators=(",", ":"))
    return text


def read_payload(text: str) -> tuple[str, Changes] | None:
    """The writer's token and its ``Changes``; None for a payload crmdesk did not write."""
    try:
        said = json.loads(text)
        flags = {name: True for name in said["f"] if name in FLAGS}
        ids = frozenset(int(i) for i in said.get("c", []))
        return str(said["p"]), Changes(**flags, campaign_ids=ids)
    except (ValueError, KeyError, TypeError):
        return None


def _merged_changes(session: Session) -> Changes | None:
    from crmdesk.core import chain

    found: Changes | None = None
    for part in (session.info.get(_SEEN), session.info.get(_ANNOUNCED), chain.moved(session)):
        if part is not None and not part.empty:
            found = part if found is None else found | part
    return found


def _before_commit(session: Session) -> None:
    if not _on_server(session):
        return
    session.flush()
    changes = _merged_changes(session)
    _forget(session)
    if changes is not None:
        from sqlalchemy import text

        session.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {"channel": CHANNEL, "payload": payload(changes)},
        )


def _forget(session: Session, *_args: object) -> None:
    session.info.pop(_SEEN, None)
    session.info.pop(_ANNOUNCED, None)


def install(sessions: sessionmaker[Session]) -> None:
    """Make every writing session of ``sessions`` stamp who and when on the rows it changes
    and, on a server, tell the other processes what it committed. Installed after the chain
    and the pressure flags: their own writes are part of what is told."""
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _after_statement)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_rollback", _forget)


# -- hearing the other processes ------------------------------------------------------------------

#: Everything changed: what a listener says after it was cut off (it may have missed writes).
EVERYTHING = Changes(**{name: True for name in FLAGS})  # type: ignore[arg-type]


class ChangeListener:
    """A thread with its own connection to the server, LISTENing on ``CHANNEL``: calls
    ``on_changes`` (on that thread: a window marshals it to its own) with what each other
    process committed. When the server goes away it says so through ``on_status(False,
    sentence)``, retries quietly, and once back says ``on_status(True, …)`` and reports
    ``EVERYTHING`` (what it missed is unknown). Never raises out of its thread."""

    def __init__(
        self,
        address: ServerAddress | str,
        on_changes: Callable[[Changes], None],
        on_status: Callable[[bool, str], None] | None = None,
        *,
        retry_seconds: float = 2.0,
    ) -> None:
        from crmdesk.core.postgres import ServerAddress

        self.address = ServerAddress.parse(address) if isinstance(address, str) else address
        self._on_changes = on_changes
        self._on_status = on_status
        self._retry = retry_seconds
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="crmdesk-listener", daemon=True)

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def wait_listening(self, timeout: float = 10.0) -> bool:
        """True once the LISTEN is in place (tests, and a window that wants to be sure)."""
        return self._listening.wait(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _conninfo(self) -> str:
        from crmdesk.core.postgres import password

        url = self.address.url.set(drivername="postgresql")
        secret = password(self.address)
        if secret is not None:
            url = url.set(password=secret)
        return url.render_as_string(hide_password=False)

    def _status(self, up: bool, sentence: str) -> None:
        if self._on_status is None:
            return
        try:
            self._on_status(up, sentence)
        except Exception:  # a bug in the window's callback must not end the listening
            log.exception("change listener: status callback failed")

    def _deliver(self, changes: Changes) -> None:
        try:
            self._on_changes(changes)
        except Exception:
            log.exception("change listener: callback failed")

    def _run(self) -> None:
        import psycopg

        from crmdesk.core.postgres import CONNECT_TIMEOUT

        cut = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    self._conninfo(),
                    autocommit=True,
                    connect_timeout=CONNECT_TIMEOUT,
                    application_name="crmdesk-listener",
                ) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self._listening.set()
                    if cut:
                        cut = False
                        self._status(True, f"Back in touch with {self.address.shown}.")
                        self._deliver(EVERYTHING)
                    while not self._stop.is_set():
                        for note in connection.notifies(timeout=0.5, stop_after=50):
                            read = read_payload(note.payload)
                            if read is not None and read[0] != PROCESS_TOKEN:
                                self._deliver(read[1])
            except psycopg.Error as exc:
                self._listening.clear()
                if not cut:
                    cut = True
                    log.warning("change listener: %s", exc)
                    self._status(
                        False,
                        f"Lost touch with {self.address.shown}: other people's changes will "
                        "show once it is back (retrying).",
                    )
                self._stop.wait(self._retry)
            except Exception:  # a bug: logged, and the window keeps working without refreshes
                log.exception("change listener stopped")
                return
