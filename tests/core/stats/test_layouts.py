"""Report layouts read from fixtures written in each ESP's documented layout."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from crmdesk.core.errors import StatsRefused
from crmdesk.core.stats.figures import Figures
from crmdesk.core.stats.imports import detect, mapping_for_headers, read_file
from crmdesk.core.stats.layouts import check_figures, guess_mapping

FIXTURES = Path(__file__).parent / "fixtures"
SOLDES = Figures(
    sent=12480,
    delivered=12310,
    hard_bounces=75,
    soft_bounces=95,
    unique_opens=4102,
    total_opens=6870,
    unique_clicks=512,
    total_clicks=801,
    unsubscribes=21,
    complaints=2,
)


def test_mailchimp_all_campaigns_report_picks_the_campaign_by_title() -> None:
    parsed = read_file(
        FIXTURES / "mailchimp_all_campaigns.csv", campaign_name="soldes d'hiver  j-1"
    )
    assert parsed.layout == "mailchimp"
    assert parsed.figures[""] == SOLDES.with_values(conversions=38, revenue=Decimal("2154.90"))
    assert parsed.rows == 2


def test_mailchimp_row_found_by_subject_when_the_title_differs() -> None:
    parsed = read_file(
        FIXTURES / "mailchimp_all_campaigns.csv",
        campaign_name="Autre nom",
        campaign_subject="Nos coups de cœur de novembre",
    )
    assert parsed.figures[""].sent == 12215


def test_no_matching_row_lists_the_titles() -> None:
    with pytest.raises(StatsRefused) as caught:
        read_file(FIXTURES / "mailchimp_all_campaigns.csv", campaign_name="Inconnue")
    assert caught.value.code == "no_matching_row"
    assert "Newsletter novembre" in str(caught.value.details["titles"])


def test_mailchimp_campaign_report_reads_the_summary_only() -> None:
    detected = detect(FIXTURES / "mailchimp_campaign_report.csv")
    assert detected.layout == "mailchimp_campaign"
    parsed = read_file(FIXTURES / "mailchimp_campaign_report.csv")
    assert parsed.figures[""] == SOLDES.with_values(hard_bounces=170, soft_bounces=None)
    assert any("hard bounces" in note for note in parsed.notes)


def test_brevo_french_export_with_bom_semicolons_and_spaces() -> None:
    detected = detect(FIXTURES / "brevo_campaigns_fr.csv")
    assert (detected.layout, detected.delimiter, detected.encoding) == ("brevo", ";", "utf-8-sig")
    parsed = read_file(FIXTURES / "brevo_campaigns_fr.csv", campaign_name="Soldes d'hiver J-1")
    assert parsed.figures[""] == SOLDES


def test_brevo_api_statistics_names() -> None:
    parsed = read_file(FIXTURES / "brevo_campaigns_api.csv")
    assert parsed.layout == "brevo"
    assert parsed.figures[""].total_clicks == 2665
    assert parsed.figures[""].unique_opens == 7779


def test_unknown_csv_goes_through_a_guessed_mapping() -> None:
    detected = detect(FIXTURES / "mapped_fr_cp1252.csv")
    assert (detected.layout, detected.encoding) == ("unknown", "cp1252")
    with pytest.raises(StatsRefused) as caught:
        read_file(FIXTURES / "mapped_fr_cp1252.csv")
    assert caught.value.code == "unknown_layout"
    mapping = mapping_for_headers(detected.headers)
    assert mapping["sent"] == "Volume" and mapping["revenue"] == "CA généré"
    parsed = read_file(FIXTURES / "mapped_fr_cp1252.csv", mapping=mapping)
    assert parsed.layout == "mapped"
    assert parsed.figures[""].revenue == Decimal("2154.90")
    assert parsed.figures[""].total_opens is None  # no total column: not given, not unique


def test_shuffled_columns_read_the_same(tmp_path: Path) -> None:
    source = (FIXTURES / "brevo_campaigns_api.csv").read_text().splitlines()
    rows = [line.split(",") for line in source]
    order = list(reversed(range(len(rows[0]))))
    path = tmp_path / "shuffled.csv"
    path.write_text("\n".join(",".join(r[i] for i in order) for r in rows) + "\n")
    assert read_file(path).figures == read_file(FIXTURES / "brevo_campaigns_api.csv").figures


def test_missing_mapped_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(StatsRefused) as caught:
        read_file(FIXTURES / "mapped_fr_cp1252.csv", mapping={"sent": "Envoyés"}, layout="mapped")
    assert caught.value.code == "missing_columns"
    assert caught.value.details["columns"] == "Envoyés"


@pytest.mark.parametrize(
    ("cell", "code"), [("abc", "not_a_number"), ("-5", "negative"), ("99999", "inconsistent")]
)
def test_bad_cells_name_line_and_column(tmp_path: Path, cell: str, code: str) -> None:
    text = (FIXTURES / "brevo_campaigns_api.csv").read_text().replace(",7779,", f",{cell},")
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(StatsRefused) as caught:
        read_file(path)
    assert caught.value.code == code
    assert caught.value.details["line"] == 2
    assert caught.value.details["column"] == "uniqueViews"
    assert "Line 2" in caught.value.message


def test_check_figures_rules() -> None:
    check_figures(SOLDES, "f.csv", 2)
    for bad in (
        SOLDES.with_values(sent=0, delivered=0, hard_bounces=0, soft_bounces=0),
        SOLDES.with_values(delivered=20000),
        SOLDES.with_values(hard_bounces=12000, soft_bounces=1000),
        SOLDES.with_values(total_opens=1),
        SOLDES.with_values(unique_clicks=13000, total_clicks=13000),
        SOLDES.with_values(total_clicks=3),
        SOLDES.with_values(unsubscribes=13000),
        SOLDES.with_values(complaints=13000),
    ):
        with pytest.raises(StatsRefused) as caught:
            check_figures(bad, "f.csv", 2)
        assert caught.value.code == "inconsistent"


def test_guess_mapping_english_and_french() -> None:
    assert guess_mapping(["Campaign name", "Recipients", "Delivered", "Openers"]) == {
        "campaign": "Campaign name",
        "sent": "Recipients",
        "delivered": "Delivered",
        "unique_opens": "Openers",
    }
    assert guess_mapping(["Désinscrits", "Plaintes", "Commandes"]) == {
        "unsubscribes": "Désinscrits",
        "complaints": "Plaintes",
        "conversions": "Commandes",
    }
