"""Per-user preferences (QSettings, never the workspace) and the Preferences dialog (Ctrl+,).

What the operator chose once — language, theme, where backups go and how many are kept, the
workspace opened by default — and what the app remembers by itself — the main window's size
and place, its splitters, the last view and the calendar's filters — belong to the person at
this computer, not to the client data: they live in the user's settings file, so a workspace
copied to another laptop or restored from a backup does not carry someone else's window sizes.

``CRMDESK_DATA_DIR`` (tests, a portable install) relocates these settings with the rest of
crmdesk's per-user files, so a test never reads or writes the developer's real settings.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.calendar_values import Filters
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.kinds import CampaignStatus, Channel
from crmdesk.ui.kit.dialogs import forget
from crmdesk.ui.kit.styles import ERROR_STYLE
from crmdesk.ui.operations import Operations, show_error

if TYPE_CHECKING:  # the keyring module loads only when a password is kept
    from crmdesk.core.secrets import SecretStoreUnavailable

#: The choices of the language and theme settings ("system" follows the computer).
LANGUAGES = ("system", "fr", "en")
THEMES = ("system", "light", "dark")
#: Backups kept by default (the daily ones; the monthly ones come on top).
DEFAULT_KEEP = 14
#: The views the main window can reopen on.
VIEWS = ("cockpit", "month", "week", "agenda", "stats")

# The keys, in one place so the report, the dialog and the tests agree on them.
KEY_LANGUAGE = "ui/language"
KEY_THEME = "ui/theme"
KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
KEY_SPLITTER = "splitters/%s"
KEY_VIEW = "view/last"
KEY_FILTERS = "calendar/filters"
KEY_BACKUP_FOLDER = "backups/folder"
KEY_BACKUP_KEEP = "backups/keep"
KEY_WORKSPACE = "workspace/default"


def user_settings() -> QSettings:
    """The user's settings file: an INI file in the platform's per-user config folder (the
    same format everywhere, so a support request can ask for one readable file), or in
    ``CRMDESK_DATA_DIR`` when that is set."""
    override = os.environ.get("CRMDESK_DATA_DIR")
    if override:
        return QSettings(str(Path(override) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "crmdesk", "crmdesk")


def locale_for(language: str) -> QLocale:
    """The locale a language setting stands for ("system": the computer's)."""
    if language == "fr":
        return QLocale(QLocale.Language.French, QLocale.Country.France)
    if language == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale.system()


@dataclass(frozen=True)
class Choices:
    """What the Preferences dialog edits, read and written as one (Cancel writes nothing)."""

    language: str = "system"
    theme: str = "system"
    backup_folder: Path | None = None  # None: the workspace's default backups folder
    backup_keep: int = DEFAULT_KEEP
    #: None: crmdesk's default workspace; a ``str``: a server's URL, never with its password.
    default_workspace: Path | str | None = None


class Preferences:
    """Typed access to the settings: each getter falls back to the default when the value is
    missing or was damaged by hand, because a bad settings file must never stop the app."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else user_settings()

    # -- the choices --------------------------------------------------------------------------

    def _choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = str(self.settings.value(key, allowed[0]))
        return value if value in allowed else allowed[0]

    def _path(self, key: str) -> Path | None:
        value = self.settings.value(key, "")
        return Path(str(value)) if value else None

    @property
    def language(self) -> str:
        return self._choice(KEY_LANGUAGE, LANGUAGES)

    @property
    def theme(self) -> str:
        return self._choice(KEY_THEME, THEMES)

    @property
    def backup_keep(self) -> int:
        try:
            keep = int(self.settings.value(KEY_BACKUP_KEEP, DEFAULT_KEEP))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return DEFAULT_KEEP
        return keep if keep >= 1 else DEFAULT_KEEP

    @property
    def backup_folder(self) -> Path | None:
        return self._path(KEY_BACKUP_FOLDER)

    @property
    def default_workspace(self) -> Path | str | None:
        """The workspace file, or a server's URL (a ``str``, as ``--db`` takes it)."""
        value = self.settings.value(KEY_WORKSPACE, "")
        if not value:
            return None
        from crmdesk.core.paths import location

        return location(str(value))

    def backups_folder_for(self, workspace_path: Path) -> Path:
        """The folder chosen in the preferences, else the workspace's default one."""
        chosen = self.backup_folder
        if chosen is not None:
            return chosen
        from crmdesk.core import backups

        return backups.default_folder(workspace_path)

    def choices(self) -> Choices:
        return Choices(
            self.language,
            self.theme,
            self.backup_folder,
            self.backup_keep,
            self.default_workspace,
        )

    def save_choices(self, choices: Choices) -> None:
        self.settings.setValue(KEY_LANGUAGE, choices.language)
        self.settings.setValue(KEY_THEME, choices.theme)
        self.settings.setValue(
            KEY_BACKUP_FOLDER, str(choices.backup_folder) if choices.backup_folder else ""
        )
        self.settings.setValue(KEY_BACKUP_KEEP, choices.backup_keep)
        self.settings.setValue(
            KEY_WORKSPACE, str(choices.default_workspace) if choices.default_workspace else ""
        )
        self.settings.sync()

    # -- what the app remembers by itself -----------------------------------------------------

    def save_window(self, window: QMainWindow) -> None:
        self.settings.setValue(KEY_GEOMETRY, window.saveGeometry())
        self.settings.setValue(KEY_STATE, window.saveState())

    def restore_window(self, window: QMainWindow) -> bool:
        """Put the window back where it was; False when nothing was saved (first start)."""
        geometry = self.settings.value(KEY_GEOMETRY)
        if not isinstance(geometry, QByteArray) or geometry.isEmpty():
            return False
        restored = window.restoreGeometry(geometry)
        state = self.settings.value(KEY_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            window.restoreState(state)
        return restored

    def save_splitter(self, name: str, splitter: QSplitter) -> None:
        self.settings.setValue(KEY_SPLITTER % name, splitter.saveState())

    def restore_splitter(self, name: str, splitter: QSplitter) -> None:
        state = self.settings.value(KEY_SPLITTER % name)
        if isinstance(state, QByteArray) and not state.isEmpty():
            splitter.restoreState(state)

    def remember_splitter(self, name: str, splitter: QSplitter) -> None:
        """Restore ``splitter`` now and save it whenever the user drags it: the campaign
        windows come and go, and this keeps the main window out of their layout."""
        self.restore_splitter(name, splitter)
        splitter.splitterMoved.connect(lambda _pos, _index: self.save_splitter(name, splitter))

    @property
    def last_view(self) -> str:
        return self._choice(KEY_VIEW, ("month", *[v for v in VIEWS if v != "month"]))

    @last_view.setter
    def last_view(self, view: str) -> None:
        self.settings.setValue(KEY_VIEW, view if view in VIEWS else "month")

    @property
    def calendar_filters(self) -> Filters:
        """The calendar's client, status and channel filters; a value that no longer exists
        (a status renamed in a later version) is dropped rather than refused."""
        try:
            raw = json.loads(str(self.settings.value(KEY_FILTERS, "{}")))
        except ValueError:
            return Filters()
        if not isinstance(raw, dict):
            return Filters()

        def facet(name: str, convert: type) -> frozenset | None:  # type: ignore[type-arg]
            values = raw.get(name)
            if not isinstance(values, list):
                return None
            kept = set()
            for value in values:
                try:
                    kept.add(convert(value))
                except (TypeError, ValueError):
                    continue
            return frozenset(kept)

        return Filters(
            client_ids=facet("clients", int),
            statuses=facet("statuses", CampaignStatus),
            channels=facet("channels", Channel),
        )

    @calendar_filters.setter
    def calendar_filters(self, filters: Filters) -> None:
        def facet(values: frozenset | None) -> list | None:  # type: ignore[type-arg]
            if values is None:
                return None
            return sorted(getattr(v, "value", v) for v in values)

        self.settings.setValue(
            KEY_FILTERS,
            json.dumps(
                {
                    "clients": facet(filters.client_ids),
                    "statuses": facet(filters.statuses),
                    "channels": facet(filters.channels),
                }
            ),
        )


class PreferencesDialog(QDialog):
    """Edits the choices; OK writes them, Cancel (or Esc) writes nothing. Language and theme
    apply at the next start: the windows build their texts and colours once, and rebuilding
    every open window in place would risk losing what the user is typing."""

    def __init__(
        self,
        preferences: Preferences,
        workspace_path: Path,
        parent: QWidget | None = None,
        *,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.ops = ops
        self.setWindowTitle(QCoreApplication.translate("PreferencesDialog", "Preferences"))
        current = preferences.choices()

        self.language = QComboBox()
        for value, text in (
            ("system", QCoreApplication.translate("PreferencesDialog", "Same as the system")),
            ("fr", "Français"),
            ("en", "English"),
        ):
            self.language.addItem(text, value)
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))

        self.theme = QComboBox()
        for value, text in (
            ("system", QCoreApplication.translate("PreferencesDialog", "Same as the system")),
            ("light", QCoreApplication.translate("PreferencesDialog", "Light")),
            ("dark", QCoreApplication.translate("PreferencesDialog", "Dark")),
        ):
            self.theme.addItem(text, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(current.theme)))
        restart = QLabel(
            QCoreApplication.translate(
                "PreferencesDialog", "Language and theme apply the next time crmdesk starts."
            )
        )
        restart.setWordWrap(True)
        font = restart.font()
        font.setItalic(True)  # the text colour stays the palette's: readable on any scheme
        restart.setFont(font)

        from crmdesk.core import backups

        self.backup_folder = QLineEdit(str(current.backup_folder or ""))
        self.backup_folder.setPlaceholderText(str(backups.default_folder(workspace_path)))
        self.backup_folder.setClearButtonEnabled(True)
        browse_backups = QPushButton(QCoreApplication.translate("PreferencesDialog", "Browse…"))
        browse_backups.clicked.connect(self._browse_backups)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_folder, 1)
        backup_row.addWidget(browse_backups)

        self.backup_keep = QSpinBox()
        self.backup_keep.setRange(1, 365)
        self.backup_keep.setValue(current.backup_keep)
        self.backup_keep.setSuffix(
            QCoreApplication.translate("PreferencesDialog", " daily backups")
        )
        self.backup_keep.setToolTip(
            QCoreApplication.translate(
                "PreferencesDialog", "One backup per month is also kept for a year."
            )
        )

        from crmdesk.core.paths import default_workspace_path

        self.workspace = QLineEdit(str(current.default_workspace or ""))
        self.workspace.setPlaceholderText(str(default_workspace_path()))
        self.workspace.setClearButtonEnabled(True)
        # Wide enough for a server's URL read whole.
        sample = "postgresql://alice@db.example.com:5432/agency?sslmode=require"
        self.workspace.setMinimumWidth(self.workspace.fontMetrics().horizontalAdvance(sample))
        browse_workspace = QPushButton(QCoreApplication.translate("PreferencesDialog", "Browse…"))
        browse_workspace.clicked.connect(self._browse_workspace)
        workspace_row = QHBoxLayout()
        workspace_row.addWidget(self.workspace, 1)
        workspace_row.addWidget(browse_workspace)
        # -- a server's workspace (issue 22): its URL here, its password in the keyring --
        self.workspace.setToolTip(
            QCoreApplication.translate(
                "PreferencesDialog",
                "A workspace file, or a database on a PostgreSQL server: "
                "postgresql://user@host:5432/database (add ?sslmode=require to insist on TLS). "
                "Its password goes to the system keyring, never here.",
            )
        )
        self.store_password_button = QPushButton(
            QCoreApplication.translate("PreferencesDialog", "Store the &password…")
        )
        self.store_password_button.clicked.connect(self.store_password)
        # Under the field, not beside it: a server's URL needs the field's whole width.
        password_row = QHBoxLayout()
        password_row.addStretch(1)
        password_row.addWidget(self.store_password_button)
        self.workspace_note = QLabel()
        self.workspace_note.setWordWrap(True)
        self.workspace_note.hide()
        self.password_dialog: ServerPasswordDialog | None = None
        self.workspace.textChanged.connect(self._workspace_edited)
        self._workspace_edited()
        # -- end of a server's workspace --

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("PreferencesDialog", "&Language:"), self.language)
        form.addRow(QCoreApplication.translate("PreferencesDialog", "&Theme:"), self.theme)
        form.addRow("", restart)
        form.addRow(
            self._buddy(
                QCoreApplication.translate("PreferencesDialog", "&Backups folder:"),
                self.backup_folder,
            ),
            backup_row,
        )
        form.addRow(QCoreApplication.translate("PreferencesDialog", "&Keep:"), self.backup_keep)
        form.addRow(
            self._buddy(
                QCoreApplication.translate("PreferencesDialog", "Default &workspace:"),
                self.workspace,
            ),
            workspace_row,
        )
        form.addRow("", password_row)
        form.addRow("", self.workspace_note)
        # -- hours per day (issue 20): a setting of the workspace, not of this computer --
        self.hours_per_day: QDoubleSpinBox | None = None
        if ops is not None:
            from crmdesk.core import timesheet

            self.hours_per_day = QDoubleSpinBox()
            self.hours_per_day.setRange(1, 24)
            self.hours_per_day.setDecimals(2)
            self.hours_per_day.setSingleStep(0.5)
            self.hours_per_day.setValue(float(ops.read(timesheet.hours_per_day)))
            self.hours_per_day.setSuffix(QCoreApplication.translate("PreferencesDialog", " h"))
            self.hours_per_day.setToolTip(
                QCoreApplication.translate(
                    "PreferencesDialog",
                    "How many hours make the day your daily rate pays; kept in this workspace.",
                )
            )
            form.addRow(
                QCoreApplication.translate("PreferencesDialog", "&Hours per day:"),
                self.hours_per_day,
            )
        # -- end of hours per day --
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    @staticmethod
    def _buddy(text: str, field: QWidget) -> QLabel:
        """A row's label whose Alt+letter reaches ``field`` (a row holding a field and its
        Browse… button gets no automatic buddy)."""
        label = QLabel(text)
        label.setBuddy(field)
        return label

    def _browse_backups(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            QCoreApplication.translate("PreferencesDialog", "Backups folder"),
            self.backup_folder.text(),
        )
        if folder:
            self.backup_folder.setText(folder)

    def _browse_workspace(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("PreferencesDialog", "Default workspace"),
            self.workspace.text(),
            QCoreApplication.translate(
                "PreferencesDialog", "crmdesk workspaces (*.crmdesk *.sqlite *.db);;All files (*)"
            ),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.workspace.setText(path)

    def chosen(self) -> Choices:
        from crmdesk.core.paths import location

        folder = self.backup_folder.text().strip()
        workspace = self.workspace.text().strip()
        return Choices(
            language=str(self.language.currentData()),
            theme=str(self.theme.currentData()),
            backup_folder=Path(folder).expanduser() if folder else None,
            backup_keep=self.backup_keep.value(),
            # A server's URL as typed (a ``str``), else the file, "~" expanded.
            default_workspace=location(os.path.expanduser(workspace)) if workspace else None,
        )

    # -- a server's workspace (issue 22) --------------------------------------------------------

    def _workspace_edited(self) -> None:
        from crmdesk.core.paths import is_server_url

        self.store_password_button.setEnabled(is_server_url(self.workspace.text().strip()))

    def _note(self, text: str, *, problem: bool) -> None:
        from crmdesk.ui.kit.styles import alert_colour

        self.workspace_note.setText(text)
        self.workspace_note.setStyleSheet(
            f"color: {alert_colour()}; font-weight: 600;" if problem else ""
        )
        self.workspace.setStyleSheet(ERROR_STYLE if problem else "")
        self.workspace_note.show()

    def _workspace_refused(self) -> bool:
        """True (and said under the field) when the workspace typed cannot be kept: a URL
        with a password in it (taken out at once: the settings file never holds one), or one
        crmdesk cannot read."""
        from crmdesk.core.paths import is_server_url

        text = self.workspace.text().strip()
        if not is_server_url(text):
            return False
        from crmdesk.core import postgres

        bare, secret = postgres.split_password(text)
        if secret is not None:
            self.workspace.setText(bare)
            self._note(
                QCoreApplication.translate(
                    "PreferencesDialog",
                    "The password was taken out of the URL: crmdesk keeps none in its settings. "
                    "Keep it in the system keyring with “Store the password…”.",
                ),
                problem=True,
            )
            return True
        try:
            postgres.ServerAddress.parse(text)
        except postgres.ServerError:
            self._note(
                QCoreApplication.translate(
                    "PreferencesDialog",
                    "This is not a PostgreSQL URL: postgresql://user@host:5432/database.",
                ),
                problem=True,
            )
            return True
        return False

    def store_password(self) -> ServerPasswordDialog | None:
        """Store the password…: asked in a dialog of its own and kept in the system keyring
        under the account the workspace is opened with."""
        if self._workspace_refused():
            return None
        from crmdesk.core.postgres import ServerAddress

        key = ServerAddress.parse(self.workspace.text()).key
        dialog = ServerPasswordDialog(key, self)
        dialog.accepted.connect(
            lambda: self._note(
                QCoreApplication.translate(
                    "PreferencesDialog", "The password of %1 is kept in the system keyring."
                ).replace("%1", key),
                problem=False,
            )
        )
        dialog.finished.connect(forget(self, "password_dialog"))
        self.password_dialog = dialog
        dialog.open()
        return dialog

    # -- end of a server's workspace ------------------------------------------------------------

    def accept(self) -> None:
        if self._workspace_refused():  # a server's URL (issue 22)
            return
        if self.ops is not None and self.hours_per_day is not None:
            from decimal import Decimal

            from crmdesk.core import timesheet

            hours = Decimal(str(round(self.hours_per_day.value(), 2)))
            if hours != self.ops.read(timesheet.hours_per_day):
                try:
                    self.ops.write(timesheet.set_hours_per_day, hours)
                except CrmdeskError as error:
                    show_error(self, error)
                    return
        self.preferences.save_choices(self.chosen())
        super().accept()


# -- a server's workspace (issue 22): its URL in the settings, its password in the keyring ------


class ServerPasswordDialog(QDialog):
    """Asks a server workspace's password and keeps it in the system keyring, where crmdesk
    reads it when it opens that workspace (``crmdesk.core.postgres.password``): never in the
    settings, the URL or the logs. A keyring that cannot keep it says why, and nothing is
    kept."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setWindowTitle(self.tr("Store the password"))
        intro = QLabel(
            self.tr("The password of %1, kept in the system keyring:").replace("%1", key)
        )
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def _say(self, text: str) -> None:
        from crmdesk.ui.kit.styles import alert_colour

        self.errors.setText(text)
        self.errors.setStyleSheet(f"color: {alert_colour()}; font-weight: 600;")
        self.errors.show()

    def accept(self) -> None:
        secret = self.password.text()
        if not secret:
            self._say(self.tr("Type the password first."))
            return
        from crmdesk.core import secrets

        try:
            secrets.store_db_password(self.key, secret)
        except secrets.SecretStoreUnavailable as error:
            self._say(self._keyring_text(error))
            return
        self.password.clear()
        super().accept()

    def _keyring_text(self, error: SecretStoreUnavailable) -> str:
        """The keyring's refusal; with no keyring at all, where else the server may look."""
        from crmdesk.ui.labels import secret_store_text

        said = secret_store_text(error)
        if error.code != "no_backend":
            return said
        elsewhere = self.tr("The server may also read it from ~/.pgpass.")
        return f"{said} {elsewhere}"
