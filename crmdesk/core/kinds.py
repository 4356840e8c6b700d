"""The enumerations of the trade, kept apart from the ORM models.

The window's first paint reads the calendar with the standard ``sqlite3`` module and must not
import SQLAlchemy; the stored strings still have to turn into these members, so they live here.
``crmdesk.core.models`` re-exports them for every existing caller.
"""

from __future__ import annotations

import enum


class Channel(enum.StrEnum):
    EMAIL = "email"
    SMS = "sms"
    PUSH = "push"


class CampaignType(enum.StrEnum):
    NEWSLETTER = "newsletter"
    PROMO = "promo"
    RELANCE = "relance"
    ERRATUM = "erratum"
    AUTOMATION = "automation"


class CampaignStatus(enum.StrEnum):
    """The production chain, in order: later statuses compare greater."""

    DRAFT = "draft"
    BRIEF = "brief"
    PRODUCTION = "production"
    BAT = "bat"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    SENT = "sent"
    ANALYSED = "analysed"
    CLOSED = "closed"

    @property
    def rank(self) -> int:
        return _STATUS_RANK[self]


_STATUS_RANK = {status: index for index, status in enumerate(CampaignStatus)}


class ChecklistPhase(enum.StrEnum):
    """The chain of PRODUCT.md, in order."""

    STRATEGY = "strategy"
    PRODUCTION = "production"
    BAT = "bat"
    SEND = "send"
    ANALYSIS = "analysis"


class ChecklistRole(enum.StrEnum):
    """Who does the task in the RACI of the seeds (one person often wears several hats)."""

    MARKETING = "marketing"
    CRM = "crm"
    DATA = "data"
    CLIENT = "client"


class ChecklistState(enum.StrEnum):
    TODO = "todo"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"
    FAILED = "failed"


class RaciRole(enum.StrEnum):
    RESPONSIBLE = "responsible"
    ACCOUNTABLE = "accountable"
    CONSULTED = "consulted"
    INFORMED = "informed"


class BatDecision(enum.StrEnum):
    PENDING = "pending"
    CHANGES_REQUESTED = "changes"
    APPROVED = "approved"


class SmtpSecurity(enum.StrEnum):
    STARTTLS = "starttls"
    SSL = "ssl"
    NONE = "none"


class StatSource(enum.StrEnum):
    """Where a snapshot's figures came from."""

    TYPED = "typed"
    MAILCHIMP = "mailchimp"
    BREVO = "brevo"
    ACTIVITY = "activity"
    MAPPED = "mapped"


class AbMetric(enum.StrEnum):
    """What an A/B test is judged on: clicks by default, since privacy proxies inflate opens."""

    CLICKS = "clicks"
    OPENS = "opens"
    CONVERSIONS = "conversions"


class BudgetUnit(enum.StrEnum):
    DAYS = "days"
    EUROS = "euros"
