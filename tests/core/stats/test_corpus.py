"""Every real ESP CSV of the shared corpus gives figures or a StatsRefused, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmdesk.core.errors import StatsRefused
from crmdesk.core.stats.imports import detect, mapping_for_headers, read_file
from tests.conftest import corpus_params


@pytest.mark.parametrize("path", corpus_params("**/*.csv", within="esp_csv"))
def test_corpus_file_reads_or_is_refused(path: Path) -> None:
    try:
        detected = detect(path)
        read_file(path, campaign_name="x")
        mapping = mapping_for_headers(detected.headers)
        if mapping:
            read_file(path, layout="mapped", mapping=mapping, campaign_name="x")
    except StatsRefused as refused:
        assert refused.code and refused.message


def test_corpus_is_there_or_skipped(corpus: Path) -> None:
    assert len(sorted((corpus / "esp_csv").rglob("*.csv"))) >= 20


def test_corpus_activity_layouts_are_recognised(corpus: Path) -> None:
    csv = corpus / "esp_csv"
    mailup = read_file(csv / "from-documentation/mailup/statistics_full_export.csv")
    assert mailup.figures[""].hard_bounces == 1 and mailup.figures[""].sent == 3
    mailchimp = read_file(csv / "fivetran-dbt_mailchimp/campaign_recipient_activity.csv")
    assert mailchimp.layout == "activity" and mailchimp.figures[""].unique_opens > 0
    assert any("member id" in note for note in mailchimp.notes)
