"""The proof of one round as the client will see it: the safe preview and its controls (layout,
images, dark mode, zoom, persona, raw tags, remote images)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.bat import rounds
from crmdesk.core.bat.rounds import RoundView
from crmdesk.ui.kit.styles import caution_colour
from crmdesk.ui.operations import Operations

if TYPE_CHECKING:
    from crmdesk.core.bat.personas import PersonaInfo
    from crmdesk.ui.bat.preview import BatPreview

ZOOM_STEPS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
LAYOUTS = ("desktop", "mobile", "side_by_side")


class ProofHost(Protocol):
    """The window showing a proof (the BAT window): it records the permission for remote
    images and lists the personalisation tags of the page shown."""

    def set_remote_allowed(self, allowed: bool) -> None: ...

    def show_tags(self, page: rounds.PreviewPage) -> None: ...


class PreviewControls(QWidget):
    """Layout, images, dark mode, zoom, persona and raw tags: shared by the window and review."""

    #: A control moved: the proof is shown again (not a workspace change).
    view_changed = Signal()
    allow_remote = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_group = QButtonGroup(self)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        rows.addLayout(row)
        names = (
            QCoreApplication.translate("BatWindow", "Desktop"),
            QCoreApplication.translate("BatWindow", "Mobile"),
            QCoreApplication.translate("BatWindow", "Side by side"),
        )
        tips = ("Ctrl+1", "375 px, Ctrl+2", "Ctrl+3")
        for index, (name, tip) in enumerate(zip(names, tips, strict=True)):
            button = QToolButton()
            button.setText(name)
            button.setCheckable(True)
            button.setToolTip(f"{name} ({tip})")
            self.layout_group.addButton(button, index)
            row.addWidget(button)
        self.layout_group.button(0).setChecked(True)
        self.layout_group.idClicked.connect(lambda _id: self.view_changed.emit())
        row.addSpacing(12)
        self.images = QToolButton()
        self.images.setText(QCoreApplication.translate("BatWindow", "Images"))
        self.images.setCheckable(True)
        self.images.setChecked(True)
        self.images.setToolTip(
            QCoreApplication.translate(
                "BatWindow", "Show images; off shows the email as with images blocked"
            )
        )
        self.dark = QToolButton()
        self.dark.setText(QCoreApplication.translate("BatWindow", "Dark mode"))
        self.dark.setCheckable(True)
        self.dark.setToolTip(
            QCoreApplication.translate("BatWindow", "Render as a mail client in dark mode does")
        )
        for button in (self.images, self.dark):
            button.toggled.connect(lambda _on: self.view_changed.emit())
            row.addWidget(button)
        row.addSpacing(12)
        self.zoom_out = QToolButton()
        self.zoom_out.setText("−")
        self.zoom_out.setToolTip(QCoreApplication.translate("BatWindow", "Zoom out (Ctrl+-)"))
        self.zoom_label = QLabel("100 %")
        self.zoom_in = QToolButton()
        self.zoom_in.setText("+")
        self.zoom_in.setToolTip(QCoreApplication.translate("BatWindow", "Zoom in (Ctrl++)"))
        self.zoom_index = ZOOM_STEPS.index(1.0)
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self.step_zoom(1))
        for widget in (self.zoom_out, self.zoom_label, self.zoom_in):
            row.addWidget(widget)
        row.addStretch(1)
        second = QHBoxLayout()
        rows.addLayout(second)
        second.addWidget(QLabel(QCoreApplication.translate("BatWindow", "Persona:")))
        self.persona = QComboBox()
        self.persona.setToolTip(
            QCoreApplication.translate(
                "BatWindow", "The sample recipient filling the personalisation tags"
            )
        )
        self.persona.currentIndexChanged.connect(lambda _i: self.view_changed.emit())
        self.persona.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        second.addWidget(self.persona)
        self.raw = QToolButton()
        self.raw.setText(QCoreApplication.translate("BatWindow", "Raw tags"))
        self.raw.setCheckable(True)
        self.raw.setToolTip(
            QCoreApplication.translate(
                "BatWindow", "Show the tags as the ESP receives them (Ctrl+T)"
            )
        )
        self.raw.toggled.connect(lambda _on: self.view_changed.emit())
        second.addWidget(self.raw)
        second.addStretch(1)
        self.blocked = QLabel()
        self.blocked.setStyleSheet(f"color: {caution_colour()};")
        self.remote = QToolButton()
        self.remote.setCheckable(True)
        self.remote.setText(QCoreApplication.translate("BatWindow", "Load remote images"))
        self.remote.setToolTip(
            QCoreApplication.translate(
                "BatWindow",
                "Remote images and tracking pixels stay blocked until allowed for this round",
            )
        )
        # The button's checked state is the answer: ``clicked.connect(self.allow_remote.emit)``
        # reached emit with no argument and raised a TypeError on every click.
        self.remote.clicked.connect(self._remote_clicked)
        second.addWidget(self.blocked)
        second.addWidget(self.remote)

    def _remote_clicked(self) -> None:
        """Ask the window to allow (or block again) remote images for the round shown."""
        self.allow_remote.emit(self.remote.isChecked())

    @property
    def layout_mode(self) -> str:
        return LAYOUTS[max(self.layout_group.checkedId(), 0)]

    def set_layout_mode(self, index: int) -> None:
        self.layout_group.button(index).setChecked(True)
        self.view_changed.emit()

    @property
    def zoom(self) -> float:
        return ZOOM_STEPS[self.zoom_index]

    def step_zoom(self, step: int) -> None:
        self.zoom_index = (
            ZOOM_STEPS.index(1.0)
            if step == 0
            else min(max(self.zoom_index + step, 0), len(ZOOM_STEPS) - 1)
        )
        self.zoom_label.setText(f"{round(self.zoom * 100)} %")
        self.view_changed.emit()

    def set_personas(self, personas: list[PersonaInfo]) -> None:
        current = self.persona.currentText()
        self.persona.blockSignals(True)
        self.persona.clear()
        for persona in personas:
            self.persona.addItem(persona.name, persona.name)
        if not personas:
            self.persona.addItem(QCoreApplication.translate("BatWindow", "Default sample"), None)
        found = self.persona.findText(current)
        self.persona.setCurrentIndex(max(found, 0))
        self.persona.blockSignals(False)

    def show_blocked(self, count: int, allowed: bool) -> None:
        self.remote.setChecked(allowed)
        if allowed:
            self.blocked.setText(
                QCoreApplication.translate("BatWindow", "Remote images allowed for this round")
            )
        elif count:
            self.blocked.setText(self.tr("%n remote request(s) blocked", "", count))
        else:
            self.blocked.setText(QCoreApplication.translate("BatWindow", "No remote request"))


class ProofView(QWidget):
    """The preview and its controls for one round, personalised and made safe by the core."""

    painted = Signal()

    def __init__(self, ops: Operations, window: ProofHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from crmdesk.ui.bat.preview import BatPreview

        self.ops = ops
        self.window_ = window
        self.view: RoundView | None = None
        self.controls = PreviewControls()
        self.preview: BatPreview = BatPreview(self._file)
        self.preview.painted.connect(self.painted)
        self.preview.blocked_changed.connect(self._blocked)
        self.controls.view_changed.connect(self.render)
        self.controls.allow_remote.connect(window.set_remote_allowed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.controls)
        layout.addWidget(self.preview, 1)
        self._applied: tuple[object, ...] | None = None
        self.page = None

    def _file(self, path: str) -> tuple[str, bytes] | None:
        if self.view is None:
            return None
        return self.ops.read(rounds.read_file, self.view.id, path)

    def _blocked(self, count: int) -> None:
        self.controls.show_blocked(count, bool(self.view and self.view.remote_allowed))

    def show_round(self, view: RoundView | None, personas: list[PersonaInfo]) -> None:
        self.view = view
        self.controls.set_personas(personas)
        self.personas = {p.name: p.fields for p in personas}
        self.render()

    def persona_fields(self) -> dict[str, str]:
        from crmdesk.core.bat.personas import DEFAULT_PERSONA

        name = self.controls.persona.currentData()
        return dict(self.personas.get(name, DEFAULT_PERSONA)) if name else dict(DEFAULT_PERSONA)

    def render(self) -> None:
        """Apply the controls; reload the page only when what it shows changed."""
        controls = self.controls
        self.preview.set_layout(controls.layout_mode)
        self.preview.set_images(controls.images.isChecked())
        self.preview.set_dark(controls.dark.isChecked())
        self.preview.set_zoom(controls.zoom)
        view = self.view
        if view is None:
            self._applied = None
            return
        key = (
            view.id,
            controls.persona.currentIndex(),
            controls.raw.isChecked(),
            view.remote_allowed,
            view.html,
        )
        if key == self._applied:
            return
        self._applied = key
        self.page = rounds.preview_page(
            view, self.persona_fields(), raw_tags=controls.raw.isChecked()
        )
        self.preview.show_html(
            str(view.id), self.page.html, remote_allowed=view.remote_allowed, entry=view.entry
        )
        self.controls.show_blocked(0, view.remote_allowed)
        self.window_.show_tags(self.page)
