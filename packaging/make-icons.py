"""Render crmdesk's icon (crmdesk/resources/icons/crmdesk.svg) to the PNG sizes the desktops
want, plus a Windows .ico and a macOS .icns for PyInstaller.

    python packaging/make-icons.py          # writes crmdesk/resources/icons/crmdesk-<N>.png ...

Rendering goes through Qt's own SVG renderer (QSvgRenderer), no Inkscape or cairo needed; the
.ico and .icns are packed from those PNGs with Pillow (a dependency of matplotlib, so always
there). Run it again after editing the SVG and commit the results: they are small.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ICONS = os.path.join(ROOT, "crmdesk", "resources", "icons")
SVG = os.path.join(ICONS, "crmdesk.svg")


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts, GL)
    renderer = QSvgRenderer(SVG)
    if not renderer.isValid():
        print(f"make-icons: {SVG} is not a valid SVG", file=sys.stderr)
        return 1
    written = []
    for size in sorted(set(SIZES) | set(ICO_SIZES)):
        path = os.path.join(ICONS, f"crmdesk-{size}.png")
        if size not in SIZES:  # only an .ico frame (24 px), not shipped as a PNG
            path = os.path.join(ICONS, f".crmdesk-{size}.tmp.png")
        if not render(renderer, size).save(path, "PNG"):
            print(f"make-icons: could not write {path}", file=sys.stderr)
            return 1
        written.append(path)

    try:
        from PIL import Image
    except ImportError:
        print("make-icons: Pillow is missing; no .ico/.icns written", file=sys.stderr)
    else:
        def frame(size: int) -> str:
            name = f"crmdesk-{size}.png" if size in SIZES else f".crmdesk-{size}.tmp.png"
            return os.path.join(ICONS, name)

        # Every frame from its own rendering (Pillow would otherwise downscale the largest).
        frames = [Image.open(frame(s)).convert("RGBA") for s in ICO_SIZES]
        ico = os.path.join(ICONS, "crmdesk.ico")
        frames[-1].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                        append_images=frames[:-1])
        written.append(ico)
        icns = os.path.join(ICONS, "crmdesk.icns")
        big = Image.open(frame(512)).convert("RGBA")
        smaller = [Image.open(frame(s)).convert("RGBA") for s in (16, 32, 64, 128, 256)]
        big.save(icns, format="ICNS", append_images=smaller)
        written.append(icns)
    for size in ICO_SIZES:
        if size not in SIZES:
            os.remove(os.path.join(ICONS, f".crmdesk-{size}.tmp.png"))
    for path in written:
        if os.path.exists(path):
            print(f"{os.path.relpath(path, ROOT)}  {os.path.getsize(path)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
