"""Real-world emails (the shared corpus, read in place): each gives a report or a clear
UnusableEmail, never another exception, and no check crashes on any of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmdesk.core.checks.engine import check_file
from crmdesk.core.checks.model import Severity
from crmdesk.core.errors import UnusableEmail
from tests.conftest import corpus_params


@pytest.mark.parametrize("path", corpus_params("emails/**/*.html", "eml/**/*.eml"))
def test_every_corpus_email_gives_a_report_or_a_clear_refusal(path: Path) -> None:
    try:
        report = check_file(path)
    except UnusableEmail as error:
        assert error.code in {"binary", "no_html", "unsupported", "too_large"}
        return
    crashes = [f for f in report.findings if f.check_id == "engine.check_crashed"]
    assert not crashes, [f.message_en for f in crashes]
    assert report.to_json()["summary"]["size_bytes"] == report.encoded_size
    lines = report.html.count("\n") + 1
    assert all(f.line is None or 1 <= f.line <= lines for f in report.findings)


def test_known_cases_of_the_corpus(corpus: Path) -> None:
    """A few files whose findings are known from PROVENANCE.md."""
    clipped = check_file(corpus / "emails/mosaico-lepatron/template-versafix-1.html")
    assert [f.severity for f in clipped.findings if f.check_id == "weight.gmail_clip"] == [
        Severity.ERROR
    ]
    latin = check_file(corpus / "emails/premailer-tests/chars.html")
    assert any(f.check_id == "parse.charset_guessed" for f in latin.findings)
    mailchimp = check_file(corpus / "eml/spamscope-mail-parser/mail_test_13.eml")
    assert not [f for f in mailchimp.findings if f.check_id.startswith("sender.")]
    assert mailchimp.subject is not None
    french = check_file(corpus / "eml/spamscope-mail-parser/mail_test_5.eml")
    assert "sender.list_unsubscribe" not in {f.check_id for f in french.findings}
