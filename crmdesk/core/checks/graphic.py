"""The graphic charter: colours of the email that are not in the client's palette.

One check, ``graphic.palette`` (a warning per off-palette colour, with its first line and how
many times it is used). Colours are read where an email sets them: CSS colour properties
(inline ``style`` and ``<style>`` blocks: ``color``, ``background``, borders, outlines,
shadows, custom properties) and the HTML attributes ``bgcolor``, ``color``, ``text``,
``link``, ``vlink``, ``alink`` and ``bordercolor``, written as ``#rgb``, ``#rrggbb`` (with or
without alpha, with or without "#" in attributes), ``rgb()``, ``hsl()`` or a CSS colour name.

Choices:

- An empty palette means the client gave none: nothing is reported.
- Pure black and pure white are tolerated, and so are fully transparent colours: every email
  uses them for text and backgrounds whatever the charter says. Greys are not: a text grey
  belongs in the palette. A colour a few units off a palette colour is still reported, and
  the message names the palette colour it was surely meant to be.
- Dark-mode rules (``@media (prefers-color-scheme: dark)`` and Outlook.com's
  ``[data-ogsc]``/``[data-ogsb]``) are skipped: their colours differ on purpose.
- Transparency does not change a colour: ``rgba(255, 0, 0, .5)`` is ``#ff0000``.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from crmdesk.core.checks.compat import EmailCss, email_css, style_statements
from crmdesk.core.checks.model import CheckContext, Family, Finding, ParsedEmail, Severity, check

CHECK_ID = "graphic.palette"

TRANSPARENT = "transparent"
TOLERATED = frozenset({"#000000", "#ffffff", TRANSPARENT})
# How far (Euclidean distance in RGB, 0–441) an off-palette colour may be from a palette
# colour for the message to call it a slip of that colour: #fe0000 for #ff0000.
NEAR_MISS = 24

# CSS Color 4 named colours ("transparent" apart).
_NAMED = dict(
    item.split(":")
    for item in """
aliceblue:f0f8ff antiquewhite:faebd7 aqua:00ffff aquamarine:7fffd4 azure:f0ffff beige:f5f5dc
bisque:ffe4c4 black:000000 blanchedalmond:ffebcd blue:0000ff blueviolet:8a2be2 brown:a52a2a
burlywood:deb887 cadetblue:5f9ea0 chartreuse:7fff00 chocolate:d2691e coral:ff7f50
cornflowerblue:6495ed cornsilk:fff8dc crimson:dc143c cyan:00ffff darkblue:00008b
darkcyan:008b8b darkgoldenrod:b8860b darkgray:a9a9a9 darkgreen:006400 darkgrey:a9a9a9
darkkhaki:bdb76b darkmagenta:8b008b darkolivegreen:556b2f darkorange:ff8c00 darkorchid:9932cc
darkred:8b0000 darksalmon:e9967a darkseagreen:8fbc8f darkslateblue:483d8b
darkslategray:2f4f4f darkslategrey:2f4f4f darkturquoise:00ced1 darkviolet:9400d3
deeppink:ff1493 deepskyblue:00bfff dimgray:696969 dimgrey:696969 dodgerblue:1e90ff
firebrick:b22222 floralwhite:fffaf0 forestgreen:228b22 fuchsia:ff00ff gainsboro:dcdcdc
ghostwhite:f8f8ff gold:ffd700 goldenrod:daa520 gray:808080 green:008000 greenyellow:adff2f
grey:808080 honeydew:f0fff0 hotpink:ff69b4 indianred:cd5c5c indigo:4b0082 ivory:fffff0
khaki:f0e68c lavender:e6e6fa lavenderblush:fff0f5 lawngreen:7cfc00 lemonchiffon:fffacd
lightblue:add8e6 lightcoral:f08080 lightcyan:e0ffff lightgoldenrodyellow:fafad2
lightgray:d3d3d3 lightgreen:90ee90 lightgrey:d3d3d3 lightpink:ffb6c1 lightsalmon:ffa07a
lightseagreen:20b2aa lightskyblue:87cefa lightslategray:778899 lightslategrey:778899
lightsteelblue:b0c4de lightyellow:ffffe0 lime:00ff00 limegreen:32cd32 linen:faf0e6
magenta:ff00ff maroon:800000 mediumaquamarine:66cdaa mediumblue:0000cd mediumorchid:ba55d3
mediumpurple:9370db mediumseagreen:3cb371 mediumslateblue:7b68ee mediumspringgreen:00fa9a
mediumturquoise:48d1cc mediumvioletred:c71585 midnightblue:191970 mintcream:f5fffa
mistyrose:ffe4e1 moccasin:ffe4b5 navajowhite:ffdead navy:000080 oldlace:fdf5e6 olive:808000
olivedrab:6b8e23 orange:ffa500 orangered:ff4500 orchid:da70d6 palegoldenrod:eee8aa
palegreen:98fb98 paleturquoise:afeeee palevioletred:db7093 papayawhip:ffefd5 peachpuff:ffdab9
peru:cd853f pink:ffc0cb plum:dda0dd powderblue:b0e0e6 purple:800080 rebeccapurple:663399
red:ff0000 rosybrown:bc8f8f royalblue:4169e1 saddlebrown:8b4513 salmon:fa8072
sandybrown:f4a460 seagreen:2e8b57 seashell:fff5ee sienna:a0522d silver:c0c0c0 skyblue:87ceeb
slateblue:6a5acd slategray:708090 slategrey:708090 snow:fffafa springgreen:00ff7f
steelblue:4682b4 tan:d2b48c teal:008080 thistle:d8bfd8 tomato:ff6347 turquoise:40e0d0
violet:ee82ee wheat:f5deb3 white:ffffff whitesmoke:f5f5f5 yellow:ffff00 yellowgreen:9acd32
""".split()
)

_COLOUR_ATTRIBUTES = frozenset(
    {"bgcolor", "color", "text", "link", "vlink", "alink", "bordercolor"}
)
# The elements those attributes mean something on; elsewhere browsers ignore them.
_COLOUR_ATTRIBUTE_TAGS = ("body", "table", "tr", "td", "th", "font", "basefont", "hr")
_COLOUR_PROPERTIES = frozenset({"box-shadow", "text-shadow", "fill", "stroke", "caret-color"})
_COLOUR_PROPERTY_PREFIXES = ("background", "border", "outline", "text-decoration", "column-rule")

# In a lower-cased CSS value: a hex colour, a colour function, or a word that may be a name.
_CSS_COLOUR = re.compile(
    r"#([0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})(?![\w-])|(rgba?|hsla?)\(([^)]*)\)"
    r"|(?<![\w-])([a-z]+)(?![\w-])"
)
_BARE_HEX = re.compile(r"#?([0-9a-f]{6}|[0-9a-f]{3})")
_URL_CALL = re.compile(r"url\([^)]*\)")
_ARGUMENTS = re.compile(r"[\s,/]+")


def normalise(colour: str) -> str | None:
    """A colour as "#rrggbb" (or "transparent"), from any way CSS or HTML writes one; None
    when it is not a colour. "#F00", "#ff0000", "red" and "rgb(255 0 0)" are all "#ff0000"."""
    text = colour.strip().lower()
    bare = _BARE_HEX.fullmatch(text)
    if bare:
        return _hex(bare.group(1))
    match = _CSS_COLOUR.fullmatch(text)
    return _colour(match) if match else None


@dataclass(slots=True)
class _Use:
    count: int
    line: int | None
    excerpt: str


@check(
    CHECK_ID,
    Family.GRAPHIC,
    "Colours within the client's palette",
    "Couleurs conformes à la palette du client",
)
def off_palette_colours(email: ParsedEmail, context: CheckContext) -> Iterable[Finding]:
    palette = {
        colour
        for colour in map(normalise, context.charters.palette)
        if colour is not None and colour != TRANSPARENT
    }
    if not palette:
        return []
    uses: dict[str, _Use] = {}
    for colour, count, line, excerpt in _colours(email):
        if colour in palette or colour in TOLERATED:
            continue
        use = uses.get(colour)
        if use is None:
            uses[colour] = _Use(count, line, excerpt)
            continue
        use.count += count
        if line is not None and (use.line is None or line < use.line):
            use.line, use.excerpt = line, excerpt
    return [
        _finding(colour, use, _near_miss(colour, palette))
        for colour, use in sorted(
            uses.items(), key=lambda item: (item[1].line is None, item[1].line or 0, item[0])
        )
    ]


def _colours(email: ParsedEmail) -> Iterator[tuple[str, int, int | None, str]]:
    """Every colour the email sets: the colour, how many times, its first line, an excerpt."""
    css = email_css(email)
    known: dict[str, list[tuple[str, str]]] = {}  # each distinct declaration is read once
    for statement in css.statements:
        if statement.kind == "declaration" and not statement.dark:
            for colour, excerpt in _declaration_colours(css, statement.text, known):
                yield colour, 1, statement.line, excerpt
    for style, first in css.inline.items():
        for text in style_statements(style):
            for colour, excerpt in _declaration_colours(css, text, known):
                yield colour, first.count, first.element.sourceline, excerpt
    for tag in _COLOUR_ATTRIBUTE_TAGS:
        for element in email.by_tag.get(tag, ()):
            for name, value in element.items():
                if name in _COLOUR_ATTRIBUTES:
                    normalised = normalise(value)
                    if normalised is not None:
                        yield normalised, 1, element.sourceline, f'{name}="{value}"'


def _declaration_colours(
    css: EmailCss, text: str, known: dict[str, list[tuple[str, str]]]
) -> list[tuple[str, str]]:
    """The colours a declaration sets, each with the declaration as excerpt."""
    colours = known.get(text)
    if colours is not None:
        return colours
    colours = known[text] = []
    declaration = css.declaration(text)
    if declaration is None:
        return colours
    name = declaration.name
    if not (
        "color" in name
        or name.startswith(_COLOUR_PROPERTY_PREFIXES)
        or name.startswith("--")
        or name in _COLOUR_PROPERTIES
    ):
        return colours
    value = _URL_CALL.sub("", declaration.value.lower())
    for match in _CSS_COLOUR.finditer(value):
        colour = _colour(match)
        if colour is not None:
            colours.append((colour, declaration.text))
    return colours


def _colour(match: re.Match[str]) -> str | None:
    hex_digits, function, arguments, word = match.groups()
    if hex_digits:
        return _hex(hex_digits)
    if function:
        return _from_function(function, arguments)
    if word == TRANSPARENT:
        return TRANSPARENT
    named = _NAMED.get(word)
    return f"#{named}" if named else None


def _hex(digits: str) -> str:
    alpha = {4: digits[3:], 8: digits[6:]}.get(len(digits))
    if alpha is not None and alpha.strip("0") == "":
        return TRANSPARENT
    if len(digits) in (3, 4):
        digits = "".join(digit * 2 for digit in digits[:3])
    return f"#{digits[:6]}"


def _from_function(function: str, arguments: str) -> str | None:
    parts = [part for part in _ARGUMENTS.split(arguments.strip()) if part]
    if len(parts) < 3:
        return None
    try:
        if len(parts) > 3 and _number(parts[3], 1.0) == 0:
            return TRANSPARENT
        if function.startswith("rgb"):
            channels = [round(_number(part, 255.0)) for part in parts[:3]]
        else:
            hue = float(parts[0].removesuffix("deg")) / 360 % 1
            red, green, blue = colorsys.hls_to_rgb(
                hue, _number(parts[2], 1.0), _number(parts[1], 1.0)
            )
            channels = [round(channel * 255) for channel in (red, green, blue)]
    except (ValueError, OverflowError):  # "rgb(a, b, c)", "rgb(1e999, 0, 0)"
        return None
    return "#" + "".join(f"{min(max(channel, 0), 255):02x}" for channel in channels)


def _number(text: str, scale: float) -> float:
    """A CSS number, or a percentage of ``scale``. On a 0–1 scale (alpha, HSL's saturation
    and lightness) a bare number above 1 is a percentage too, as CSS Color 4 writes them."""
    if text.endswith("%"):
        return float(text[:-1]) / 100 * scale
    value = float(text)
    return value if scale != 1.0 or value <= 1 else value / 100


def _near_miss(colour: str, palette: set[str]) -> str | None:
    """The palette colour this one is a slip of (a few units off on each channel), if any."""
    nearest = min(sorted(palette), key=lambda other: _distance(colour, other))
    return nearest if _distance(colour, nearest) <= NEAR_MISS**2 else None


def _distance(one: str, other: str) -> int:
    return sum((a - b) ** 2 for a, b in zip(_channels(one), _channels(other), strict=True))


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _finding(colour: str, use: _Use, near_miss: str | None) -> Finding:
    if use.count == 1:
        en = f"The colour {colour} is not in the client’s palette (used once)"
        fr = f"La couleur {colour} n’est pas dans la palette du client (utilisée une fois)"
    else:
        en = f"The colour {colour} is not in the client’s palette (used {use.count} times)"
        fr = f"La couleur {colour} n’est pas dans la palette du client (utilisée {use.count} fois)"
    if near_miss:
        en += f"; it is very close to the palette’s {near_miss}"
        fr += f" ; elle est très proche de {near_miss}, de la palette"
    return Finding(
        check_id=CHECK_ID,
        severity=Severity.WARNING,
        message_en=f"{en}.",
        message_fr=f"{fr}.",
        line=use.line,
        element=use.excerpt,
    )
