from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def bat_scheme_declared() -> None:
    """Chromium freezes its URL schemes when its first profile starts, and printing a report
    starts one: declare the BAT preview's scheme first, as the report window does in the app,
    so the BAT preview tests later in the same session still load their pages."""
    from crmdesk.ui.bat.preview import register_scheme

    register_scheme()
