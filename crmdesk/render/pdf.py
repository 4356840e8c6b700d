"""HTML to A4 PDF with QtWebEngine's Chromium, the engine the reports' CSS is written for.

Chromium lays out the ``@page`` margin boxes (the running title, "page n / N"), page breaks and
the embedded font; the page's margins come from :data:`MARGINS_MM` here, because Chromium takes
the print layout's margins over the stylesheet's ``@page { margin }``. The templates' CSS states
the same figures. Pages load from a file, not ``setHtml`` (which refuses more than 2 MB), with
JavaScript off and no access to remote URLs: a report shows only what crmdesk put in it.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QLocale,
    QMarginsF,
    QObject,
    Qt,
    QTimer,
    QTranslator,
    QUrl,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize
from PySide6.QtWebEngineCore import (  # noqa: TID253 (loaded with the first report)
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
)

from crmdesk.core.errors import ReportFailed
from crmdesk.core.files import replace_atomically
from crmdesk.render.templates import RESOURCES, locale_of

#: Left, top, right, bottom, in millimetres: room for the running header and the page numbers.
MARGINS_MM = (16.0, 20.0, 16.0, 20.0)
#: A report that has not printed by then is stuck (a bad template, a machine far too slow).
TIMEOUT_S = 120.0

_profile: QWebEngineProfile | None = None


def ensure_application(language: str | None = None) -> QCoreApplication:
    """The Qt application the CLI prints in: nothing is shown, so it runs offscreen unless told
    otherwise, with crmdesk's ``language`` catalogue for the charts' words. The windows already
    have their application and catalogue."""
    app = QCoreApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QGuiApplication(["crmdesk"])
        if language == "fr":
            QLocale.setDefault(locale_of(language))
            translator = QTranslator(app)
            if translator.load(
                locale_of(language), "crmdesk", "_", str(RESOURCES / "translations")
            ):
                app.installTranslator(translator)
    return app


def _shared_profile() -> QWebEngineProfile:
    """One off-the-record profile for every report of the session: nothing is kept on disk,
    and the second report does not pay for starting a profile again."""
    global _profile
    if _profile is None:
        _profile = QWebEngineProfile(QCoreApplication.instance())
        settings = _profile.settings()
        attribute = QWebEngineSettings.WebAttribute
        settings.setAttribute(attribute.JavascriptEnabled, False)
        settings.setAttribute(attribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(attribute.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(attribute.PrintElementBackgrounds, True)
    return _profile


def page_layout() -> QPageLayout:
    left, top, right, bottom = MARGINS_MM
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(left, top, right, bottom),
        QPageLayout.Unit.Millimeter,
    )


class PdfPrinter(QObject):
    """Prints one HTML file to PDF bytes without blocking: the windows keep answering while
    Chromium lays out the pages. Emits ``printed`` with the PDF, or ``failed`` with a reason."""

    printed = Signal(bytes)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page: QWebEnginePage | None = None

    def print_file(self, html: Path) -> None:
        self._release()
        page = QWebEnginePage(_shared_profile(), self)
        self._page = page
        page.loadFinished.connect(self._loaded)
        page.load(QUrl.fromLocalFile(str(html)))

    def _loaded(self, ok: bool) -> None:
        page = self._page
        if page is None:
            return
        if not ok:
            self._release()
            self.failed.emit("Chromium could not load the report's HTML.")
            return
        page.printToPdf(self._done, page_layout())

    def _done(self, data: bytes) -> None:
        self._release()
        pdf = bytes(data)
        if pdf:
            self.printed.emit(pdf)
        else:
            self.failed.emit("Chromium printed nothing.")

    def _release(self) -> None:
        if self._page is not None:
            self._page.deleteLater()  # before the profile: Chromium warns otherwise
            self._page = None


def print_pdf(html: Path, *, timeout: float = TIMEOUT_S) -> bytes:
    """The PDF of ``html``, waiting for it in a local event loop: for the CLI, the tests and
    the benchmarks. Raises :class:`ReportFailed` when Chromium fails or takes too long."""
    ensure_application()
    printer = PdfPrinter()
    loop = QEventLoop()
    result: dict[str, bytes | str] = {}

    def on_printed(pdf: bytes) -> None:
        result.setdefault("pdf", pdf)
        loop.quit()

    def on_failed(why: str) -> None:
        result.setdefault("error", why)
        loop.quit()

    printer.printed.connect(on_printed)
    printer.failed.connect(on_failed)
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    printer.print_file(html)
    if not result:
        loop.exec()
    printer.deleteLater()
    # Let the page go now, before the profile: a script ending here would leave it behind.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    pdf = result.get("pdf")
    if isinstance(pdf, bytes):
        return pdf
    reason = result.get("error") or f"The report took more than {timeout:.0f} s to print."
    raise ReportFailed("print_failed", str(reason), html)


def write_atomically(pdf: bytes, out: Path) -> None:
    """Write ``pdf`` to ``out`` whole or not at all: a temporary file beside it, then a rename,
    so a full disk or a closed folder never leaves half a PDF where the user looks."""
    out = out.expanduser()
    folder = out.parent
    try:
        if out.is_dir():
            raise ReportFailed("unwritable", "This path is a folder: give a file name.", out)
        if not folder.is_dir():
            raise ReportFailed("unwritable", "This folder does not exist.", folder)
        replace_atomically(out, lambda file: file.write(pdf))
    except OSError as error:
        reason = error.strerror or str(error)
        raise ReportFailed("unwritable", f"The PDF could not be written: {reason}.", out) from error
