"""Bringing up the GUI: the workspace first (its errors need no window), then Qt."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from crmdesk.core.errors import CrmdeskError
from crmdesk.ui.preferences import Preferences, locale_for

if TYPE_CHECKING:
    from crmdesk.core.db import Workspace
    from crmdesk.ui.main_window import MainWindow

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def install_translators(app: QApplication, locale: QLocale) -> None:
    """crmdesk's own strings and Qt's standard ones (OK, Cancel…) in the user's language."""
    for name, folder in (
        ("crmdesk", RESOURCES / "translations"),
        ("qtbase", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", str(folder)):
            app.installTranslator(translator)


def dark_palette() -> QPalette:
    """Fusion's colours for the dark theme, chosen so text, placeholders, links and disabled
    controls keep a 4.5:1 contrast on their backgrounds (the BAT decision buttons and the
    findings take their dark shades from ``kit.styles`` when this palette is active)."""
    window, base, text = QColor("#2b2b2b"), QColor("#1f1f1f"), QColor("#ececec")
    palette = QPalette(QColor("#3a3a3a"), window)
    role = QPalette.ColorRole
    for colour_role, colour in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, QColor("#2a2a2a")),
        (role.ToolTipBase, QColor("#3a3a3a")),
        (role.ToolTipText, text),
        (role.PlaceholderText, QColor("#a3a3a3")),
        (role.Text, text),
        (role.Button, QColor("#3a3a3a")),
        (role.ButtonText, text),
        (role.BrightText, QColor("#ff6b6b")),
        (role.Light, QColor("#505050")),
        (role.Midlight, QColor("#444444")),
        (role.Mid, QColor("#303030")),
        (role.Dark, QColor("#1a1a1a")),
        (role.Shadow, QColor("#000000")),
        (role.Highlight, QColor("#2f6fd1")),
        (role.HighlightedText, QColor("#ffffff")),
        (role.Link, QColor("#7cb4ff")),
        (role.LinkVisited, QColor("#c4a7ff")),
    ):
        palette.setColor(colour_role, colour)
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor("#8a8a8a"))
    palette.setColor(disabled, role.Base, QColor("#262626"))
    palette.setColor(disabled, role.Button, QColor("#333333"))
    return palette


def light_palette() -> QPalette:
    """Fusion's light colours, whatever the system's scheme."""
    palette = QPalette(QColor("#efefef"), QColor("#efefef"))
    role = QPalette.ColorRole
    palette.setColor(role.Base, QColor("#ffffff"))
    palette.setColor(role.Text, QColor("#000000"))
    palette.setColor(role.WindowText, QColor("#000000"))
    palette.setColor(role.ButtonText, QColor("#000000"))
    palette.setColor(role.PlaceholderText, QColor("#5f5f5f"))
    palette.setColor(role.Highlight, QColor("#308cc6"))
    palette.setColor(role.HighlightedText, QColor("#ffffff"))
    palette.setColor(role.Link, QColor("#0b57d0"))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """Light or dark whatever the system says; "system" leaves Fusion to follow it. Applied
    before the first window is built: the windows pick their text shades once."""
    hints = app.styleHints()
    if theme == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(dark_palette())
    elif theme == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(light_palette())


def make_application(argv: list[str], preferences: Preferences | None = None) -> QApplication:
    if QApplication.instance() is None:
        # The BAT preview loads QtWebEngine later; it needs GL contexts shared, which can only
        # be asked for before the application exists.
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("crmdesk")
    app.setApplicationDisplayName("crmdesk")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "crmdesk.svg")))
    app.setDesktopFileName("crmdesk")  # Wayland matches the window to crmdesk.desktop
    app.setOrganizationName("crmdesk")
    app.setStyle("Fusion")  # follows the system's light or dark scheme on every platform
    locale = QLocale()
    if preferences is not None:
        apply_theme(app, preferences.theme)
        if preferences.language != "system":
            locale = locale_for(preferences.language)
            QLocale.setDefault(locale)  # dates and numbers in the chosen language too
    install_translators(app, locale)
    return app


def open_workspace(args: argparse.Namespace, preferences: Preferences | None = None) -> Workspace:
    """``--db``, else ``--demo``, else the default workspace of the preferences, else
    crmdesk's own."""
    from crmdesk.core.db import Workspace
    from crmdesk.core.paths import default_workspace_path

    if args.demo and args.db is None:
        from crmdesk.core.workspaces import open_demo

        return open_demo()
    if args.db is not None:
        return Workspace.open(args.db)
    chosen = preferences.default_workspace if preferences is not None else None
    return Workspace.open(chosen if chosen is not None else default_workspace_path())


def _collect_from_now_on() -> None:
    """Start-up ran without cyclic garbage collection (``app.main``). What it built lives as
    long as the window: frozen, later collections never scan it again."""
    gc.freeze()
    gc.enable()


def _say_refusal(error: CrmdeskError, quietly: bool) -> None:
    print(f"crmdesk: {error.message}", file=sys.stderr)
    if not quietly:
        from crmdesk.ui.labels import error_text

        QMessageBox.critical(None, "crmdesk", error_text(error))


def run_gui(args: argparse.Namespace) -> int:
    from crmdesk.ui.first_paint import FirstPaint

    preferences = Preferences()
    first_paint = FirstPaint.for_start(args, preferences.last_view, preferences.default_workspace)
    if first_paint is not None:
        # The calendar first, from the file read with sqlite3; the window opens the workspace
        # itself once it has painted.
        app = make_application(sys.argv[:1], preferences)
        from crmdesk.ui import crash

        crash.install(app)
        from crmdesk.ui.main_window import MainWindow

        window = MainWindow(
            None, preferences=preferences, automatic_backups=True, first_paint=first_paint
        )

        def refused(error: CrmdeskError) -> None:
            _say_refusal(error, args.quit_when_ready)
            window.close()
            app.exit(2)

        window.start_failed.connect(refused)
    else:
        try:
            workspace = open_workspace(args, preferences)
        except CrmdeskError as error:
            if not args.quit_when_ready:
                make_application(sys.argv[:1], preferences)
            _say_refusal(error, args.quit_when_ready)
            return 2
        app = make_application(sys.argv[:1], preferences)
        from crmdesk.ui import crash

        crash.install(app)
        from crmdesk.ui.main_window import MainWindow

        window = MainWindow(workspace, preferences=preferences, automatic_backups=True)
    return _run(app, window, args)


def _run(app: QApplication, window: MainWindow, args: argparse.Namespace) -> int:
    # A restore replaces the window (and its workspace) with a new one: follow it, so the
    # workspace closed on the way out is the one open then.
    current = [window]

    def follow(successor: MainWindow) -> None:
        current[0] = successor
        successor.replaced.connect(follow)

    window.replaced.connect(follow)
    window.ready.connect(_collect_from_now_on, Qt.ConnectionType.SingleShotConnection)
    # What needs the whole window waits for it: at once on the ordinary start, after the
    # first paint's second step otherwise.
    when_complete = window.ready if window.is_complete else window.completed
    if args.open_bat is not None:

        def open_bat() -> None:
            bat = window.open_bat(args.open_bat)
            if args.quit_when_ready:
                bat.proof.painted.connect(lambda: app.exit(0))

        when_complete.connect(open_bat, Qt.ConnectionType.SingleShotConnection)
    elif args.quit_when_complete:
        when_complete.connect(lambda: app.exit(0))
    elif args.quit_when_ready:
        window.ready.connect(lambda: app.exit(0))
    if args.quit_when_ready or args.quit_when_complete:
        QTimer.singleShot(
            30_000,
            lambda: (print("crmdesk: the window never became ready", file=sys.stderr), app.exit(1)),
        )
    window.show()
    try:
        return app.exec()
    finally:
        if current[0].is_complete:
            current[0].ops.shutdown()
            current[0].workspace.close()
