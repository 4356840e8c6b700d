"""How ready a brief is: a score and the list of what is missing or inconsistent.

Pure functions of the brief and its campaign, cheap enough to run on every keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from crmdesk.core.briefs.content import BriefContent


@dataclass(frozen=True)
class BriefProblem:
    """``field`` is the brief field to focus; ``code`` picks the UI's sentence."""

    field: str
    code: str
    message: str
    index: int | None = None  # which CTA, for list fields


@dataclass(frozen=True)
class Completeness:
    score: int  # 0–100
    problems: tuple[BriefProblem, ...]

    @property
    def complete(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class BriefContext:
    """What the rules need to know about the campaign and its client."""

    send_day: date | None = None
    mention_required: bool = False
    #: The campaign's BAT deadline (its checklist's), shown in the brief in place of its own.
    bat_day: date | None = None


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a landing page, or None."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc or " " in url.strip():
        return "url_invalid"
    if parts.scheme != "https":
        return "url_not_https"
    return None


def completeness(brief: BriefContent, context: BriefContext = BriefContext()) -> Completeness:
    problems: list[BriefProblem] = []
    checks = 0

    def check(ok: bool, field: str, code: str, message: str, index: int | None = None) -> None:
        nonlocal checks
        checks += 1
        if not ok:
            problems.append(BriefProblem(field, code, message, index))

    check(bool(brief.primary_objective.strip()), "primary_objective", "no_objective",
          "No objective: what must this campaign achieve?")  # fmt: skip
    check(brief.kpi_targets.any(), "kpi_targets", "no_kpi_target",
          "No KPI target: set at least one (open, click, conversions, revenue).")  # fmt: skip
    check(bool(brief.ctas), "ctas", "no_cta", "No call to action.")
    for index, cta in enumerate(brief.ctas):
        if not cta.url.strip():
            check(False, "ctas", "cta_without_url", f"The CTA “{cta.label}” has no URL.", index)
            continue
        issue = url_problem(cta.url)
        message = {
            "url_invalid": f"The URL of “{cta.label}” is not a valid web address.",
            "url_not_https": f"The URL of “{cta.label}” is not https.",
        }
        check(issue is None, "ctas", issue or "", message.get(issue or "", ""), index)
    check(brief.tone is not None, "tone", "no_tone", "Tone not set: tu or vous?")
    if context.send_day is not None:
        if brief.offer_valid_until is not None:
            check(brief.offer_valid_until >= context.send_day, "offer_valid_until",
                  "offer_ends_before_send", "The offer ends before the send.")  # fmt: skip
        if brief.bat_due is not None:
            check(brief.bat_due <= context.send_day, "bat_due", "bat_after_send",
                  "The BAT deadline is after the send.")  # fmt: skip
    if brief.offer_valid_from and brief.offer_valid_until:
        check(brief.offer_valid_from <= brief.offer_valid_until, "offer_valid_until",
              "offer_ends_before_start", "The offer ends before it starts.")  # fmt: skip
    if context.mention_required:
        check(bool(brief.mandatory_mentions.strip()), "mandatory_mentions", "mention_missing",
              "The client requires a mandatory mention, and it is empty.")  # fmt: skip
    score = round(100 * (checks - len(problems)) / checks) if checks else 100
    return Completeness(score, tuple(problems))
