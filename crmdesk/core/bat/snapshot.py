"""An email as the client will receive it, read once from an .html, .eml or .zip into memory.

A snapshot is every file the email needs (the HTML, its local and ``cid:`` images) with paths
relative to the snapshot itself, so nothing it names can reach beyond it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
