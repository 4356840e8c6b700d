"""Campaign-level report CSVs: which column holds which figure, and reading them.

Three layouts are known by their headers, and any other CSV goes through a column mapping:

- Mailchimp's all-campaigns report: one row per campaign (``Title, Subject, List, Send Date, …,
  Total Recipients, Successful Deliveries, Soft Bounces, Hard Bounces, …, Unique Opens, Open
  Rate, Total Opens, Unique Clicks, …, Total Orders, Total Gross Sales, Total Revenue``);
- Mailchimp's single-campaign report: "key:,value" lines in sections ("Overall Stats", "Clicks
  by URL"…); only the campaign summary at the top is read;
- Brevo's campaign export. Brevo does not publish the CSV's header names; its API documents the
  statistics of a campaign (``sent, delivered, hardBounces, softBounces, uniqueViews, viewed,
  uniqueClicks, clickers, unsubscriptions, complaints``) and its report pages the English and
  French labels ("Delivered"/"Délivrés", "Unique opens"/"Ouvreurs", "Clickers"/"Cliqueurs",
  "Unsubscribed"/"Désinscrits", "Complaints"/"Plaintes"). Both spellings are accepted.

Figures read from a file are checked here (opens cannot exceed deliveries…) so that a bad file
is refused naming its line and column before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from crmdesk.core.errors import StatsRefused
from crmdesk.core.printable import printable
from crmdesk.core.stats.csvfile import (
    CsvSource,
    NumberError,
    Progress,
    normalise_header,
    parse_amount,
    parse_count,
    quoted,
)
from crmdesk.core.stats.figures import COUNT_FIELDS, Figures

#: The Figures fields a report column can fill.
FIGURE_FIELDS: tuple[str, ...] = (*COUNT_FIELDS, "revenue")
#: What a report mapping can name: the figures, the A/B variant and the campaign's title (to
#: pick this campaign's row) and subject.
REPORT_FIELDS: tuple[str, ...] = (*FIGURE_FIELDS, "variant", "campaign", "subject")

#: Mailchimp's all-campaigns report, field → header.
MAILCHIMP_COLUMNS: dict[str, str] = {
    "campaign": "Title",
    "subject": "Subject",
    "sent": "Total Recipients",
    "delivered": "Successful Deliveries",
    "soft_bounces": "Soft Bounces",
    "hard_bounces": "Hard Bounces",
    "unique_opens": "Unique Opens",
    "total_opens": "Total Opens",
    "unique_clicks": "Unique Clicks",
    "total_clicks": "Total Clicks",
    "unsubscribes": "Unsubscribes",
    "complaints": "Abuse Complaints",
    "conversions": "Total Orders",
    "revenue": "Total Revenue",
}
_MAILCHIMP_REQUIRED = ("campaign", "sent", "delivered", "unique_opens")

#: Brevo's API statistic names (exact case: "clickers" there is the total of clicks).
BREVO_API_COLUMNS: dict[str, str] = {
    "campaign": "name",
    "subject": "subject",
    "sent": "sent",
    "delivered": "delivered",
    "hard_bounces": "hardBounces",
    "soft_bounces": "softBounces",
    "unique_opens": "uniqueViews",
    "total_opens": "viewed",
    "unique_clicks": "uniqueClicks",
    "total_clicks": "clickers",
    "unsubscribes": "unsubscriptions",
    "complaints": "complaints",
}
#: Brevo's report labels, English and French, normalised (see ``normalise_header``).
BREVO_LABELS: dict[str, tuple[str, ...]] = {
    "campaign": ("campaign name", "campaign", "nom de la campagne", "campagne", "nom"),
    "subject": ("subject", "subject line", "objet", "sujet"),
    "variant": ("version", "variant", "variante"),
    "sent": ("sent", "recipients", "envoyes", "destinataires", "emails envoyes"),
    "delivered": ("delivered", "delivres", "emails delivres"),
    "hard_bounces": ("hard bounces", "hard bounce"),
    "soft_bounces": ("soft bounces", "soft bounce"),
    "unique_opens": ("unique opens", "openers", "ouvreurs", "ouvertures uniques"),
    "total_opens": ("opens", "total opens", "ouvertures", "ouvertures totales"),
    "unique_clicks": ("unique clicks", "clickers", "cliqueurs", "clics uniques"),
    "total_clicks": ("clicks", "total clicks", "clics", "clics totaux"),
    "unsubscribes": ("unsubscribed", "unsubscriptions", "desinscrits", "desinscriptions"),
    "complaints": ("complaints", "plaintes", "spam"),
    "conversions": ("conversions",),
    "revenue": ("revenue", "chiffre d affaires", "ca", "revenus"),
}
_BREVO_REQUIRED = ("sent", "delivered", "hard_bounces", "unique_opens")

_MORE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "campaign": ("title", "titre", "nom du message", "message", "name"),
    "subject": ("objet du message",),
    "variant": ("ab variant", "test ab", "version ab"),
    "sent": ("total recipients", "nombre d envois", "envois", "volume", "cibles"),
    "delivered": ("successful deliveries", "recus", "remis"),
    "hard_bounces": ("npai", "erreurs definitives", "bounces durs"),
    "soft_bounces": ("erreurs temporaires", "bounces mous"),
    "unique_opens": ("ouvreurs uniques",),
    "total_opens": ("nombre d ouvertures",),
    "unique_clicks": ("cliqueurs uniques",),
    "total_clicks": ("nombre de clics",),
    "unsubscribes": ("unsubscribes", "unsubs", "desabonnes", "desabonnements"),
    "complaints": ("abuse complaints", "plaintes spam", "plaintes pour spam"),
    "conversions": ("orders", "total orders", "commandes", "achats", "ventes"),
    "revenue": ("total revenue", "revenu", "montant", "ca genere"),
}


def _synonyms() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for field_name in REPORT_FIELDS:
        names = (
            *BREVO_LABELS.get(field_name, ()),
            normalise_header(MAILCHIMP_COLUMNS.get(field_name, "")),
            *_MORE_SYNONYMS.get(field_name, ()),
        )
        table[field_name] = tuple(dict.fromkeys(n for n in names if n))
    return table


#: Header synonyms, English and French (normalised), for guessing the mapping of unknown CSVs.
SYNONYMS: dict[str, tuple[str, ...]] = _synonyms()


def guess_mapping(headers: Sequence[str]) -> dict[str, str]:
    """Field → header for the headers whose name is a known synonym (each header used once)."""
    normalised = {normalise_header(h): h for h in headers if h.strip()}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for field_name in REPORT_FIELDS:
        for synonym in SYNONYMS.get(field_name, ()):
            header = normalised.get(synonym)
            if header is not None and header not in used:
                mapping[field_name] = header
                used.add(header)
                break
    return mapping


def mailchimp_mapping(headers: Sequence[str]) -> dict[str, str] | None:
    present = set(headers)
    if all(MAILCHIMP_COLUMNS[f] in present for f in _MAILCHIMP_REQUIRED):
        return {f: h for f, h in MAILCHIMP_COLUMNS.items() if h in present}
    return None


def brevo_mapping(headers: Sequence[str]) -> dict[str, str] | None:
    present = set(headers)
    if {"uniqueViews", "hardBounces", "delivered"} <= present:
        return {f: h for f, h in BREVO_API_COLUMNS.items() if h in present}
    normalised = {normalise_header(h): h for h in headers}
    mapping: dict[str, str] = {}
    for field_name, labels in BREVO_LABELS.items():
        for label in labels:
            if label in normalised and normalised[label] not in mapping.values():
                mapping[field_name] = normalised[label]
                break
    if all(f in mapping for f in _BREVO_REQUIRED):
        return mapping
    return None


@dataclass(frozen=True)
class ReportRow:
    """One campaign (or variant) row of a report, with where it was read."""

    line: int
    title: str
    subject: str
    variant: str
    figures: Figures
    #: field → the header it was read from, to name the column in a refusal.
    columns: dict[str, str] = field(default_factory=dict)
    #: The send date as the file writes it ("" when the file has no send date), checked
    #: against the campaign's before anything is written.
    sent_on: str = ""

    @property
    def given(self) -> frozenset[str]:
        """The figures the file has a column for: the others are stored as "not given"."""
        return frozenset(f for f in FIGURE_FIELDS if f in self.columns)


#: Headers (normalised) that hold a report row's send date: Mailchimp, Brevo, French ESPs.
SEND_DATE_HEADERS: tuple[str, ...] = (
    "send date",
    "sent date",
    "date sent",
    "sent at",
    "send time",
    "delivery date",
    "delivery date time",
    "date d envoi",
    "date de l envoi",
    "date envoi",
    "envoye le",
    "date",
)


def send_date_column(headers: Sequence[str]) -> int:
    """The index of the send-date column of a report's header, or -1."""
    normalised = [normalise_header(h) for h in headers]
    for name in SEND_DATE_HEADERS:
        if name in normalised:
            return normalised.index(name)
    return -1


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "janv", "janvier", "january"),
            ("feb", "fev", "fevr", "fevrier", "february"),
            ("mar", "mars", "march"),
            ("apr", "avr", "avril", "april"),
            ("may", "mai"),
            ("jun", "juin", "june"),
            ("jul", "juil", "juillet", "july"),
            ("aug", "aou", "aout", "august"),
            ("sep", "sept", "septembre", "september"),
            ("oct", "octobre", "october"),
            ("nov", "novembre", "november"),
            ("dec", "decembre", "december"),
        ),
        1,
    )
    for name in names
}


def parse_send_day(text: str) -> date | None:
    """The day of a send date as ESPs write it, or None when it cannot be read for sure.

    Understood: ISO ("2026-01-09 09:30"), Mailchimp's "Jan 09, 2026 09:30 am", French
    "9 janvier 2026", and numeric dates with slashes or dots, read day first (French ESPs) unless
    the day-first reading is impossible ("01/25/2026" is then read month first).
    """
    value = text.strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("/", "-")).date()
    except ValueError:
        pass
    words = normalise_header(value).split()
    numbers = re.findall(r"\d+", value)
    month = next((_MONTHS[w] for w in words if w in _MONTHS), 0)
    try:
        if month and len(numbers) >= 2:
            # "Jan 09, 2026 09:30 am" or "9 janvier 2026 à 09:30": the day and the year.
            day, year = int(numbers[0]), int(numbers[1])
            if day > 31 and year <= 31:
                day, year = year, day
            return date(year if year > 99 else 2000 + year, month, day)
        found = re.match(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\b", value)
        if found:
            first, second, year = (int(g) for g in found.groups())
            year = year if year > 99 else 2000 + year
            if first > 12 or second <= 12:
                return date(year, second, first)
            return date(year, first, second)
    except ValueError:
        return None
    return None


def read_table(
    source: CsvSource,
    headers: Sequence[str],
    mapping: dict[str, str],
    *,
    progress: Progress | None = None,
) -> list[ReportRow]:
    """The rows of a one-row-per-campaign report, read through ``mapping`` (field → header)."""
    missing = sorted({h for h in mapping.values() if h not in headers})
    if missing:
        raise StatsRefused(
            "missing_columns",
            source.name,
            "Columns missing from the file: " + ", ".join(map(quoted, missing[:12])) + ".",
            columns=", ".join(printable(m, 80) for m in missing[:50]),
        )
    figures_at = [(f, list(headers).index(mapping[f])) for f in FIGURE_FIELDS if f in mapping]
    if not any(f == "sent" for f, _ in figures_at):
        raise StatsRefused(
            "missing_columns",
            source.name,
            "No column gives the number of emails sent.",
            columns="sent",
        )
    text_at: dict[str, int] = {
        f: list(headers).index(mapping[f])
        for f in ("campaign", "subject", "variant")
        if f in mapping
    }
    date_at = send_date_column(headers)
    decimal = source.format.decimal
    rows: list[ReportRow] = []
    for count, (line, row) in enumerate(source.rows(), 1):
        values: dict[str, int | Decimal] = {}
        for field_name, index in figures_at:
            cell = row[index] if index < len(row) else ""
            try:
                if field_name == "revenue":
                    values[field_name] = parse_amount(cell, decimal)
                else:
                    values[field_name] = parse_count(cell, decimal)
            except NumberError as exc:
                raise refuse_number(source.name, line, mapping[field_name], exc) from None
        # A figure without a column stays 0 here and is stored as "not given" (see
        # ReportRow.given): no total of opens is invented from the unique ones.

        def text(field_name: str, row: list[str] = row) -> str:
            index = text_at.get(field_name, -1)
            return row[index].strip() if 0 <= index < len(row) else ""

        rows.append(
            ReportRow(
                line,
                text("campaign"),
                text("subject"),
                text("variant"),
                Figures(**values),  # type: ignore[arg-type]
                mapping,
                row[date_at].strip() if 0 <= date_at < len(row) else "",
            )
        )
        if not count & 0x3FF:
            source.check_progress(progress)
    return rows


def refuse_number(name: str, line: int, column: str, exc: NumberError) -> StatsRefused:
    why = "a negative number" if exc.code == "negative" else "not a number"
    return StatsRefused(
        exc.code,
        name,
        f"Line {line}, column {quoted(column)}: {why} ({quoted(exc.value)}).",
        line=line,
        column=printable(column, 80),
        value=exc.value[:200],
    )


# --- Mailchimp's single-campaign report ----------------------------------------------------

_CAMPAIGN_REPORT_KEYS: dict[str, str] = {
    "title": "campaign",
    "campaign title": "campaign",
    "subject line": "subject",
    "subject": "subject",
    "total recipients": "sent",
    "emails sent": "sent",
    "successful deliveries": "delivered",
    "hard bounces": "hard_bounces",
    "soft bounces": "soft_bounces",
    "bounces": "bounces",
    "total bounces": "bounces",
    "recipients who opened": "unique_opens",
    "unique opens": "unique_opens",
    "total opens": "total_opens",
    "recipients who clicked": "unique_clicks",
    "unique clicks": "unique_clicks",
    "total clicks": "total_clicks",
    "total unsubs": "unsubscribes",
    "unsubscribes": "unsubscribes",
    "total abuse complaints": "complaints",
    "abuse complaints": "complaints",
    "total orders": "conversions",
    "orders": "conversions",
    "total revenue": "revenue",
    "revenue": "revenue",
}


#: The keys of the report's send date ("Delivery Date/Time:"), normalised.
_CAMPAIGN_REPORT_DATES = ("delivery date time", "send date", "sent date", "date sent")


def looks_like_campaign_report(rows: Sequence[Sequence[str]]) -> bool:
    """Key/value lines ("Successful Deliveries:,1200") or an "Overall Stats" heading."""
    known = 0
    for row in rows:
        cells = [c for c in row if c.strip()]
        if not cells:
            continue
        key = normalise_header(cells[0])
        if key == "overall stats":
            return True
        if cells[0].strip().endswith(":") and key in _CAMPAIGN_REPORT_KEYS:
            known += 1
    return known >= 3


def read_campaign_report(source: CsvSource) -> ReportRow:
    """The summary of Mailchimp's single-campaign report; stops at its first detail section."""
    decimal = source.format.decimal
    found: dict[str, tuple[str, int, str]] = {}  # field → (value, line, key as written)
    seen_stats = False
    first_line = 0
    for line, row in source.rows():
        cells = [c.strip() for c in row]
        non_empty = [c for c in cells if c]
        if len(non_empty) == 1 and not non_empty[0].endswith(":"):
            heading = normalise_header(non_empty[0])
            if seen_stats and heading != "overall stats":
                break  # "Clicks by URL" and later sections: per-link detail, not read
            seen_stats = seen_stats or heading == "overall stats"
            continue
        key = normalise_header(cells[0]) if cells else ""
        if key in _CAMPAIGN_REPORT_DATES and "sent_on" not in found:
            found["sent_on"] = (next((c for c in cells[1:] if c), ""), line, cells[0])
            continue
        field_name = _CAMPAIGN_REPORT_KEYS.get(key)
        if field_name and field_name not in found:
            value = next((c for c in cells[1:] if c), "")
            found[field_name] = (value, line, cells[0])
            first_line = first_line or line
    if "sent" not in found:
        raise StatsRefused(
            "missing_columns",
            source.name,
            'The report gives no number of recipients ("Total Recipients:").',
            columns="Total Recipients",
        )
    values: dict[str, int | Decimal] = {}
    columns: dict[str, str] = {}
    for field_name, (value, line, key) in found.items():
        if field_name in ("campaign", "subject", "sent_on"):
            continue
        try:
            if field_name == "revenue":
                values[field_name] = parse_amount(value, decimal)
            else:
                values[field_name] = parse_count(value, decimal)
        except NumberError as exc:
            raise refuse_number(source.name, line, key, exc) from None
        columns[field_name] = key
    bounces = values.pop("bounces", None)
    bounces_key = columns.get("bounces", "")
    if "hard_bounces" not in values and "soft_bounces" not in values and bounces is not None:
        values["hard_bounces"] = bounces  # only a total: counted as hard, said in the notes
        columns["hard_bounces"] = bounces_key
    if "delivered" not in values:
        # Delivered is what was sent less what bounced, known only when the bounces are.
        if bounces is not None:
            lost: int | None = int(bounces)
        elif "hard_bounces" in values or "soft_bounces" in values:
            lost = int(values.get("hard_bounces", 0)) + int(values.get("soft_bounces", 0))
        else:
            lost = None
        if lost is not None:
            values["delivered"] = int(values["sent"]) - lost
            columns["delivered"] = bounces_key or columns.get("hard_bounces", "")
    return ReportRow(
        found["sent"][1],
        found.get("campaign", ("", 0, ""))[0],
        found.get("subject", ("", 0, ""))[0],
        "",
        Figures(**values),  # type: ignore[arg-type]
        columns,
        found.get("sent_on", ("", 0, ""))[0],
    )


# --- choosing the campaign's rows and checking them -----------------------------------------


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def pick_rows(
    rows: Sequence[ReportRow], name: str, campaign_name: str, campaign_subject: str
) -> list[ReportRow]:
    """This campaign's rows (one per variant): by title, else by subject, else the only one."""
    if not rows:
        raise StatsRefused("empty", name, "The file has a header but no rows.")
    chosen = [r for r in rows if campaign_name and _same(r.title, campaign_name)]
    if not chosen:
        chosen = [r for r in rows if campaign_subject and _same(r.subject, campaign_subject)]
    if not chosen and len({(r.title, r.subject) for r in rows}) == 1:
        chosen = list(rows)
    if not chosen:
        titles = list(dict.fromkeys(r.title or r.subject for r in rows))
        shown = ", ".join(quoted(t, 60) for t in titles[:20]) + (", …" if len(titles) > 20 else "")
        raise StatsRefused(
            "no_matching_row",
            name,
            f"No row for the campaign {quoted(campaign_name)} (nor its subject); "
            f"the file has: {shown}.",
            campaign=campaign_name,
            titles=", ".join(printable(t, 60) for t in titles[:50]),
        )
    by_variant: dict[str, ReportRow] = {}
    for row in chosen:
        if row.variant in by_variant:
            raise StatsRefused(
                "no_matching_row",
                name,
                f"Lines {by_variant[row.variant].line} and {row.line} both give the figures of "
                f"{campaign_name or 'the campaign'}{variant_label(row.variant)}; keep one.",
                campaign=campaign_name,
                line=row.line,
            )
        by_variant[row.variant] = row
    return list(by_variant.values())


def variant_label(variant: str) -> str:
    return f" (variant {variant})" if variant else ""


#: (rule's left field, relation, right field or fields, sentence): the checks of imported figures.
_RULES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("delivered", "<=", ("sent",), "more deliveries than emails sent"),
    ("hard_bounces", "<=", ("sent",), "more bounces than emails sent"),
    ("unique_opens", "<=", ("delivered",), "more unique opens than deliveries"),
    ("total_opens", ">=", ("unique_opens",), "fewer total opens than unique opens"),
    ("unique_clicks", "<=", ("delivered",), "more unique clicks than deliveries"),
    ("total_clicks", ">=", ("unique_clicks",), "fewer total clicks than unique clicks"),
    ("unsubscribes", "<=", ("delivered",), "more unsubscribes than deliveries"),
    ("complaints", "<=", ("delivered",), "more complaints than deliveries"),
)


def check_figures(
    figures: Figures,
    name: str,
    line: int,
    columns: dict[str, str] | None = None,
    given: frozenset[str] | None = None,
) -> None:
    """Refuse figures that cannot be true, naming the line and the column at fault; only the
    ``given`` figures (all when None) are compared, the others being unknown, not zero."""
    columns = columns or {}

    def refuse(field_name: str, why: str) -> StatsRefused:
        column = columns.get(field_name, field_name)
        value = getattr(figures, field_name)
        return StatsRefused(
            "inconsistent",
            name,
            f"Line {line}, column {quoted(column)}: {why} ({value}).",
            line=line,
            column=printable(column, 80),
            value=str(value),
            field=field_name,
        )

    known = {
        f
        for f in (FIGURE_FIELDS if given is None else given)
        if getattr(figures, f, None) is not None
    }
    if figures.sent <= 0:
        raise refuse("sent", "no emails sent")
    hard = figures.hard_bounces if "hard_bounces" in known else 0
    soft = figures.soft_bounces if "soft_bounces" in known else 0
    if (hard or 0) + (soft or 0) > figures.sent:
        raise refuse("soft_bounces" if soft else "hard_bounces", _RULES[1][3])
    for left, relation, (right,), why in _RULES:
        if left not in known or right not in known:
            continue  # a figure the file does not give cannot contradict another
        a, b = getattr(figures, left), getattr(figures, right)
        if (relation == "<=" and a > b) or (relation == ">=" and a < b):
            raise refuse(left, why)
