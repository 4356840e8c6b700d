"""The PySide6 face of crmdesk: widgets and Qt models over the core; no SQL, no business rules."""
