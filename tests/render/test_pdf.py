"""Chromium's print to PDF as the reports use it: A4, the margin boxes' "page n / N", the page
breaks, the embedded font; and a PDF written whole or not at all."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from crmdesk.core.errors import ReportFailed
from crmdesk.render import pdf
from crmdesk.render.templates import FONTS

A4_POINTS = (595.28, 841.89)

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
@font-face { font-family: Inter; src: url("%(fonts)s/Inter-Regular.ttf"); font-weight: 400; }
@font-face { font-family: Inter; src: url("%(fonts)s/Inter-Bold.ttf"); font-weight: 700; }
body { font-family: Inter; }
@page { @bottom-right { content: "page " counter(page) " / " counter(pages); font-family: Inter; } }
.next { break-before: page; }
</style></head><body><h1>Récapitulatif – Cycles Aubrac</h1>
<div class="next">Seconde page</div></body></html>"""


def write_page(folder: Path) -> Path:
    page = folder / "report.html"
    page.write_text(PAGE % {"fonts": FONTS.as_uri()}, encoding="utf-8")
    return page


def test_a_page_prints_on_a4_with_its_numbers_and_the_shipped_font(
    qapp: QApplication, tmp_path: Path
) -> None:
    document = PdfReader(io.BytesIO(pdf.print_pdf(write_page(tmp_path))))
    assert len(document.pages) == 2
    for number, page in enumerate(document.pages, start=1):
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=1)
        assert f"page {number} / 2" in page.extract_text()
    assert "Récapitulatif – Cycles Aubrac" in document.pages[0].extract_text()
    # Embedded as real fonts (Type 0 with TrueType outlines), not glyph drawings (Type 3).
    fonts = {
        (str(font.get_object()["/Subtype"]), str(font.get_object().get("/BaseFont")))
        for page in document.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert {kind for kind, _ in fonts} == {"/Type0"}, fonts
    assert {name.split("+")[-1] for _, name in fonts} == {"Inter-Regular", "Inter-Bold"}


def test_a_pdf_is_written_whole_and_replaces_the_old_one(tmp_path: Path) -> None:
    out = tmp_path / "recap.pdf"
    out.write_bytes(b"old")
    pdf.write_atomically(b"%PDF-1.4 new", out)
    assert out.read_bytes() == b"%PDF-1.4 new"
    assert [p.name for p in tmp_path.iterdir()] == ["recap.pdf"]


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("missing-folder/recap.pdf", "folder does not exist"),
        ("a-folder", "is a folder"),
        ("x" * 300 + ".pdf", "could not be written"),
    ],
)
def test_an_unwritable_path_is_refused_and_leaves_no_file(
    tmp_path: Path, target: str, words: str
) -> None:
    (tmp_path / "a-folder").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(ReportFailed) as refused:
        pdf.write_atomically(b"%PDF-1.4", tmp_path / target)
    assert refused.value.code == "unwritable"
    assert words in refused.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == before
