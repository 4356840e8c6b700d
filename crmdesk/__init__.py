"""crmdesk: the offline cockpit of the freelance eCRM operator."""

__version__ = "0.1.0"
