"""Undoable edits of clients, their segments and their contacts, for the main window's stack.

Each edit runs when its command is built (a refusal raises before anything reaches the stack,
as for campaigns); undo and redo replay the core service forwards and backwards through
``Operations``, so every view hears what changed. The edits remember the version they left
their row at: an undo after someone else changed the row is refused (issue 22).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from crmdesk.core import clients, contact_import, contacts
from crmdesk.core.changes import Changes
from crmdesk.core.clients import ClientArchive, ClientInput
from crmdesk.core.contact_import import ContactsPreview
from crmdesk.core.contacts import ContactInput
from crmdesk.ui.commands import CampaignCommand
from crmdesk.ui.operations import Operations


def _named(text: str, name: str) -> str:
    return text.replace("%1", " ".join(name.split()))


# -- clients ----------------------------------------------------------------------------------


class CreateClient(CampaignCommand):
    """Add a client; undo deletes it (refused once campaigns hold it), redo brings it back."""

    def __init__(self, ops: Operations, data: ClientInput) -> None:
        text = QCoreApplication.translate("ClientCommands", "create client “%1”")
        super().__init__(ops, _named(text, data.name))
        self.client_id: int
        self.client_id, _ = ops.write(clients.add_client, data)
        self.archive: ClientArchive | None = None

    def replay(self) -> None:
        assert self.archive is not None
        self.ops.write(clients.undelete_client, self.archive)

    def revert(self) -> None:
        self.archive, _ = self.ops.write(clients.delete_client, self.client_id)


class EditClient(CampaignCommand):
    """The client's form saved; with ``expected_version`` and ``started_from`` (what the form
    loaded), a client someone else saved meanwhile is refused (``StaleEdit``) when built."""

    def __init__(
        self,
        ops: Operations,
        client_id: int,
        data: ClientInput,
        *,
        expected_version: int | None = None,
        started_from: ClientInput | None = None,
    ) -> None:
        text = QCoreApplication.translate("ClientCommands", "edit client “%1”")
        super().__init__(ops, _named(text, data.name))
        self.client_id = client_id
        self.before: ClientInput
        self.before, _ = self._update(data, expected_version, started_from)
        self.after: ClientInput = ops.read(clients.client_input, client_id)

    def _update(
        self, data: ClientInput, expected: int | None, started_from: ClientInput | None
    ) -> tuple[ClientInput, Changes]:
        result: tuple[ClientInput, Changes] = self.write_row(
            "client",
            self.client_id,
            data.name,
            clients.update_client,
            self.client_id,
            data,
            expected_version=expected,
            started_from=started_from,
        )
        return result

    def replay(self) -> None:
        self._update(self.after, self.version_left("client", self.client_id), self.before)

    def revert(self) -> None:
        self._update(self.before, self.version_left("client", self.client_id), self.after)


class SetClientArchived(CampaignCommand):
    """Archive a client (gone from the pickers and filters, kept in the history) or restore it."""

    def __init__(self, ops: Operations, client_id: int, name: str, archived: bool) -> None:
        if archived:
            text = QCoreApplication.translate("ClientCommands", "archive client “%1”")
        else:
            text = QCoreApplication.translate("ClientCommands", "restore client “%1”")
        super().__init__(ops, _named(text, name))
        self.client_id = client_id
        self.name = name
        self.archived = archived
        self._set(archived)

    def _set(self, archived: bool) -> None:
        self.write_row(
            "client",
            self.client_id,
            self.name,
            clients.set_client_archived,
            self.client_id,
            archived,
        )

    def replay(self) -> None:
        self._set(self.archived)

    def revert(self) -> None:
        self._set(not self.archived)


class DeleteClient(CampaignCommand):
    """Delete a client without campaigns, with its segments and contacts; undo brings all back.

    A client with campaigns is refused (``InUse``) when the command is built."""

    def __init__(self, ops: Operations, client_id: int) -> None:
        super().__init__(ops, "")
        self.client_id = client_id
        self.archive: ClientArchive
        self.archive, _ = ops.write(clients.delete_client, client_id)
        text = QCoreApplication.translate("ClientCommands", "delete client “%1”")
        self.setText(_named(text, str(self.archive.client["name"])))

    def replay(self) -> None:
        self.archive, _ = self.ops.write(clients.delete_client, self.client_id)

    def revert(self) -> None:
        self.ops.write(clients.undelete_client, self.archive)


# -- segments ---------------------------------------------------------------------------------


class CreateSegment(CampaignCommand):
    def __init__(self, ops: Operations, client_id: int, name: str, estimated_size: int) -> None:
        text = QCoreApplication.translate("ClientCommands", "create segment “%1”")
        super().__init__(ops, _named(text, name))
        self.segment_id: int
        self.segment_id, _ = ops.write(clients.create_segment, client_id, name, estimated_size)
        self.row: dict[str, Any] | None = None

    def replay(self) -> None:
        assert self.row is not None
        self.ops.write(clients.undelete_segment, self.row)

    def revert(self) -> None:
        self.row, _ = self.ops.write(clients.delete_segment, self.segment_id)


class EditSegment(CampaignCommand):
    def __init__(self, ops: Operations, segment_id: int, name: str, estimated_size: int) -> None:
        text = QCoreApplication.translate("ClientCommands", "edit segment “%1”")
        super().__init__(ops, _named(text, name))
        self.segment_id = segment_id
        self.after = (name, estimated_size)
        self.before: tuple[str, int]
        self.before, _ = self._update(self.after, None)

    def _update(self, values: tuple[str, int], expected: int | None) -> tuple[Any, Changes]:
        result: tuple[Any, Changes] = self.write_row(
            "segment",
            self.segment_id,
            values[0],
            clients.update_segment,
            self.segment_id,
            *values,
            expected_version=expected,
        )
        return result

    def replay(self) -> None:
        self._update(self.after, self.version_left("segment", self.segment_id))

    def revert(self) -> None:
        self._update(self.before, self.version_left("segment", self.segment_id))


class SetSegmentArchived(CampaignCommand):
    def __init__(self, ops: Operations, segment_id: int, name: str, archived: bool) -> None:
        if archived:
            text = QCoreApplication.translate("ClientCommands", "archive segment “%1”")
        else:
            text = QCoreApplication.translate("ClientCommands", "restore segment “%1”")
        super().__init__(ops, _named(text, name))
        self.segment_id = segment_id
        self.name = name
        self.archived = archived
        self._set(archived)

    def _set(self, archived: bool) -> None:
        self.write_row(
            "segment",
            self.segment_id,
            self.name,
            clients.set_segment_archived,
            self.segment_id,
            archived,
        )

    def replay(self) -> None:
        self._set(self.archived)

    def revert(self) -> None:
        self._set(not self.archived)


class DeleteSegment(CampaignCommand):
    """Delete a segment no campaign targets (else ``InUse`` when built); undo brings it back."""

    def __init__(self, ops: Operations, segment_id: int) -> None:
        super().__init__(ops, "")
        self.segment_id = segment_id
        self.row: dict[str, Any]
        self.row, _ = ops.write(clients.delete_segment, segment_id)
        text = QCoreApplication.translate("ClientCommands", "delete segment “%1”")
        self.setText(_named(text, str(self.row["name"])))

    def replay(self) -> None:
        self.row, _ = self.ops.write(clients.delete_segment, self.segment_id)

    def revert(self) -> None:
        self.ops.write(clients.undelete_segment, self.row)


# -- contacts ---------------------------------------------------------------------------------


class AddContact(CampaignCommand):
    def __init__(self, ops: Operations, client_id: int, data: ContactInput) -> None:
        text = QCoreApplication.translate("ClientCommands", "add contact “%1”")
        super().__init__(ops, _named(text, data.name))
        self.contact_id: int
        self.contact_id, _ = ops.write(contacts.add_contact, client_id, data)
        self.row: dict[str, Any] | None = None

    def replay(self) -> None:
        assert self.row is not None
        self.ops.write(contacts.undelete_contact, self.row)

    def revert(self) -> None:
        self.row, _ = self.ops.write(contacts.delete_contact, self.contact_id)


class ImportContacts(CampaignCommand):
    """Add every contact of a client's list at once; undo takes them all away again."""

    def __init__(self, ops: Operations, client_id: int, found: ContactsPreview) -> None:
        text = QCoreApplication.translate("ClientCommands", "import the contacts of “%1”")
        super().__init__(ops, _named(text, found.source))
        self.contact_ids, _ = ops.write(contact_import.apply, client_id, found)
        self.rows: list[dict[str, Any]] = []

    def replay(self) -> None:
        self.ops.write(contact_import.restore, self.rows)

    def revert(self) -> None:
        self.rows, _ = self.ops.write(contact_import.remove, self.contact_ids)


class EditContact(CampaignCommand):
    def __init__(self, ops: Operations, contact_id: int, data: ContactInput) -> None:
        text = QCoreApplication.translate("ClientCommands", "edit contact “%1”")
        super().__init__(ops, _named(text, data.name))
        self.contact_id = contact_id
        self.after = data
        self.before: ContactInput
        self.before, _ = self._update(data)

    def _update(self, data: ContactInput) -> tuple[ContactInput, Changes]:
        result: tuple[ContactInput, Changes] = self.write_row(
            "contact", self.contact_id, data.name, contacts.update_contact, self.contact_id, data
        )
        return result

    def replay(self) -> None:
        self._update(self.after)

    def revert(self) -> None:
        self._update(self.before)


class DeleteContact(CampaignCommand):
    def __init__(self, ops: Operations, contact_id: int) -> None:
        super().__init__(ops, "")
        self.contact_id = contact_id
        self.row: dict[str, Any]
        self.row, _ = ops.write(contacts.delete_contact, contact_id)
        text = QCoreApplication.translate("ClientCommands", "delete contact “%1”")
        self.setText(_named(text, str(self.row["name"])))

    def replay(self) -> None:
        self.row, _ = self.ops.write(contacts.delete_contact, self.contact_id)

    def revert(self) -> None:
        self.ops.write(contacts.undelete_contact, self.row)
