"""Bringing up the GUI: the workspace first (its errors need no window), then Qt."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from crmdesk.core.db import Workspace, default_workspace_path
from crmdesk.core.errors import CrmdeskError

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


def make_application(argv: list[str]) -> QApplication:
    if QApplication.instance() is None:
        # The BAT preview loads QtWebEngine later; it needs GL contexts shared, which can only
        # be asked for before the application exists.
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("crmdesk")
    app.setApplicationDisplayName("crmdesk")
    app.setOrganizationName("crmdesk")
    app.setStyle("Fusion")  # follows the system's light or dark scheme on every platform
    install_translators(app, QLocale())
    return app


def open_workspace(args: argparse.Namespace) -> Workspace:
    if args.demo and args.db is None:
        from crmdesk.core.workspaces import open_demo

        return open_demo()
    return Workspace.open(args.db if args.db is not None else default_workspace_path())


def run_gui(args: argparse.Namespace) -> int:
    try:
        workspace = open_workspace(args)
    except CrmdeskError as error:
        print(f"crmdesk: {error.message}", file=sys.stderr)
        if not args.quit_when_ready:
            make_application(sys.argv[:1])
            from crmdesk.ui.labels import error_text

            QMessageBox.critical(None, "crmdesk", error_text(error))
        return 2

    app = make_application(sys.argv[:1])
    from crmdesk.ui import crash

    crash.install(app)
    from crmdesk.ui.main_window import MainWindow

    window = MainWindow(workspace)
    if args.quit_when_ready:
        window.ready.connect(lambda: app.exit(0))
        QTimer.singleShot(
            30_000,
            lambda: (print("crmdesk: the window never became ready", file=sys.stderr), app.exit(1)),
        )
    window.show()
    try:
        return app.exec()
    finally:
        window.ops.shutdown()
        workspace.close()
