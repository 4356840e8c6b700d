"""Start-up order: arguments → early checks → workspace (open, migrate) → QApplication → window.

Heavy modules are imported inside ``main`` and only on the path that needs them, so the
headless commands never load Qt and the app never loads Alembic unless a migration is due.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from crmdesk import cli


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


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.parse(sys.argv[1:] if argv is None else argv)
    from crmdesk import crashlog

    crashlog.install(debug=args.debug)  # the log file and faulthandler, before anything can fail
    if args.command is not None:
        return cli.run(args)

    problem = _early_checks()
    if problem:
        print(f"crmdesk: {problem}", file=sys.stderr)
        return 1

    from crmdesk.ui.application import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
