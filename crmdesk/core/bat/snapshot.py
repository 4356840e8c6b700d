"""An email as the client will receive it, read once from an .html, .eml or .zip into memory.

A snapshot is every file the email needs (the HTML, its local and ``cid:`` images) with paths
relative to the snapshot itself, so nothing it names can reach beyond it. Reading refuses what
could hurt: archive members that climb out of the archive, zip bombs, files too big to be an
email. :func:`neutralise` gives the HTML the preview shows, with what could act (scripts,
frames, forms, ``file:`` URLs…) taken out and counted as :class:`Notice` objects.

Paths in a snapshot are POSIX, relative, never climbing, and not percent-encoded: an
``<img src="hero%20big.png">`` is stored as ``hero big.png``. The entry of a .zip keeps its
folder inside the archive (``newsletter/index.html``), so the preview's base URL is the
entry's own URL and relative links resolve inside the snapshot. An .eml's entry is
``index.html`` at the root, stored as UTF-8 behind a byte order mark (the MIME part's charset
is not in the HTML itself, and a BOM wins over a stale ``<meta charset>`` in every reader).
"""

from __future__ import annotations

import io
import posixpath
import re
import stat
import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from html import unescape
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from crmdesk.core.checks.parse import (
    MAX_EMAIL_BYTES,
    MERGE_TAG,
    parse_bytes,
    read_mime,
    refusal,
    refuse_size,
    squash,
)
from crmdesk.core.errors import InputRefused, UnusableEmail
from crmdesk.core.limits import (
    MAX_ARCHIVE_MEMBERS,
    QUOTED_CHARS,
    check_archive,
    check_member_count,
    read_member,
)
from crmdesk.core.printable import printable

if TYPE_CHECKING:
    from email.message import EmailMessage

    from crmdesk.core.checks.model import ParsedEmail


@dataclass(frozen=True)
class SnapshotFile:
    #: POSIX path relative to the snapshot, never absolute, never climbing ("images/hero.png").
    path: str
    media_type: str
    data: bytes
    content_id: str = ""


@dataclass(frozen=True)
class Notice:
    """Something in the email that the preview neutralises (scripts, iframes, file: URLs…)."""

    code: str
    count: int
    message: str

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "count": self.count, "message": self.message}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Notice:
        return cls(str(data["code"]), int(data["count"]), str(data["message"]))


@dataclass(frozen=True)
class EmailSnapshot:
    source_name: str
    kind: str  # "html" | "eml" | "zip"
    entry: str
    subject: str
    files: tuple[SnapshotFile, ...]
    notices: tuple[Notice, ...] = ()

    def file(self, path: str) -> SnapshotFile | None:
        return next((f for f in self.files if f.path == path), None)

    def html_bytes(self) -> bytes:
        entry = self.file(self.entry)
        return entry.data if entry is not None else b""

    def content_ids(self) -> dict[str, str]:
        return {f.content_id: f.path for f in self.files if f.content_id}


# What an archive's refusals (crmdesk.core.limits) are called here: the codes the BAT window
# has sentences for.
_ZIP_CODES = {
    "too_many_members": "zip_bomb",
    "zip_bomb": "zip_bomb",
    "encrypted": "zip_invalid",
    "damaged": "zip_invalid",
    "too_large": "too_large",
}

_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_SUFFIX_KINDS = {
    **dict.fromkeys(_HTML_SUFFIXES, "html"),
    **dict.fromkeys((".eml", ".mht", ".mhtml"), "eml"),
    ".zip": "zip",
}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_EML_ENTRY = "index.html"

# The files a snapshot may hold besides its HTML. A fixed table rather than ``mimetypes``,
# which reads the system's tables (the Windows registry says other things). SVG is left out:
# it is a document that can carry scripts, and mail clients do not show it anyway.
_IMAGE_TYPES = {
    ".png": "image/png",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".jpe": "image/jpeg",
    ".webp": "image/webp",
    ".bmp": "image/bmp",
    ".ico": "image/x-icon",
    ".avif": "image/avif",
}
_ASSET_TYPES = {
    **_IMAGE_TYPES,
    ".css": "text/css",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}
_SAFE_TYPES = frozenset(_ASSET_TYPES.values())
_TYPE_SUFFIXES = {media: suffix for suffix, media in reversed(_ASSET_TYPES.items())}
# An image's bytes say what it is better than its name: a ".jpg" that is a PNG is common.
_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"BM", "image/bmp"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
)

_NO_CONTENT_IDS: Mapping[str, str] = MappingProxyType({})

# -- notices ------------------------------------------------------------------------------------

# code: (one, several, why); the order is the order notices are listed in.
_NOTICE_TEXT = {
    "script": ("script removed", "scripts removed", "JavaScript never runs in the preview."),
    "event_handler": (
        "event handler removed (onclick, onload…)",
        "event handlers removed (onclick, onload…)",
        "scripts in attributes never run in the preview.",
    ),
    "javascript_url": (
        "script link disabled (javascript:, vbscript: or data:text/html)",
        "script links disabled (javascript:, vbscript: or data:text/html)",
        "such links never run in the preview.",
    ),
    "iframe": (
        "frame removed (iframe or frame)",
        "frames removed (iframe or frame)",
        "the preview never loads another page inside the email.",
    ),
    "object": (
        "embedded object removed (object, embed or applet)",
        "embedded objects removed (object, embed or applet)",
        "plug-ins never run in the preview.",
    ),
    "form": ("form disarmed", "forms disarmed", "nothing can be sent from the preview."),
    "file_url": (
        "link to a local file removed (file: or C:\\…)",
        "links to local files removed (file: or C:\\…)",
        "the preview never reads your disk.",
    ),
    "meta_refresh": (
        "automatic redirect removed (meta refresh)",
        "automatic redirects removed (meta refresh)",
        "the preview stays on the email.",
    ),
    "resource_hint": (
        "connection hint removed (preconnect, prefetch…)",
        "connection hints removed (preconnect, prefetch…)",
        "Chromium opens such connections before any request can be blocked, telling a "
        "tracker that the email was opened.",
    ),
    "base": (
        "<base> tag removed",
        "<base> tags removed",
        "links and images resolve against the email's own files.",
    ),
    "skipped_file": (
        "file the email refers to was not brought in",
        "files the email refers to were not brought in",
        "missing, outside the email's folder, or not an image or a stylesheet; "
        "they will not show in the preview.",
    ),
}


def _notice(code: str, count: int) -> Notice:
    one, several, why = _NOTICE_TEXT[code]
    return Notice(code, count, f"{count} {one if count == 1 else several}: {why}")


def _notices(counts: Mapping[str, int]) -> list[Notice]:
    return [_notice(code, counts[code]) for code in _NOTICE_TEXT if counts.get(code)]


# -- reading ------------------------------------------------------------------------------------


def read_email(path: Path) -> EmailSnapshot:
    """Read an email file picked by the user; a plain .html brings in the local images and
    stylesheets it refers to inside its own folder, and nothing outside it.

    Raises :class:`UnusableEmail` ("missing", "unreadable", "too_large", "unsupported",
    "no_html", "zip_*") with a sentence naming the file.
    """
    name = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise refusal("unreadable", name, "it is a folder, not an email file.")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would never end
            raise refusal("unreadable", name, "it is not a regular file.")
        refuse_size(info.st_size, name)
        with path.open("rb") as file:
            # Asked for more, read() sets aside that much memory first; one byte more than
            # stat() said tells a file still being written.
            data = file.read(info.st_size + 1)
    except (FileNotFoundError, NotADirectoryError) as error:
        raise refusal("missing", name, "there is no such file.") from error
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise refusal("unreadable", name, f"it cannot be read ({reason}).") from error
    if len(data) > info.st_size:
        raise refusal(
            "unreadable", name, "it changed while it was read: try again once it is saved."
        )
    return _snapshot(path.name, name, data, path.parent)


def read_email_bytes(name: str, data: bytes) -> EmailSnapshot:
    """Read an email given as bytes (a drop from another program); ``name`` gives the kind by
    its extension, else the content does. Local files cannot be looked up: the references
    an HTML makes to them are counted as skipped."""
    refuse_size(len(data), name)
    return _snapshot(re.split(r"[\\/]", name)[-1], name, data, None)


def _snapshot(source_name: str, name: str, data: bytes, folder: Path | None) -> EmailSnapshot:
    kind = _SUFFIX_KINDS.get(posixpath.splitext(source_name)[1].lower())
    if kind == "zip" or (kind is None and data.startswith(_ZIP_MAGIC)):
        return _from_zip(source_name, name, data)
    parsed = _parse(data, name, kind)
    if parsed.headers is not None:
        return _from_eml(source_name, name, data, parsed)
    return _from_html(source_name, name, data, parsed, folder)


def _parse(data: bytes, name: str, kind: str | None) -> ParsedEmail:
    """The email decoded the way the check engine reads it (charset, .eml HTML part)."""
    try:
        return parse_bytes(data, name, kind="eml" if kind == "eml" else "html" if kind else None)
    except UnusableEmail as error:
        if error.code != "binary":
            raise
        raise refusal(
            "unsupported",
            name,
            "it is binary data (an image, a document…), not an HTML page, an .eml or a .zip.",
        ) from error


def _finished(
    source_name: str,
    name: str,
    kind: str,
    entry: str,
    subject: str,
    files: list[SnapshotFile],
    html: str,
    skipped: int = 0,
) -> EmailSnapshot:
    refuse_size(sum(len(file.data) for file in files), name, whole=True)
    snapshot = EmailSnapshot(source_name, kind, entry, subject, tuple(files))
    notices = neutralise(html, snapshot.content_ids())[1]
    if skipped:
        notices.append(_notice("skipped_file", skipped))
    return replace(snapshot, notices=tuple(notices))


def _title(parsed: ParsedEmail) -> str:
    titles = parsed.by_tag.get("title") or [None]
    return squash(titles[0].text_content()) if titles[0] is not None else ""


# -- .html --------------------------------------------------------------------------------------


def _from_html(
    source_name: str, name: str, data: bytes, parsed: ParsedEmail, folder: Path | None
) -> EmailSnapshot:
    entry = source_name if posixpath.splitext(source_name)[1].lower() in _HTML_SUFFIXES else ""
    entry = entry or "index.html"
    files = [SnapshotFile(entry, "text/html", data)]
    references = [
        path for path in map(_local_path, _html_references(parsed.html)) if path is not None
    ]
    if folder is None:
        skipped = len(set(references) - {entry})
    else:
        found, skipped = _local_files(folder, entry, references, name, MAX_EMAIL_BYTES - len(data))
        files.extend(found)
    return _finished(source_name, name, "html", entry, _title(parsed), files, parsed.html, skipped)


def _local_files(
    folder: Path, entry: str, references: list[str], name: str, budget: int
) -> tuple[list[SnapshotFile], int]:
    """The files that an .html on disk refers to inside its folder, and how many it refers to
    that were not brought in. Stylesheets bring in what they refer to in turn."""
    try:
        root = folder.resolve(strict=True)
    except (OSError, RuntimeError):
        return [], len(set(references))
    found: dict[str, SnapshotFile] = {}
    skipped: set[str] = set()
    pending = list(reversed(references))
    while pending:
        path = pending.pop()
        if path in found or path in skipped or path == entry:
            continue
        media_type = _asset_type(path)
        data = _read_inside(root, path, budget, name) if _inside(path) and media_type else None
        if data is None or media_type is None:
            skipped.add(path)
            continue
        budget -= len(data)
        media_type = _refined(media_type, data)
        found[path] = SnapshotFile(path, media_type, data)
        if media_type == "text/css":
            css = data.decode("utf-8", errors="replace")
            base = posixpath.dirname(path)
            for url in reversed(_css_references(css)):
                reference = _local_path(url, base)
                if reference is not None:
                    pending.append(reference)
    return list(found.values()), len(skipped)


def _read_inside(root: Path, path: str, budget: int, name: str) -> bytes | None:
    """A file's bytes when it is a regular file whose real location, symbolic links followed,
    is inside ``root``; None otherwise."""
    try:
        real = root.joinpath(*path.split("/")).resolve(strict=True)
        if not real.is_relative_to(root):
            return None
        info = real.stat()
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size > budget:
            refuse_size(MAX_EMAIL_BYTES - budget + info.st_size, name, whole=True)
        with real.open("rb") as file:
            data = file.read(info.st_size + 1)
    except (OSError, RuntimeError, ValueError):  # ValueError: a NUL byte in the path
        return None
    return data if len(data) <= info.st_size else None  # still being written


# -- .eml ---------------------------------------------------------------------------------------


def _from_eml(source_name: str, name: str, data: bytes, parsed: ParsedEmail) -> EmailSnapshot:
    """The HTML part (decoded by the check engine with the part's charset) and the images the
    mail carries: those with a Content-ID under ``cid/``, other images under ``attachments/``
    or at their relative Content-Location (MHTML)."""
    from email.message import EmailMessage

    message = read_mime(data, name)  # the bounded parser: depth and parts checked as it goes
    html = parsed.html
    files = [SnapshotFile(_EML_ENTRY, "text/html", b"\xef\xbb\xbf" + html.encode("utf-8"))]
    taken = {_EML_ENTRY}
    content_ids: set[str] = set()
    for part in message.walk():
        if part.is_multipart() or part.get_content_type() in ("text/html", "text/plain"):
            continue
        assert isinstance(part, EmailMessage)
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload:
            continue
        filename = _filename(part)
        content_id = _header(part, "Content-ID").strip().strip("<>").strip()
        media_type = _part_type(part, filename, payload)
        if media_type is None:  # a part of no type crmdesk keeps
            continue
        if content_id and media_type in _SAFE_TYPES and content_id not in content_ids:
            content_ids.add(content_id)
            path = _unique(f"cid/{_safe_name(content_id, media_type)}", taken)
        elif media_type in _IMAGE_TYPES.values():
            content_id = ""
            location = _local_path(_header(part, "Content-Location"))
            if location is not None and _inside(location) and location not in taken:
                path = location
            else:
                path = _unique(f"attachments/{_safe_name(filename or 'image', media_type)}", taken)
        else:
            continue
        taken.add(path)
        files.append(SnapshotFile(path, media_type, payload, content_id))
    subject = (parsed.headers or {}).get("Subject", "") or _title(parsed)
    return _finished(source_name, name, "eml", _EML_ENTRY, subject, files, html)


def _header(part: EmailMessage, name: str) -> str:
    """A header's value, or "" when absent or so malformed that the email package raises."""
    try:
        return str(part.get(name, ""))
    except (ValueError, LookupError, IndexError, AttributeError, TypeError):
        return ""


def _filename(part: EmailMessage) -> str:
    try:
        return part.get_filename() or ""
    except (ValueError, LookupError, IndexError, AttributeError, TypeError):
        return ""


def _part_type(part: EmailMessage, filename: str, payload: bytes) -> str | None:
    declared = part.get_content_type()
    if declared not in _SAFE_TYPES:  # application/octet-stream, or a type not allowed
        declared = _asset_type(filename or _header(part, "Content-Location")) or ""
    return _refined(declared, payload) if declared else _sniffed(payload)


def _safe_name(raw: str, media_type: str) -> str:
    """A file name made of the raw name's letters and digits, with the media type's suffix."""
    name = re.sub(r"[^\w.@+-]", "_", raw).strip("._")[:100] or "part"
    if _ASSET_TYPES.get(posixpath.splitext(name)[1].lower()) != media_type:
        name += _TYPE_SUFFIXES[media_type]
    return name


def _unique(path: str, taken: set[str]) -> str:
    stem, suffix = posixpath.splitext(path)
    number = 1
    while path in taken:
        number += 1
        path = f"{stem}-{number}{suffix}"
    return path


# -- .zip ---------------------------------------------------------------------------------------


def _from_zip(source_name: str, name: str, data: bytes) -> EmailSnapshot:
    """One HTML page and its images from an archive, refusing it whole when a member climbs
    out of it or it expands beyond what an email weighs (checked from what it declares before
    anything is expanded, then again while each member streams)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise refusal(
            "zip_invalid",
            name,
            f"it is not a readable .zip archive ({printable(error, QUOTED_CHARS)}).",
        ) from error
    with archive:
        members = archive.infolist()
        try:
            check_member_count(len(members), MAX_ARCHIVE_MEMBERS)
        except InputRefused as error:
            raise _zip_refusal(error, name) from error
        for info in members:
            if _climbs(info.filename):
                raise refusal(
                    "zip_traversal",
                    name,
                    f"the archive member “{printable(info.filename, QUOTED_CHARS)}” points "
                    "outside the archive: the archive was refused, nothing was read from it.",
                )
        kept: dict[str, zipfile.ZipInfo] = {}
        for info in members:
            path = None if info.is_dir() else _archive_path(info.filename)
            if path is not None:
                kept.setdefault(path, info)
        entry = _zip_entry([p for p in kept if _is_html_name(p)], name)
        chosen = {entry: kept[entry]} | {p: i for p, i in kept.items() if _asset_type(p)}
        files = []
        try:
            check_archive(chosen.values(), max_expanded=MAX_EMAIL_BYTES)
            budget = MAX_EMAIL_BYTES
            for path, info in chosen.items():
                content = read_member(archive, info, budget)
                budget -= len(content)
                media_type = _refined(_asset_type(path) or "text/html", content)
                files.append(SnapshotFile(path, media_type, content))
        except InputRefused as error:
            raise _zip_refusal(error, name) from error
    parsed = _parse(files[0].data, f"{name}/{entry}", "html")
    base = posixpath.dirname(entry)
    references = {
        path
        for path in (_local_path(url, base) for url in _html_references(parsed.html))
        if path is not None
    }
    skipped = len(references - set(chosen))
    return _finished(source_name, name, "zip", entry, _title(parsed), files, parsed.html, skipped)


def _zip_refusal(error: InputRefused, name: str) -> UnusableEmail:
    return refusal(_ZIP_CODES.get(error.code, "zip_invalid"), name, error.reason)


def _climbs(raw: str) -> bool:
    """Whether an archive member's name is absolute or climbs (``..``, a drive letter, with
    slashes or backslashes): written to disk by a careless tool, it would land anywhere."""
    parts = raw.replace("\\", "/").split("/")
    return raw.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", raw) is not None or ".." in parts


def _archive_path(raw: str) -> str | None:
    """The snapshot path of an archive member, or None for what is not part of the email:
    macOS's ``__MACOSX/`` resource forks and hidden files."""
    parts = [part for part in raw.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts or parts[0] == "__MACOSX" or any(part.startswith(".") for part in parts):
        return None
    return "/".join(parts)


def _is_html_name(path: str) -> bool:
    return posixpath.splitext(path)[1].lower() in _HTML_SUFFIXES


def _zip_entry(pages: list[str], name: str) -> str:
    """The email's page: index.html nearest the root, else the only HTML file."""
    indexes = [p for p in pages if posixpath.splitext(posixpath.basename(p))[0].lower() == "index"]
    if indexes:
        depth = min(p.count("/") for p in indexes)
        indexes = [p for p in indexes if p.count("/") == depth]
        if len(indexes) == 1:
            return indexes[0]
        pages = indexes
    if len(pages) == 1:
        return pages[0]
    if not pages:
        raise refusal("no_html", name, "the archive holds no HTML file.")
    listed = ", ".join(printable(p, QUOTED_CHARS) for p in sorted(pages)[:3])
    listed += "…" if len(pages) > 3 else ""
    raise refusal(
        "zip_ambiguous",
        name,
        f"the archive holds several HTML files ({listed}) and no single index.html: keep only "
        "the email's page in it, or name that page index.html.",
    )


# -- paths and types ----------------------------------------------------------------------------

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_URL_SPACE = "".join(map(chr, range(0x21)))
_URL_BREAKS = re.compile(r"[\t\n\r]")


def _local_path(url: str, base: str = "") -> str | None:
    """The snapshot path a relative URL names, resolved against the folder ``base``, or None
    when the URL names no local file (a scheme, ``//host``, an anchor, a merge tag).

    The result may start with ``..`` or ``/``: such a path is outside, see :func:`_inside`.
    """
    url = _URL_BREAKS.sub("", url.strip(_URL_SPACE))
    if not url or url.startswith("#") or _SCHEME.match(url) or MERGE_TAG.search(url):
        return None
    url = url.replace("\\", "/")
    if url.startswith("//"):
        return None  # the same scheme, another host: remote
    path = unquote(url.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return None
    if path.startswith("/"):
        return path  # from the root of a disk: never looked up
    return posixpath.normpath(posixpath.join(base, path))


def _inside(path: str) -> bool:
    return not (
        path.startswith("/")
        or path == ".."
        or path.startswith("../")
        or path == "."
        or any(":" in part or "\0" in part for part in path.split("/"))
    )


def _asset_type(path: str) -> str | None:
    return _ASSET_TYPES.get(posixpath.splitext(path)[1].lower())


def _refined(media_type: str, data: bytes) -> str:
    """The type of a file, an image's taken from its bytes when they say (a ".jpg" that is
    a PNG is common, and browsers go by the bytes too)."""
    if media_type.startswith("image/"):
        return _sniffed(data) or media_type
    return media_type


def _sniffed(data: bytes) -> str | None:
    for signature, media_type in _IMAGE_SIGNATURES:
        if data.startswith(signature):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return "image/avif"
    return None


# -- the HTML tokenizer -------------------------------------------------------------------------
# Just enough of the HTML standard's tokenizer to find tags, their attributes, comments and
# the raw text of <script>/<style> exactly where a browser does, so that everything else is
# left byte for byte as written (a parse and re-serialisation would rewrite Outlook's markup).

_START, _END, _RAW, _COMMENT, _UNCLOSED = range(5)
_MARKUP = re.compile(r"<(?:!--|[!?/A-Za-z])")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_COMMENT_CLOSE = re.compile(r"--!?>")
# A whole tag; possessive and atomic groups keep a tag that never ends from backtracking.
_VALUE = r"""(?:"[^"]*+"|'[^']*+'|(?!["'])[^\t\n\f\r >]*+)"""
_TAG = re.compile(
    r"<(/?)([A-Za-z][^\t\n\f\r />]*+)"
    r"((?>[\t\n\f\r /]*+[^\t\n\f\r />][^\t\n\f\r />=]*+"
    rf"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+{_VALUE}|(?![\t\n\f\r ]*+=)))*+)"
    r"[\t\n\f\r /]*+>"
)
_ATTRIBUTE = re.compile(
    r"([^\t\n\f\r />][^\t\n\f\r />=]*+)"
    r"""(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:"([^"]*+)"|'([^']*+)'|([^\t\n\f\r >]*+)))?"""
)
# Elements whose content is text up to their end tag. <noscript> is not one: JavaScript is
# off in the preview, so browsers parse its content as markup and show it, as mail clients do.
_RAW_TEXT = {
    name: re.compile(rf"</{name}[\t\n\f\r />]", re.I)
    for name in ("script", "style", "iframe", "xmp", "noembed", "noframes", "textarea", "title")
}


def _tokens(html: str) -> Iterator[tuple[int, int, int, str, re.Match[str] | None]]:
    """(kind, start, end, lower-case name, tag match) of the tags, comments and raw texts of
    ``html``; what lies between them is text."""
    position = 0
    size = len(html)
    while (found := _MARKUP.search(html, position)) is not None:
        start = found.start()
        if html.startswith("<!--", start):
            end = _comment_end(html, start)
            yield _COMMENT, start, end, "", None
        elif html[start + 1] in "!?" or (
            html[start + 1] == "/" and _ASCII_LETTER.match(html, start + 2) is None
        ):
            # A doctype, <![endif]>, <?xml…>, </ followed by no letter: up to the next ">".
            end = html.find(">", start)
            end = size if end < 0 else end + 1
        else:
            tag = _TAG.match(html, start)
            if tag is None:  # the text ends inside the tag: browsers drop all of it
                yield _UNCLOSED, start, size, "", None
                return
            end = tag.end()
            name = tag.group(2).lower()
            yield (_END if tag.group(1) else _START), start, end, name, tag
            if not tag.group(1) and name in _RAW_TEXT:
                close = _RAW_TEXT[name].search(html, end)
                text_end = close.start() if close else size
                yield _RAW, end, text_end, name, None
                end = text_end
        position = end


def _comment_end(html: str, start: int) -> int:
    if html.startswith(">", start + 4):  # "<!-->" is an empty comment
        return start + 5
    if html.startswith("->", start + 4):  # so is "<!--->"
        return start + 6
    close = _COMMENT_CLOSE.search(html, start + 4)
    return close.end() if close else len(html)


def _attributes(tag: re.Match[str]) -> Iterator[re.Match[str]]:
    return _ATTRIBUTE.finditer(tag.string, tag.start(3), tag.end(3))


def _value(attribute: re.Match[str]) -> str:
    raw = attribute.group(2)
    for group in (3, 4):
        if raw is None:
            raw = attribute.group(group)
    return unescape(raw or "")


# -- references to local files ------------------------------------------------------------------

_FETCHED = ("src", "background", "poster", "lowsrc")


def _attribute_start(*names: str) -> str:
    """A pattern for an attribute whose name starts with one of ``names``, every branch led
    by a character that is not a letter: then the regex engine skips ahead to those
    characters instead of trying each branch at every position (twice as fast)."""
    return "|".join(f"{re.escape(c)}(?:{'|'.join(names)})" for c in "\t\n\f\r /\"'")


# Attribute text that may load a file (src, srcset, background, poster, style's url(), or
# the same hidden behind entities or CSS escapes); tags without it are not looked into.
_LOADS = re.compile(
    rf"&|\\|\((?<=url\()|{_attribute_start('src', 'lowsrc', 'background', 'poster')}", re.I
)
_CSS_URL = re.compile(
    r"""url\(\s*+(?:"((?:[^"\\]|\\.)*+)"|'((?:[^'\\]|\\.)*+)'|((?:[^\s"'()\\]|\\.)*+))\s*+\)""",
    re.I | re.S,
)
_CSS_IMPORT = re.compile(r"""@import\s++(?:"((?:[^"\\]|\\.)*+)"|'((?:[^'\\]|\\.)*+)')""", re.I)
_SRCSET_URL = re.compile(r"[\s,]*+(\S+)")
_CSS_ESCAPE = re.compile(r"\\(?:([0-9A-Fa-f]{1,6})[ \t\n\r\f]?|(.))", re.S)


# Outlook's conditional comments nest one or two deep; an email nesting them deeper is looked
# into that far only (each level rescans the rest of the comment: a bound keeps it linear).
_MAX_COMMENT_NESTING = 8


def _html_references(html: str, depth: int = 0) -> list[str]:
    """The URLs an HTML page loads as images, backgrounds or stylesheets, in document order,
    including those inside Outlook's conditional comments (VML backgrounds)."""
    urls: list[str] = []
    for kind, start, end, name, tag in _tokens(html):
        if (
            kind == _START
            and tag is not None
            and name not in _REMOVED
            and (name == "link" or _LOADS.search(html, tag.start(3), tag.end(3)))
        ):
            attributes: dict[str, str] = {}
            for attribute in _attributes(tag):
                attributes.setdefault(attribute.group(1).lower(), _value(attribute))
            urls.extend(attributes[key] for key in _FETCHED if key in attributes)
            if "srcset" in attributes:
                urls.extend(url for url, _ in _srcset(attributes["srcset"]))
            if "style" in attributes:
                urls.extend(_css_references(attributes["style"]))
            if name == "link" and "stylesheet" in attributes.get("rel", "").lower().split():
                urls.append(attributes.get("href", ""))
        elif kind == _RAW and name == "style":
            urls.extend(_css_references(html[start:end]))
        elif (
            kind == _COMMENT and html.startswith("<!--[if", start) and depth < _MAX_COMMENT_NESTING
        ):
            urls.extend(_html_references(html[start + 4 : end], depth + 1))
    return urls


def _css_references(css: str) -> list[str]:
    matches = [*_CSS_URL.finditer(css), *_CSS_IMPORT.finditer(css)]
    return [_css_string(match) for match in matches]


def _css_string(match: re.Match[str]) -> str:
    value = next((group for group in match.groups() if group is not None), "")
    return _CSS_ESCAPE.sub(_css_character, value)


def _css_character(escape: re.Match[str]) -> str:
    if escape.group(1) is None:
        return escape.group(2)
    code = int(escape.group(1), 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def _srcset(value: str) -> list[tuple[str, str]]:
    """The (URL, descriptor) candidates of a srcset, split as the HTML standard does."""
    candidates = []
    position = 0
    while (found := _SRCSET_URL.match(value, position)) is not None:
        url = found.group(1)
        position = found.end()
        if url.endswith(","):
            candidates.append((url.rstrip(","), ""))
            continue
        comma = value.find(",", position)
        comma = len(value) if comma < 0 else comma
        candidates.append((url, value[position:comma].strip()))
        position = comma + 1
    return candidates


# -- neutralising -------------------------------------------------------------------------------

# Elements removed, with the notice they count under ("" for none). <script> and <iframe>
# go with their content; the others lose their tags only, so an <object>'s fallback content
# shows, as in mail clients that run no plug-in.
_REMOVED = {
    "script": "script",
    "iframe": "iframe",
    "frame": "iframe",
    "frameset": "",
    "object": "object",
    "embed": "object",
    "applet": "object",
    "param": "",
    "base": "base",
}
_REMOVED_WITH_CONTENT = frozenset({"script", "iframe"})
#: ``<link rel>`` values Chromium acts on outside the request interceptor's reach.
_RESOURCE_HINTS = frozenset(
    {"preconnect", "dns-prefetch", "prefetch", "preload", "modulepreload", "prerender"}
)
_URL_ATTRIBUTES = frozenset(
    {
        "href",
        "xlink:href",
        "src",
        "lowsrc",
        "dynsrc",
        "background",
        "poster",
        "action",
        "cite",
        "longdesc",
        "manifest",
    }
)
_FORM_ATTRIBUTES = frozenset({"action", "method", "enctype"})
_BUTTON_ATTRIBUTES = frozenset({"formaction", "formmethod", "formenctype", "formtarget"})
# Attribute text that may need a change; the others are copied without a look at each
# attribute (most tags of an email, which makes neutralising 10 MB take a fraction of a second).
# A URL can hide its scheme behind entities, backslashes (CSS escapes) and line breaks only.
_SUSPECT = re.compile(
    rf"\t|\n|\r|&|\\|{_attribute_start('on', 'form')}|:(?<=script:)|:(?<=file:)|:(?<=data:)"
    r"|:(?<=cid:)|\((?<=url\()|:(?<=[^a-z0-9+.-][a-z]:)(?=[\\/])",
    re.I,
)


def neutralise(
    html: str, content_ids: Mapping[str, str] = _NO_CONTENT_IDS
) -> tuple[str, list[Notice]]:
    """The HTML the preview shows, and one notice per kind of thing taken out.

    Scripts, frames, plug-ins, ``<base>`` and ``<meta http-equiv="refresh">`` are removed,
    ``on…`` attributes dropped, forms lose where and how they send (their fields stay, inert),
    ``javascript:``, ``vbscript:``, ``data:text/html`` and ``file:`` URLs are dropped (a
    link's ``href`` becomes "#", so it still looks like a link). ``cid:x`` images point to
    ``content_ids[x]``, the snapshot path of that part. Everything else is left as written,
    comments included: Outlook's ``<!--[if mso]>`` blocks reach the test send unchanged, and
    browsers never run what is inside a comment.
    """
    counts: Counter[str] = Counter()
    cids = {key.lower(): path for key, path in content_ids.items()} | dict(content_ids)
    pieces = []
    copied = 0
    for kind, start, end, name, tag in _tokens(html):
        replacement = None
        if kind == _START and tag is not None:
            replacement = _neutralised_tag(tag, name, counts, cids)
        elif (kind == _END and name in _REMOVED) or kind == _UNCLOSED:
            replacement = ""
        elif kind == _RAW and name in _REMOVED_WITH_CONTENT:
            replacement = ""
        elif kind == _RAW and name == "style":
            replacement = _neutralised_css(html[start:end], counts, cids)
        if replacement is not None:
            pieces.append(html[copied:start])
            pieces.append(replacement)
            copied = end
    if not pieces:
        return html, []
    pieces.append(html[copied:])
    return "".join(pieces), _notices(counts)


def _neutralised_tag(
    tag: re.Match[str], name: str, counts: Counter[str], cids: Mapping[str, str]
) -> str | None:
    """The start tag as the preview gets it: "" to drop it, None to keep it as written."""
    if name in _REMOVED:
        if _REMOVED[name]:
            counts[_REMOVED[name]] += 1
        return ""
    html = tag.string
    if name == "meta":
        equiv = (_value(a) for a in _attributes(tag) if a.group(1).lower() == "http-equiv")
        if next(equiv, "").strip().lower() == "refresh":
            counts["meta_refresh"] += 1
            return ""
    if name == "link":
        rel = next((_value(a) for a in _attributes(tag) if a.group(1).lower() == "rel"), "")
        if _RESOURCE_HINTS.intersection(rel.lower().split()):
            counts["resource_hint"] += 1
            return ""
    if name == "form":
        counts["form"] += 1
    elif not _SUSPECT.search(html, tag.start(3), tag.end(3)):
        return None
    pieces = []
    copied = tag.start()
    previous_end = tag.start(3)
    for attribute in _attributes(tag):
        replacement = _neutralised_attribute(name, attribute, counts, cids)
        if replacement is not None:
            # A dropped attribute goes with the spaces before it.
            start = previous_end if not replacement else attribute.start()
            pieces.append(html[copied:start])
            pieces.append(replacement)
            copied = attribute.end()
        previous_end = attribute.end()
    if not pieces:
        return None
    pieces.append(html[copied : tag.end()])
    return "".join(pieces)


def _neutralised_attribute(
    element: str, attribute: re.Match[str], counts: Counter[str], cids: Mapping[str, str]
) -> str | None:
    """The attribute as the preview gets it: "" to drop it, None to keep it as written."""
    written = attribute.group(1)
    name = written.lower()
    if name.startswith("on"):
        counts["event_handler"] += 1
        return ""
    if name in _BUTTON_ATTRIBUTES or (element == "form" and name in _FORM_ATTRIBUTES):
        return ""
    if name == "style":
        css = _neutralised_css(_value(attribute), counts, cids)
        return None if css is None else f'{written}="{_escaped(css)}"'
    if name in ("srcset", "imagesrcset"):
        srcset = _neutralised_srcset(_value(attribute), counts, cids)
        if srcset is None:
            return None
        return f'{written}="{_escaped(srcset)}"' if srcset else ""
    if name not in _URL_ATTRIBUTES:
        return None
    url = _value(attribute)
    danger = _danger(url)
    if danger is not None:
        counts[danger] += 1
        return f'{written}="#"' if name == "href" and element in ("a", "area") else ""
    target = _cid_target(url, cids) if name in _FETCHED else None
    return None if target is None else f'{written}="{target}"'


def _neutralised_css(css: str, counts: Counter[str], cids: Mapping[str, str]) -> str | None:
    """CSS with dangerous ``url()`` and ``@import`` dropped and ``cid:`` URLs pointed at the
    snapshot; None when nothing changed."""
    changed = False

    def rewrite(match: re.Match[str]) -> str:
        nonlocal changed
        url = _css_string(match)
        danger = _danger(url)
        if danger is not None:
            counts[danger] += 1
            changed = True
            # "none" keeps "background: url(…) no-repeat" valid, and makes an @import invalid.
            return "@import none" if match.re is _CSS_IMPORT else "none"
        target = _cid_target(url, cids)
        if target is None:
            return match.group(0)
        changed = True
        return f'url("{target}")'

    lowered = css.lower()
    if "url" not in lowered and "@import" not in lowered and "\\" not in css:
        return None
    result = _CSS_IMPORT.sub(rewrite, _CSS_URL.sub(rewrite, css))
    if "\\" in result:  # escapes can spell "url(" itself: u\72l(file:…)
        plain = _CSS_ESCAPE.sub(_css_character, result)
        hidden = [_danger(_css_string(match)) for match in _CSS_URL.finditer(plain)]
        if any(hidden):
            counts.update(danger for danger in hidden if danger)
            return ""  # what is left cannot be told apart safely: none of it
    return result if changed else None


def _neutralised_srcset(value: str, counts: Counter[str], cids: Mapping[str, str]) -> str | None:
    changed = False
    kept = []
    for url, descriptor in _srcset(value):
        danger = _danger(url)
        if danger is not None:
            counts[danger] += 1
            changed = True
            continue
        target = _cid_target(url, cids)
        changed = changed or target is not None
        kept.append(f"{target or url} {descriptor}".strip())
    return ", ".join(kept) if changed else None


def _danger(url: str) -> str | None:
    """The notice a URL falls under when the preview must not follow it, read as browsers do
    (spaces around it and line breaks inside it ignored)."""
    url = _URL_BREAKS.sub("", url.strip(_URL_SPACE))
    if url.startswith("\\\\"):  # \\server\share: Windows's file sharing
        return "file_url"
    scheme = _SCHEME.match(url)
    if scheme is None:
        return None
    name = scheme.group(1).lower()
    if name in ("javascript", "vbscript", "livescript"):
        return "javascript_url"
    if name == "data":
        media_type = url[5:].lstrip().lower()
        if media_type.startswith(("text/html", "application/xhtml")):
            return "javascript_url"
    if name == "file" or len(name) == 1:  # a drive letter: C:\Users\…
        return "file_url"
    return None


def _cid_target(url: str, cids: Mapping[str, str]) -> str | None:
    """The relative URL of the snapshot file a ``cid:`` URL names (RFC 2392: the Content-ID,
    percent-encoded), or None."""
    url = url.strip(_URL_SPACE)
    if not cids or url[:4].lower() != "cid:":
        return None
    content_id = unquote(url[4:]).strip().strip("<>")
    path = cids.get(content_id) or cids.get(content_id.lower())
    return quote(path, safe="/@+") if path else None


def _escaped(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;")
