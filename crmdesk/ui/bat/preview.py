"""The BAT preview: the email as Chromium renders it, at desktop and mobile width, with nothing
in it able to reach the network or the disk unless the user allows remote images for the round.

QtWebEngine is a whole Chromium, so this is the one module that imports it, and the UI imports
this module only when a preview is first shown. Everything the email asks for goes through
two gates: the ``crmdesk-bat`` scheme handler, which serves the round's own snapshot and
nothing else, and a request interceptor, which blocks and counts every other request.
"""

from __future__ import annotations

import atexit
import functools
import re
import secrets
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QEvent,
    QIODevice,
    QObject,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWebEngineCore import (  # noqa: TID253 — this module is itself imported lazily
    QWebEngineNewWindowRequest,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: TID253
from PySide6.QtWidgets import QHBoxLayout, QWidget

#: The scheme the snapshot is served from: ``crmdesk-bat://round-<key>-<token>/<path>``.
SCHEME = "crmdesk-bat"
#: The CSS width of the mobile view, an iPhone's since the 6.
MOBILE_WIDTH = 375
LAYOUTS = ("desktop", "mobile", "side_by_side")

_KEY = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
#: How Chromium reports a file:// (or other local) resource it refused to a web page.
_LOCAL_REFUSED = "Not allowed to load local resource: "
_ZOOM_RANGE = (0.25, 5.0)  # QWebEnginePage's own limits

#: The round's files: a snapshot path ("images/hero.png") → (media type, bytes), None if absent.
Files = Callable[[str], tuple[str, bytes] | None]


def register_scheme() -> None:
    """Declare ``crmdesk-bat`` to Chromium once; called before the first profile is created.

    Qt locks the list of schemes when its web engine starts (at the first profile), not when
    the QApplication is built, so registering here keeps QtWebEngine out of the app's start-up.

    No flags, on purpose: the scheme then behaves like a remote web origin. Chromium itself
    refuses such a page any ``file://`` resource; its ``http(s)`` requests reach the request
    interceptor, which blocks and counts them (with ``LocalScheme`` Chromium would drop them
    silently, and ``file://`` would depend on a setting); without ``SecureScheme`` the page is
    not a secure context, so plain ``http`` images load as in a mail client instead of being
    upgraded or refused as mixed content once allowed. A page only loads images of its own
    origin, so ``CorsEnabled`` is not needed. ``Host`` syntax makes each round its own origin
    and lets relative URLs resolve inside the snapshot.
    """
    if QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    QWebEngineUrlScheme.registerScheme(scheme)


def _snapshot_path(url: QUrl) -> str | None:
    """The snapshot path a URL points at, or None when it tries to climb out or is odd."""
    path = url.path(QUrl.ComponentFormattingOption.FullyDecoded)
    if not path.startswith("/"):
        return None
    parts = path[1:].split("/")
    if any(part in ("", ".", "..") or "\\" in part or "\0" in part for part in parts):
        return None
    return "/".join(parts)


def _snapshot_url(host: str, path: str) -> QUrl:
    url = QUrl()
    url.setScheme(SCHEME)
    url.setHost(host)
    url.setPath(f"/{path}")
    return url


def _checked_key(key: str) -> str:
    lowered = key.lower()
    if not _KEY.fullmatch(lowered):
        raise ValueError(f"unusable preview key {key!r}: letters, digits and dashes only")
    return lowered


@dataclass(eq=False)
class _Document:
    """What one preview serves: its current email and where the round's files come from.

    Each load gets an origin of its own, ``round-<key>-<token>``: Chromium's memory cache
    cannot hand an image from an earlier load to this one (so "images off" is really off),
    and a page of an earlier load, or of another preview, cannot fetch from it.
    """

    files: Files
    key: str = ""
    entry: str = "index.html"
    html: bytes = b""
    host: str = ""

    def new_origin(self) -> None:
        self.host = f"round-{self.key}-{secrets.token_hex(6)}"  # never a bare number: IPv4

    def url(self) -> QUrl:
        return _snapshot_url(self.host, self.entry)

    def shows(self, url: QUrl) -> bool:
        return bool(self.host) and url.host() == self.host and _snapshot_path(url) == self.entry

    def answer(self, url: QUrl, initiator: QUrl) -> tuple[str, bytes] | None:
        """The bytes for a request to this document's origin, or None to refuse it."""
        if not self.host or url.host() != self.host:
            return None  # another round, or an earlier load: not this document's business
        path = _snapshot_path(url)
        if path is None:
            return None  # climbs out of the snapshot
        own = initiator.scheme() == SCHEME and initiator.host() == self.host
        if path == self.entry and (own or initiator.isEmpty()):  # empty: the preview's own load
            return "text/html;charset=utf-8", self.html
        return self.files(path) if own else None  # only the document may ask for its files


class _SnapshotHandler(QWebEngineUrlSchemeHandler):
    """Serves ``crmdesk-bat://`` requests from the documents of the live previews."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.documents: weakref.WeakSet[_Document] = weakref.WeakSet()

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 — Qt's name
        url, initiator = job.requestUrl(), job.initiator()
        for document in list(self.documents):
            try:
                answer = document.answer(url, initiator)
            except Exception:
                job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)  # rather than hang the page
                raise
            if answer is not None:
                media_type, data = answer
                buffer = QBuffer(job)
                buffer.setData(data)
                buffer.open(QIODevice.OpenModeFlag.ReadOnly)
                job.reply(media_type.encode(), buffer)
                return
        job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)


@dataclass(frozen=True)
class _Engine:
    profile: QWebEngineProfile
    handler: _SnapshotHandler


@functools.cache
def _engine() -> _Engine:
    """The one off-the-record profile of the process, created when the first preview is."""
    register_scheme()
    profile = QWebEngineProfile(QCoreApplication.instance())  # no storage name: off the record
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.NoCache)
    profile.setPersistentCookiesPolicy(
        QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
    )
    profile.cookieStore().setCookieFilter(lambda _request: False)  # a tracker sets none either
    profile.setSpellCheckEnabled(False)
    profile.downloadRequested.connect(lambda download: download.cancel())
    settings = profile.settings()
    attribute = QWebEngineSettings.WebAttribute
    for name, on in (
        (attribute.JavascriptEnabled, False),
        (attribute.JavascriptCanOpenWindows, False),
        (attribute.JavascriptCanAccessClipboard, False),
        (attribute.LocalContentCanAccessFileUrls, False),
        (attribute.LocalContentCanAccessRemoteUrls, False),
        (attribute.LocalStorageEnabled, False),
        (attribute.PluginsEnabled, False),
        (attribute.PdfViewerEnabled, False),
        (attribute.ScrollAnimatorEnabled, False),
        (attribute.HyperlinkAuditingEnabled, False),  # <a ping>
        (attribute.DnsPrefetchEnabled, False),  # would resolve the email's hosts unasked
        (attribute.AutoLoadIconsForPage, False),
        (attribute.TouchIconsEnabled, False),
        (attribute.WebGLEnabled, False),
        (attribute.NavigateOnDropEnabled, False),  # a dropped file is an import, not a page
        (attribute.FocusOnNavigationEnabled, False),  # review mode keeps the keyboard
        (attribute.LinksIncludedInFocusChain, False),
        (attribute.BackForwardCacheEnabled, False),
    ):
        settings.setAttribute(name, on)
    handler = _SnapshotHandler(profile)
    profile.installUrlSchemeHandler(SCHEME.encode(), handler)
    atexit.register(_release_pages)
    return _Engine(profile, handler)


def _release_pages() -> None:
    """Delete the previews already scheduled for deletion before the profile goes with the app:
    Qt wants a profile to outlive its pages, and warns ("Expect troubles") otherwise."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class _RemoteGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is not the round's own snapshot, unless remote is allowed.

    ``file://`` and any scheme other than http(s) stay blocked even then. Qt may call
    ``interceptRequest`` off the GUI thread, so the count travels by signal.
    """

    blocked = Signal(str)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.remote_allowed = False

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802
        url = info.requestUrl()
        scheme = url.scheme()
        if scheme in (SCHEME, "data") or url.toString() == "about:blank":
            return
        if self.remote_allowed and scheme in ("http", "https"):
            return
        info.block(True)
        self.blocked.emit(url.toString())


class _PreviewPage(QWebEnginePage):
    """A page that stays on its email: links are reported, never followed."""

    link_clicked = Signal(QUrl)
    local_refused = Signal(str)

    def __init__(self, document: _Document, guard: _RemoteGuard, parent: QObject) -> None:
        super().__init__(_engine().profile, parent)
        self._document = document
        self.setUrlRequestInterceptor(guard)
        self.newWindowRequested.connect(self._new_window)

    def acceptNavigationRequest(  # noqa: N802
        self, url: QUrl, kind: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        if kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            if url.toString().partition("#")[0] == self.url().toString().partition("#")[0]:
                return True  # an anchor inside the email
            self.link_clicked.emit(url)
            return False
        return is_main_frame and url.scheme() == SCHEME and self._document.shows(url)

    def _new_window(self, request: QWebEngineNewWindowRequest) -> None:
        self.link_clicked.emit(request.requestedUrl())  # not accepted: no window opens

    def javaScriptConsoleMessage(  # noqa: N802
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        # Chromium refuses file:// before any interceptor sees it; this is how it says so.
        # Other messages are the email's business and are not logged.
        if message.startswith(_LOCAL_REFUSED):
            self.local_refused.emit(message.removeprefix(_LOCAL_REFUSED).strip())


class BatPreview(QWidget):
    """The email of a round in one or two web views: desktop, mobile (375 CSS px) or both.

    ``files`` serves the round's snapshot by path; the HTML given to ``show_html`` is already
    neutralised and personalised, and is served from ``crmdesk-bat://round-<key>-<token>/<entry>``
    so that its relative URLs resolve inside the snapshot.
    """

    #: Distinct URLs blocked for the current document (remote images, pixels, file://…).
    blocked_changed = Signal(int)
    #: Every visible view finished loading the current document.
    painted = Signal()
    #: The user clicked a link; the preview stays where it is and says where it points.
    link_clicked = Signal(QUrl)

    def __init__(self, files: Files, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = _Document(files)
        _engine().handler.documents.add(self._document)
        self._guard = _RemoteGuard(self)
        self._guard.blocked.connect(self._count_blocked)
        self._blocked: set[str] = set()
        self._images = True
        self._dark = False
        self._zoom = 1.0
        self._layout = "desktop"
        self._stale: set[_PreviewPage] = set()
        self._pending: set[_PreviewPage] = set()

        self.desktop_view, self._desktop_page = self._make_view()
        self.mobile_view: QWebEngineView | None = None  # created when first shown
        self._mobile_page: _PreviewPage | None = None
        self._mobile_frame = QWidget(self)
        self._mobile_frame.setAutoFillBackground(True)
        palette = self._mobile_frame.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Mid))
        self._mobile_frame.setPalette(palette)
        self._frame_layout = QHBoxLayout(self._mobile_frame)
        self._frame_layout.setContentsMargins(12, 12, 12, 12)
        self._mobile_frame.hide()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.desktop_view, 1)
        layout.addWidget(self._mobile_frame)

    # -- what the UI calls ------------------------------------------------------------------

    def show_html(
        self, key: str, html: str, *, remote_allowed: bool, entry: str = "index.html"
    ) -> None:
        """Show a round's email. ``entry`` is where the HTML sits in the snapshot, so that
        relative URLs resolve as in the zip or the .eml it came from."""
        path = _snapshot_path(_snapshot_url("entry", entry))
        if path is None:
            raise ValueError(f"unusable entry path {entry!r}")
        self._document.key = _checked_key(key)
        self._document.entry = path
        self._document.html = html.encode("utf-8")
        self._guard.remote_allowed = remote_allowed
        self._reload()

    def set_layout(self, mode: str) -> None:
        if mode not in LAYOUTS:
            raise ValueError(f"unknown preview layout {mode!r}")
        self._layout = mode
        if mode != "desktop" and self.mobile_view is None:
            self.mobile_view, self._mobile_page = self._make_view(mobile=True)
            self._frame_layout.addStretch(1)
            self._frame_layout.addWidget(self.mobile_view)
            self._frame_layout.addStretch(1)
        self.desktop_view.setVisible(mode != "mobile")
        self._mobile_frame.setVisible(mode != "desktop")
        self._size_mobile()
        for page in self._visible_pages():
            if page in self._stale:
                self._load(page)

    def set_images(self, on: bool) -> None:
        """Images off shows the email as a client that blocks images by default does."""
        if on != self._images:
            self._images = on
            for page in self._pages():
                page.settings().setAttribute(QWebEngineSettings.WebAttribute.AutoLoadImages, on)
            self._reload()

    def set_dark(self, on: bool) -> None:
        """Chromium's forced dark mode: close to what dark-mode mail clients do to an email."""
        if on != self._dark:
            self._dark = on
            for page in self._pages():
                page.settings().setAttribute(QWebEngineSettings.WebAttribute.ForceDarkMode, on)
            self._reload()

    def set_zoom(self, factor: float) -> None:
        self._zoom = min(max(factor, _ZOOM_RANGE[0]), _ZOOM_RANGE[1])
        for page in self._pages():
            page.setZoomFactor(self._zoom)
        self._size_mobile()

    def zoom(self) -> float:
        return self._zoom

    def set_remote_allowed(self, allowed: bool) -> None:
        """Allowing remote content reloads the email, so that its images and pixels load."""
        if allowed != self._guard.remote_allowed:
            self._guard.remote_allowed = allowed
            self._reload()

    def blocked_count(self) -> int:
        return len(self._blocked)

    # -- inside -----------------------------------------------------------------------------

    def _make_view(self, *, mobile: bool = False) -> tuple[QWebEngineView, _PreviewPage]:
        view = QWebEngineView(self)
        page = _PreviewPage(self._document, self._guard, view)
        settings = page.settings()
        attribute = QWebEngineSettings.WebAttribute
        settings.setAttribute(attribute.AutoLoadImages, self._images)
        settings.setAttribute(attribute.ForceDarkMode, self._dark)
        # A phone's scroll bars float over the email; a fixed one would take 15 of its 375 px.
        settings.setAttribute(attribute.ShowScrollBars, not mobile)
        page.setZoomFactor(self._zoom)
        page.link_clicked.connect(self.link_clicked)
        page.local_refused.connect(self._count_blocked)
        page.loadFinished.connect(lambda ok, page=page: self._finished(page, ok))
        view.setPage(page)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no "view source", "save"
        if self._document.host:
            self._stale.add(page)
        return view, page

    def _pages(self) -> list[_PreviewPage]:
        return [p for p in (self._desktop_page, self._mobile_page) if p is not None]

    def _visible_pages(self) -> list[_PreviewPage]:
        pages = []
        if self._layout != "mobile":
            pages.append(self._desktop_page)
        if self._layout != "desktop" and self._mobile_page is not None:
            pages.append(self._mobile_page)
        return pages

    def _reload(self) -> None:
        """Load the current document afresh in the visible views; the hidden ones on show."""
        if not self._document.key:
            return
        self._document.new_origin()
        if self._blocked:
            self._blocked.clear()
            self.blocked_changed.emit(0)
        self._pending.clear()
        self._stale = set(self._pages())
        for page in self._visible_pages():
            self._load(page)

    def _load(self, page: _PreviewPage) -> None:
        self._stale.discard(page)
        self._pending.add(page)
        page.setUrl(self._document.url())

    def _finished(self, page: _PreviewPage, ok: bool) -> None:
        if not ok or page not in self._pending or not self._document.shows(page.url()):
            return  # an earlier load, cut short by a newer one
        self._pending.discard(page)
        if not self._pending:
            self.painted.emit()

    def _count_blocked(self, url: str) -> None:
        if url not in self._blocked:
            self._blocked.add(url)
            self.blocked_changed.emit(len(self._blocked))

    def _size_mobile(self) -> None:
        if self.mobile_view is None:
            return
        width = round(MOBILE_WIDTH * self._zoom)
        self.mobile_view.setFixedWidth(width)
        margins = self._frame_layout.contentsMargins()
        if self._layout == "side_by_side":
            self._mobile_frame.setFixedWidth(width + margins.left() + margins.right())
        else:
            self._mobile_frame.setMinimumWidth(0)
            self._mobile_frame.setMaximumWidth(16_777_215)  # QWIDGETSIZE_MAX: fill the pane
