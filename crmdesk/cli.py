"""The headless commands: parse, call a core service, print. Nothing else lives here.

Every command takes ``--db PATH`` and shares one error style: a sentence on stderr and exit
status 2 for input the user can fix (a missing file, a locked workspace, a bad date).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from crmdesk import __version__
from crmdesk.cli_texts import Texts, language_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crmdesk.core.checks.engine import CheckReport
    from crmdesk.core.clients import ClientInput
    from crmdesk.core.db import Workspace
    from crmdesk.render.reports import Exported

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2
#: ``models.CampaignType`` and ``CampaignStatus`` values, spelt out so that parsing the
#: arguments loads no ORM (``crmdesk check`` stays light); a test keeps them in step.
CAMPAIGN_TYPES = ("newsletter", "promo", "relance", "erratum", "automation")
STATUSES = (
    "draft",
    "brief",
    "production",
    "bat",
    "approved",
    "scheduled",
    "sent",
    "analysed",
    "closed",
)


#: The words of the running command (see ``run``); the locale's until a command sets them.
_TEXTS: list[Texts] = []


def texts() -> Texts:
    """The CLI's words in the language of this run (``--lang``, else the locale)."""
    if not _TEXTS:
        _TEXTS.append(Texts(language_of()))
    return _TEXTS[0]


def tr(text: str, /, **values: object) -> str:
    """``text`` (English, with ``%(name)s`` blanks) in the language of this run."""
    return texts()._(text, **values)


#: The longest line ``say`` prints: a full path and a sentence fit; a megabyte header does not.
SAID_LINE_LIMIT = 400
#: The most lines one message may take (a refusal lists at most five problems and a tail).
SAID_LINES = 12


def shown(text: object, limit: int = 120) -> str:
    """User data (a file name, a header, a value) as a message may quote it: printable, cut."""
    from crmdesk.core.printable import printable

    return printable(text, limit)


def say(message: object) -> None:
    """Print a message for the user on stderr, as "crmdesk: …": the one place the CLI does so.

    Messages quote what the user gave (file names, CSV headers, server replies), and the
    terminal acts on what it reads: an escape sequence in a header could clear the screen or
    retitle the window. So every line is made printable (controls, C1 codes and bidi overrides
    shown escaped) and cut, and a message keeps at most ``SAID_LINES`` lines, whatever a core
    message forgot to clean.
    """
    lines = str(message).replace("\r\n", "\n").split("\n")
    if len(lines) > SAID_LINES:
        lines = [*lines[: SAID_LINES - 1], "…"]
    text = "\n".join(shown(line, SAID_LINE_LIMIT) for line in lines)
    print(f"crmdesk: {text}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse, whose complaints quote the arguments typed: they go through ``say`` too."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{shown(self.prog, 80)}: error: {shown(message, SAID_LINE_LIMIT)}\n")


def print_json(payload: object) -> None:
    """What ``--json`` prints: indented, accents as typed, one final newline."""
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    print()


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
    parser: argparse.ArgumentParser = _Parser(
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

    check = commands.add_parser(
        "check",
        help="check emails (.html or .eml) the way the checklist does",
        description=(
            "Check emails and print the findings. Exit status: 0 when no finding reaches "
            "--fail-on, 1 when one does, 2 when a file cannot be checked at all."
        ),
    )
    check.add_argument("emails", nargs="*", type=Path, metavar="EMAIL")
    _db_option(check, top=False)
    check.add_argument(
        "--campaign", type=int, metavar="ID", help="check against this campaign (needs --db)"
    )
    check.add_argument(
        "--record",
        action="store_true",
        help="keep the findings on the campaign and tick its checklist (one email)",
    )
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--fail-on", choices=("error", "warning"), default="error")
    check.add_argument(
        "--lang", choices=("fr", "en"), default=None, help="language of the messages"
    )
    check.add_argument(
        "--version",
        dest="data_version",
        action="store_true",
        help="print the version and the date and licence of the caniemail.com data",
    )
    check.set_defaults(handler=cmd_check)
    _workspace_commands(commands)
    _smtp_commands(commands)
    _bat_commands(commands)
    _stats_commands(commands)
    _report_commands(commands)
    _backup_commands(commands)
    return parser


def _client_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--colour", "--color", dest="colour", metavar="HEX")
    parser.add_argument("--timezone", metavar="TZ", help="IANA time zone (Europe/Paris)")
    parser.add_argument("--sender-name", metavar="S")
    parser.add_argument("--sender-email", metavar="E")
    parser.add_argument("--utm", metavar="CONVENTION", help="UTM convention of its links")
    parser.add_argument("--pressure-cap", type=int, metavar="N", help="sends a week per segment")
    parser.add_argument("--brief-days", type=int, metavar="N", help="brief due N days before")
    parser.add_argument("--bat-days", type=int, metavar="N", help="BAT due N days before")
    parser.add_argument("--analysis-days", type=int, metavar="N", help="analysis N days after")
    parser.add_argument("--daily-rate", metavar="EUR")
    parser.add_argument("--ab-confidence", type=float, metavar="0.95")
    parser.add_argument("--logo", metavar="PATH")


def _workspace_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    client = commands.add_parser("client", help="clients: add, list, edit, archive, restore")
    actions = client.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a client")
    add.add_argument("name", metavar="NAME")
    _db_option(add, top=False)
    _client_options(add)
    add.set_defaults(handler=cmd_client_add)
    listing = actions.add_parser("list", help="list the clients")
    _db_option(listing, top=False)
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--archived", action="store_true", help="include archived clients")
    listing.set_defaults(handler=cmd_client_list)
    edit = actions.add_parser("edit", help="change a client's fields")
    edit.add_argument("name", metavar="NAME")
    _db_option(edit, top=False)
    _client_options(edit)
    edit.add_argument("--rename", metavar="NEW")
    edit.set_defaults(handler=cmd_client_edit)
    for verb, archived, text in (
        ("archive", True, "archive a client: gone from the pickers, kept in the history"),
        ("restore", False, "bring an archived client back"),
    ):
        one = actions.add_parser(verb, help=text)
        one.add_argument("name", metavar="NAME")
        _db_option(one, top=False)
        one.set_defaults(handler=cmd_client_archive, archived=archived)

    segment = commands.add_parser("segment", help="a client's segments")
    actions = segment.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a segment to a client")
    add.add_argument("segment", metavar="SEGMENT")
    _db_option(add, top=False)
    add.add_argument("--client", required=True, metavar="NAME")
    add.add_argument("--size", type=int, default=0, metavar="N", help="estimated size")
    add.set_defaults(handler=cmd_segment_add)
    listing = actions.add_parser("list", help="list a client's segments")
    _db_option(listing, top=False)
    listing.add_argument("--client", required=True, metavar="NAME")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--archived", action="store_true", help="include archived segments")
    listing.set_defaults(handler=cmd_segment_list)

    contact = commands.add_parser("contact", help="a client's contacts")
    actions = contact.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a contact to a client")
    _db_option(add, top=False)
    add.add_argument("--client", required=True, metavar="NAME")
    add.add_argument("--name", required=True, metavar="N")
    add.add_argument("--email", default="", metavar="E")
    add.add_argument("--role", choices=("marketing", "crm", "data", "client"), default="client")
    add.add_argument(
        "--raci",
        choices=("responsible", "accountable", "consulted", "informed"),
        default="informed",
        help="their part in the RACI (default: informed)",
    )
    add.add_argument("--bat", action="store_true", help="receives the BATs")
    add.add_argument("--no-recaps", action="store_true", help="does not receive the recaps")
    add.set_defaults(handler=cmd_contact_add)
    brought = actions.add_parser(
        "import",
        help="import a client's contacts from CSV or .xlsx (name, email, role)",
        description=(
            "Import the contact list a client sent: one row per person, columns Nom (or Prénom "
            "and Nom de famille), Email, Rôle (marketing, CRM, data, client) and RACI (R, A, "
            "C, I), French or English headers. All or nothing; contacts already there (same "
            "address) are left as they are."
        ),
    )
    brought.add_argument("file", type=Path, metavar="FILE")
    _db_option(brought, top=False)
    brought.add_argument("--client", required=True, metavar="NAME")
    brought.add_argument("--sheet", default=None, metavar="NAME")
    brought.set_defaults(handler=cmd_contact_import)
    listing = actions.add_parser("list", help="list a client's contacts")
    _db_option(listing, top=False)
    listing.add_argument("--client", required=True, metavar="NAME")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_contact_list)

    campaign = commands.add_parser("campaign", help="add a campaign")
    actions = campaign.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a campaign (prints its id)")
    _db_option(add, top=False)
    add.add_argument("--client", required=True, metavar="NAME")
    add.add_argument("--name", required=True, metavar="N")
    add.add_argument("--send", required=True, metavar="'YYYY-MM-DD HH:MM'")
    add.add_argument("--segment", action="append", default=[], metavar="S")
    add.add_argument("--type", choices=CAMPAIGN_TYPES, default="newsletter")
    add.add_argument("--channel", choices=("email", "sms", "push"), default="email")
    add.add_argument("--status", choices=STATUSES, default="draft")
    add.add_argument("--subject", default="", metavar="S")
    add.add_argument("--preheader", default="", metavar="S")
    add.add_argument("--volume", type=int, default=None, metavar="N")
    add.add_argument("--esp", default="", metavar="NAME")
    add.set_defaults(handler=cmd_campaign_add)

    brought = commands.add_parser(
        "import-plan",
        help="import a plan (one row per campaign) from CSV or .xlsx",
        description=(
            "Import the plan kept in a spreadsheet: one row per campaign (client, campaign, send "
            "date, send time, type, channel, segments, status, subject, preheader, volume, ESP, "
            "notes), columns recognised from French or English headers. New clients and "
            "segments are created. All or nothing: a bad row names its line and column and "
            "nothing is written. A row already imported (same client, name and send day) "
            "changes nothing."
        ),
    )
    brought.add_argument("file", type=Path, metavar="FILE")
    _db_option(brought, top=False)
    brought.add_argument("--sheet", default=None, metavar="NAME", help="the .xlsx sheet to read")
    brought.add_argument(
        "--dry-run", action="store_true", help="say what would be imported, write nothing"
    )
    brought.set_defaults(handler=cmd_import_plan)
    out = commands.add_parser(
        "export-plan",
        help="export the plan as CSV, .xlsx or iCalendar (.ics)",
        description=(
            "Export the plan; the format follows the file's extension: .csv, .xlsx, or .ics "
            "for a client's calendar (sends, BAT deadlines and analyses, never internal notes; "
            "importing it again updates the events rather than duplicating them)."
        ),
    )
    _db_option(out, top=False)
    out.add_argument("--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx|FILE.ics")
    out.add_argument("--client", action="append", default=[], metavar="NAME")
    out.add_argument("--from", dest="start", type=_day, default=None, metavar="YYYY-MM-DD")
    out.add_argument("--to", dest="end", type=_day, default=None, metavar="YYYY-MM-DD")
    out.add_argument(
        "--lang", choices=("fr", "en"), default=None, help="language of the messages and the .ics"
    )
    out.set_defaults(handler=cmd_export_plan)

    profile = commands.add_parser(
        "profile", help="show or set the operator's profile (the name on decisions and reports)"
    )
    _db_option(profile, top=False)
    profile.add_argument("--name", metavar="N")
    profile.add_argument("--email", metavar="E")
    profile.add_argument("--company", metavar="C")
    profile.add_argument("--logo", metavar="PATH")
    profile.add_argument("--colour", "--color", dest="colour", metavar="HEX")
    profile.set_defaults(handler=cmd_profile)


def _report_options(parser: argparse.ArgumentParser) -> None:
    _db_option(parser, top=False)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    parser.add_argument(
        "--lang", choices=("fr", "en"), default=None, help="the report's language (default: LANG)"
    )
    parser.add_argument(
        "--today",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date the report is made on (default: today)",
    )


def _report_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    recap = commands.add_parser(
        "export-recap",
        help="print a campaign's recap (brief, BAT, checklist, KPIs, charts, decisions) to PDF",
    )
    recap.add_argument("--campaign", type=int, required=True, metavar="ID")
    _report_options(recap)
    recap.set_defaults(handler=cmd_export_recap)

    review = commands.add_parser(
        "export-review",
        help="print a client's quarterly review (KPI table, trends, pressure, A/B, roadmap) to PDF",
    )
    review.add_argument("--client", required=True, metavar="NAME")
    review.add_argument("--quarter", required=True, metavar="2026Q3")
    _report_options(review)
    review.set_defaults(handler=cmd_export_review)

    brief = commands.add_parser(
        "export-brief", help="print a campaign's brief alone to PDF, for the client to confirm"
    )
    brief.add_argument("--campaign", type=int, required=True, metavar="ID")
    _report_options(brief)
    brief.set_defaults(handler=cmd_export_brief)


def _stats_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    brought = commands.add_parser(
        "import-stats",
        help="import an ESP export (campaign report or per-recipient activity) into a campaign",
        description=(
            "Import an ESP's CSV export as the campaign's figures of the day (or of --on). "
            "All or nothing: a bad line names its line and column and nothing is written. "
            "Importing the same file twice changes nothing. A file about another campaign "
            "(name, subject, send date more than 2 days away), activity from more than a day "
            "before the send or more than 60 days after it, or figures that would replace "
            "the day's recorded ones exit with status 2, one sentence per mismatch, unless "
            "--force."
        ),
    )
    brought.add_argument("file", type=Path, metavar="FILE")
    _db_option(brought, top=False)
    brought.add_argument("--campaign", type=int, required=True, metavar="ID")
    brought.add_argument(
        "--format",
        choices=("auto", "mailchimp", "brevo", "activity"),
        default="auto",
        help="the export's layout (default: recognised from its header)",
    )
    brought.add_argument(
        "--on", type=_day, default=None, metavar="YYYY-MM-DD", help="the day the figures were read"
    )
    brought.add_argument(
        "--force",
        action="store_true",
        help="import even when the file does not look like the campaign's (another name, "
        "subject or send date, activity from before the send) or would replace the figures "
        "recorded for that day; without it these are listed and nothing is written",
    )
    brought.set_defaults(handler=cmd_import_stats)

    shown = commands.add_parser(
        "stats",
        help="print a campaign's KPIs, its targets, the client's averages and its A/B test",
    )
    _db_option(shown, top=False)
    shown.add_argument("--campaign", type=int, required=True, metavar="ID")
    shown.add_argument("--json", action="store_true")
    shown.set_defaults(handler=cmd_stats)

    listed = commands.add_parser(
        "checklist",
        help="print a campaign's checklist: progress per phase, each item, who and why",
    )
    _db_option(listed, top=False)
    listed.add_argument("--campaign", type=int, required=True, metavar="ID")
    listed.add_argument(
        "--today", type=_day, default=None, metavar="YYYY-MM-DD", help="what counts as overdue"
    )
    listed.add_argument("--json", action="store_true")
    listed.set_defaults(handler=cmd_checklist)

    weighed = commands.add_parser(
        "pressure",
        help="the weeks a segment gets more sends than its client's cap (as the cockpit warns)",
    )
    _db_option(weighed, top=False)
    weighed.add_argument("--client", metavar="NAME", help="one client (default: all)")
    weighed.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD")
    weighed.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD")
    weighed.add_argument("--json", action="store_true")
    weighed.set_defaults(handler=cmd_pressure)


def _smtp_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    smtp = commands.add_parser("smtp", help="SMTP accounts for BAT test sends")
    actions = smtp.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="add an SMTP account",
        description=(
            "Add an SMTP account to the workspace. Its password is read from standard input "
            "and kept in the system keyring, never in the workspace."
        ),
    )
    add.add_argument("name", metavar="NAME")
    _db_option(add, top=False)
    add.add_argument("--host", required=True, metavar="HOST")
    add.add_argument("--port", type=int, required=True, metavar="PORT")
    add.add_argument("--security", choices=("starttls", "ssl", "none"), default="starttls")
    add.add_argument("--user", default="", metavar="USER", help="the login, if the server asks")
    add.add_argument("--sender", default="", metavar="ADDRESS", help="From address (default: USER)")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )
    add.set_defaults(handler=cmd_smtp_add)
    listing = actions.add_parser("list", help="list the SMTP accounts")
    _db_option(listing, top=False)
    listing.set_defaults(handler=cmd_smtp_list)


def _bat_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bat = commands.add_parser("bat", help="BAT rounds: import an email, send a test")
    actions = bat.add_subparsers(dest="action", metavar="ACTION", required=True)
    brought = actions.add_parser(
        "import",
        help="import an email (.html, .eml or .zip) as the campaign's next BAT round",
    )
    brought.add_argument("file", type=Path, metavar="FILE")
    _db_option(brought, top=False)
    brought.add_argument("--campaign", type=int, required=True, metavar="ID")
    brought.set_defaults(handler=cmd_bat_import)
    send = actions.add_parser(
        "send",
        help="send a BAT round to test addresses",
        description=(
            "Send a BAT round (the latest unless --round) through an SMTP account: subject "
            "prefixed [BAT n], personalisation filled from a persona of the client."
        ),
    )
    _db_option(send, top=False)
    send.add_argument("--campaign", type=int, required=True, metavar="ID")
    send.add_argument("--round", type=int, default=None, metavar="N")
    send.add_argument(
        "--to", action="extend", nargs="+", required=True, metavar="ADDRESS", dest="recipients"
    )
    send.add_argument("--account", required=True, metavar="NAME")
    send.add_argument(
        "--persona", default=None, metavar="NAME", help="default: the client's first persona"
    )
    send.set_defaults(handler=cmd_bat_send)


def workspace_path(args: argparse.Namespace) -> Path:
    from crmdesk.core.db import default_workspace_path

    return args.db if args.db is not None else default_workspace_path()


def _backup_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    taken = commands.add_parser(
        "backup",
        help="back up the workspace (SQLite's online backup, safe while the app is open)",
        description=(
            "Back up the workspace into the backups folder (keeping the newest 14 and one a "
            "month for a year), or exactly to --out FILE."
        ),
    )
    _db_option(taken, top=False)
    taken.add_argument("--out", type=Path, metavar="FILE", help="write the backup to FILE")
    taken.set_defaults(handler=cmd_backup)
    restored = commands.add_parser(
        "restore",
        help="replace the workspace with a backup, after backing up the current state",
        description=(
            "Check the backup (a crmdesk workspace, PRAGMA integrity_check, not from a newer "
            "crmdesk), back up the current workspace, then put the backup in its place. "
            "Asks for confirmation on a terminal; --yes confirms for scripts."
        ),
    )
    restored.add_argument("backup", type=Path, metavar="FILE")
    _db_option(restored, top=False)
    restored.add_argument("--yes", action="store_true", help="confirm without asking")
    restored.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from crmdesk.core import backups

    path = workspace_path(args)
    if args.out is not None:
        written = backups.backup_to_file(path, args.out)
    else:
        written = backups.backup_now(path, backups.default_folder(path))
    print(tr("Backup written to %(path)s", path=shown(written, SAID_LINE_LIMIT)))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from crmdesk.core import backups
    from crmdesk.core.errors import CrmdeskError

    path = workspace_path(args)
    backups.check_backup(args.backup)  # a refusal comes before any question
    if not args.yes:
        if not sys.stdin.isatty():
            raise CrmdeskError(
                tr(
                    "restore: standard input is not a terminal, so nobody can confirm; add "
                    "--yes to replace the workspace. Nothing was changed."
                )
            )
        campaigns = backups.campaign_count(args.backup)
        question = tr(
            "Replace the workspace %(workspace)s with the backup %(backup)s (%(count)s)? "
            "The current state is backed up first. [y/N] ",
            workspace=shown(path, SAID_LINE_LIMIT),
            backup=shown(args.backup, SAID_LINE_LIMIT),
            count=texts().count(campaigns or 0, "campaign"),
        )
        try:
            answer = input(question).strip().lower()
        except EOFError:
            answer = ""
        if answer not in ("y", "yes", "o", "oui"):
            print(tr("Restore cancelled; nothing was changed."))
            return EXIT_OK
    safety = backups.restore(args.backup, path, backups.default_folder(path))
    print(tr("Restored %(backup)s", backup=shown(args.backup, SAID_LINE_LIMIT)))
    print(
        tr(
            "The previous state of the workspace is kept in %(path)s",
            path=shown(safety, SAID_LINE_LIMIT),
        )
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from crmdesk.core import demo
    from crmdesk.core.workspaces import write_demo

    count = write_demo(
        args.out,
        demo.DEFAULT_CAMPAIGNS if args.campaigns is None else args.campaigns,
        demo.DEFAULT_SEED if args.seed is None else args.seed,
        args.today,
    )
    print(tr("Wrote %(count)s to %(path)s", count=texts().count(count, "campaign"), path=args.out))
    return EXIT_OK


def cmd_campaigns(args: argparse.Namespace) -> int:
    from crmdesk.core import campaigns
    from crmdesk.core.calendar import validate_range

    if args.start and args.end:
        validate_range(args.start, args.end)
    with open_for_reading(workspace_path(args)) as workspace:
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
        print_json(payload)
    else:
        t = texts()
        for r in rows:
            print(
                f"{r.id:>6}  {r.send_at:%Y-%m-%d %H:%M %Z}  {t.value(r.status.value):<10}  "
                f"{r.client}  —  {r.name}"
            )
        if not rows:
            print(tr("No campaigns."))
    return EXIT_OK


def _language(choice: str | None) -> str:
    """``--lang`` if given, else the locale's language (see ``cli_texts.language_of``)."""
    return language_of(choice)


def cmd_check(args: argparse.Namespace) -> int:
    # Only the engine: no Qt, no ORM, no matplotlib unless --db asks for a campaign.
    from crmdesk.core.checks import compat
    from crmdesk.core.checks.engine import check_file
    from crmdesk.core.checks.model import CheckContext, Severity
    from crmdesk.core.errors import CrmdeskError, UnusableEmail

    notice = compat.data_notice()
    if args.data_version:
        print(f"crmdesk {__version__}")
        print(
            tr(
                "CSS and HTML support data: %(source)s, updated %(day)s; licence %(licence)s: "
                "%(notice)s",
                source=notice["source"],
                day=notice["last_update_date"],
                licence=notice["licence"],
                notice=notice["notice"],
            )
        )
        return EXIT_OK
    if not args.emails:
        raise CrmdeskError(tr("check: name at least one email file (.html or .eml)."))
    if (args.campaign is None) != (args.db is None):
        raise CrmdeskError(tr("check: --db and --campaign go together."))
    if args.record and (args.campaign is None or len(args.emails) != 1):
        raise CrmdeskError(tr("check: --record needs --db, --campaign and exactly one email."))
    context = CheckContext()
    if args.campaign is not None:
        from crmdesk.core import checklists
        from crmdesk.core.db import Workspace

        with open_for_reading(args.db) as workspace, workspace.reader() as session:
            context = checklists.check_context(session, args.campaign)
    threshold = Severity(args.fail_on)
    language = _language(args.lang)
    files: list[dict[str, object]] = []
    status = EXIT_OK
    for path in args.emails:
        try:
            report = check_file(path, replace(context, base_dir=path.parent))
        except UnusableEmail as exc:
            files.append({"file": str(path), "error": {"code": exc.code, "message": exc.message}})
            if args.format == "text":
                say(exc.message)
            status = EXIT_UNUSABLE
            continue
        files.append(report.to_json())
        worst = report.worst()
        if status == EXIT_OK and worst is not None and worst.rank >= threshold.rank:
            status = EXIT_FINDINGS
        if args.format == "text":
            _print_report(report, language)
        if args.record:  # --campaign is given, so checklists and Workspace are imported
            with Workspace.open(args.db, create=False) as workspace:
                with workspace.session() as session:
                    outcome = checklists.record_run(session, args.campaign, report)
            ticked = texts().count(len(outcome.ticks), "checklist item")
            print(tr("Recorded on campaign %(id)s: %(count)s", id=args.campaign, count=ticked))
    if args.format == "json":
        payload = {
            "crmdesk": __version__,
            "fail_on": threshold.value,
            "data": notice,
            "files": files,
        }
        print_json(payload)
    return status


def _client_input(args: argparse.Namespace, base: ClientInput) -> ClientInput:
    """``base`` with the options given on the command line."""
    from decimal import Decimal, InvalidOperation

    from crmdesk.core.errors import CrmdeskError

    changes: dict[str, object] = {}
    for option, field_name in (
        ("colour", "colour"),
        ("timezone", "timezone"),
        ("sender_name", "sender_name"),
        ("sender_email", "sender_address"),
        ("utm", "utm_convention"),
        ("pressure_cap", "pressure_cap"),
        ("brief_days", "brief_offset_days"),
        ("bat_days", "bat_offset_days"),
        ("analysis_days", "analysis_offset_days"),
        ("ab_confidence", "ab_confidence"),
        ("logo", "logo_path"),
    ):
        value = getattr(args, option)
        if value is not None:
            changes[field_name] = value
    if args.daily_rate is not None:
        text = args.daily_rate.replace(",", ".").replace("€", "").strip()
        try:
            changes["daily_rate"] = Decimal(text) if text else None
        except InvalidOperation as exc:
            raise CrmdeskError(
                tr("--daily-rate: “%(value)s” is not an amount.", value=args.daily_rate)
            ) from exc
    return replace(base, **changes)  # type: ignore[arg-type]


def open_for_reading(path: Path) -> Workspace:
    """The workspace for a command that only reads: it works while the window holds the file,
    on a consistent snapshot. A file from an older crmdesk is upgraded first (after a backup),
    as opening it for writing would, when nobody else holds it."""
    from crmdesk.core.db import Workspace, WorkspaceOutdated

    try:
        return Workspace.open(path, read_only=True)
    except WorkspaceOutdated:
        Workspace.open(path, create=False).close()
        return Workspace.open(path, read_only=True)


def _read(args: argparse.Namespace) -> Workspace:
    return open_for_reading(workspace_path(args))


def _open(args: argparse.Namespace, *, create: bool = False) -> Workspace:
    """The workspace of ``--db``; the commands that add something start a new one when it does
    not exist yet, so a user can begin from nothing on the command line."""
    from crmdesk.core.db import Workspace

    return Workspace.open(workspace_path(args), create=create)


def cmd_client_add(args: argparse.Namespace) -> int:
    from crmdesk.core import clients

    data = _client_input(args, clients.ClientInput(args.name))
    with _open(args, create=True) as workspace, workspace.session() as session:
        clients.add_client(session, data)
        saved = clients.client_input(session, clients_id(session, args.name))
    print(
        tr(
            "Client “%(name)s” added (%(colour)s, %(timezone)s)",
            name=saved.name,
            colour=saved.colour,
            timezone=saved.timezone,
        )
    )
    return EXIT_OK


def clients_id(session: Session, name: str) -> int:
    from crmdesk.core.campaigns import client_id_by_name

    return client_id_by_name(session, name)


def cmd_client_list(args: argparse.Namespace) -> int:
    from crmdesk.core import clients

    with _read(args) as workspace, workspace.reader() as session:
        found = clients.list_clients(session, include_archived=args.archived)
        details = {c.id: clients.client_input(session, c.id) for c in found}
    if args.json:
        payload = [
            {
                "id": c.id,
                "name": c.name,
                "colour": c.colour,
                "timezone": c.timezone,
                "sender_name": details[c.id].sender_name,
                "sender_email": details[c.id].sender_address,
                "pressure_cap": c.pressure_cap,
                "daily_rate": (
                    None if details[c.id].daily_rate is None else str(details[c.id].daily_rate)
                ),
                "archived": c.archived,
            }
            for c in found
        ]
        print_json(payload)
        return EXIT_OK
    if found:
        print(
            f"{tr('ID'):>4}  {tr('Colour'):<7}  {tr('Time zone'):<16}  {tr('Cap'):>13}  "
            f"{tr('Name')}"
        )
    for c in found:
        archived = f"  {tr('(archived)')}" if c.archived else ""
        print(
            f"{c.id:>4}  {c.colour:<7}  {c.timezone:<16}  {c.pressure_cap:>13}  {c.name}{archived}"
        )
    if not found:
        print(
            tr("No active clients: add one with `crmdesk client add NAME` (--archived lists all).")
        )
    return EXIT_OK


def cmd_client_edit(args: argparse.Namespace) -> int:
    from crmdesk.core import clients

    with _open(args) as workspace, workspace.session() as session:
        client_id = clients_id(session, args.name)
        data = _client_input(args, clients.client_input(session, client_id))
        if args.rename is not None:
            data = replace(data, name=args.rename)
        clients.update_client(session, client_id, data)
        saved = clients.client_input(session, client_id)
    print(tr("Client “%(name)s” saved", name=saved.name))
    return EXIT_OK


def cmd_client_archive(args: argparse.Namespace) -> int:
    from crmdesk.core import clients

    with _open(args) as workspace, workspace.session() as session:
        client_id = clients_id(session, args.name)
        clients.set_client_archived(session, client_id, args.archived)
        name = clients.client_input(session, client_id).name
    print(
        tr("Client “%(name)s” archived", name=name)
        if args.archived
        else tr("Client “%(name)s” restored", name=name)
    )
    return EXIT_OK


def cmd_segment_add(args: argparse.Namespace) -> int:
    from crmdesk.core import clients

    with _open(args, create=True) as workspace, workspace.session() as session:
        client_id = clients_id(session, args.client)
        clients.add_segment(session, client_id, args.segment, args.size)
        name = clients.client_input(session, client_id).name
    print(
        tr(
            "Segment “%(segment)s” added to “%(client)s” (%(size)s)",
            segment=" ".join(args.segment.split()),
            client=name,
            size=texts().count(args.size, "contact", grouped=True),
        )
    )
    return EXIT_OK


def cmd_segment_list(args: argparse.Namespace) -> int:
    from crmdesk.core import clients

    with _read(args) as workspace, workspace.reader() as session:
        client_id = clients_id(session, args.client)
        found = clients.list_segments(session, client_id, include_archived=args.archived)
    if args.json:
        payload = [
            {"id": s.id, "name": s.name, "size": s.estimated_size, "archived": s.archived}
            for s in found
        ]
        print_json(payload)
        return EXIT_OK
    t = texts()
    if found:
        print(f"{tr('ID'):>4}  {tr('Size'):>10}  {tr('Name')}")
    for s in found:
        archived = f"  {tr('(archived)')}" if s.archived else ""
        print(f"{s.id:>4}  {t.number(s.estimated_size):>10}  {s.name}{archived}")
    return EXIT_OK


def cmd_contact_add(args: argparse.Namespace) -> int:
    from crmdesk.core import contacts
    from crmdesk.core.models import ChecklistRole, RaciRole

    data = contacts.ContactInput(
        args.name,
        args.email,
        ChecklistRole(args.role),
        RaciRole(args.raci),
        receives_bat=args.bat,
        receives_recaps=not args.no_recaps and bool(args.email.strip()),
    )
    with _open(args, create=True) as workspace, workspace.session() as session:
        client_id = clients_id(session, args.client)
        contacts.add_contact(session, client_id, data)
    print(
        tr(
            "Contact “%(name)s” added (%(role)s)",
            name=" ".join(args.name.split()),
            role=texts().value(args.role),
        )
    )
    return EXIT_OK


def cmd_contact_import(args: argparse.Namespace) -> int:
    from crmdesk.core import contact_import, tabular

    table = tabular.read_table(args.file, sheet=args.sheet)
    with _open(args) as workspace, workspace.session() as session:
        client_id = clients_id(session, args.client)
        found = contact_import.preview(session, client_id, table)
        added = len(contact_import.apply(session, client_id, found)[0])
    print(
        tr(
            "%(file)s: %(added)s added, %(unchanged)s already there",
            file=shown(args.file.name),
            added=texts().count(added, "contact added"),
            unchanged=found.unchanged,
        )
    )
    return EXIT_OK


def cmd_contact_list(args: argparse.Namespace) -> int:
    from crmdesk.core import contacts

    with _read(args) as workspace, workspace.reader() as session:
        found = contacts.contacts(session, clients_id(session, args.client))
    if args.json:
        payload = [
            {
                "id": c.id,
                "name": c.name,
                "email": c.email,
                "role": c.team.value,
                "raci": c.role.value,
                "receives_bat": c.receives_bat,
                "receives_recaps": c.receives_recaps,
            }
            for c in found
        ]
        print_json(payload)
        return EXIT_OK
    t = texts()
    if found:
        print(f"{tr('ID'):>4}  {tr('Team'):<9}  {tr('Name')}  <{tr('E-mail')}>  {tr('Receives')}")
    for c in found:
        gets = ", ".join(
            what
            for what, yes in (("BAT", c.receives_bat), (tr("recaps"), c.receives_recaps))
            if yes
        )
        print(f"{c.id:>4}  {t.value(c.team.value):<9}  {c.name}  <{c.email or '—'}>  {gets}")
    return EXIT_OK


def _send_at(text: str) -> tuple[date, time]:
    from datetime import datetime

    from crmdesk.core.errors import CrmdeskError

    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
        return parsed.date(), parsed.time() if pattern != "%Y-%m-%d" else time(9, 0)
    raise CrmdeskError(
        tr("--send: “%(value)s” is not a date and time (YYYY-MM-DD HH:MM).", value=text)
    )


def cmd_campaign_add(args: argparse.Namespace) -> int:
    from crmdesk.core import campaigns, clients
    from crmdesk.core.models import CampaignStatus, CampaignType, Channel

    day, at = _send_at(args.send)
    with _open(args, create=True) as workspace, workspace.session() as session:
        client_id = clients_id(session, args.client)
        segment_ids = tuple(
            clients.segment_id_by_name(session, client_id, name) for name in args.segment
        )
        data = campaigns.CampaignInput(
            client_id=client_id,
            name=args.name,
            send_date=day,
            send_time=at,
            timezone=clients.client_input(session, client_id).timezone,
            channel=Channel(args.channel),
            type=CampaignType(args.type),
            status=CampaignStatus(args.status),
            segment_ids=segment_ids,
            volume=args.volume,
            subject=args.subject,
            preheader=args.preheader,
            esp=args.esp,
        )
        campaign_id, _ = campaigns.create(session, data)
    print(campaign_id)
    return EXIT_OK


def cmd_import_plan(args: argparse.Namespace) -> int:
    from crmdesk.core import plan, tabular

    table = tabular.read_table(args.file, sheet=args.sheet)
    result = None
    with _read(args) if args.dry_run else _open(args, create=True) as workspace:
        with workspace.reader() as session:
            preview = plan.preview(session, table, plan.PlanMapping.recognise(table.headers))
            if preview.problem_count:
                plan.apply(session, preview)  # refuses at once, naming lines and columns
        if not args.dry_run:
            with workspace.session() as session:
                result = plan.apply(session, preview)
    created = preview.created if result is None else result.created
    new_clients = preview.new_clients if result is None else result.new_clients
    new_segments = preview.new_segments if result is None else result.new_segments
    skipped = preview.skipped_empty + preview.skipped_total
    t = texts()
    sentence = (
        "%(file)s: %(created)s would be imported, %(unchanged)s already there, %(clients)s, "
        "%(segments)s, %(skipped)s skipped"
        if args.dry_run
        else "%(file)s: %(created)s imported, %(unchanged)s already there, %(clients)s, "
        "%(segments)s, %(skipped)s skipped"
    )
    print(
        tr(
            sentence,
            file=shown(args.file.name),
            created=t.count(created, "campaign" if args.dry_run else "campaign imported"),
            unchanged=preview.unchanged,
            clients=t.count(len(new_clients), "new client"),
            segments=t.count(len(new_segments), "new segment"),
            skipped=t.count(skipped, "empty or total row"),
        )
    )
    return EXIT_OK


def cmd_export_plan(args: argparse.Namespace) -> int:
    """CSV and .xlsx hold any clients; an .ics is one calendar, so one client (or all).
    Every refusal comes before the workspace is read and before anything is written."""
    from crmdesk.core import plan
    from crmdesk.core.calendar import validate_range
    from crmdesk.core.errors import CrmdeskError

    calendar = args.out.suffix.lower() == ".ics"
    if calendar and len(args.client) > 1:
        raise CrmdeskError(
            tr("export-plan: an .ics file holds one client's plan; give one --client.")
        )
    if args.start is not None and args.end is not None:
        validate_range(args.start, args.end)
    with _read(args) as workspace, workspace.reader() as session:
        chosen = {clients_id(session, name) for name in args.client} or None
        if calendar:
            from crmdesk.core import ical

            count = ical.write_plan_ics(
                session,
                args.out,
                next(iter(chosen)) if chosen else None,
                args.start,
                args.end,
                language=texts().language,
            )
        else:
            count = plan.export_plan(
                session, args.out, client_ids=chosen, start=args.start, end=args.end
            )
    print(tr("Wrote %(count)s to %(path)s", count=texts().count(count, "campaign"), path=args.out))
    return EXIT_OK


def cmd_profile(args: argparse.Namespace) -> int:
    from crmdesk.core import operators

    given = {
        k: v
        for k, v in (
            ("name", args.name),
            ("email", args.email),
            ("company", args.company),
            ("logo_path", args.logo),
            ("colour", args.colour),
        )
        if v is not None
    }
    with _open(args, create=True) if given else _read(args) as workspace:
        if given:
            with workspace.session() as session:
                current = operators.me(session)
                base = current.as_input() if current else operators.ProfileInput("")
                operators.save_my_profile(session, replace(base, **given))
        with workspace.reader() as session:
            profile = operators.me(session)
    if profile is None:
        print(tr("No profile yet: set yours with `crmdesk profile --name N --email E`."))
        return EXIT_OK
    company = f", {profile.company}" if profile.company else ""
    email = f" <{profile.email}>" if profile.email else ""
    shown = f"{profile.name}{email}{company} ({profile.colour})"
    print(tr("Saved: %(profile)s", profile=shown) if given else shown)
    return EXIT_OK


def cmd_smtp_add(args: argparse.Namespace) -> int:
    from crmdesk.core import smtp
    from crmdesk.core.db import Workspace
    from crmdesk.core.errors import CrmdeskError
    from crmdesk.core.models import SmtpSecurity

    password = None
    if args.password_stdin:
        if sys.stdin.isatty():  # typed at the keyboard: not echoed on the screen
            import getpass

            password = getpass.getpass(tr("Password of %(user)s: ", user=args.user or args.name))
        else:
            password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CrmdeskError(
                tr("smtp add: the password (first line of standard input) is empty.")
            )
    elif args.user:
        raise CrmdeskError(
            tr(
                "smtp add: --user needs --password-stdin: the password is read from standard "
                "input, never from the command line."
            )
        )
    data = smtp.AccountInput(
        args.name, args.host, args.port, SmtpSecurity(args.security), args.user, args.sender
    )
    with Workspace.open(workspace_path(args), create=False) as workspace:
        with workspace.session() as session:
            smtp.save_account(session, data, password)
            saved = smtp.account(session, args.name)
    login = (
        tr(", user %(user)s, password in the system keyring", user=saved.username)
        if saved.username
        else ""
    )
    print(
        tr(
            "SMTP account “%(name)s” saved: %(where)s (%(security)s)",
            name=saved.name,
            where=saved.where,
            security=saved.security.value,
        )
        + login
    )
    return EXIT_OK


def cmd_smtp_list(args: argparse.Namespace) -> int:
    from crmdesk.core import smtp

    with open_for_reading(workspace_path(args)) as workspace:
        with workspace.reader() as session:
            found = smtp.accounts(session)
    for account in found:
        sender = account.sender or account.username or "—"
        print(f"{account.name}  {account.where}  {account.security.value:<8}  {sender}")
    return EXIT_OK


def cmd_bat_import(args: argparse.Namespace) -> int:
    from crmdesk.core import operators
    from crmdesk.core.bat import rounds
    from crmdesk.core.checks.model import Severity
    from crmdesk.core.db import Workspace

    with Workspace.open(workspace_path(args), create=False) as workspace:
        with workspace.session() as session:
            round_id, _ = rounds.import_file(
                session, args.campaign, args.file, operators.who(session)
            )
            view = rounds.load_round(session, round_id)
    errors = sum(f.severity is Severity.ERROR for f in view.findings)
    warnings = sum(f.severity is Severity.WARNING for f in view.findings)
    t = texts()
    print(
        tr(
            "BAT %(number)s imported for “%(campaign)s”: %(summary)s",
            number=view.number,
            campaign=view.campaign_name,
            summary=f"{t.count(errors, 'error')}, {t.count(warnings, 'warning')}",
        )
    )
    for notice in view.notices:
        print(f"  {notice.message}")
    return EXIT_OK


def cmd_bat_send(args: argparse.Namespace) -> int:
    from crmdesk.core import operators
    from crmdesk.core.bat import message, rounds
    from crmdesk.core.db import Workspace

    with Workspace.open(workspace_path(args), create=False) as workspace:
        # The exchange with the server happens between two transactions, holding no lock.
        with workspace.reader() as session:
            send = message.prepare_send(
                session,
                rounds.round_id_for(session, args.campaign, args.round),
                account_name=args.account,
                recipients=args.recipients,
                persona_name=args.persona,
            )
        message.deliver(send)
        with workspace.session() as session:
            message.record(session, send, operators.who(session))
    persona = (
        tr("persona %(name)s", name=send.persona) if send.persona else tr("the sample persona")
    )
    print(
        tr(
            "BAT %(number)s of “%(campaign)s” sent to %(to)s via %(account)s (%(where)s), "
            "%(persona)s",
            number=send.number,
            campaign=send.campaign_name,
            to=", ".join(send.recipients),
            account=send.account.name,
            where=send.account.where,
            persona=persona,
        )
    )
    return EXIT_OK


def cmd_import_stats(args: argparse.Namespace) -> int:
    from crmdesk.core import operators
    from crmdesk.core.db import Workspace
    from crmdesk.core.stats import imports

    # The window's shape: read the campaign, parse the file outside any transaction (a large
    # export takes a while), then write it in one short transaction.
    with Workspace.open(workspace_path(args), create=False) as workspace:
        with workspace.reader() as session:
            target = imports.target(session, args.campaign)
            who = operators.who(session)
        parsed = imports.read_file(
            args.file,
            layout=args.format,
            campaign_name=target.campaign_name,
            campaign_subject=target.subject,
            send_at=target.send_at,
        )
        try:
            with workspace.session() as session:
                result, _ = imports.save_parsed(
                    session,
                    args.campaign,
                    parsed,
                    taken_on=args.on,
                    imported_by=who,
                    force=args.force,
                )
        except imports.ImportMismatch as refused:
            for mismatch in refused.mismatches:
                say(mismatch_text(mismatch))
            again = tr("Nothing was written; run again with --force to import this file anyway.")
            say(again)
            return EXIT_UNUSABLE
    t = texts()
    if result.already_imported:
        print(
            tr(
                "%(file)s was already imported into this campaign: nothing changed.",
                file=shown(args.file.name),
            )
        )
        return EXIT_OK
    variants = (
        tr(", variants %(variants)s", variants=", ".join(result.variants))
        if any(result.variants)
        else ""
    )
    print(
        tr(
            "%(file)s (%(layout)s): %(rows)s read, figures of %(day)s saved%(variants)s",
            file=shown(args.file.name),
            layout=result.layout,
            rows=t.count(result.rows, "row"),
            day=t.day(result.taken_on.isoformat()),
            variants=variants,
        )
    )
    return EXIT_OK


#: A stats import's mismatch (``imports.Mismatch.field``) as one sentence of the CLI.
MISMATCH_SENTENCES = {
    "campaign": "The file is about the campaign “%(file)s”, this campaign is “%(campaign)s”.",
    "subject": "The file's subject is “%(file)s”, this campaign's is “%(campaign)s”.",
    "send_date": "The file's send date is %(file)s, this campaign was sent on %(campaign)s.",
    "events_before": (
        "The file has opens or clicks from %(file)s, before this campaign's send (%(campaign)s)."
    ),
    "events_after": (
        "The file has opens or clicks until %(file)s, more than 60 days after this "
        "campaign's send (%(campaign)s)."
    ),
    "replaces": (
        "Figures are already recorded for %(file)s (%(campaign)s): they would be replaced."
    ),
}


def mismatch_text(mismatch: object) -> str:
    """One mismatch of a stats import in the language of this run, dates as the reader
    writes them."""
    field = str(getattr(mismatch, "field", ""))
    in_file, in_campaign = (
        str(getattr(mismatch, "in_file", "")),
        str(getattr(mismatch, "in_campaign", "")),
    )
    t = texts()
    if field in ("send_date", "events_before", "events_after", "replaces"):
        in_file = t.day(in_file)
    if field in ("send_date", "events_before", "events_after"):
        in_campaign = t.day(in_campaign)
    if field == "replaces":
        in_campaign = ", ".join(
            tr("typed in") if origin == "typed" else origin for origin in in_campaign.split(", ")
        )
    sentence = MISMATCH_SENTENCES.get(field)
    if sentence is None:
        return str(getattr(mismatch, "message", field))
    return tr(sentence, file=in_file, campaign=in_campaign)


#: The KPIs' names in the CLI's English, in the order ``kpis.KPI_KEYS`` gives them.
KPI_NAMES = {
    "delivery_rate": "Delivery rate",
    "open_rate": "Unique open rate",
    "click_rate": "Click rate",
    "ctor": "Click-to-open rate",
    "unsubscribe_rate": "Unsubscribe rate",
    "hard_bounce_rate": "Hard bounce rate",
    "soft_bounce_rate": "Soft bounce rate",
    "complaint_rate": "Complaint rate",
    "conversion_rate": "Conversion rate",
    "revenue_per_delivered": "Revenue per delivered email",
}


def _export(args: argparse.Namespace, export: Callable[..., Exported], *target: object) -> int:
    # QtWebEngine and matplotlib load here, for the commands that print, and only them.
    from crmdesk.render import pdf

    language = _language(args.lang)
    pdf.ensure_application(language)
    with open_for_reading(workspace_path(args)) as workspace:
        done = export(
            workspace, *target, args.out, today=args.today or date.today(), language=language
        )
    for warning in done.warnings:
        say(warning)
    print(tr("Wrote %(path)s (%(size)s KB)", path=done.out, size=done.size // 1024 or 1))
    return EXIT_OK


def cmd_export_recap(args: argparse.Namespace) -> int:
    from crmdesk.render import reports

    return _export(args, reports.export_recap, args.campaign)


def cmd_export_review(args: argparse.Namespace) -> int:
    from crmdesk.render import reports

    return _export(args, reports.export_review, args.client, args.quarter)


def cmd_export_brief(args: argparse.Namespace) -> int:
    from crmdesk.render import reports

    return _export(args, reports.export_brief, args.campaign)


def _kpi_text(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    from crmdesk.core.stats.kpis import decimals

    decimal = "," if texts().language == "fr" else "."
    places = decimals(key)
    if key == "revenue_per_delivered":
        return f"{value:.{places}f} €".replace(".", decimal)
    return f"{value * 100:.{places}f} %".replace(".", decimal)


#: How ``crmdesk stats`` marks a KPI's verdict against its target (else the client's average).
_VERDICT_MARKS = {"good": "▲ better", "bad": "▼ worse", "": ""}


def cmd_stats(args: argparse.Namespace) -> int:
    from crmdesk.core.stats import service
    from crmdesk.core.stats.kpis import verdict

    with open_for_reading(workspace_path(args)) as workspace:
        with workspace.reader() as session:
            stats = service.campaign_stats(session, args.campaign)
            targets = service.brief_targets(session, args.campaign)
    if args.json:
        print_json(service.as_json(stats, targets))
        return EXIT_OK
    t = texts()
    when = t.day(stats.send_at.astimezone().strftime("%Y-%m-%d %H:%M"))
    print(
        tr(
            "%(campaign)s (%(client)s), sent %(when)s",
            campaign=stats.campaign_name,
            client=stats.client_name,
            when=when,
        )
    )
    if stats.reference is None:
        print(tr("No figures yet: import an ESP export or type the D+5 figures."))
        return EXIT_OK
    print(tr("Figures at D+%(day)s", day=stats.reference_day))
    averaged = max((k.campaigns_averaged for k in stats.kpis), default=0)
    print(f"{tr('KPI'):<28}{tr('value'):>10}{tr('target'):>10}{tr('client avg'):>12}")
    for kpi in stats.kpis:
        mark = tr(_VERDICT_MARKS[verdict(kpi.key, kpi.value, kpi.reference)] or "")
        line = (
            f"{tr(KPI_NAMES.get(kpi.key, kpi.key)):<28}{_kpi_text(kpi.key, kpi.value):>10}"
            f"{_kpi_text(kpi.key, kpi.target):>10}{_kpi_text(kpi.key, kpi.client_average):>12}"
        )
        print(f"{line}  {mark}" if mark else line)
    print(
        tr(
            "(client average: %(count)s sent in the 12 months before this one)",
            count=t.count(averaged, "campaign"),
        )
    )
    print(
        tr("(▲ better / ▼ worse than the target, else the client average; unmarked: none or level)")
    )
    if stats.privacy_inflated:
        print(
            tr(
                "Opens look inflated by privacy proxies (Apple Mail Privacy Protection): "
                "judge on clicks."
            )
        )
    if stats.ab is not None:
        ab = stats.ab
        metric = tr(str(ab.metric))
        confidence = f"{ab.confidence * 100:g}"
        print(
            tr(
                "A/B test on %(metric)s at %(confidence)s %% confidence:",
                metric=metric,
                confidence=confidence,
            )
        )
        for row in ab.variants:
            test = tr("(control)") if row.z is None else f"z = {row.z:+.2f}  p = {row.p_value:.4f}"
            print(
                f"  {row.variant:<6}{row.recipients:>10} {tr('delivered')}{row.successes:>8} "
                f"{metric}  {row.rate * 100:6.2f} %  {test}"
            )
        if ab.override is not None:
            print(
                "  "
                + tr(
                    "Winner: %(variant)s (chosen by %(who)s: %(reason)s)",
                    variant=ab.override,
                    who=ab.override_by or tr("hand"),
                    reason=ab.override_reason,
                )
            )
        elif ab.tested_winner is not None:
            print(
                "  "
                + tr(
                    "Winner: %(variant)s (significant at %(confidence)s %%)",
                    variant=ab.tested_winner,
                    confidence=confidence,
                )
            )
        else:
            print(
                "  "
                + tr(
                    "No winner: no difference is significant at %(confidence)s %%",
                    confidence=confidence,
                )
            )
        if ab.sample_size_needed is not None:
            print(
                "  "
                + tr(
                    "Recipients per variant to detect this lift: %(count)s",
                    count=ab.sample_size_needed,
                )
            )
    return EXIT_OK


def _print_report(report: CheckReport, language: str) -> None:
    t = texts()
    counts = report.counts()
    summary = ", ".join(t.count(n, severity.value) for severity, n in counts.items())
    size = f"{report.encoded_size / 1024:.1f}"
    print(
        tr(
            "%(file)s: %(summary)s (%(size)s KB, %(charset)s)",
            file=report.name,
            summary=summary or tr("no findings"),
            size=size.replace(".", ",") if t.language == "fr" else size,
            charset=report.charset,
        )
    )
    for finding in report.findings:
        where = tr("line %(line)s", line=finding.line) if finding.line else "—"
        print(f"  {t.value(finding.severity.value):<7} {where:<10} {finding.check_id}")
        print(f"          {finding.message(language)}")
        if finding.element:
            print(f"          {finding.element}")


def run(args: argparse.Namespace) -> int:
    """Run a headless command, turning the errors a user can act on into exit status 2.

    Anything else is a bug: its traceback goes to the log (and to stderr with ``--debug``), the
    user reads one line naming the log, and the exit status is 1. Ctrl+C exits with 130.
    """
    from crmdesk.core.errors import CrmdeskError

    handler: Callable[[argparse.Namespace], int] = args.handler
    _TEXTS[:] = [Texts(language_of(getattr(args, "lang", None)))]
    try:
        return handler(args)
    except CrmdeskError as exc:
        say(exc.message)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # `crmdesk campaigns | head`: the reader has all it wants
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130  # the shell's status for SIGINT; the user knows why it stopped
    except Exception as exc:
        from crmdesk import crashlog

        command = (getattr(args, "command", None), getattr(args, "action", None))
        log = crashlog.record(exc, " ".join(["crmdesk", *(str(p) for p in command if p)]))
        if getattr(args, "debug", False):
            import traceback

            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        said = " ".join(str(exc).split())
        said = said if len(said) <= 200 else said[:199] + "…"
        what = f"{type(exc).__name__}: {said}" if said else type(exc).__name__
        say(tr("unexpected error (%(what)s); details in %(log)s", what=what, log=log))
        return 1


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = build_parser()
    # ``--debug`` after the command too (`crmdesk check mail.html --debug`): every command
    # knows it, with no default of its own, so the one given before the command is kept.
    debug = next(action for action in parser._actions if action.dest == "debug")
    parsers = [parser]
    while parsers:
        for action in parsers.pop()._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    if "--debug" not in sub._option_string_actions:
                        sub.add_argument(
                            "--debug",
                            action="store_true",
                            default=argparse.SUPPRESS,
                            help=debug.help,
                        )
                    parsers.append(sub)
    return parser.parse_args(argv)


_STATE_MARKS = {"todo": "[ ]", "done": "[x]", "failed": "[!]", "not_applicable": "[-]"}
_PHASE_NAMES = {
    "strategy": "Strategy",
    "production": "Production",
    "bat": "BAT",
    "send": "Send",
    "analysis": "Analysis",
}


def cmd_checklist(args: argparse.Namespace) -> int:
    """The checklist as the window shows it: the same ``load_checklist``, so 12/25 here is
    12/25 there and in the recap."""
    from crmdesk.core import checklists

    today = args.today or date.today()
    with open_for_reading(workspace_path(args)) as workspace:
        with workspace.reader() as session:
            checklist = checklists.load_checklist(session, args.campaign, today)
    language = texts().language
    if args.json:
        print_json(
            {
                "campaign_id": checklist.campaign_id,
                "closed": checklist.closed,
                "total": checklist.total,
                "overdue": checklist.overdue,
                "phases": [
                    {
                        "phase": p.phase.value,
                        "closed": p.closed,
                        "total": p.total,
                        "failed": p.failed,
                        "overdue": p.overdue,
                    }
                    for p in checklist.phases
                ],
                "items": [
                    {
                        "id": i.id,
                        "phase": i.phase.value,
                        "label": {"en": i.label_en, "fr": i.label_fr},
                        "due_on": i.due_on.isoformat(),
                        "state": i.state.value,
                        "event": i.event,
                        "done_by": i.done_by,
                        "done_at": i.done_at.isoformat() if i.done_at else None,
                        "by_app": i.by_check,
                        "note": {"en": i.note("en"), "fr": i.note("fr")},
                        "comment": i.comment,
                        "overdue": i.overdue,
                    }
                    for i in checklist.items
                ],
            }
        )
        return EXIT_OK
    print(
        tr(
            "Checklist: %(closed)s of %(total)s closed, %(overdue)s overdue",
            closed=checklist.closed,
            total=checklist.total,
            overdue=checklist.overdue,
        )
    )
    for phase in checklist.phases:
        print(f"{tr(_PHASE_NAMES[phase.phase.value])}  {phase.closed}/{phase.total}")
        for item in (i for i in checklist.items if i.phase is phase.phase):
            why = item.note(language) or item.comment
            who = f" — {item.done_by}" if item.done_by else ""
            late = f"  {tr('overdue')}" if item.overdue else ""
            print(f"  {_STATE_MARKS[item.state.value]} {item.label(language)}{who}{late}")
            if why:
                print(f"      {why}")
    return EXIT_OK


def cmd_pressure(args: argparse.Namespace) -> int:
    """The weeks over the cap, counted by ``pressure.segment_weeks`` as the cockpit, the
    calendar and the review count them."""
    from datetime import timedelta

    from crmdesk.core import clients, pressure
    from crmdesk.core.calendar import validate_range
    from crmdesk.core.models import Campaign

    start = args.start or date.today()
    end = args.end or start + timedelta(days=30)
    validate_range(start, end)
    with open_for_reading(workspace_path(args)) as workspace:
        with workspace.reader() as session:
            criteria: list[Any] = []
            if args.client:
                criteria.append(Campaign.client_id == clients_id(session, args.client))
            weeks = sorted(
                (w for w in pressure.segment_weeks(session, start, end, *criteria) if w.over_cap),
                key=lambda w: (w.week_start, w.client_id, w.segment_name),
            )
            names = {c.id: c.name for c in clients.list_clients(session, include_archived=True)}
    if args.json:
        print_json(
            [
                {
                    "client": names.get(w.client_id, ""),
                    "segment": w.segment_name,
                    "week_start": w.week_start.isoformat(),
                    "sends": w.sends,
                    "cap": w.cap,
                    "campaign_ids": list(w.campaign_ids),
                }
                for w in weeks
            ]
        )
        return EXIT_OK
    if not weeks:
        print(
            tr(
                "No segment goes over its cap between %(start)s and %(end)s.",
                start=texts().day(start.isoformat()),
                end=texts().day(end.isoformat()),
            )
        )
        return EXIT_OK
    for w in weeks:
        print(
            tr(
                "%(client)s — “%(segment)s”: %(sends)s sends in the week of %(week)s "
                "(cap %(cap)s a week)",
                client=names.get(w.client_id, ""),
                segment=w.segment_name,
                sends=w.sends,
                week=texts().day(w.week_start.isoformat()),
                cap=w.cap,
            )
        )
    return EXIT_OK
