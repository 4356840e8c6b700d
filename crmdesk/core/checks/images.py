"""Images: alternative text, an explicit width, and a reasonable weight.

* ``alt`` missing → warning: screen readers then read the file name, and with images blocked
  (Outlook's default) the reader sees an empty box instead of the text (WCAG 2.1, 1.1.1).
  ``alt=""`` is right for a decorative image and is not reported.
* ``width`` attribute missing → warning: Outlook for Windows (Word engine) ignores CSS widths on
  images and shows them at their natural size, which breaks a 600 px layout with a 1200 px
  retina image.
* weight, when the file is at hand next to the email: above 200 KB → warning, above 1 MB →
  error. There is no standard; it is the common industry rule of thumb (Litmus, Email on Acid:
  keep each image well under 1 MB, heroes around 200 KB) because images load over mobile
  data before the reader sees anything.

Tracking pixels and spacers (1 px wide or high) and images hidden with ``display:none`` are
neither read nor seen: they get no alt or width finding.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from lxml.html import HtmlElement

from crmdesk.core.checks.model import CheckContext, Family, Finding, ParsedEmail, Severity, check
from crmdesk.core.checks.parse import MERGE_TAG, start_tag

HEAVY_WARNING_BYTES = 200 * 1024
HEAVY_ERROR_BYTES = 1024 * 1024

_NUMBER = re.compile(r"\s*([0-9]{1,6})")
_PIXEL_STYLE = re.compile(r"(?:^|;)\s*(?:width|height)\s*:\s*[01](?:px)?\s*(?:;|$)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)
_REMOTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")  # http:, https:, cid:, data:, file:, //cdn


@check("images.alt_missing", Family.IMAGES, "Images have an alt text", "Images avec texte alt")
def alt_missing(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    for image in parsed.by_tag.get("img", ()):
        if image.get("alt") is None and not _invisible(image):
            yield Finding(
                "images.alt_missing",
                Severity.WARNING,
                f"Image without an alt attribute ({_file_name(image)}): with images blocked the "
                "reader sees an empty box, and screen readers read the file name. Describe it, "
                'or write alt="" if it is decorative.',
                f"Image sans attribut alt ({_file_name(image)}) : images bloquées, le lecteur "
                "voit un cadre vide, et les lecteurs d’écran lisent le nom du fichier. "
                'Décrivez-la, ou mettez alt="" si elle est décorative.',
                line=image.sourceline,
                element=start_tag(image),
            )


@check(
    "images.width_missing",
    Family.IMAGES,
    "Images have a width attribute",
    "Images avec attribut width",
)
def width_missing(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    for image in parsed.by_tag.get("img", ()):
        if image.get("width") is None and not _invisible(image):
            yield Finding(
                "images.width_missing",
                Severity.WARNING,
                f"Image without a width attribute ({_file_name(image)}): Outlook for Windows "
                'ignores CSS widths and shows it at its natural size. Add width="…" in pixels.',
                f"Image sans attribut width ({_file_name(image)}) : Outlook pour Windows ignore "
                'les largeurs CSS et l’affiche à sa taille réelle. Ajoutez width="…" en pixels.',
                line=image.sourceline,
                element=start_tag(image),
            )


@check("images.heavy", Family.IMAGES, "Image weight", "Poids des images")
def heavy(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    base_dir = parsed.base_dir or context.base_dir
    if base_dir is None:
        return
    try:
        base = base_dir.resolve()
    except (OSError, RuntimeError):
        return
    weighed: set[Path] = set()
    for image in parsed.by_tag.get("img", ()):
        path = _local_file(image.get("src") or "", base)
        if path is None or path in weighed:
            continue
        weighed.add(path)
        try:
            size = path.stat().st_size
        except OSError:
            continue
        if size <= HEAVY_WARNING_BYTES:
            continue
        severity = Severity.ERROR if size > HEAVY_ERROR_BYTES else Severity.WARNING
        kilobytes = round(size / 1024)
        yield Finding(
            "images.heavy",
            severity,
            f"The image {path.name} weighs {kilobytes} KB (keep each image under 200 KB, and "
            "never above 1 MB): it will load slowly on mobile data. Compress or resize it.",
            f"L’image {path.name} pèse {kilobytes} Ko (gardez chaque image sous 200 Ko, et "
            "jamais au-delà de 1 Mo) : elle se chargera lentement en 4G. Compressez-la ou "
            "redimensionnez-la.",
            line=image.sourceline,
            element=start_tag(image),
        )


def _local_file(src: str, base: Path) -> Path | None:
    """The image's file inside ``base``, or None: remote, cid:, data:, templated, missing, or
    outside the email's folder (a "../../" path is never followed out of it)."""
    src = src.strip()
    if not src or _REMOTE.match(src) or MERGE_TAG.search(src) or src.startswith("/"):
        return None
    relative = unquote(src.split("#", 1)[0].split("?", 1)[0])
    # Lexically first (one stat for a missing file), then for real, symlinks followed.
    joined = os.path.normpath(os.path.join(base, relative))
    if not joined.startswith(os.path.join(base, "")):
        return None
    try:
        if not os.path.isfile(joined):
            return None
        path = Path(joined).resolve()
    except (OSError, ValueError, RuntimeError):  # a NUL in the name, a symlink loop
        return None
    return path if path.is_relative_to(base) else None


def _invisible(image: HtmlElement) -> bool:
    """A tracking pixel, a spacer or a hidden image: nothing a reader sees or hears."""
    for attribute in ("width", "height"):
        size = _NUMBER.match(image.get(attribute) or "")
        if size is not None and int(size.group(1)) <= 1:
            return True
    style = image.get("style") or ""
    return bool(_HIDDEN_STYLE.search(style) or _PIXEL_STYLE.search(style))


def _file_name(image: HtmlElement) -> str:
    src = (image.get("src") or "").split("?", 1)[0].rstrip("/")
    name = src.rsplit("/", 1)[-1] if src and not src.startswith("data:") else ""
    return name[:60] or "—"
