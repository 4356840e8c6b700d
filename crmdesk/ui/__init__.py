"""The PySide6 face of crmdesk: widgets and Qt models over the core, no SQL and no business rules."""
