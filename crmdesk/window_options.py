"""The options of ``crmdesk`` without a command (the window), apart from the commands.

The app's start reads them without importing the command line (``crmdesk.cli`` is 2,800 lines
and some sixty sub-parsers: ~60 ms, a fifth of the window's first paint); the command line puts
the very same options on its own parser from here, so they are defined once. Anything else on
the line (a command, ``--help``, a mistake) goes to the command line's parser, which knows the
whole syntax and how to say what is wrong.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from crmdesk import __version__


def db_location(text: str) -> Path | str:
    """``--db``: a PostgreSQL URL kept as typed (``Workspace.open`` parses it), else a file."""
    from crmdesk.core.paths import location

    return location(text)


def add_db_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--db",
        type=db_location,
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="workspace file (default: workspace.sqlite in the user data folder) "
        "or postgresql://user@host:5432/database",
    )


def add_window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"crmdesk {__version__}")
    add_db_option(parser, top=True)
    parser.add_argument("--demo", action="store_true", help="open the demo workspace")
    parser.add_argument(
        "--quit-when-ready",
        action="store_true",
        help="exit 0 once the main window has painted its first populated view",
    )
    parser.add_argument(
        "--quit-when-complete",
        action="store_true",
        help="exit 0 once the main window has loaded everything after its first paint",
    )
    parser.add_argument(
        "--open-bat",
        type=int,
        metavar="ID",
        help="open this campaign's BAT window at start (with --quit-when-ready: exit once its "
        "preview has painted; the packaged app's smoke test uses it)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="print the traceback of an unexpected error and log debug lines (before or after "
        "the command)",
    )


def parse_window_start(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's options when ``argv`` holds nothing else, else None (the command line's
    parser then reads ``argv``)."""
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return None
    parser = argparse.ArgumentParser(prog="crmdesk", add_help=False, exit_on_error=False)
    add_window_options(parser)
    try:
        args, rest = parser.parse_known_args(list(argv))
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.command = None
    return args
