"""The automatic email checks: Qt-free, ORM-free, usable from the UI, the CLI and an email
developer's CI. The public entry points live in ``crmdesk.core.checks.engine``."""
