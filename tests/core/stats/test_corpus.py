"""Every real ESP CSV of the shared corpus gives figures or a StatsRefused, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmdesk.core.errors import StatsRefused
from crmdesk.core.stats.imports import detect, mapping_for_headers, read_file

CORPUS = Path("/work/shared/corpus/esp_csv")
FILES = sorted(CORPUS.rglob("*.csv")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_corpus_file_reads_or_is_refused(path: Path) -> None:
    try:
        detected = detect(path)
        read_file(path, campaign_name="x")
        mapping = mapping_for_headers(detected.headers)
        if mapping:
            read_file(path, layout="mapped", mapping=mapping, campaign_name="x")
    except StatsRefused as refused:
        assert refused.code and refused.message


def test_corpus_is_there_or_skipped() -> None:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not on this machine")
    assert len(FILES) >= 20


def test_corpus_activity_layouts_are_recognised() -> None:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not on this machine")
    mailup = read_file(CORPUS / "from-documentation/mailup/statistics_full_export.csv")
    assert mailup.figures[""].hard_bounces == 1 and mailup.figures[""].sent == 3
    mailchimp = read_file(CORPUS / "fivetran-dbt_mailchimp/campaign_recipient_activity.csv")
    assert mailchimp.layout == "activity" and mailchimp.figures[""].unique_opens > 0
    assert any("member id" in note for note in mailchimp.notes)
