"""The stats charts on screen: a canvas per chart that follows the window's colours and saves
as PNG or SVG, and a scheduler that draws only the charts the user can see.

The drawing itself is ``crmdesk.render.charts``, shared with the PDF reports. Importing this
module loads matplotlib: the stats windows import it only when the stats are first shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: TID253
from matplotlib.figure import Figure  # noqa: TID253
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QVBoxLayout, QWidget

from crmdesk.render.charts import PNG_DPI, Palette, draw_empty, new_figure, palette_for


def palette_from(widget: QWidget, accent: str | None = None) -> Palette:
    """The chart colours for ``widget``: its window colours; ``accent`` is the client's colour."""
    qpalette = widget.palette()
    return palette_for(
        qpalette.color(QPalette.ColorRole.Window).name(),
        qpalette.color(QPalette.ColorRole.WindowText).name(),
        accent,
    )


# -- the widget ---------------------------------------------------------------------------

Draw = Callable[[Figure, Palette], None]


class ChartCanvas(QWidget):
    """One chart in a widget: redrawn in the new colours when the palette changes, saved as
    PNG or SVG from its right-click menu (no matplotlib toolbar: nothing to pan or zoom)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = new_figure()
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(self._show_menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.setMinimumSize(320, 200)
        #: The suggested file name (without suffix) of "Save as…".
        self.file_stem = "chart"
        self._draw: Draw | None = None
        self._accent: str | None = None
        self._redraw()

    @property
    def palette_used(self) -> Palette:
        return palette_from(self, self._accent)

    def set_accent(self, colour: str | None) -> None:
        """The client's colour ("#rrggbb"), used where one colour stands for the campaign.

        It applies from the next draw: the caller sets it before new data, and a redraw of the
        old data here would cost a whole render for nothing."""
        self._accent = colour

    def draw_chart(self, draw: Draw) -> None:
        """Draw with ``draw(figure, palette)``, now and again whenever the colours change."""
        self._draw = draw
        self._redraw()

    def _redraw(self) -> None:
        pal = self.palette_used
        if self._draw is None:
            draw_empty(self.figure, pal)
        else:
            self._draw(self.figure, pal)
        self.canvas.draw_idle()

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if hasattr(self, "canvas") and kind in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
            QEvent.Type.StyleChange,
        ):
            self._redraw()
        super().changeEvent(event)

    def save(self, path: Path) -> None:
        """Write the chart as it is drawn: a 150 dpi PNG or an SVG, by the file's suffix."""
        suffix = path.suffix.lower()
        if suffix not in (".png", ".svg"):
            raise ValueError(f"charts are saved as .png or .svg, not {suffix or 'no suffix'}")
        self.figure.savefig(
            path,
            format=suffix[1:],
            dpi=PNG_DPI,
            facecolor=self.figure.get_facecolor(),
            metadata={"Software": "crmdesk"} if suffix == ".png" else {"Creator": "crmdesk"},
        )

    def _show_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Save as PNG…"), lambda: self._save_as(".png"))
        menu.addAction(self.tr("Save as SVG…"), lambda: self._save_as(".svg"))
        menu.exec(self.canvas.mapToGlobal(position))

    def _save_as(self, suffix: str) -> None:
        kind = self.tr("PNG image (*.png)") if suffix == ".png" else self.tr("SVG image (*.svg)")
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the chart"),
            str(Path.home() / f"{self.file_stem}{suffix}"),
            kind,
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            self.save(path)
        except OSError as error:
            QMessageBox.warning(
                self,
                self.tr("Save the chart"),
                self.tr("The chart could not be saved: %1").replace("%1", error.strerror or "")
                + f"\n{path}",
            )


class ChartScheduler(QObject):
    """Draws each chart once it is on screen, one per turn of the event loop.

    A chart costs 100–250 ms to lay out and render, so a window with several only draws the ones
    the user can see, and draws them one at a time so the window answers in between.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[ChartCanvas, Draw] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)

    def set(self, canvas: ChartCanvas, draw: Draw) -> None:
        self._pending[canvas] = draw
        self._timer.start()

    def poke(self) -> None:
        """Look again for pending charts now visible (after a tab change)."""
        if self._pending:
            self._timer.start()

    def _next(self) -> None:
        for canvas, draw in list(self._pending.items()):
            if canvas.isVisible():
                del self._pending[canvas]
                canvas.draw_chart(draw)  # renders once, at its next paint
                self.poke()
                return

    def flush(self) -> None:
        """Draw every visible pending chart now."""
        for canvas, draw in list(self._pending.items()):
            if canvas.isVisible():
                del self._pending[canvas]
                canvas.draw_chart(draw)  # renders once, at its next paint
