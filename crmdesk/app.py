"""Start-up order: arguments → early checks → workspace (open, migrate) → QApplication → window.

Heavy modules are imported inside ``main`` and only on the path that needs them, so the
headless commands never load Qt and the app never loads Alembic unless a migration is due.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

from crmdesk.window_options import parse_window_start


def _early_checks() -> str | None:
    """A sentence explaining what is missing, instead of a traceback from deep inside Qt."""
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        return (
            "no display found (DISPLAY and WAYLAND_DISPLAY are unset). Run crmdesk in a "
            "desktop session, or set QT_QPA_PLATFORM=offscreen for headless use."
        )
    try:
        import PySide6.QtWidgets  # noqa: F401
    except ImportError as exc:
        return (
            f"Qt could not be loaded ({exc}). Install crmdesk with pip, and on Linux the system "
            "libraries Qt needs (libegl1, libxkbcommon-x11-0, libxcb-cursor0, libnss3)."
        )
    return None


def _webengine_without_sandbox_as_root() -> None:
    """Chromium refuses to start its sandbox as root (a fresh VM, a container) and QtWebEngine
    then kills the whole process without a word, at the first BAT preview or PDF. As root, start
    it without the sandbox, before it loads, and say so once in the log. The preview keeps its
    own protections (JavaScript off, remote requests blocked until allowed)."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None or geteuid() != 0:
        return
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--no-sandbox" in flags.split() or os.environ.get("QTWEBENGINE_DISABLE_SANDBOX") == "1":
        return
    os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    import logging

    logging.getLogger("crmdesk").info(
        "Running as root: QtWebEngine starts without Chromium's sandbox "
        "(the BAT preview still runs no JavaScript and blocks remote requests)."
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # The window's own options are read without loading the command line (issue 21).
    args = parse_window_start(argv)
    if args is None:
        from crmdesk import cli

        args = cli.parse(argv)
    from crmdesk import crashlog

    crashlog.install(debug=args.debug)  # the log file and faulthandler, before anything can fail
    _webengine_without_sandbox_as_root()
    if args.command is not None:
        from crmdesk import cli

        return cli.run(args)

    problem = _early_checks()
    if problem:
        print(f"crmdesk: {problem}", file=sys.stderr)
        return 1

    # No cyclic collection while start-up builds its objects (~140 ms of it at 100,000
    # campaigns, for no garbage): ``run_gui`` freezes what was built and collects again once the
    # window is up.
    gc.disable()
    try:
        from crmdesk.ui.application import run_gui

        return run_gui(args)
    finally:
        gc.enable()  # when the window never became ready


if __name__ == "__main__":
    sys.exit(main())
