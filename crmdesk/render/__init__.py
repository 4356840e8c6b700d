"""What crmdesk draws and prints without a window: labels in the user's language, the stats
charts, and the PDF reports (Jinja2 templates printed by QtWebEngine).

It may use PySide6's QtCore, QtGui and QtWebEngineCore, matplotlib and Jinja2, never widgets:
the CLI prints its PDFs through it, and the windows use the same code."""
