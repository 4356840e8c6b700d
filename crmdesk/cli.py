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
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from crmdesk import __version__
from crmdesk.cli_texts import Texts, language_of
from crmdesk.window_options import add_db_option, add_window_options, db_location

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crmdesk.core.checks.engine import CheckReport
    from crmdesk.core.clients import ClientInput
    from crmdesk.core.db import Workspace
    from crmdesk.core.markers import MarkerRow
    from crmdesk.core.timesheet import BudgetUse, EntryRow
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
    add_window_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="write a demo workspace")
    demo.add_argument("--out", type=Path, required=True, metavar="FILE")
    demo.add_argument("--campaigns", type=int, default=None, metavar="N")
    demo.add_argument("--seed", type=int, default=None, metavar="S")
    demo.add_argument("--today", type=_day, default=None, help="reference day (YYYY-MM-DD)")
    demo.set_defaults(handler=cmd_demo)

    listing = commands.add_parser("campaigns", help="list campaigns")
    add_db_option(listing, top=False)
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
    add_db_option(check, top=False)
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
    _migrate_command(commands)  # migrate-to (issue 22)
    _server_password_command(commands)  # a server workspace's password (issue 22)
    _time_commands(commands)
    _budget_commands(commands)
    _markers_commands(commands)
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
    add_db_option(add, top=False)
    _client_options(add)
    add.set_defaults(handler=cmd_client_add)
    listing = actions.add_parser("list", help="list the clients")
    add_db_option(listing, top=False)
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--archived", action="store_true", help="include archived clients")
    listing.set_defaults(handler=cmd_client_list)
    edit = actions.add_parser("edit", help="change a client's fields")
    edit.add_argument("name", metavar="NAME")
    add_db_option(edit, top=False)
    _client_options(edit)
    edit.add_argument("--rename", metavar="NEW")
    edit.set_defaults(handler=cmd_client_edit)
    for verb, archived, text in (
        ("archive", True, "archive a client: gone from the pickers, kept in the history"),
        ("restore", False, "bring an archived client back"),
    ):
        one = actions.add_parser(verb, help=text)
        one.add_argument("name", metavar="NAME")
        add_db_option(one, top=False)
        one.set_defaults(handler=cmd_client_archive, archived=archived)

    segment = commands.add_parser("segment", help="a client's segments")
    actions = segment.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a segment to a client")
    add.add_argument("segment", metavar="SEGMENT")
    add_db_option(add, top=False)
    add.add_argument("--client", required=True, metavar="NAME")
    add.add_argument("--size", type=int, default=0, metavar="N", help="estimated size")
    add.set_defaults(handler=cmd_segment_add)
    listing = actions.add_parser("list", help="list a client's segments")
    add_db_option(listing, top=False)
    listing.add_argument("--client", required=True, metavar="NAME")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--archived", action="store_true", help="include archived segments")
    listing.set_defaults(handler=cmd_segment_list)

    contact = commands.add_parser("contact", help="a client's contacts")
    actions = contact.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a contact to a client")
    add_db_option(add, top=False)
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
    add_db_option(brought, top=False)
    brought.add_argument("--client", required=True, metavar="NAME")
    brought.add_argument("--sheet", default=None, metavar="NAME")
    brought.set_defaults(handler=cmd_contact_import)
    listing = actions.add_parser("list", help="list a client's contacts")
    add_db_option(listing, top=False)
    listing.add_argument("--client", required=True, metavar="NAME")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_contact_list)

    campaign = commands.add_parser("campaign", help="add a campaign")
    actions = campaign.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a campaign (prints its id)")
    add_db_option(add, top=False)
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
    # -- campaign show/edit: safe edits by several people (issue 22) --
    show = actions.add_parser("show", help="print a campaign with its version")
    add_db_option(show, top=False)
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_campaign_show)
    edit = actions.add_parser(
        "edit",
        help="change a campaign's fields (--expect-version: refused if someone saved it since)",
    )
    add_db_option(edit, top=False)
    edit.add_argument("id", type=int, metavar="ID")
    edit.add_argument("--name", default=None, metavar="N")
    edit.add_argument("--send", default=None, metavar="'YYYY-MM-DD HH:MM'")
    edit.add_argument("--status", choices=STATUSES, default=None)
    edit.add_argument("--subject", default=None, metavar="S")
    edit.add_argument("--preheader", default=None, metavar="S")
    edit.add_argument("--notes", default=None, metavar="TEXT")
    edit.add_argument("--volume", type=int, default=None, metavar="N")
    edit.add_argument("--esp", default=None, metavar="NAME")
    edit.add_argument("--expect-version", type=int, default=None, metavar="N")
    edit.set_defaults(handler=cmd_campaign_edit)
    # -- end of campaign show/edit --

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
    add_db_option(brought, top=False)
    brought.add_argument("--sheet", default=None, metavar="NAME", help="the .xlsx sheet to read")
    brought.add_argument(
        "--dry-run", action="store_true", help="say what would be imported, write nothing"
    )
    brought.set_defaults(handler=cmd_import_plan)
    out = commands.add_parser(
        "export-plan",
        help="export the plan as CSV, .xlsx, iCalendar (.ics) or a client's calendar as PDF",
        description=(
            "Export the plan; the format follows the file's extension: .csv, .xlsx, or .ics "
            "for a client's calendar (sends, BAT deadlines and analyses, never internal notes; "
            "importing it again updates the events rather than duplicating them), or .pdf for "
            "one client's month (--month) or quarter (--quarter) laid out as a calendar."
        ),
    )
    add_db_option(out, top=False)
    out.add_argument(
        "--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx|FILE.ics|FILE.pdf"
    )
    out.add_argument("--client", action="append", default=[], metavar="NAME")
    out.add_argument("--from", dest="start", type=_day, default=None, metavar="YYYY-MM-DD")
    out.add_argument("--to", dest="end", type=_day, default=None, metavar="YYYY-MM-DD")
    out.add_argument(
        "--lang", choices=("fr", "en"), default=None, help="language of the messages and the .ics"
    )
    # -- the client's plan as PDF (issue 20): --month/--quarter, also a period for the others --
    out.add_argument(
        "--month", default=None, metavar="2027-01", help="a month (instead of --from/--to)"
    )
    out.add_argument(
        "--quarter", default=None, metavar="2027Q1", help="a quarter (instead of --from/--to)"
    )
    out.add_argument(
        "--today", type=_day, default=None, metavar="YYYY-MM-DD", help="the PDF's date"
    )
    out.set_defaults(handler=cmd_export_plan)
    # -- end of the client's plan as PDF --
    # -- import-ics: calendar markers from an .ics file (issue 20) --
    markers = commands.add_parser(
        "import-ics",
        help="import an .ics calendar (blackout dates, trade fairs) as calendar markers",
        description=(
            "Import the events of an iCalendar file as markers of the calendar, for one client "
            "(--client) or for all. Sends planned on a blackout marker are warned like a public "
            "holiday. Importing the same file again updates its markers instead of adding "
            "copies; events no longer in the file are kept. A file that cannot be read is "
            "refused and nothing is written."
        ),
    )
    markers.add_argument("file", type=Path, metavar="FILE.ics")
    add_db_option(markers, top=False)
    markers.add_argument("--client", default=None, metavar="NAME", help="the client (else all)")
    markers.add_argument(
        "--no-blackout", action="store_true", help="show the markers without warning sends"
    )
    markers.add_argument("--json", action="store_true")
    markers.set_defaults(handler=cmd_import_ics)
    # -- end of import-ics --

    profile = commands.add_parser(
        "profile", help="show or set the operator's profile (the name on decisions and reports)"
    )
    add_db_option(profile, top=False)
    profile.add_argument("--name", metavar="N")
    profile.add_argument("--email", metavar="E")
    profile.add_argument("--company", metavar="C")
    profile.add_argument("--logo", metavar="PATH")
    profile.add_argument("--colour", "--color", dest="colour", metavar="HEX")
    profile.set_defaults(handler=cmd_profile)


def _report_options(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser, top=False)
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
    add_db_option(brought, top=False)
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
    add_db_option(shown, top=False)
    shown.add_argument("--campaign", type=int, required=True, metavar="ID")
    shown.add_argument("--json", action="store_true")
    shown.set_defaults(handler=cmd_stats)

    listed = commands.add_parser(
        "checklist",
        help="print a campaign's checklist: progress per phase, each item, who and why",
    )
    add_db_option(listed, top=False)
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
    add_db_option(weighed, top=False)
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
    add_db_option(add, top=False)
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
    add_db_option(listing, top=False)
    listing.set_defaults(handler=cmd_smtp_list)


def _bat_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bat = commands.add_parser("bat", help="BAT rounds: import an email, send a test")
    actions = bat.add_subparsers(dest="action", metavar="ACTION", required=True)
    brought = actions.add_parser(
        "import",
        help="import an email (.html, .eml or .zip) as the campaign's next BAT round",
    )
    brought.add_argument("file", type=Path, metavar="FILE")
    add_db_option(brought, top=False)
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
    add_db_option(send, top=False)
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


def workspace_path(args: argparse.Namespace) -> Path | str:
    from crmdesk.core.paths import default_workspace_path

    location: Path | str = args.db if args.db is not None else default_workspace_path()
    return location


def _backup_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    taken = commands.add_parser(
        "backup",
        help="back up the workspace (SQLite's online backup, safe while the app is open)",
        description=(
            "Back up the workspace into the backups folder (keeping the newest 14 and one a "
            "month for a year), or exactly to --out FILE."
        ),
    )
    add_db_option(taken, top=False)
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
    add_db_option(restored, top=False)
    restored.add_argument("--yes", action="store_true", help="confirm without asking")
    restored.set_defaults(handler=cmd_restore)


# -- migrate-to: a whole workspace onto a server, or back into a file (issue 22) -------------


def _migrate_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    moved = commands.add_parser(
        "migrate-to",
        help="copy the workspace into an empty PostgreSQL database or a new workspace file",
        description=(
            "Copy every table of the workspace of --db (BAT proofs included) into TARGET, a "
            "postgresql:// URL of an empty database or a new .sqlite file, in one transaction; "
            "then count and checksum every table on both sides. Any difference, and the "
            "target is left empty."
        ),
    )
    moved.add_argument("target", type=db_location, metavar="TARGET")
    add_db_option(moved, top=False)
    moved.set_defaults(handler=cmd_migrate_to)


def cmd_migrate_to(args: argparse.Namespace) -> int:
    from crmdesk.core import transfer
    from crmdesk.core.db import Workspace

    target_path: Path | str = args.target
    created = isinstance(target_path, Path) and not target_path.expanduser().exists()
    with open_for_reading(workspace_path(args)) as source:
        try:
            with Workspace.open(target_path) as target:
                report = transfer.copy_workspace(source, target)
        except BaseException:
            if created and isinstance(target_path, Path):
                _forget_new_file(target_path.expanduser())
            raise
    for table in report.tables:
        print(f"{table.name}\t{table.rows}")
    print(
        tr(
            "Copied and checked: %(rows)s rows in %(tables)s tables into %(target)s "
            "(%(seconds)s s).",
            rows=report.rows,
            tables=len(report.tables),
            target=shown(report.target, SAID_LINE_LIMIT),
            seconds=f"{report.seconds:.1f}",
        )
    )
    return EXIT_OK


def _forget_new_file(path: Path) -> None:
    """A refused or failed copy into a file it created leaves no file behind."""
    for leftover in (path, *(Path(f"{path}{tail}") for tail in ("-wal", "-shm", ".lock"))):
        leftover.unlink(missing_ok=True)


# -- end of migrate-to -----------------------------------------------------------------------


# -- server-password: a PostgreSQL workspace's password in the keyring (issue 22) -------------


def _server_password_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    kept = commands.add_parser(
        "server-password",
        help="keep (or --forget) the password of a PostgreSQL workspace in the system keyring",
        description=(
            "Keep the password of the database URL names in the system keyring (service "
            "crmdesk-db), where crmdesk reads it when it opens that workspace: never in the URL, "
            "the settings or the logs. It is asked on the terminal without echo, or read from "
            "the first line of standard input with --stdin."
        ),
    )
    kept.add_argument("url", metavar="URL", help="postgresql://user@host:5432/database")
    kept.add_argument(
        "--stdin", action="store_true", help="read the password from the first line of stdin"
    )
    kept.add_argument("--forget", action="store_true", help="remove the password kept")
    kept.set_defaults(handler=cmd_server_password)


def cmd_server_password(args: argparse.Namespace) -> int:
    from crmdesk.core import secrets
    from crmdesk.core.errors import CrmdeskError
    from crmdesk.core.postgres import ServerAddress

    address = ServerAddress.parse(args.url)  # refuses a URL that carries a password
    if args.forget:
        if secrets.forget_db_password(address.key):
            print(tr("The password of %(key)s was removed from the keyring.", key=address.key))
        else:
            print(tr("The keyring held no password for %(key)s.", key=address.key))
        return EXIT_OK
    if not args.stdin and not sys.stdin.isatty():
        raise CrmdeskError(
            tr(
                "server-password: standard input is not a terminal; add --stdin to read the "
                "password from its first line. Nothing was stored."
            )
        )
    password = _read_password(tr("Password of %(key)s: ", key=address.key))
    if not password:
        raise CrmdeskError(tr("server-password: the password is empty. Nothing was stored."))
    secrets.store_db_password(address.key, password)
    print(
        tr(
            "The password of %(key)s is kept in the system keyring (service %(service)s).",
            key=address.key,
            service=secrets.DB_SERVICE,
        )
    )
    return EXIT_OK


# -- end of server-password --------------------------------------------------------------------


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


def open_for_reading(path: Path | str) -> Workspace:
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


# -- campaign show/edit (issue 22) ---------------------------------------------------------------


def cmd_campaign_show(args: argparse.Namespace) -> int:
    from crmdesk.core import campaigns
    from crmdesk.core.lookup import get_campaign

    with _read(args) as workspace, workspace.reader() as session:
        data, version = campaigns.load_versioned(session, args.id)
        row = get_campaign(session, args.id)
        client = clients_name(session, data.client_id)
        changed_by, changed_at = row.changed_by, row.changed_at
    when = "" if changed_at is None else changed_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    if args.json:
        print_json(
            {
                "id": args.id,
                "client": client,
                "name": data.name,
                "send": f"{data.send_date.isoformat()} {data.send_time:%H:%M}",
                "timezone": data.timezone,
                "status": data.status.value,
                "subject": data.subject,
                "preheader": data.preheader,
                "notes": data.notes,
                "version": version,
                "changed_by": changed_by,
                "changed_at": when or None,
            }
        )
        return EXIT_OK
    print(f"{args.id}  {shown(client)} · {shown(data.name)}")
    print(f"{tr('Send')}: {data.send_date.isoformat()} {data.send_time:%H:%M} ({data.timezone})")
    print(f"{tr('Subject')}: {shown(data.subject)}")
    print(
        tr(
            "Version %(version)s, last changed by %(who)s at %(when)s",
            version=version,
            who=changed_by or tr("someone"),
            when=when or "?",
        )
    )
    return EXIT_OK


def clients_name(session: Session, client_id: int) -> str:
    from crmdesk.core import clients

    return clients.client_input(session, client_id).name


def cmd_campaign_edit(args: argparse.Namespace) -> int:
    from crmdesk.core import campaigns, concurrency
    from crmdesk.core.errors import CrmdeskError
    from crmdesk.core.models import CampaignStatus

    given = {
        name: getattr(args, name)
        for name in ("name", "subject", "preheader", "notes", "volume", "esp")
        if getattr(args, name) is not None
    }
    if args.status is not None:
        given["status"] = CampaignStatus(args.status)
    if args.send is not None:
        given["send_date"], given["send_time"] = _send_at(args.send)
    try:
        with _open(args) as workspace, workspace.session() as session:
            data = campaigns.load(session, args.id)
            campaigns.update(
                session, args.id, replace(data, **given), expected_version=args.expect_version
            )
            version = concurrency.version_of(session, "campaign", args.id)
    except concurrency.StaleEdit as stale:
        when = "?" if stale.changed_at is None else f"{stale.changed_at:%Y-%m-%d %H:%M} UTC"
        raise CrmdeskError(
            tr(
                "Campaign %(id)s was changed by %(who)s at %(when)s since version %(expected)s "
                "(now version %(version)s); nothing was saved: run `crmdesk campaign show "
                "%(id)s` and edit it again.",
                id=args.id,
                who=stale.changed_by or tr("someone"),
                when=when,
                expected=args.expect_version,
                version=stale.version,
            )
        ) from stale
    print(tr("Campaign %(id)s saved (version %(version)s)", id=args.id, version=version))
    return EXIT_OK


# -- end of campaign show/edit --------------------------------------------------------------------


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

    # -- the client's plan as PDF (issue 20) ----------------------------------------------------
    if args.month is not None and args.quarter is not None:
        raise CrmdeskError(tr("export-plan: give --month or --quarter, not both."))
    if (args.month is not None or args.quarter is not None) and (
        args.start is not None or args.end is not None
    ):
        raise CrmdeskError(
            tr("export-plan: --month and --quarter replace --from and --to; give only one.")
        )
    if args.out.suffix.lower() == ".pdf":
        return _export_plan_pdf(args)
    if args.month is not None:
        from crmdesk.core.timesheet import month_range

        args.start, args.end = month_range(args.month)
    elif args.quarter is not None:
        from crmdesk.core.reports.quarters import Quarter

        quarter = Quarter.parse(args.quarter)
        args.start, args.end = quarter.start, quarter.end - timedelta(days=1)
    # -- end of the client's plan as PDF --------------------------------------------------------

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


# -- import-ics (issue 20) ----------------------------------------------------------------------


def cmd_import_ics(args: argparse.Namespace) -> int:
    """The file is read (and a too large one refused) before the workspace is opened."""
    from crmdesk.core import markers

    data = markers.read_ics_file(args.file)
    with _open(args) as workspace, workspace.session() as session:
        client_id = None if args.client is None else clients_id(session, args.client)
        result = markers.import_ics(
            session,
            data,
            source=args.file.name,
            client_id=client_id,
            blackout=not args.no_blackout,
        )
    if args.json:
        print_json(
            {
                "file": args.file.name,
                "client": args.client,
                "blackout": not args.no_blackout,
                "added": result.added,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "skipped": list(result.skipped),
            }
        )
        return EXIT_OK
    t = texts()
    print(
        tr(
            "%(file)s: %(added)s, %(updated)s, %(unchanged)s already there, %(skipped)s",
            file=shown(args.file.name),
            added=t.count(result.added, "marker added"),
            updated=t.count(result.updated, "marker updated"),
            unchanged=result.unchanged,
            skipped=t.count(len(result.skipped), "event skipped"),
        )
    )
    for reason in result.skipped:
        print(f"  {shown(reason, SAID_LINE_LIMIT)}")
    return EXIT_OK


# -- end of import-ics ----------------------------------------------------------------------------


def _export_plan_pdf(args: argparse.Namespace) -> int:
    """One client's month or quarter as a calendar PDF; refused before anything is read."""
    from functools import partial

    from crmdesk.core.errors import CrmdeskError
    from crmdesk.render import reports

    if len(args.client) != 1:
        raise CrmdeskError(tr("export-plan: a PDF plan is one client's; give one --client."))
    if args.month is None and args.quarter is None:
        raise CrmdeskError(
            tr("export-plan: a PDF plan is a month or a quarter; give --month or --quarter.")
        )
    export = partial(reports.export_client_plan, month=args.month, quarter=args.quarter)
    return _export(args, export, args.client[0])


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


def _read_password(prompt: str) -> str:
    """A password typed at the keyboard (not echoed on the screen), or the first line of
    standard input when it is not a terminal: never an argument, which others can read."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def cmd_smtp_add(args: argparse.Namespace) -> int:
    from crmdesk.core import smtp
    from crmdesk.core.db import Workspace
    from crmdesk.core.errors import CrmdeskError
    from crmdesk.core.models import SmtpSecurity

    password = None
    if args.password_stdin:
        password = _read_password(tr("Password of %(user)s: ", user=args.user or args.name))
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


# -- crmdesk time: time spent, the timer and the invoicing figures (issue 20) -----------------


def _time_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser(
        "time", help="time spent: add entries, run the timer, list it, export a client's period"
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    phases = tuple(_PHASE_NAMES)

    add = actions.add_parser("add", help="record time spent (prints the entry's id)")
    add_db_option(add, top=False)
    target = add.add_mutually_exclusive_group(required=True)
    target.add_argument("--campaign", type=int, metavar="ID")
    target.add_argument("--client", metavar="NAME", help="time for the client, on no campaign")
    add.add_argument("--minutes", type=int, required=True, metavar="N")
    add.add_argument(
        "--on", dest="day", type=_day, default=None, metavar="YYYY-MM-DD", help="default: today"
    )
    add.add_argument("--phase", choices=phases, default="")
    add.add_argument("--note", default="", metavar="TEXT")
    add.set_defaults(handler=cmd_time_add)

    start = actions.add_parser("start", help="start the timer on a campaign (one at a time)")
    add_db_option(start, top=False)
    start.add_argument("--campaign", type=int, required=True, metavar="ID")
    start.add_argument("--phase", choices=phases, default="")
    start.add_argument("--note", default="", metavar="TEXT")
    start.set_defaults(handler=cmd_time_start)

    stop = actions.add_parser(
        "stop",
        help="stop the timer and record its time",
        description=(
            "Stop the timer and record the time on the day it started. A timer that ran over "
            "midnight or more than 10 hours is not billed as is: say the time really worked "
            "with --minutes, or drop it with --discard."
        ),
    )
    add_db_option(stop, top=False)
    answer = stop.add_mutually_exclusive_group()
    answer.add_argument("--minutes", type=int, default=None, metavar="N")
    answer.add_argument("--discard", action="store_true")
    stop.set_defaults(handler=cmd_time_stop)

    listing = actions.add_parser("list", help="list the entries of a week (default), a month…")
    add_db_option(listing, top=False)
    listing.add_argument("--client", metavar="NAME")
    _time_period_options(listing, week=True)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_time_list)

    report = actions.add_parser(
        "report",
        help="export a client's time of a month or period as CSV, .xlsx or a PDF statement",
    )
    add_db_option(report, top=False)
    report.add_argument("--client", required=True, metavar="NAME")
    _time_period_options(report, week=False)
    report.add_argument(
        "--format", choices=("csv", "xlsx", "pdf"), default=None, help="default: --out's suffix"
    )
    report.add_argument("--out", type=Path, required=True, metavar="FILE")
    report.add_argument(
        "--lang",
        choices=("fr", "en"),
        default=None,
        help="language of the file and the messages (default: LANG)",
    )
    report.add_argument(
        "--today", type=_day, default=None, metavar="YYYY-MM-DD", help="the statement's date"
    )
    report.set_defaults(handler=cmd_time_report)
    _time_edit_commands(actions, phases)


def _time_period_options(parser: argparse.ArgumentParser, *, week: bool) -> None:
    period = parser.add_mutually_exclusive_group(required=not week)
    if week:
        period.add_argument("--week", type=_day, metavar="YYYY-MM-DD", help="the week of this day")
    period.add_argument("--month", metavar="YYYY-MM")
    period.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD")


def _time_period(args: argparse.Namespace) -> tuple[date, date]:
    """The days asked by --week, --month or --from/--to; this week when none is given."""
    from crmdesk.core import timesheet
    from crmdesk.core.calendar import validate_range
    from crmdesk.core.errors import CrmdeskError

    if args.end is not None and args.start is None:
        raise CrmdeskError(tr("--to needs --from."))
    if args.start is not None:
        if args.end is None:
            raise CrmdeskError(tr("--from needs --to."))
        validate_range(args.start, args.end)
        return args.start, args.end
    if args.month is not None:
        return timesheet.month_range(args.month)
    return timesheet.week_of(getattr(args, "week", None) or date.today())


def _figure(value: Decimal) -> str:
    """Hours, days or euros as the user's language writes decimals (0.33, 0,33)."""
    text = f"{value:.2f}"
    return text.replace(".", ",") if texts().language == "fr" else text


def _time_since(instant: datetime) -> str:
    return texts().day(instant.astimezone().strftime("%Y-%m-%d %H:%M"))


def cmd_time_add(args: argparse.Namespace) -> int:
    from crmdesk.core import timesheet

    with _open(args, create=True) as workspace, workspace.session() as session:
        client_id = None if args.client is None else clients_id(session, args.client)
        entry_id, _ = timesheet.add_entry(
            session,
            timesheet.EntryInput(
                args.day or date.today(),
                args.minutes,
                campaign_id=args.campaign,
                client_id=client_id,
                phase=args.phase,
                note=args.note,
            ),
        )
    print(entry_id)
    return EXIT_OK


def cmd_time_start(args: argparse.Namespace) -> int:
    from crmdesk.core import timesheet
    from crmdesk.core.errors import CrmdeskError

    with _open(args, create=True) as workspace, workspace.session() as session:
        try:
            timer, _ = timesheet.start_timer(
                session, args.campaign, datetime.now(UTC), phase=args.phase, note=args.note
            )
        except timesheet.TimerRunning as running:
            raise CrmdeskError(
                tr(
                    "A timer already runs on “%(campaign)s” (%(client)s) since %(since)s: stop "
                    "it first with `crmdesk time stop`. Nothing was changed.",
                    campaign=running.timer.campaign,
                    client=running.timer.client,
                    since=_time_since(running.timer.started_at),
                )
            ) from None
    print(
        tr(
            "Timer started on “%(campaign)s” (%(client)s) at %(since)s",
            campaign=timer.campaign,
            client=timer.client,
            since=_time_since(timer.started_at),
        )
    )
    return EXIT_OK


def cmd_time_stop(args: argparse.Namespace) -> int:
    from crmdesk.core import timesheet
    from crmdesk.core.errors import CrmdeskError

    with _open(args, create=True) as workspace, workspace.session() as session:
        try:
            entry_id, _ = timesheet.stop_timer(
                session, datetime.now(UTC), minutes=args.minutes, discard=args.discard
            )
        except timesheet.TimerNeedsAnswer as asked:
            timer = asked.timer
            values: dict[str, object] = {
                "campaign": timer.campaign,
                "client": timer.client,
                "since": _time_since(timer.started_at),
                "duration": _time_duration(asked.elapsed_minutes),
                "day": texts().day(timer.started_at.astimezone().date().isoformat()),
            }
            if asked.reason == "midnight":
                said = tr(
                    "The timer on “%(campaign)s” (%(client)s) has run for %(duration)s since "
                    "%(since)s, over midnight: it was not billed. Run `crmdesk time stop "
                    "--minutes N` with the time really worked (recorded on %(day)s), or "
                    "`crmdesk time stop --discard`. Nothing was written.",
                    **values,
                )
            else:
                said = tr(
                    "The timer on “%(campaign)s” (%(client)s) has run for %(duration)s since "
                    "%(since)s, more than 10 hours: it was not billed. Run `crmdesk time stop "
                    "--minutes N` with the time really worked (recorded on %(day)s), or "
                    "`crmdesk time stop --discard`. Nothing was written.",
                    **values,
                )
            raise CrmdeskError(said) from None
    if entry_id is None:
        print(tr("Timer stopped; no time recorded."))
    else:
        print(tr("Timer stopped; entry %(id)s recorded.", id=entry_id))
    return EXIT_OK


def _time_duration(minutes: int) -> str:
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return tr("%(days)s d %(hours)s h %(minutes)s min", days=days, hours=hours, minutes=mins)
    if hours:
        return tr("%(hours)s h %(minutes)s min", hours=hours, minutes=f"{mins:02d}")
    return tr("%(minutes)s min", minutes=mins)


def cmd_time_list(args: argparse.Namespace) -> int:
    from crmdesk.core import timesheet

    start, end = _time_period(args)
    with _read(args) as workspace, workspace.reader() as session:
        client_id = None if args.client is None else clients_id(session, args.client)
        rows = timesheet.entries_between(session, start, end, client_id=client_id)
        totals = timesheet.totals_between(session, start, end, client_id=client_id)
        timer = timesheet.running_timer(session)
        per_day = timesheet.hours_per_day(session)
    if args.json:
        print_json(
            {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "hours_per_day": str(per_day),
                "entries": [
                    {
                        "id": r.id,
                        "date": r.worked_on.isoformat(),
                        "client": r.client,
                        "campaign_id": r.campaign_id,
                        "campaign": r.campaign,
                        "minutes": r.minutes,
                        "hours": str(timesheet.line_hours(r.minutes)),
                        "phase": r.phase,
                        "note": r.note,
                        "operator": r.operator,
                    }
                    for r in rows
                ],
                "totals": [
                    {
                        "client": t.client,
                        "minutes": t.minutes,
                        "hours": str(t.hours),
                        "days": str(t.days),
                        "daily_rate": None if t.daily_rate is None else str(t.daily_rate),
                        "amount": None if t.amount is None else str(t.amount),
                    }
                    for t in totals
                ],
                "timer": None
                if timer is None
                else {
                    "campaign_id": timer.campaign_id,
                    "campaign": timer.campaign,
                    "client": timer.client,
                    "started_at": timer.started_at.isoformat(),
                    "phase": timer.phase,
                    "note": timer.note,
                },
            }
        )
        return EXIT_OK
    t = texts()
    print(
        tr("From %(start)s to %(end)s", start=t.day(start.isoformat()), end=t.day(end.isoformat()))
    )
    for r in rows:
        phase = tr(_PHASE_NAMES[r.phase]) if r.phase in _PHASE_NAMES else ""
        hours = _figure(timesheet.line_hours(r.minutes))
        print(
            f"{r.id:>6}  {t.day(r.worked_on.isoformat())}  {hours:>6} h  "
            f"{r.client}  —  {r.campaign or '-'}  {phase}  {shown(r.note, 60)}".rstrip()
        )
    if not rows:
        print(tr("No time recorded."))
    for total in totals:
        amount = "" if total.amount is None else f", {_figure(total.amount)} €"
        print(
            tr(
                "Total %(client)s: %(hours)s h, %(days)s d%(amount)s",
                client=total.client,
                hours=_figure(total.hours),
                days=_figure(total.days),
                amount=amount,
            )
        )
    if timer is not None:
        print(
            tr(
                "Timer running on “%(campaign)s” (%(client)s) since %(since)s",
                campaign=timer.campaign,
                client=timer.client,
                since=_time_since(timer.started_at),
            )
        )
    return EXIT_OK


def cmd_time_report(args: argparse.Namespace) -> int:
    from crmdesk.core import timesheet
    from crmdesk.core.errors import CrmdeskError

    suffix = args.out.suffix.lower().lstrip(".")
    chosen = args.format or suffix
    if chosen not in ("csv", "xlsx", "pdf"):
        raise CrmdeskError(
            tr(
                "%(file)s: give --format csv, xlsx or pdf, or a file ending in .csv, .xlsx or "
                ".pdf.",
                file=shown(args.out.name),
            )
        )
    if suffix != chosen:
        raise CrmdeskError(
            tr(
                "%(file)s: --format %(format)s writes a .%(format)s file; name it so.",
                file=shown(args.out.name),
                format=chosen,
            )
        )
    start, end = _time_period(args)
    if chosen == "pdf":
        from crmdesk.render import reports

        with _read(args) as workspace, workspace.reader() as session:
            clients_id(session, args.client)  # an unknown client is refused before Qt loads
        return _export(args, reports.export_statement, args.client, start, end)
    with _read(args) as workspace, workspace.reader() as session:
        count = timesheet.export_entries(
            session,
            start,
            end,
            args.out,
            client_id=clients_id(session, args.client),
            language=_language(args.lang),
        )
    print(
        tr("Wrote %(count)s to %(path)s", count=texts().count(count, "time entry"), path=args.out)
    )
    return EXIT_OK


# -- crmdesk budget, time edit/delete/hours-per-day, crmdesk markers (issue 20) ---------------


def _time_edit_commands(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], phases: tuple[str, ...]
) -> None:
    edit = actions.add_parser(
        "edit",
        help="correct a time entry (prints it)",
        description="Correct a time entry: only the fields given change. Ids: `crmdesk time list`.",
    )
    edit.add_argument("entry", type=int, metavar="ID")
    add_db_option(edit, top=False)
    edit.add_argument("--minutes", type=int, default=None, metavar="N")
    edit.add_argument("--on", dest="day", type=_day, default=None, metavar="YYYY-MM-DD")
    target = edit.add_mutually_exclusive_group()
    target.add_argument("--campaign", type=int, default=None, metavar="ID")
    target.add_argument(
        "--client", default=None, metavar="NAME", help="move it to the client, on no campaign"
    )
    phase = edit.add_mutually_exclusive_group()
    phase.add_argument("--phase", choices=phases, default=None)
    phase.add_argument("--no-phase", action="store_true", help="take its phase off")
    edit.add_argument("--note", default=None, metavar="TEXT", help='"" takes the note off')
    edit.set_defaults(handler=cmd_time_edit)

    delete = actions.add_parser("delete", help="delete a time entry")
    delete.add_argument("entry", type=int, metavar="ID")
    add_db_option(delete, top=False)
    delete.set_defaults(handler=cmd_time_delete)

    hours = actions.add_parser(
        "hours-per-day",
        help="show or set the hours a day the daily rate pays (7 by default)",
        description=(
            "Show the workspace's hours per day, or set them (1 to 24, decimals allowed): days "
            "and amounts of the time spent, the budgets and the exports follow."
        ),
    )
    hours.add_argument("hours", nargs="?", default=None, metavar="N")
    add_db_option(hours, top=False)
    hours.set_defaults(handler=cmd_time_hours_per_day)


def _budget_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser(
        "budget", help="budgets of a campaign or of a client's month: set, clear, list"
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def target(parser: argparse.ArgumentParser) -> None:
        chosen = parser.add_mutually_exclusive_group(required=True)
        chosen.add_argument("--campaign", type=int, metavar="ID")
        chosen.add_argument("--client", metavar="NAME", help="with --month: the client's month")
        parser.add_argument("--month", default=None, metavar="YYYY-MM")

    put = actions.add_parser(
        "set",
        help="give a campaign or a client's month a budget in days or euros",
        description=(
            "Give a campaign, or a client's month, a budget in days or in euros (replacing the "
            "one it had), and print what is spent of it now. A budget in euros is counted at "
            "the client's daily rate."
        ),
    )
    add_db_option(put, top=False)
    target(put)
    size = put.add_mutually_exclusive_group(required=True)
    size.add_argument("--days", default=None, metavar="N")
    size.add_argument("--euros", default=None, metavar="N")
    put.set_defaults(handler=cmd_budget_set)

    clear = actions.add_parser("clear", help="remove the budget of a campaign or a client's month")
    add_db_option(clear, top=False)
    target(clear)
    clear.set_defaults(handler=cmd_budget_clear)

    listing = actions.add_parser(
        "list",
        help="every budget with what is spent of it, near (80 %%) or over (100 %%)",
    )
    add_db_option(listing, top=False)
    listing.add_argument("--client", default=None, metavar="NAME")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_budget_list)


def _markers_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser(
        "markers", help="the calendar's markers (from `import-ics`): list, delete, blackout"
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the calendar markers")
    add_db_option(listing, top=False)
    listing.add_argument(
        "--client", default=None, metavar="NAME", help="its markers and those of all clients"
    )
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_markers_list)
    delete = actions.add_parser(
        "delete", help="delete calendar markers (an unknown id deletes none)"
    )
    delete.add_argument("markers", type=int, nargs="+", metavar="ID")
    add_db_option(delete, top=False)
    delete.set_defaults(handler=cmd_markers_delete)
    blackout = actions.add_parser(
        "blackout", help="whether a send on the marker's days is warned (--on) or not (--off)"
    )
    blackout.add_argument("marker", type=int, metavar="ID")
    add_db_option(blackout, top=False)
    switch = blackout.add_mutually_exclusive_group(required=True)
    switch.add_argument("--on", action="store_true", help="a blackout date: sends are warned")
    switch.add_argument("--off", action="store_true", help="shown only, sends are not warned")
    blackout.set_defaults(handler=cmd_markers_blackout)


def _entry_row(session: Session, entry_id: int) -> EntryRow:
    """The entry as ``time list`` shows it; a sentence naming the id when there is none."""
    from crmdesk.core import timesheet
    from crmdesk.core.errors import CrmdeskError, NotFound

    try:
        data = timesheet.entry_input(session, entry_id)
    except NotFound:
        raise CrmdeskError(
            tr("No time entry with id %(id)s (ids: `crmdesk time list`).", id=entry_id)
        ) from None
    day = data.worked_on
    return next(
        row
        for row in timesheet.entries_between(session, day, day, client_id=data.client_id)
        if row.id == entry_id
    )


def _entry_text(row: EntryRow) -> str:
    from crmdesk.core import timesheet

    details = [f"{row.client} — {row.campaign or tr('no campaign')}"]
    if row.phase in _PHASE_NAMES:
        details.append(tr(_PHASE_NAMES[row.phase]))
    if row.note:
        details.append(shown(row.note, 60))
    return tr(
        "%(day)s, %(hours)s h (%(minutes)s min), %(details)s",
        day=texts().day(row.worked_on.isoformat()),
        hours=_figure(timesheet.line_hours(row.minutes)),
        minutes=row.minutes,
        details=", ".join(details),
    )


def cmd_time_edit(args: argparse.Namespace) -> int:
    from crmdesk.core import timesheet
    from crmdesk.core.errors import CrmdeskError

    given = (args.minutes, args.day, args.campaign, args.client, args.phase, args.note)
    if all(value is None for value in given) and not args.no_phase:
        raise CrmdeskError(
            tr(
                "time edit: say what to change (--minutes, --on, --campaign, --client, --phase, "
                "--no-phase, --note); nothing was changed."
            )
        )
    with _open(args) as workspace, workspace.session() as session:
        _entry_row(session, args.entry)
        data = timesheet.entry_input(session, args.entry)
        campaign_id, client_id = data.campaign_id, data.client_id
        if args.client is not None:
            campaign_id, client_id = None, clients_id(session, args.client)
        if args.campaign is not None:
            campaign_id, client_id = args.campaign, None  # the campaign's client
        phase = "" if args.no_phase else data.phase if args.phase is None else args.phase
        corrected = timesheet.EntryInput(
            data.worked_on if args.day is None else args.day,
            data.minutes if args.minutes is None else args.minutes,
            campaign_id=campaign_id,
            client_id=client_id,
            phase=phase,
            note=data.note if args.note is None else args.note,
        )
        timesheet.update_entry(session, args.entry, corrected)
        row = _entry_row(session, args.entry)
    print(tr("Entry %(id)s saved: %(entry)s", id=row.id, entry=_entry_text(row)))
    return EXIT_OK


def cmd_time_delete(args: argparse.Namespace) -> int:
    from crmdesk.core import timesheet

    with _open(args) as workspace, workspace.session() as session:
        row = _entry_row(session, args.entry)
        timesheet.delete_entry(session, args.entry)
    print(tr("Entry %(id)s deleted: %(entry)s", id=row.id, entry=_entry_text(row)))
    return EXIT_OK


def _hours_text(hours: Decimal) -> str:
    """7, 7.5 (7,5 in French): the preference as it was typed, no trailing zeros."""
    text = f"{hours.normalize():f}"
    return text.replace(".", ",") if texts().language == "fr" else text


def cmd_time_hours_per_day(args: argparse.Namespace) -> int:
    from decimal import InvalidOperation

    from crmdesk.core import timesheet
    from crmdesk.core.errors import CrmdeskError, ValidationError

    if args.hours is None:
        with _read(args) as workspace, workspace.reader() as session:
            hours = timesheet.hours_per_day(session)
        print(tr("Hours per day: %(hours)s", hours=_hours_text(hours)))
        return EXIT_OK
    refused = CrmdeskError(
        tr(
            "“%(value)s” hours a day: give a number of hours between 1 and 24; nothing was "
            "changed.",
            value=shown(args.hours, 40),
        )
    )
    try:
        wanted = Decimal(args.hours.replace(",", ".").strip())
    except InvalidOperation:
        raise refused from None
    with _open(args, create=True) as workspace, workspace.session() as session:
        previous = timesheet.hours_per_day(session)
        try:
            timesheet.set_hours_per_day(session, wanted)
        except ValidationError:
            raise refused from None
        hours = timesheet.hours_per_day(session)
    print(
        tr(
            "Hours per day: %(hours)s (was %(previous)s)",
            hours=_hours_text(hours),
            previous=_hours_text(previous),
        )
    )
    return EXIT_OK


def _budget_target(
    session: Session, args: argparse.Namespace
) -> tuple[int, int | None, str | None]:
    """(client id, campaign id, month) of --campaign, or of --client and --month."""
    from crmdesk.core import timesheet
    from crmdesk.core.errors import CrmdeskError, NotFound, ValidationError
    from crmdesk.core.lookup import get_campaign

    if args.campaign is not None:
        if args.month is not None:
            raise CrmdeskError(
                tr("--month goes with --client: a campaign's budget is the campaign's, whatever "
                   "the month.")
            )  # fmt: skip
        try:
            return get_campaign(session, args.campaign).client_id, args.campaign, None
        except NotFound:
            raise CrmdeskError(
                tr("No campaign with id %(id)s (ids: `crmdesk campaigns`).", id=args.campaign)
            ) from None
    if args.month is None:
        raise CrmdeskError(tr("--client needs --month YYYY-MM: a client's budget is a month's."))
    try:
        start, _ = timesheet.month_range(args.month)
    except ValidationError:
        raise CrmdeskError(
            tr("--month: “%(value)s” is not a month: write 2026-11.", value=shown(args.month, 40))
        ) from None
    return clients_id(session, args.client), None, f"{start:%Y-%m}"


def _budget_amount(unit: str, amount: Decimal | None) -> str:
    """1.00 d, 450.00 €; — when it cannot be known."""
    if amount is None:
        return "—"
    if unit == "days":
        return tr("%(days)s d", days=_figure(amount))
    return f"{_figure(amount)} €"


def _budget_what(use: BudgetUse) -> str:
    if use.campaign_id is not None:
        return tr(
            "%(client)s — “%(campaign)s” (campaign %(id)s)",
            client=use.client,
            campaign=use.campaign,
            id=use.campaign_id,
        )
    assert use.month is not None
    month = use.month if texts().language != "fr" else f"{use.month[5:]}/{use.month[:4]}"
    return f"{use.client} — {month}"


def _level_text(level: str) -> str:
    """The cockpit's words for a budget's level (``BudgetLevel`` values)."""
    if level == "over":
        return tr("over budget")
    if level == "near":
        return tr("near the budget")
    if level == "unknown":
        return tr("no daily rate: spent unknown")
    return tr("within budget")


def _percent(ratio: float | None) -> int | None:
    """The share spent as the cockpit rounds it: 0.8 → 80."""
    return None if ratio is None else round(ratio * 100)


def _budget_text(use: BudgetUse) -> str:
    percent = _percent(use.ratio)
    return tr(
        "%(what)s: %(spent)s of %(amount)s (%(percent)s), %(level)s",
        what=_budget_what(use),
        spent=_budget_amount(use.unit, use.spent),
        amount=_budget_amount(use.unit, use.amount),
        percent="—" if percent is None else tr("%(percent)s %%", percent=percent),
        level=_level_text(use.level),
    )


def _budget_use(
    session: Session, client_id: int, campaign_id: int | None, month: str | None
) -> BudgetUse | None:
    from crmdesk.core import timesheet

    if campaign_id is not None:
        return timesheet.campaign_budget(session, campaign_id)
    assert month is not None
    return timesheet.client_month_budget(session, client_id, month)


def cmd_budget_set(args: argparse.Namespace) -> int:
    from decimal import InvalidOperation

    from crmdesk.core import timesheet
    from crmdesk.core.errors import CrmdeskError, ValidationError
    from crmdesk.core.models import BudgetUnit

    unit, given = (
        (BudgetUnit.DAYS, args.days) if args.days is not None else (BudgetUnit.EUROS, args.euros)
    )
    option = "--days" if unit is BudgetUnit.DAYS else "--euros"
    refused = CrmdeskError(
        tr(
            "%(option)s: “%(value)s” is not an amount above zero; nothing was changed.",
            option=option,
            value=shown(given, 40),
        )
    )
    try:
        amount = Decimal(given.replace(",", ".").replace("€", "").strip())
    except InvalidOperation:
        raise refused from None
    with _open(args, create=True) as workspace, workspace.session() as session:
        client_id, campaign_id, month = _budget_target(session, args)
        try:
            previous, _ = timesheet.set_budget(
                session, client_id, unit=unit, amount=amount, campaign_id=campaign_id, month=month
            )
        except ValidationError as error:
            if error.problems[0].code == "amount_not_positive":
                raise refused from None
            if error.problems[0].code == "amount_too_large":
                raise CrmdeskError(
                    tr(
                        "%(option)s: “%(value)s” is too large for a budget; nothing was changed.",
                        option=option,
                        value=shown(given, 40),
                    )
                ) from None
            raise
        use = _budget_use(session, client_id, campaign_id, month)
    assert use is not None
    if previous is None:
        print(tr("Budget set: %(budget)s", budget=_budget_text(use)))
    else:
        print(
            tr(
                "Budget set (it was %(previous)s): %(budget)s",
                previous=_budget_amount(previous[0], previous[1]),
                budget=_budget_text(use),
            )
        )
    return EXIT_OK


def cmd_budget_clear(args: argparse.Namespace) -> int:
    from crmdesk.core import timesheet

    with _open(args) as workspace, workspace.session() as session:
        client_id, campaign_id, month = _budget_target(session, args)
        use = _budget_use(session, client_id, campaign_id, month)
        timesheet.clear_budget(session, client_id, campaign_id=campaign_id, month=month)
    if use is None:
        print(tr("No budget to clear; nothing was changed."))
    else:
        print(
            tr(
                "Budget cleared: %(what)s (it was %(amount)s)",
                what=_budget_what(use),
                amount=_budget_amount(use.unit, use.amount),
            )
        )
    return EXIT_OK


def cmd_budget_list(args: argparse.Namespace) -> int:
    from crmdesk.core import timesheet

    with _read(args) as workspace, workspace.reader() as session:
        client_id = None if args.client is None else clients_id(session, args.client)
        uses = timesheet.list_budgets(session, client_id=client_id)
        per_day = timesheet.hours_per_day(session)
    if args.json:
        print_json(
            {
                "hours_per_day": str(per_day),
                "budgets": [
                    {
                        "client_id": u.client_id,
                        "client": u.client,
                        "campaign_id": u.campaign_id,
                        "campaign": u.campaign or None,
                        "month": u.month,
                        "unit": str(u.unit),
                        "amount": str(u.amount),
                        "spent": None if u.spent is None else str(u.spent),
                        "ratio": u.ratio,
                        "percent": _percent(u.ratio),
                        "level": str(u.level),
                    }
                    for u in uses
                ],
            }
        )
        return EXIT_OK
    for use in uses:
        print(_budget_text(use))
    if not uses:
        print(tr("No budgets: give one with `crmdesk budget set`."))
    return EXIT_OK


def _marker_days(row: MarkerRow) -> str:
    from crmdesk.core.markers import ENDLESS

    t = texts()
    first = t.day(row.starts_on.isoformat())
    if row.ends_on == ENDLESS:
        return f"{first} → …"
    if row.ends_on == row.starts_on:
        return first
    return f"{first} → {t.day(row.ends_on.isoformat())}"


def cmd_markers_list(args: argparse.Namespace) -> int:
    from crmdesk.core import markers

    with _read(args) as workspace, workspace.reader() as session:
        client_id = None if args.client is None else clients_id(session, args.client)
        rows = markers.list_markers(session, client_id=client_id)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "client_id": r.client_id,
                    "client": r.client or None,
                    "summary": r.summary,
                    "starts_on": r.starts_on.isoformat(),
                    "ends_on": None if r.ends_on == markers.ENDLESS else r.ends_on.isoformat(),
                    "all_day": r.all_day,
                    "blackout": r.blackout,
                    "recurring": r.recurring,
                    "source": r.source,
                }
                for r in rows
            ]
        )
        return EXIT_OK
    for r in rows:
        flags = [tr("blackout")] if r.blackout else []
        if r.recurring:
            flags.append(tr("repeats"))
        print(
            f"{r.id:>5}  {_marker_days(r):<25}  {shown(r.client or tr('all clients'), 30):<20}  "
            f"{', '.join(flags):<18}  {shown(r.summary, 80)}".rstrip()
        )
    if not rows:
        print(tr("No calendar markers: import an .ics with `crmdesk import-ics FILE.ics`."))
    return EXIT_OK


def cmd_markers_delete(args: argparse.Namespace) -> int:
    from crmdesk.core import markers
    from crmdesk.core.errors import CrmdeskError

    wanted = sorted(set(args.markers))
    with _open(args) as workspace, workspace.session() as session:
        known = {r.id: r for r in markers.list_markers(session)}
        unknown = [str(i) for i in wanted if i not in known]
        if unknown:
            raise CrmdeskError(
                tr(
                    "No calendar marker with id %(ids)s (ids: `crmdesk markers list`); nothing "
                    "was deleted.",
                    ids=", ".join(unknown),
                )
            )
        markers.delete_markers(session, wanted)
    print(texts().count(len(wanted), "marker deleted"))
    for marker_id in wanted:
        row = known[marker_id]
        print(f"{marker_id:>5}  {_marker_days(row)}  {shown(row.summary, 80)}")
    return EXIT_OK


def cmd_markers_blackout(args: argparse.Namespace) -> int:
    from crmdesk.core import markers
    from crmdesk.core.errors import CrmdeskError

    with _open(args) as workspace, workspace.session() as session:
        found = [r for r in markers.list_markers(session) if r.id == args.marker]
        if not found:
            raise CrmdeskError(
                tr(
                    "No calendar marker with id %(ids)s (ids: `crmdesk markers list`); nothing "
                    "was changed.",
                    ids=args.marker,
                )
            )
        markers.set_blackout(session, args.marker, args.on)
    values = {"id": args.marker, "summary": shown(found[0].summary, 80)}
    if args.on:
        print(
            tr(
                "Marker %(id)s “%(summary)s” is a blackout date: sends on its days are warned.",
                **values,
            )
        )
    else:
        print(
            tr(
                "Marker %(id)s “%(summary)s” is no longer a blackout date: sends are not warned.",
                **values,
            )
        )
    return EXIT_OK


# -- end of crmdesk budget, time edit/delete/hours-per-day, crmdesk markers ----------------------


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
