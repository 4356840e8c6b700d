"""The reports' charts, drawn once for the same figures: a chart is the same SVG as long as its
data, its colour, its size, its words and the code that draws it are the same, so a recap
printed again (or its preview, then its PDF) reuses the drawing instead of redrawing it.

Two levels: the last charts of this process in memory, and a bounded folder under the user's
cache folder that a new ``crmdesk export-recap`` process reads without loading matplotlib at
all. The cache only saves time: a folder that cannot be read or written is simply not used.
This module loads no matplotlib, so a hit costs a hash and a file read.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import OrderedDict
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale

from crmdesk import __version__

#: Points the disk cache elsewhere (the tests use a folder of their own).
CACHE_ENV = "CRMDESK_CACHE_DIR"
#: Charts kept in memory: a few reports' worth.
MEMORY_ENTRIES = 48
#: Charts kept on disk, the least recently used ones removed beyond it (about 60 KB each).
DISK_ENTRIES = 400

_HERE = Path(__file__).resolve().parent
#: What draws a chart: a change to any of them must draw it again.
_CODE = (_HERE / "charts.py", _HERE / "chart_cache.py", _HERE / "reports.py")

_memory: OrderedDict[str, bytes] = OrderedDict()


def cache_dir() -> Path:
    """The folder of cached charts (the compiled templates live beside it): under
    ``CRMDESK_CACHE_DIR``, else under a data folder given by ``CRMDESK_DATA_DIR`` (the tests'
    own), else in the user's cache folder."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override) / "charts"
    data = os.environ.get("CRMDESK_DATA_DIR")
    if data:
        return Path(data) / "cache" / "charts"
    from platformdirs import user_cache_path

    return user_cache_path("crmdesk", appauthor=False) / "charts"


@cache
def _code_fingerprint() -> str:
    """The drawing code and its translations, as they are on disk: a new version, an edited
    chart or a new catalogue never reuses an old drawing."""
    digest = hashlib.sha256(__version__.encode())
    translations = _HERE.parent / "resources" / "translations"
    for path in (*_CODE, *sorted(translations.glob("*.qm"))):
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(str(path).encode())
    try:
        from importlib.metadata import version

        digest.update(version("matplotlib").encode())
    except Exception:  # not installed as a distribution (a frozen build): the version is enough
        pass
    return digest.hexdigest()


def chart_key(kind: str, data: object, *, colours: tuple[str, ...], width: int, height: int) -> str:
    """The cache key of chart ``kind`` of ``data`` (its ``repr``, which the core's frozen
    dataclasses spell out field by field) in the palette made of ``colours`` at this size, in
    the words and number format the charts are drawn in now (the installed catalogue and
    locale)."""
    words = QCoreApplication.translate("StatsCharts", "Campaign funnel")
    parts = (_code_fingerprint(), kind, repr(data), *colours, f"{width}x{height}")
    digest = hashlib.sha256("\x1f".join((*parts, QLocale().name(), words)).encode())
    return digest.hexdigest()


def get(key: str) -> bytes | None:
    """The SVG cached under ``key``, from memory or disk, or None."""
    svg = _memory.get(key)
    if svg is not None:
        _memory.move_to_end(key)
        return svg
    path = cache_dir() / f"{key}.svg"
    try:
        svg = path.read_bytes()
        os.utime(path)  # recently used: kept when the folder is trimmed
    except OSError:
        return None
    _remember(key, svg)
    return svg


def put(key: str, svg: bytes) -> None:
    """Keep ``svg`` under ``key`` in memory and, whole or not at all, on disk."""
    _remember(key, svg)
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(svg)
        os.replace(temporary, folder / f"{key}.svg")
        _trim(folder, key)
    except OSError:
        return


def clear_memory() -> None:
    """Forget the in-memory charts (the disk cache stays): what a new process starts with."""
    _memory.clear()


def _remember(key: str, svg: bytes) -> None:
    _memory[key] = svg
    _memory.move_to_end(key)
    while len(_memory) > MEMORY_ENTRIES:
        _memory.popitem(last=False)


def _trim(folder: Path, newest: str) -> None:
    """Keep the folder to :data:`DISK_ENTRIES` charts, the least recently used going first
    (never ``newest``, just written: several may share its file time)."""
    entries = [entry for entry in os.scandir(folder) if entry.name != f"{newest}.svg"]
    if len(entries) < DISK_ENTRIES:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
    for entry in entries[: len(entries) - DISK_ENTRIES + 1]:
        try:
            os.unlink(entry.path)
        except OSError:
            continue
