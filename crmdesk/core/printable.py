"""Make user data safe to quote in a message.

File names, header values and server text end up in error messages that the CLI prints on a
terminal and the UI shows in a dialog. Such text may carry escape sequences (a file name can
clear the screen or retitle the terminal), NUL bytes, newlines that forge extra lines, or run
for megabytes. ``printable`` is the one place that turns such text into something that can be
shown as-is: control characters become visible, and the text is cut to a sensible length.
"""

from __future__ import annotations

import unicodedata

__all__ = ["DEFAULT_LIMIT", "printable"]

#: Long enough for a real file name or header value, short enough to keep a message one line.
DEFAULT_LIMIT = 80

_ELLIPSIS = "…"


def _visible(char: str) -> str:
    """One character as it may be shown: controls become an escape a reader can recognise."""
    code = ord(char)
    if char == "\t":
        return " "
    if code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F:
        # C0 controls (NUL, ESC, CR, LF…), DEL and C1 controls (CSI 0x9B, OSC 0x9D…), which
        # terminals act on rather than print.
        return f"\\x{code:02x}"
    category = unicodedata.category(char)
    if category in ("Zl", "Zp"):
        # Line and paragraph separators break a message over lines like a newline does.
        return f"\\u{code:04x}"
    if category == "Cf" and char not in ("\u200d", "\u200c"):
        # Format characters such as bidi overrides (U+202E) make a name read backwards.
        return f"\\u{code:04x}"
    if category == "Cs":
        # Lone surrogates (from os.fsdecode of undecodable bytes) cannot even be encoded.
        return f"\\u{code:04x}"
    return char


def printable(text: object, limit: int = DEFAULT_LIMIT) -> str:
    """``text`` with control characters made visible, cut to ``limit`` characters with "…".

    Accepts any object (paths, bytes) so callers can pass what they hold; bytes are decoded
    leniently. The cut counts the result's characters, so the message length stays bounded
    whatever the input; the input is read only as far as needed, so a huge value costs little.
    """
    if isinstance(text, bytes | bytearray):
        raw = bytes(text[: limit * 4 + 4]).decode("utf-8", errors="replace")
    else:
        raw = str(text)
    limit = max(limit, 1)
    out: list[str] = []
    length = 0
    for char in raw:
        piece = _visible(char)
        if length + len(piece) > limit:
            break
        out.append(piece)
        length += len(piece)
    else:
        return "".join(out)
    # Leave room for the ellipsis: drop characters until it fits.
    while out and length + 1 > limit:
        length -= len(out.pop())
    return "".join(out) + _ELLIPSIS
