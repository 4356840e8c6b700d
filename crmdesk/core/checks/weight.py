"""Weight: Gmail clips a message whose HTML is over 102 KB.

Gmail shows "[Message clipped] View entire message" and hides the rest, the footer with the
unsubscribe link and the open-tracking pixel included. Google does not document the figure;
it is documented by practice (Litmus, Email on Acid measurements): 102 KB of HTML, counted in
the bytes of the charset the email is sent in, 102 × 1024 bytes. At or above it → error; from
90 KB → warning, because the ESP adds its tracking redirects and pixel at send time.
"""

from __future__ import annotations

from collections.abc import Iterator

from crmdesk.core.checks.model import CheckContext, Family, Finding, ParsedEmail, Severity, check

GMAIL_CLIP_BYTES = 102 * 1024
NEAR_CLIP_BYTES = 90 * 1024


@check("weight.gmail_clip", Family.WEIGHT, "Gmail clipping (102 KB)", "Coupure Gmail (102 Ko)")
def gmail_clip(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    size = parsed.encoded_size
    kilobytes = f"{size / 1024:.1f}"
    if size >= GMAIL_CLIP_BYTES:
        yield Finding(
            "weight.gmail_clip",
            Severity.ERROR,
            f"The HTML weighs {kilobytes} KB: Gmail clips emails above 102 KB and hides the "
            "rest, unsubscribe link and open tracking included. Lighten the code.",
            f"Le HTML pèse {kilobytes.replace('.', ',')} Ko : Gmail coupe les emails au-delà de "
            "102 Ko et masque la suite, lien de désinscription et mesure d’ouverture compris. "
            "Allégez le code.",
        )
    elif size >= NEAR_CLIP_BYTES:
        yield Finding(
            "weight.gmail_clip",
            Severity.WARNING,
            f"The HTML weighs {kilobytes} KB, close to the 102 KB where Gmail clips the email; "
            "the ESP's tracking links will add more at send time.",
            f"Le HTML pèse {kilobytes.replace('.', ',')} Ko, près des 102 Ko où Gmail coupe "
            "l’email ; les liens de suivi du routeur en ajouteront à l’envoi.",
        )
