"""Images: alt attribute, width attribute, and the weight of image files next to the email."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmdesk.core.checks.engine import check_bytes, check_file
from crmdesk.core.checks.model import CheckContext, Severity
from tests.core.checks.conftest import CLEAN_EMAIL, check_html, found, ids, page

LOGO = "https://cdn.exemple.fr/logo.png"


def test_the_clean_email_has_no_image_finding() -> None:
    assert not {i for i in ids(check_html(CLEAN_EMAIL)) if i.startswith("images.")}


def test_an_image_without_alt_is_a_warning() -> None:
    html = page(f'<p>Bonjour</p>\n<img src="{LOGO}" width="200">')
    (finding,) = found(check_html(html), "images.alt_missing")
    assert finding.severity is Severity.WARNING
    assert finding.element == f'<img src="{LOGO}" width="200">'
    assert html.split("\n")[finding.line - 1].startswith("<img")
    assert "logo.png" in finding.message_en
    assert 'alt=""' in finding.message_fr


def test_an_empty_alt_is_right_for_a_decorative_image() -> None:
    report = check_html(page(f'<img src="{LOGO}" alt="" width="200">'))
    assert not found(report, "images.alt_missing")


def test_an_image_without_width_is_a_warning() -> None:
    html = page(f'<img src="{LOGO}" alt="Logo" style="width:200px">')
    (finding,) = found(check_html(html), "images.width_missing")
    assert finding.severity is Severity.WARNING
    assert "Outlook" in finding.message_en


@pytest.mark.parametrize(
    "pixel",
    [
        '<img src="https://t.esp.example/o/1.gif" width="1" height="1">',
        '<img src="https://t.esp.example/o/1.gif" height="1">',
        '<img src="https://t.esp.example/o/1.gif" width="0" height="0" border="0">',
        '<img src="https://t.esp.example/o/1.gif" style="display:none">',
        '<img src="https://t.esp.example/o/1.gif" style="width:1px;height:1px">',
    ],
)
def test_tracking_pixels_and_hidden_images_are_left_alone(pixel: str) -> None:
    report = check_html(page(f"<p>Bonjour</p>{pixel}"))
    assert not found(report, "images.alt_missing")
    assert not found(report, "images.width_missing")


def test_an_absurd_width_does_not_break_the_check() -> None:
    html = page(f'<img src="{LOGO}" alt="Logo" width="{"9" * 5000}" height="x">')
    assert not {i for i in ids(check_html(html)) if i.startswith("images.")}


# -- weight -------------------------------------------------------------------------------------


def write(path: Path, size: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff" * size)
    return path


def email_with(folder: Path, *sources: str) -> Path:
    images = "\n".join(f'<img src="{src}" alt="Visuel" width="600">' for src in sources)
    path = folder / "email.html"
    path.write_text(page(f"<p>Bonjour</p>\n{images}"), encoding="utf-8")
    return path


def test_image_weight_thresholds(tmp_path: Path) -> None:
    write(tmp_path / "img" / "leger.jpg", 150 * 1024)
    write(tmp_path / "img" / "lourd.jpg", 300 * 1024)
    write(tmp_path / "img" / "enorme.png", 2 * 1024 * 1024)
    path = email_with(tmp_path, "img/leger.jpg", "img/lourd.jpg", "img/enorme.png")
    findings = found(check_file(path), "images.heavy")
    assert [(f.severity, f.element) for f in findings] == [
        (Severity.ERROR, '<img src="img/enorme.png" alt="Visuel" width="600">'),
        (Severity.WARNING, '<img src="img/lourd.jpg" alt="Visuel" width="600">'),
    ]
    assert "300 KB" in findings[1].message_en
    assert "300 Ko" in findings[1].message_fr


def test_an_image_used_twice_is_weighed_once(tmp_path: Path) -> None:
    write(tmp_path / "lourd.jpg", 300 * 1024)
    path = email_with(tmp_path, "lourd.jpg", "./lourd.jpg?v=2", "lourd.jpg#haut")
    assert len(found(check_file(path), "images.heavy")) == 1


def test_an_encoded_file_name_is_found(tmp_path: Path) -> None:
    write(tmp_path / "mon visuel été.jpg", 300 * 1024)
    path = email_with(tmp_path, "mon%20visuel%20%C3%A9t%C3%A9.jpg")
    assert found(check_file(path), "images.heavy")


def test_files_outside_the_email_folder_are_never_read(tmp_path: Path) -> None:
    write(tmp_path / "secret.png", 2 * 1024 * 1024)
    folder = tmp_path / "campagne"
    folder.mkdir()
    (folder / "lien.png").symlink_to(tmp_path / "secret.png")
    path = email_with(folder, "../secret.png", "lien.png", str(tmp_path / "secret.png"))
    assert not found(check_file(path), "images.heavy")


def test_remote_cid_data_and_templated_images_are_not_weighed(tmp_path: Path) -> None:
    write(tmp_path / "x.png", 2 * 1024 * 1024)
    path = email_with(tmp_path, "https://cdn.exemple.fr/x.png", "cid:x.png", "data:x.png", "{{x}}")
    assert not found(check_file(path), "images.heavy")


def test_missing_image_files_say_nothing(tmp_path: Path) -> None:
    assert not found(check_file(email_with(tmp_path, "img/absent.png")), "images.heavy")


def test_without_a_folder_nothing_is_weighed(tmp_path: Path) -> None:
    write(tmp_path / "lourd.jpg", 300 * 1024)
    data = page('<img src="lourd.jpg" alt="x" width="10">').encode()
    assert not found(check_bytes(data, "email.html"), "images.heavy")
    report = check_bytes(data, "email.html", context=CheckContext(base_dir=tmp_path))
    assert found(report, "images.heavy")
