"""The editorial charter: tu or vous, banned words, required mentions, spam-trigger words.

Four checks read the same words: the subject and the preheader (the campaign's, else those
the engine found in the email) and the body's visible text. Words are compared folded: case,
accents, ligatures (œ), typographic apostrophes and quotes do not matter, and a phrase
matches whole words only ("tu" is not in "Tutoriel", "offre" is in "l’offre").

- ``editorial.tone`` — against ``charters.tone``. Vouvoiement: "tu", "te", "toi", "tes",
  "t’" are errors; "ton" and "ta" warnings, as they are also nouns ("le ton", "ton sur ton").
  Tutoiement: "vous", "votre", "vos", "vôtre" are errors ("rendez-vous" is a noun, not
  counted). No tone given: a warning only when both forms are used at least
  :data:`MIXED_TONE_MINIMUM` times each, so a quote or a testimonial does not trip it. Only
  pronouns and possessives count: verb endings (-ez) are too ambiguous. One finding per form.
- ``editorial.banned_words`` — each of ``charters.banned_words`` found is an error.
- ``editorial.required_mentions`` — each of ``charters.required_mentions`` and
  ``context.brief_mentions`` missing is an error; punctuation at either end of a mention
  ("*", a final period) is not required.
- ``editorial.spam_words`` — the French and English lists in ``resources/checks``: a warning
  per strong phrase found, an info per mild one (marked "~" in the lists); a subject with most
  of its words in capitals, or "!!!", is a warning.

Every finding about words gives the count and the first place (line, or "subject").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import islice

from crmdesk.core.checks.model import (
    CheckContext,
    Family,
    Finding,
    ParsedEmail,
    Severity,
    Tone,
    check,
)

TONE_ID = "editorial.tone"
BANNED_ID = "editorial.banned_words"
MENTIONS_ID = "editorial.required_mentions"
SPAM_ID = "editorial.spam_words"

# With no tone in the charter, tu and vous each this many times make a mixed email.
MIXED_TONE_MINIMUM = 3
# A subject shouts when at least this many of its words, and this share of them, are in
# capitals (words of two letters or more: "À" and "-50 %" do not count).
SHOUTING_WORDS = 2
SHOUTING_SHARE = 0.75

_TU_STRONG = frozenset({"tu", "te", "toi", "tes", "t'"})
_TU_WEAK = frozenset({"ton", "ta"})
_TU = _TU_STRONG | _TU_WEAK
_VOUS = frozenset({"vous", "votre", "vos", "votres"})
# Words before "ton" that make it the noun (the tone, a shade), not the possessive.
_TON_NOUN = frozenset({"le", "un", "du", "au", "ce", "quel", "bon", "meme", "demi", "mi"})

# Typographic variants folded to one form; invisible characters (soft hyphen, zero-width
# joiners of preheader padding) dropped.
_FOLDED = {
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"',
    "‐": "-", "‑": "-", "–": "-", "—": "-",
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae",
    "\u00ad": "", "\u034f": "", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "",
    "\ufeff": "",
}  # fmt: skip
_COMBINING = re.compile(r"[\u0300-\u036f]")
# A word or a punctuation mark: "l’offre" is "l", "'", "offre", so "offre" matches in it.
_TOKEN = re.compile(r"\s*(\w+|[^\w\s])")  # the \s* skips spaces faster than failing on them
_SHOUT = re.compile(r"!(?:\s*!){2,}")
_WORD = re.compile(r"[^\W\d_]{2,}")

# The body's text nodes (comments are no text nodes; their tails are). Those inside a script,
# style or template are dropped in Python: an XPath ``ancestor::`` test walks up from every
# node and took a second on a 10 MB email.
_BODY_TEXT = ".//text()[normalize-space()]"
_UNSEEN = frozenset({"script", "style", "template"})
_EXCERPT = 80


def fold(text: str) -> str:
    """Text as the editorial checks compare it: "L’Œuvre Été" → "l'oeuvre ete"."""
    if not text.isascii():
        for variant, folded in _FOLDED.items():  # str.replace beats translate and re.sub
            if variant in text:
                text = text.replace(variant, folded)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def words(text: str) -> tuple[str, ...]:
    """The folded tokens of a word or phrase, as they are looked for in the email."""
    return tuple(_TOKEN.findall(fold(text)))


# -- the words of the email ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Source:
    """One text of the email (subject, preheader or body), folded and cut into tokens.

    The body is made of pieces, each a text node of the tree: a token never spans two pieces,
    a phrase may ("offre <b>exclusive</b>").
    """

    where: str  # "subject", "preheader" or "body"
    tokens: list[str]
    starts: list[int]  # each piece's first token
    pieces: Sequence[str]  # as written; in the body, lxml's text results, which know their element

    @classmethod
    def of(cls, where: str, pieces: Sequence[str]) -> _Source:
        """Fold and cut all pieces at once: the whole body costs one pass, not one per piece.

        The pieces are joined with NUL, which is a token of its own (HTML text has none: the
        parser turns it into U+FFFD) marking where each piece starts.
        """
        tokens = _TOKEN.findall(fold("\0".join(pieces)))
        marks = [index for index, token in enumerate(tokens) if token == "\0"]
        starts = [0, *(mark - before for before, mark in enumerate(marks))]
        return cls(where, [token for token in tokens if token != "\0"], starts, pieces)

    def place(self, index: int) -> tuple[int | None, str]:
        """The line and an excerpt around the token at ``index``.

        Folding keeps offsets but for ligatures ("œ" → "oe"), so the excerpt is cut from the
        text as written at about the same place. A tail's line is its element's: close.
        """
        piece = bisect_right(self.starts, index) - 1
        original = self.pieces[piece]
        matches = _TOKEN.finditer(fold(original))
        at = next(islice(matches, index - self.starts[piece], None)).start(1)
        start = max(0, at - _EXCERPT // 4)
        excerpt = " ".join(original[start : start + _EXCERPT].split())
        if original[:start].strip():
            excerpt = "…" + excerpt
        if original[start + _EXCERPT :].strip():
            excerpt += "…"
        parent = getattr(original, "getparent", None)  # lxml's "smart" strings
        return (parent().sourceline if parent is not None else None), excerpt


@dataclass(frozen=True, slots=True)
class _Hit:
    source: _Source
    index: int  # of the first token

    def place(self) -> tuple[int | None, str]:
        line, excerpt = self.source.place(self.index)
        if self.source.where == "body":
            return line, excerpt
        return None, f"{self.source.where}: {excerpt}"


# The last email's words (a reference to it is kept), for the next check of the same email.
_last: tuple[ParsedEmail, str | None, str | None, list[_Source]] | None = None


def _sources(email: ParsedEmail, context: CheckContext) -> list[_Source]:
    """The subject, preheader and body, read once for the four checks of one email.

    A preheader hidden at the top of the body (where the engine finds it when the campaign
    gives none) is read with the body only, so that its words are not counted twice.
    """
    global _last
    subject, preheader = context.subject, context.preheader
    cached = _last
    if cached is not None and cached[0] is email and cached[1:3] == (subject, preheader):
        return cached[3]
    body = _body(email)
    sources = []
    if subject:
        sources.append(_Source.of("subject", [subject.replace("\0", "")]))
    if preheader:
        source = _Source.of("preheader", [preheader.replace("\0", "")])
        if " ".join(source.tokens) not in " ".join(body.tokens):
            sources.append(source)
    sources.append(body)
    _last = (email, subject, preheader, sources)
    return sources


def _body(email: ParsedEmail) -> _Source:
    body = email.tree.find("body") if email.tree is not None else None
    if body is None:
        return _Source.of("body", [])
    texts = [
        text
        for text in body.xpath(_BODY_TEXT)
        if not (text.is_text and text.getparent().tag in _UNSEEN)
    ]
    return _Source.of("body", texts)


# -- finding phrases ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Phrase:
    text: str  # as written in the charter or the list
    tokens: tuple[str, ...]
    mild: bool = False


def _index(phrases: Iterable[_Phrase]) -> dict[str, list[_Phrase]]:
    """Phrases by first token, longest first, so a longer phrase wins where both match."""
    index: dict[str, list[_Phrase]] = {}
    for phrase in phrases:
        if phrase.tokens:
            index.setdefault(phrase.tokens[0], []).append(phrase)
    for candidates in index.values():
        candidates.sort(key=lambda phrase: -len(phrase.tokens))
    return index


def _find(sources: Sequence[_Source], index: dict[str, list[_Phrase]]) -> dict[_Phrase, list[_Hit]]:
    """Every place each phrase is used; matches do not overlap."""
    found: dict[_Phrase, list[_Hit]] = {}
    for source in sources:
        tokens = source.tokens
        free = 0  # the first token not taken by a match yet
        for position in [i for i, token in enumerate(tokens) if token in index]:
            if position < free:
                continue
            for phrase in index[tokens[position]]:
                end = position + len(phrase.tokens)
                if tuple(tokens[position:end]) == phrase.tokens:
                    found.setdefault(phrase, []).append(_Hit(source, position))
                    free = end
                    break
    return found


def _phrases(texts: Iterable[str], *, strip_punctuation: bool = False) -> list[_Phrase]:
    """Phrases from the charter, deduplicated once folded."""
    phrases: dict[tuple[str, ...], _Phrase] = {}
    for text in texts:
        tokens = words(text)
        if strip_punctuation:
            while tokens and not tokens[0][0].isalnum():
                tokens = tokens[1:]
            while tokens and not tokens[-1][0].isalnum():
                tokens = tokens[:-1]
        if tokens:
            phrases.setdefault(tokens, _Phrase(text.strip(), tokens))
    return list(phrases.values())


def _counted(hits: list[_Hit], en: str, fr: str) -> tuple[str, str]:
    """The message with the count and, for the subject or preheader, where."""
    count = len(hits)
    en_count = "once" if count == 1 else f"{count} times"
    fr_count = "1 fois" if count == 1 else f"{count} fois"
    where = hits[0].source.where
    if where == "body":
        return f"{en} ({en_count})", f"{fr} ({fr_count})"
    en_where, fr_where = {
        "subject": ("the subject", "l’objet"),
        "preheader": ("the preheader", "le pré-header"),
    }[where]
    return f"{en} ({en_count}, first in {en_where})", f"{fr} ({fr_count}, d’abord dans {fr_where})"


def _word_finding(check_id: str, severity: Severity, hits: list[_Hit], en: str, fr: str) -> Finding:
    line, excerpt = hits[0].place()
    message_en, message_fr = _counted(hits, en, fr)
    return Finding(check_id, severity, f"{message_en}.", f"{message_fr}.", line, excerpt)


# -- tu or vous ---------------------------------------------------------------------------------


_ADDRESS_WORDS = _TU | _VOUS | {"t"}


def _address_forms(sources: Sequence[_Source]) -> Iterator[tuple[str, _Hit]]:
    """Each tu or vous form, as its folded word ("t'" for an elided te), with where it is."""
    for source in sources:
        tokens = source.tokens
        last = len(tokens) - 1
        for index in [i for i, token in enumerate(tokens) if token in _ADDRESS_WORDS]:
            token = tokens[index]
            before = tokens[index - 1] if index else ""
            if token == "t":
                # "t’" before a word, and not the end of "don't", "can't".
                if index + 2 <= last and tokens[index + 1] == "'" and before != "'":
                    yield "t'", _Hit(source, index)
            elif token in _TU_WEAK:
                after = tokens[index + 1 : index + 3]
                if before in _TON_NOUN or before == "sur" or after == ["sur", "ton"]:
                    continue  # the noun: "le ton", "ton sur ton"
                yield token, _Hit(source, index)
            elif token == "vous" and "rendez" in (before, tokens[index - 2] if index > 1 else ""):
                continue  # the noun "rendez-vous"
            else:
                yield token, _Hit(source, index)


@check(TONE_ID, Family.EDITORIAL, "Tu or vous, as the charter says", "Tu ou vous, selon la charte")
def tone(email: ParsedEmail, context: CheckContext) -> Iterable[Finding]:
    forms: dict[str, list[_Hit]] = {}
    for form, hit in _address_forms(_sources(email, context)):
        forms.setdefault(form, []).append(hit)
    wanted = context.charters.tone
    if wanted == Tone.ANY:
        return _mixed(forms)
    findings = []
    for form, hits in forms.items():
        if wanted == Tone.VOUS and form in _TU:
            severity = Severity.ERROR if form in _TU_STRONG else Severity.WARNING
            en = f"“{form}” addresses the reader as tu, but the client’s charter says vous"
            fr = f"« {form} » tutoie le lecteur, mais la charte du client impose le vouvoiement"
        elif wanted == Tone.TU and form in _VOUS:
            severity = Severity.ERROR
            en = f"“{form}” addresses the reader as vous, but the client’s charter says tu"
            fr = f"« {form} » vouvoie le lecteur, mais la charte du client impose le tutoiement"
        else:
            continue
        findings.append(_word_finding(TONE_ID, severity, hits, en, fr))
    return _by_line(findings)


def _mixed(forms: dict[str, list[_Hit]]) -> list[Finding]:
    tu = [hit for form, hits in forms.items() if form in _TU_STRONG for hit in hits]
    vous = [hit for form, hits in forms.items() if form in _VOUS for hit in hits]
    if min(len(tu), len(vous)) < MIXED_TONE_MINIMUM:
        return []
    minority = tu if len(tu) <= len(vous) else vous
    line, excerpt = minority[0].place()
    return [
        Finding(
            TONE_ID,
            Severity.WARNING,
            f"The email mixes tu ({len(tu)} times) and vous ({len(vous)} times): "
            "address the reader one way.",
            f"L’email mélange tutoiement ({len(tu)} fois) et vouvoiement ({len(vous)} fois) : "
            "choisissez l’un des deux.",
            line,
            excerpt,
        )
    ]


# -- banned words and required mentions ---------------------------------------------------------


@check(
    BANNED_ID,
    Family.EDITORIAL,
    "No word the charter bans",
    "Aucun mot interdit par la charte",
)
def banned_words(email: ParsedEmail, context: CheckContext) -> Iterable[Finding]:
    phrases = _phrases(context.charters.banned_words)
    if not phrases:
        return []
    found = _find(_sources(email, context), _index(phrases))
    return _by_line(
        _word_finding(
            BANNED_ID,
            Severity.ERROR,
            hits,
            f"“{phrase.text}” is banned by the client’s editorial charter",
            f"« {phrase.text} » est interdit par la charte éditoriale du client",
        )
        for phrase, hits in found.items()
    )


@check(
    MENTIONS_ID,
    Family.EDITORIAL,
    "Mentions the charter and the brief require",
    "Mentions exigées par la charte et le brief",
)
def required_mentions(email: ParsedEmail, context: CheckContext) -> Iterable[Finding]:
    mentions = (*context.charters.required_mentions, *context.brief_mentions)
    phrases = _phrases(mentions, strip_punctuation=True)
    if not phrases:
        return []
    found = _find(_sources(email, context), _index(phrases))
    return [
        Finding(
            MENTIONS_ID,
            Severity.ERROR,
            f"The required mention “{phrase.text}” is missing.",
            f"La mention obligatoire « {phrase.text} » est absente.",
        )
        for phrase in phrases
        if phrase not in found
    ]


# -- spam triggers ------------------------------------------------------------------------------


@cache
def _spam_index() -> dict[str, list[_Phrase]]:
    """The shipped lists, read on first use."""
    folder = resources.files("crmdesk.resources").joinpath("checks")
    phrases: dict[tuple[str, ...], _Phrase] = {}
    for name in ("spam_words_fr.txt", "spam_words_en.txt"):
        for raw in folder.joinpath(name).read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            mild = line.startswith("~")
            text = line.removeprefix("~").strip()
            phrases.setdefault(words(text), _Phrase(text, words(text), mild))
    return _index(phrases.values())


@check(
    SPAM_ID,
    Family.EDITORIAL,
    "No words that trip spam filters",
    "Pas de mots qui déclenchent les filtres anti-spam",
)
def spam_words(email: ParsedEmail, context: CheckContext) -> Iterable[Finding]:
    sources = _sources(email, context)
    findings = [
        _word_finding(
            SPAM_ID,
            Severity.INFO if phrase.mild else Severity.WARNING,
            hits,
            f"“{phrase.text}” puts spam filters and readers on their guard",
            f"« {phrase.text} » éveille la méfiance des filtres anti-spam et des lecteurs",
        )
        for phrase, hits in _find(sources, _spam_index()).items()
    ]
    subject = next((source for source in sources if source.where == "subject"), None)
    if subject is not None:
        findings.extend(_shouting(subject.pieces[0]))
    return _by_line(findings)


def _shouting(subject: str) -> Iterator[Finding]:
    subject_words = _WORD.findall(subject)
    capitals = sum(word.isupper() for word in subject_words)
    if capitals >= SHOUTING_WORDS and capitals >= SHOUTING_SHARE * len(subject_words):
        yield Finding(
            SPAM_ID,
            Severity.WARNING,
            "The subject is written in capitals: spam filters and readers take it for shouting.",
            "L’objet est écrit en majuscules : filtres anti-spam et lecteurs y voient un cri.",
            element=f"subject: {subject}",
        )
    if _SHOUT.search(subject):
        yield Finding(
            SPAM_ID,
            Severity.WARNING,
            "The subject has a run of exclamation marks (“!!!”), a classic spam sign.",
            "L’objet enchaîne les points d’exclamation (« !!! »), un signe classique de spam.",
            element=f"subject: {subject}",
        )


def _by_line(findings: Iterable[Finding]) -> list[Finding]:
    """Subject and preheader first, then the body in reading order."""
    return sorted(findings, key=lambda finding: finding.line or 0)
