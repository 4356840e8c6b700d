"""Real-looking campaign emails for the demo workspace, built the way ESP templates are: nested
layout tables, inline styles, a hidden preheader, a mirror link, tracked links, a footer with
the unsubscribe link and the legal mentions.

Some emails carry the mistakes the checks exist for (a link without UTM, an image without alt
text, a leftover "XXX", an off-palette colour), so a demo checklist shows findings of every
kind. The ``flaws`` argument picks them, so tests can ask for a clean email too.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

FLAWS = ("http_link", "missing_utm", "missing_alt", "leftover", "off_palette", "vague_link")


@dataclass(frozen=True)
class EmailBrand:
    name: str
    domain: str
    colour: str
    dark: str
    esp: str
    tone: str  # "tu" or "vous"
    mention: str


def _url(brand: EmailBrand, path: str, slug: str, content: str, *, utm: bool = True) -> str:
    base = f"https://www.{brand.domain}/{path}"
    if not utm:
        return base
    query = urlencode(
        {
            "utm_source": brand.esp.lower(),
            "utm_medium": "email",
            "utm_campaign": slug,
            "utm_content": content,
        }
    )
    return f"{base}?{query}"


def campaign_email(
    brand: EmailBrand,
    title: str,
    slug: str,
    products: tuple[tuple[str, str, str], ...],
    flaws: frozenset[str] = frozenset(),
    *,
    hero_url: str | None = None,
    mentions: tuple[str, ...] = (),
    local_images: bool = False,
    pixel: bool = False,
) -> str:
    """An HTML email of about 8–15 KB; ``products`` are (name, price, path) blocks.

    ``hero_url`` is the brief's call to action (the main visual links to it) and
    ``mentions`` the brief's mandatory mentions, printed in the footer with the brand's own.
    With ``local_images`` the visuals are the files of :func:`email_images` beside the HTML,
    as in an export from an email builder; ``pixel`` adds the ESP's remote open-tracking pixel.
    """
    unknown = flaws - set(FLAWS)
    if unknown:
        raise ValueError(f"unknown flaws: {sorted(unknown)}")
    you = "tu" if brand.tone == "tu" else "vous"
    discover = "Je découvre"
    intro = (
        "Cette semaine, on t'a préparé une sélection rien que pour toi."
        if you == "tu"
        else "Cette semaine, nous vous avons préparé une sélection rien que pour vous."
    )
    if "leftover" in flaws:
        intro += " XXX texte à valider XXX"
    accent = "#7c3aed" if "off_palette" in flaws else brand.colour

    def image(name: str) -> str:
        if local_images:
            return f"images/{name.split('/')[0]}.png"
        return f"https://img.{brand.domain}/{name}.{'png' if name.startswith('logo') else 'jpg'}"

    tracking = (
        f'<img src="https://t.{brand.domain}/o/{slug}.gif" width="1" height="1" alt=""'
        ' style="display:block;border:0;">'
        if pixel
        else ""
    )
    blocks = []
    for index, (name, price, path) in enumerate(products):
        href = _url(brand, path, slug, f"produit-{index + 1}", utm="missing_utm" not in flaws)
        if "http_link" in flaws and index == 0:
            href = href.replace("https://", "http://", 1)
        alt = "" if "missing_alt" in flaws and index == 1 else f' alt="{escape(name)}"'
        label = "Cliquez ici" if "vague_link" in flaws and index == 0 else discover
        blocks.append(
            f"""
          <tr>
            <td style="padding:16px 24px;border-bottom:1px solid #e5e7eb;">
              <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
                <tr>
                  <td width="160" valign="top">
                    <img src="{image(f"produits/{path}")}"{alt}
                      width="160" height="120" style="display:block;border:0;">
                  </td>
                  <td valign="top" style="padding-left:16px;font-family:Arial,sans-serif;">
                    <h2 style="margin:0 0 6px;font-size:18px;color:{brand.dark};">
                      {escape(name)}</h2>
                    <p style="margin:0 0 12px;font-size:15px;color:{brand.dark};">{price}</p>
                    <a href="{escape(href)}" style="background:{accent};color:#ffffff;
                      padding:10px 18px;text-decoration:none;border-radius:4px;
                      font-size:14px;display:inline-block;">{label}</a>
                  </td>
                </tr>
              </table>
            </td>
          </tr>"""
        )
    hero = hero_url or _url(brand, "offres", slug, "hero", utm="missing_utm" not in flaws)
    legal = "".join(
        f'\n              <p style="margin:0 0 8px;">{escape(text)}</p>'
        for text in (brand.mention, *mentions)
        if text
    )
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(title)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
  <div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">
    {escape(title)} : la sélection de la semaine chez {escape(brand.name)}.
  </div>
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"
    style="background:#f3f4f6;">
    <tr>
      <td align="center" style="padding:12px;font-family:Arial,sans-serif;font-size:12px;
        color:#6b7280;">
        <a href="{{{{ mirror }}}}" style="color:#6b7280;">Voir la version en ligne</a>
      </td>
    </tr>
    <tr>
      <td align="center">
        <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"
          style="background:#ffffff;width:100%;max-width:600px;">
          <tr>
            <td style="background:{brand.colour};padding:20px 24px;">
              <img src="{image("logo-blanc")}" alt="{escape(brand.name)}"
                width="180" height="40" style="display:block;border:0;">
            </td>
          </tr>
          <tr>
            <td style="padding:0;">
              <a href="{escape(hero)}"><img src="{image(f"hero/{slug}")}"
                alt="{escape(title)}" width="600" height="300"
                style="display:block;border:0;width:100%;height:auto;"></a>
            </td>
          </tr>
          <tr>
            <td style="padding:24px;font-family:Arial,sans-serif;">
              <h1 style="margin:0 0 12px;font-size:24px;color:{brand.dark};">
                {escape(title)}</h1>
              <p style="margin:0;font-size:16px;line-height:24px;color:{brand.dark};">
                Bonjour {{{{ contact.PRENOM | default: "" }}}},<br>{escape(intro)}</p>
            </td>
          </tr>{"".join(blocks)}
          <tr>
            <td style="padding:24px;font-family:Arial,sans-serif;font-size:12px;
              line-height:18px;color:#6b7280;background:#f9fafb;">
{legal}
              <p style="margin:0 0 8px;">{escape(brand.name)} – {escape(brand.domain)}</p>
              <p style="margin:0;">
                <a href="{{{{ unsubscribe }}}}" style="color:#6b7280;">Se désinscrire</a> ·
                <a href="{_url(brand, "preferences", slug, "footer")}"
                  style="color:#6b7280;">Gérer mes préférences</a></p>
            </td>
          </tr>
        </table>
      </td>
    </tr>
  </table>{tracking}
</body>
</html>
"""


def _png(width: int, height: int, top: str, bottom: str, band: str | None = None) -> bytes:
    """A small RGB PNG fading from ``top`` to ``bottom`` (``band``: a lighter stripe), written
    with zlib alone so the demo needs no imaging library."""

    def rgb(colour: str) -> tuple[int, int, int]:
        value = colour.lstrip("#")
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)

    first, last = rgb(top), rgb(bottom)
    stripe = rgb(band) if band else None
    rows = []
    for y in range(height):
        t = y / max(height - 1, 1)
        pixel = bytes(round(a + (b - a) * t) for a, b in zip(first, last, strict=True))
        if stripe and height * 0.42 <= y <= height * 0.58:
            left = width // 8
            row = pixel * left + bytes(stripe) * (width - 2 * left) + pixel * left
        else:
            row = pixel * width
        rows.append(b"\x00" + row)
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def email_images(brand: EmailBrand) -> dict[str, bytes]:
    """The visuals a ``local_images`` email names, in the brand's colours (path → PNG)."""
    return {
        "images/logo-blanc.png": _png(180, 40, brand.colour, brand.colour, "#ffffff"),
        "images/hero.png": _png(600, 300, brand.colour, brand.dark, "#f9fafb"),
        "images/produits.png": _png(160, 120, "#e5e7eb", brand.colour),
    }
