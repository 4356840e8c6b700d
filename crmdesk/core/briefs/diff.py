"""What changed between two versions of a brief, field by field and line by line."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from crmdesk.core.briefs.content import FIELD_LABELS, BriefContent


@dataclass(frozen=True)
class LinePair:
    """One row of a side-by-side view: ``kind`` is equal, changed, added or removed."""

    kind: str
    left: str
    right: str


@dataclass(frozen=True)
class FieldDiff:
    field: str
    before: str
    after: str

    def side_by_side(self) -> list[LinePair]:
        left, right = self.before.splitlines(), self.after.splitlines()
        rows: list[LinePair] = []
        matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                rows.extend(LinePair("equal", a, a) for a in left[i1:i2])
            elif tag == "replace":
                a_part, b_part = left[i1:i2], right[j1:j2]
                for k in range(max(len(a_part), len(b_part))):
                    a = a_part[k] if k < len(a_part) else ""
                    b = b_part[k] if k < len(b_part) else ""
                    rows.append(
                        LinePair("changed" if a and b else ("removed" if a else "added"), a, b)
                    )
            elif tag == "delete":
                rows.extend(LinePair("removed", a, "") for a in left[i1:i2])
            else:
                rows.extend(LinePair("added", "", b) for b in right[j1:j2])
        return rows


def field_text(value: Any) -> str:
    """A field's value as the lines a person reads in a diff."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "\n".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, dict):
                lines.append(" — ".join(str(v) for v in item.values() if v not in (None, "")))
            else:
                lines.append(str(item))
        return "\n".join(lines)
    return str(value)


def changed_fields(before: BriefContent, after: BriefContent) -> list[str]:
    a, b = before.to_dict(), after.to_dict()
    return [name for name in FIELD_LABELS if a.get(name) != b.get(name)]


def diff(before: BriefContent, after: BriefContent) -> list[FieldDiff]:
    a, b = before.to_dict(), after.to_dict()
    return [
        FieldDiff(name, field_text(a.get(name)), field_text(b.get(name)))
        for name in changed_fields(before, after)
    ]
