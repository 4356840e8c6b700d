"""The BAT preview in a real QtWebEngine: what loads, what is blocked and counted, how it looks.

A real HTTP server on 127.0.0.1 plays the email's tracker and image host; it counts every
request it receives, so "blocked" means the server never heard of it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView
from pytestqt.qtbot import QtBot

from crmdesk.ui.bat.preview import MOBILE_WIDTH, BatPreview

LOAD = 60_000  # the first QtWebEngine start takes a few seconds on a small machine
GREEN = QColor(0, 160, 0)

#: What Qt says when it starts QtWebEngine on a machine without a GPU (the offscreen tests):
#: it then renders in software, which is what these tests look at.


def png(width: int, height: int, colour: QColor) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(colour)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


class Tracker(ThreadingHTTPServer):
    """An image host and tracking pixel that remembers every request."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _TrackerHandler)
        self.paths: list[str] = []
        self.lock = threading.Lock()
        self.image = png(1, 1, QColor("red"))

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def received(self) -> list[str]:
        with self.lock:
            return list(self.paths)


class _TrackerHandler(BaseHTTPRequestHandler):
    server: Tracker

    def do_GET(self) -> None:  # noqa: N802 — http.server's name
        with self.server.lock:
            self.server.paths.append(self.path)
        if self.path in ("/pixel.gif", "/hero.png"):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(self.server.image)))
            self.end_headers()
            self.wfile.write(self.server.image)
        else:
            self.send_error(404)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 — the base's name
        """Quiet: the test reads the list of paths instead."""


@pytest.fixture
def tracker() -> Iterator[Tracker]:
    server = Tracker()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


class Snapshot:
    """A round's files, as the BAT screen hands them to the preview; remembers what was asked."""

    def __init__(self, files: dict[str, tuple[str, bytes]]) -> None:
        self.files = files
        self.asked: list[str] = []

    def __call__(self, path: str) -> tuple[str, bytes] | None:
        self.asked.append(path)
        return self.files.get(path)


@pytest.fixture
def snapshot() -> Snapshot:
    return Snapshot({"images/green.png": ("image/png", png(40, 40, GREEN))})


@pytest.fixture
def preview(qtbot: QtBot, snapshot: Snapshot) -> BatPreview:
    widget = BatPreview(snapshot)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    return widget


def show(qtbot: QtBot, preview: BatPreview, html: str, *, key: str = "12", **options: Any) -> None:
    options.setdefault("remote_allowed", False)
    with qtbot.waitSignal(preview.painted, timeout=LOAD):
        preview.show_html(key, html, **options)


def evaluate(qtbot: QtBot, view: QWebEngineView, script: str) -> Any:
    """Read the page from the isolated world, which runs even though the email's JS is off."""
    results: list[Any] = []
    world = QWebEngineScript.ScriptWorldId.ApplicationWorld
    view.page().runJavaScript(script, world, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    return results[0]


def widths(qtbot: QtBot, view: QWebEngineView) -> dict[str, int]:
    """Each image's natural width: 0 when it did not load."""
    script = "Object.fromEntries(Array.from(document.images).map(i => [i.id, i.naturalWidth]))"
    return json.loads(evaluate(qtbot, view, f"JSON.stringify({script})"))


def tracked_email(tracker: Tracker, *extra: str) -> str:
    return f"""<!doctype html><html><head><title>Soldes</title>
<link rel="stylesheet" href="{tracker.origin}/style.css">
<meta http-equiv="refresh" content="0;url={tracker.origin}/refresh">
</head><body style="margin:0;background:#fff">
<img id="local" src="images/green.png" width="40" height="40">
<img id="hero" src="{tracker.origin}/hero.png" width="40" height="40">
<img id="pixel" src="{tracker.origin}/pixel.gif" width="1" height="1">
{"".join(extra)}
<p>Bonjour Camille, les soldes d'été commencent.</p>
</body></html>"""


def test_remote_images_stay_blocked_and_counted_until_the_user_allows_them(
    qtbot: QtBot, preview: BatPreview, tracker: Tracker
) -> None:
    show(qtbot, preview, tracked_email(tracker))

    qtbot.waitUntil(lambda: preview.blocked_count() >= 3, timeout=5000)  # css, hero, pixel
    assert tracker.received() == []
    assert widths(qtbot, preview.desktop_view) == {"local": 40, "hero": 0, "pixel": 0}

    with qtbot.waitSignal(preview.painted, timeout=LOAD):
        preview.set_remote_allowed(True)

    qtbot.waitUntil(lambda: {"/pixel.gif", "/hero.png"} <= set(tracker.received()), timeout=5000)
    assert widths(qtbot, preview.desktop_view) == {"local": 40, "hero": 1, "pixel": 1}
    assert preview.blocked_count() == 0
    assert "/refresh" not in tracker.received()  # a meta refresh never leaves the email
    assert preview.desktop_view.url().scheme() == "crmdesk-bat"


def test_the_blocked_count_is_announced_as_it_grows(
    qtbot: QtBot, preview: BatPreview, tracker: Tracker
) -> None:
    counts: list[int] = []
    preview.blocked_changed.connect(counts.append)
    show(qtbot, preview, tracked_email(tracker))
    qtbot.waitUntil(lambda: preview.blocked_count() >= 3, timeout=5000)
    assert counts[-1] == preview.blocked_count()

    with qtbot.waitSignal(preview.blocked_changed, timeout=LOAD) as reset:
        preview.show_html("13", "<p>Plain text, nothing remote.</p>", remote_allowed=False)
    assert reset.args == [0]


def test_a_file_url_is_blocked_and_counted_even_with_remote_allowed(
    qtbot: QtBot, preview: BatPreview, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(png(30, 30, GREEN))
    html = (
        f'<img id="secret" src="{QUrl.fromLocalFile(str(secret)).toString()}">'
        '<img id="hostname" src="file:///etc/hostname">'
        '<img id="local" src="images/green.png">'
    )
    show(qtbot, preview, html, remote_allowed=True)

    qtbot.waitUntil(lambda: preview.blocked_count() == 2, timeout=5000)
    assert widths(qtbot, preview.desktop_view) == {"secret": 0, "hostname": 0, "local": 40}


def test_a_round_cannot_read_another_rounds_files_nor_climb_out_of_its_own(
    qtbot: QtBot, preview: BatPreview, snapshot: Snapshot
) -> None:
    other = Snapshot({"secret.png": ("image/png", png(30, 30, GREEN))})
    other_preview = BatPreview(other)
    qtbot.addWidget(other_preview)
    other_preview.show()
    show(qtbot, other_preview, "<p>BAT 13</p>", key="13")  # round 13 is live in the app

    other_origin = other_preview.desktop_view.url().host()
    assert other_origin.startswith("round-13-")
    html = (
        f'<img id="other_round" src="crmdesk-bat://{other_origin}/secret.png">'
        '<img id="encoded_dots" src="images%2F..%2F..%2Fsecret.png">'
        '<img id="dots" src="images/%2e%2e/%2e%2e/secret.png">'
        '<img id="local" src="images/green.png">'
    )
    show(qtbot, preview, html)

    assert widths(qtbot, preview.desktop_view) == {
        "other_round": 0,
        "encoded_dots": 0,
        "dots": 0,
        "local": 40,
    }
    assert other.asked == []
    assert not [path for path in snapshot.asked if ".." in path]


def test_local_and_cid_images_display_and_missing_files_do_not(
    qtbot: QtBot, preview: BatPreview, snapshot: Snapshot
) -> None:
    snapshot.files["cid/logo@acme.png"] = ("image/png", png(20, 10, GREEN))
    html = (
        '<img id="local" src="images/green.png">'
        '<img id="cid" src="cid/logo@acme.png">'
        '<img id="missing" src="images/missing.png">'
    )
    show(qtbot, preview, html)

    assert widths(qtbot, preview.desktop_view) == {"local": 40, "cid": 20, "missing": 0}

    def green_on_screen() -> bool:
        pixel = preview.desktop_view.grab().toImage().pixelColor(QPoint(20, 20))
        return pixel.green() > 120 and pixel.red() < 60

    qtbot.waitUntil(green_on_screen, timeout=5000)


def test_an_email_in_a_folder_of_its_zip_finds_its_images(
    qtbot: QtBot, preview: BatPreview, snapshot: Snapshot
) -> None:
    snapshot.files["Soldes été/images/bannière 1.png"] = ("image/png", png(25, 25, GREEN))
    html = (
        '<img id="hero" src="images/banni%C3%A8re%201.png">'
        '<img id="raw" src="images/bannière 1.png">'
    )
    show(qtbot, preview, html, entry="Soldes été/index.html")
    assert widths(qtbot, preview.desktop_view) == {"hero": 25, "raw": 25}


def test_images_off_shows_the_email_without_its_images(qtbot: QtBot, preview: BatPreview) -> None:
    show(qtbot, preview, '<img id="local" src="images/green.png" alt="Soldes">')
    with qtbot.waitSignal(preview.painted, timeout=LOAD):
        preview.set_images(False)
    assert widths(qtbot, preview.desktop_view) == {"local": 0}

    with qtbot.waitSignal(preview.painted, timeout=LOAD):
        preview.set_images(True)
    assert widths(qtbot, preview.desktop_view) == {"local": 40}


def test_the_emails_scripts_never_run_and_nothing_is_kept(
    qtbot: QtBot, preview: BatPreview
) -> None:
    html = (
        "<title>Soldes</title>"
        "<script>document.title = 'script ran'</script>"
        '<img src="images/missing.png" onerror="document.title = \'handler ran\'">'
        "<body onload=\"document.title = 'onload ran'\"><p>Bonjour</p></body>"
    )
    show(qtbot, preview, html)
    assert preview.desktop_view.page().title() == "Soldes"
    assert preview.desktop_view.page().profile().isOffTheRecord()  # no cookies, cache on disk


def test_accented_text_arrives_intact(qtbot: QtBot, preview: BatPreview) -> None:
    show(qtbot, preview, "<p>Été : -20 % sur les œuvres, à Noël</p>")
    text = evaluate(qtbot, preview.desktop_view, "document.body.innerText")
    assert text == "Été : -20 % sur les œuvres, à Noël"


def test_the_mobile_view_is_375_css_pixels_wide_at_any_zoom(
    qtbot: QtBot, preview: BatPreview
) -> None:
    html = "<p>Bonjour</p>"
    show(qtbot, preview, html)
    with qtbot.waitSignal(preview.painted, timeout=LOAD):
        preview.set_layout("mobile")
    mobile = preview.mobile_view
    assert mobile is not None and mobile.isVisible() and not preview.desktop_view.isVisible()
    assert mobile.width() == MOBILE_WIDTH
    assert evaluate(qtbot, mobile, "document.documentElement.clientWidth") == MOBILE_WIDTH

    preview.set_zoom(2.0)
    qtbot.waitUntil(lambda: mobile.width() == 2 * MOBILE_WIDTH)
    qtbot.waitUntil(
        lambda: evaluate(qtbot, mobile, "document.documentElement.clientWidth") == MOBILE_WIDTH
    )


def test_side_by_side_shows_the_same_email_at_both_widths(
    qtbot: QtBot, preview: BatPreview
) -> None:
    preview.set_layout("side_by_side")
    show(qtbot, preview, '<p id="p">BAT 2</p><img id="local" src="images/green.png">')
    mobile = preview.mobile_view
    assert mobile is not None and mobile.isVisible() and preview.desktop_view.isVisible()
    assert preview.desktop_view.width() > mobile.width() == MOBILE_WIDTH
    for view in (preview.desktop_view, mobile):
        assert widths(qtbot, view) == {"local": 40}

    with qtbot.waitSignal(preview.painted, timeout=LOAD):
        preview.set_images(False)
    for view in (preview.desktop_view, mobile):
        assert widths(qtbot, view) == {"local": 0}


def test_zoom_applies_to_the_email(qtbot: QtBot, preview: BatPreview) -> None:
    show(qtbot, preview, '<div id="w" style="width:100%">x</div>')
    wide = evaluate(qtbot, preview.desktop_view, "window.innerWidth")
    preview.set_zoom(2.0)
    qtbot.waitUntil(
        lambda: (
            evaluate(qtbot, preview.desktop_view, "window.innerWidth") in (wide // 2, wide // 2 + 1)
        )
    )
    show(qtbot, preview, '<div id="w">another round</div>', key="14")  # zoom survives a new round
    assert preview.desktop_view.page().zoomFactor() == 2.0

    preview.set_zoom(40)
    assert preview.zoom() == 5.0  # QtWebEngine's limit


def test_dark_mode_darkens_a_white_email(qtbot: QtBot, preview: BatPreview) -> None:
    show(qtbot, preview, '<body style="background:#fff;color:#000"><p>Bonjour</p></body>')
    assert preview.desktop_view.grab().toImage().pixelColor(QPoint(300, 300)).lightness() > 200

    with qtbot.waitSignal(preview.painted, timeout=LOAD):
        preview.set_dark(True)
    qtbot.waitUntil(
        lambda: preview.desktop_view.grab().toImage().pixelColor(QPoint(300, 300)).lightness() < 80,
        timeout=5000,
    )


def test_clicking_a_link_reports_it_and_stays_on_the_email(
    qtbot: QtBot, preview: BatPreview, tracker: Tracker
) -> None:
    html = (
        f'<a id="same" href="{tracker.origin}/landing" '
        'style="display:block;width:200px;height:60px;background:#0a0">Voir</a>'
        f'<a id="blank" href="{tracker.origin}/blank" target="_blank" '
        'style="display:block;width:200px;height:60px;background:#00a">Ailleurs</a>'
    )
    show(qtbot, preview, html, remote_allowed=True)
    before = preview.desktop_view.url()
    target = preview.desktop_view.focusProxy()

    for point, path in ((QPoint(50, 30), "/landing"), (QPoint(50, 90), "/blank")):
        with qtbot.waitSignal(preview.link_clicked, timeout=10_000) as clicked:
            QTest.mouseClick(
                target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
            )
        assert clicked.args == [QUrl(f"{tracker.origin}{path}")]

    qtbot.wait(300)  # a navigation would have started by now
    assert preview.desktop_view.url() == before
    assert tracker.received() == []


def test_keys_and_layouts_outside_the_vocabulary_are_refused(preview: BatPreview) -> None:
    with pytest.raises(ValueError, match="unusable preview key"):
        preview.show_html("../13", "<p>x</p>", remote_allowed=False)
    with pytest.raises(ValueError, match="unusable entry path"):
        preview.show_html("13", "<p>x</p>", remote_allowed=False, entry="../index.html")
    with pytest.raises(ValueError, match="unknown preview layout"):
        preview.set_layout("tablet")
