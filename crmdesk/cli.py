"""The headless commands: parse, call a core service, print. Nothing else lives here.

Every command takes ``--db PATH`` and shares one error style: a sentence on stderr and exit
status 2 for input the user can fix (a missing file, a locked workspace, a bad date).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from crmdesk import __version__

EXIT_OK = 0
EXIT_UNUSABLE = 2


def _db_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="workspace file (default: workspace.sqlite in the user data folder)",
    )


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date (YYYY-MM-DD)") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crmdesk",
        description="The offline cockpit of the freelance eCRM operator.",
    )
    parser.add_argument("--version", action="version", version=f"crmdesk {__version__}")
    _db_option(parser, top=True)
    parser.add_argument("--demo", action="store_true", help="open the demo workspace")
    parser.add_argument(
        "--quit-when-ready",
        action="store_true",
        help="exit 0 once the main window has painted its first populated view",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="write a demo workspace")
    demo.add_argument("--out", type=Path, required=True, metavar="FILE")
    demo.add_argument("--campaigns", type=int, default=None, metavar="N")
    demo.add_argument("--seed", type=int, default=None, metavar="S")
    demo.add_argument("--today", type=_day, default=None, help="reference day (YYYY-MM-DD)")
    demo.set_defaults(handler=cmd_demo)

    listing = commands.add_parser("campaigns", help="list campaigns")
    _db_option(listing, top=False)
    listing.add_argument("--client", metavar="NAME")
    listing.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD")
    listing.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_campaigns)
    return parser


def workspace_path(args: argparse.Namespace) -> Path:
    from crmdesk.core.db import default_workspace_path

    return args.db if args.db is not None else default_workspace_path()


def cmd_demo(args: argparse.Namespace) -> int:
    from crmdesk.core import demo
    from crmdesk.core.workspaces import write_demo

    count = write_demo(
        args.out,
        demo.DEFAULT_CAMPAIGNS if args.campaigns is None else args.campaigns,
        demo.DEFAULT_SEED if args.seed is None else args.seed,
        args.today,
    )
    print(f"Wrote {count} campaigns to {args.out}")
    return EXIT_OK


def cmd_campaigns(args: argparse.Namespace) -> int:
    from crmdesk.core import campaigns
    from crmdesk.core.calendar import validate_range
    from crmdesk.core.db import Workspace

    if args.start and args.end:
        validate_range(args.start, args.end)
    with Workspace.open(workspace_path(args), create=False) as workspace:
        with workspace.reader() as session:
            rows = campaigns.list_campaigns(session, args.client)
    rows = [
        r
        for r in rows
        if (args.start is None or r.send_at.date() >= args.start)
        and (args.end is None or r.send_at.date() <= args.end)
    ]
    if args.json:
        payload = [
            {
                "id": r.id,
                "client": r.client,
                "name": r.name,
                "status": r.status.value,
                "channel": r.channel.value,
                "send_at": r.send_at.isoformat(),
            }
            for r in rows
        ]
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for r in rows:
            print(
                f"{r.id:>6}  {r.send_at:%Y-%m-%d %H:%M %Z}  {r.status.value:<10}  "
                f"{r.client}  —  {r.name}"
            )
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run a headless command, turning the errors a user can act on into exit status 2."""
    from crmdesk.core.errors import CrmdeskError

    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except CrmdeskError as exc:
        print(f"crmdesk: {exc.message}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # `crmdesk campaigns | head`: the reader has all it wants
        sys.stderr.close()
        return EXIT_OK


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
