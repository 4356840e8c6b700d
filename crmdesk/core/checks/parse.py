"""Reading an email once: bytes in, decoded HTML, a tree with line numbers, links and text out.

Every check reads the same :class:`ParsedEmail`, so the file is decoded, parsed and walked here
once. Input that cannot be checked at all (missing, a folder, an image renamed ``.html``, an
.eml without HTML) raises :class:`UnusableEmail`; input that can be checked but is odd (a
guessed charset, bytes that do not match the declared charset, an empty body) is read anyway
and the oddity becomes a finding in ``ParsedEmail.problems``.

Charsets follow what a reader's software does: a BOM first, then the charset the email
declares (the MIME part's for an .eml, else ``<meta charset>`` or ``http-equiv``), then UTF-8,
then Windows-1252, the charset French Windows writes. As in browsers (WHATWG Encoding
standard), "us-ascii" and "iso-8859-1" are read as their superset Windows-1252.
"""

from __future__ import annotations

import codecs
import re
import stat
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from crmdesk.core.checks.model import Finding, Link, ParsedEmail, Severity
from crmdesk.core.errors import InputRefused, UnusableEmail
from crmdesk.core.limits import QUOTED_CHARS, content_problem, parse_mime
from crmdesk.core.printable import printable

if TYPE_CHECKING:
    from email.message import EmailMessage

Kind = Literal["html", "eml"]

#: The largest email crmdesk takes, HTML and images, for a check as for a BAT: Gmail and
#: Outlook.com refuse messages above 25 MB once encoded (base64 adds a third) and ESPs cap them
#: near 10 MB, so anything bigger is a mistake (a folder of photos, a video), not an email.
MAX_EMAIL_BYTES = 15 * 2**20
# How far the parser looks for a declared charset (HTML's own prescan stops at 1 KB; email
# heads carry long comments and MSO blocks, so a little further).
_PRESCAN_BYTES = 4096
# An element excerpt in a finding stays short enough for a report line.
EXCERPT_CHARS = 120
#: How much of a file's path a refusal quotes (made printable: a name can hold escapes).
PATH_CHARS = 160

_SUFFIX_KINDS: dict[str, Kind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".eml": "eml",
    ".mht": "eml",  # MHTML is a MIME message with its HTML part
    ".mhtml": "eml",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
# Labels that browsers and mail clients read as Windows-1252 (WHATWG Encoding standard).
_AS_WINDOWS_1252 = frozenset(
    {
        "us-ascii",
        "ascii",
        "iso-8859-1",
        "iso8859-1",
        "iso_8859-1",
        "latin1",
        "latin-1",
        "l1",
        "cp819",
        "ibm819",
        "windows-1252",
        "cp1252",
        "x-cp1252",
    }
)

_MAIL_START = re.compile(r"(?:From |[A-Za-z][A-Za-z0-9-]*:[ \t])")
_MAIL_HEADER = re.compile(
    r"^(?:from|to|subject|date|mime-version|content-type|received|return-path|message-id"
    r"|delivered-to):",
    re.I | re.M,
)
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|!--|(?:html|head|body|table|div|p|meta|title|center|span|a|img|style"
    r"|font|br|h[1-6])[\s>/])",
    re.I,
)

#: Elements whose text a reader never sees, and elements that start a new line of text in a
#: mail client: the one reading of "visible text" (checks, the BAT diff).
SKIPPED_TEXT = frozenset({"script", "style", "head", "title", "template"})
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
# Marks a block's edges in the extracted text: a private-use character, valid in XML, that no
# email writes (one that did would only get a line break there).
_BLOCK_MARK = "\ue000"
_per_thread = threading.local()
# Every element an HtmlElement, decided in C: lxml.html's own lookup (special classes for form
# fields, in Python) costs a fifth of the parse on a 10 MB email, for classes no check uses.
_HTML_CLASSES = lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)
# Invisible characters: preheader padding (zero-width joiners, combining grapheme joiner,
# soft hyphen) and BOMs. They are not text a reader sees.
_INVISIBLE = re.compile("[\u00ad\u034f\u200b\u200c\u200d\u2060\ufeff]")
_HREF_SPACES = " \t\n\r\f"

# ESPs' personalisation syntaxes: what an ESP replaces at send time, so that a link such as
# "*|UNSUB|*" is a placeholder, not a malformed URL. One alternative per syntax family.
MERGE_TAG = re.compile(
    r"\*\|[^|]{1,80}\|\*"  # Mailchimp: *|UNSUB|*, *|FNAME|*
    r"|\{\{.{1,200}?\}\}\}?"  # Brevo, Klaviyo, HubSpot, Mailjet, Handlebars, Liquid: {{ x }}
    r"|\{%[-\s].{0,200}?%\}"  # Liquid and Klaviyo tags: {% unsubscribe %} (not "{%22" of a URL)
    r"|\[\[.{1,80}?\]\]"  # Mailjet: [[UNSUB_LINK_FR]], [[var:name:""]]
    r"|\[\*.{1,80}?\*\]"  # Adestra: [* link.unsub *]
    r"|%%.{1,200}?%%"  # Salesforce Marketing Cloud: %%unsub_center_url%%, %%=v(@x)=%%
    r"|<%.{1,80}?%>"  # SendGrid: <%asm_group_unsubscribe_raw_url%>
    r"|\$\{[^{}]{1,80}\}"  # ${unsubscribe}
    r"|\{[$?][^{}]{1,80}\}"  # Evalanche {$DELETE_URL}, Instiller {?$optout_link?}
    r"|\$[A-Za-z_][\w.]{0,60}\$"  # $unsubscribe$
    r"|%[A-Za-z][A-Za-z_]{1,39}%"  # ActiveCampaign %UNSUBSCRIBELINK%, Mailgun %unsubscribe_url%
    r"|\[#[^\]]{1,80}#\]"  # Dolist: [#DL:UNSUBSCRIBE-0#]
    r"|\[[A-Za-z_]{2,40}\]"  # Sendinblue's former [UNSUBSCRIBE], Mosaico's [unsubscribe_link]
    r"|\{[A-Z_]{2,40}\}"  # {UNSUBSCRIBE_URL}
    r"|~[A-Za-z_.()\[\]]{1,60}~",  # tilde-delimited fields
    re.S,
)


class Headers(Mapping[str, str]):
    """A mail's headers: names kept as written, looked up in any case, decoded when read.

    The first of a repeated header wins (``Received`` comes many times); :meth:`all` gives
    every value of a name. Decoding (RFC 2047 words, folding) waits for the lookup: a mail
    carries dozens of headers and the checks read four.
    """

    def __init__(self, items: Iterable[tuple[str, str]], decode: Callable[[str, str], str]) -> None:
        self._items = list(items)
        self._decode = decode
        self._names: dict[str, str] = {}
        for name, _ in self._items:
            self._names.setdefault(name.lower(), name)

    def __getitem__(self, name: str) -> str:
        key = name.lower()
        for header, raw in self._items:
            if header.lower() == key:
                return self._decode(header, raw)
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names.values())

    def __len__(self) -> int:
        return len(self._names)

    def all(self, name: str) -> list[str]:
        key = name.lower()
        return [self._decode(header, raw) for header, raw in self._items if header.lower() == key]


def parse_file(path: Path, *, base_dir: Path | None = None) -> ParsedEmail:
    """Read and parse an email file; relative image paths resolve against its folder unless
    ``base_dir`` says otherwise."""
    name = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise refusal("unreadable", name, "it is a folder, not an email file.")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would never end
            raise refusal("unreadable", name, "it is not a regular file.")
        refuse_size(info.st_size, name)
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError) as error:
        raise refusal("missing", name, "there is no such file.") from error
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise refusal("unreadable", name, f"it cannot be read ({reason}).") from error
    return parse_bytes(data, name, base_dir=base_dir or path.parent)


def parse_bytes(
    data: bytes, name: str, *, kind: Kind | None = None, base_dir: Path | None = None
) -> ParsedEmail:
    """Parse an email given as bytes; ``kind`` comes from ``name``'s extension when not given,
    else from the content."""
    refuse_size(len(data), name)
    refuse_non_email(data, name)
    kind = kind or _SUFFIX_KINDS.get(Path(name).suffix.lower()) or _sniff(data)
    if kind is None:
        raise refusal("unsupported", name, "it is neither HTML nor an .eml message.")
    if kind == "eml":
        return _parse_eml(data, name, base_dir)
    text, charset, problems = _decode(data, None)
    return _parsed(name, text, len(data), charset, None, base_dir, problems)


def refusal(code: str, name: str, reason: str) -> UnusableEmail:
    """The refusal of the file ``name``, its name made printable and cut: a name is user data,
    and may carry terminal escapes or run for pages."""
    return UnusableEmail(code, printable(name, PATH_CHARS), reason)


def refuse_non_email(data: bytes, name: str, *, part: bool = False) -> None:
    """Refuse empty and binary input (see :func:`crmdesk.core.limits.content_problem`): a
    0-byte .html would become a check of nothing, or BAT 1 of a campaign."""
    problem = content_problem(data)
    if problem == "empty":
        what = "its HTML part is empty" if part else "it is empty"
        raise refusal("empty", name, f"{what}: there is no email in it.")
    if problem is not None:
        what = "its HTML part" if part else "it"
        raise refusal(
            "binary",
            name,
            f"{what} is binary data (an image, an archive…), not an HTML or .eml email.",
        )


def start_tag(element: HtmlElement) -> str:
    """The element's start tag as a finding's excerpt, e.g. ``<a href="#">``, ≤ 120 chars."""
    attributes = "".join(f' {key}="{value}"' for key, value in element.attrib.items())
    excerpt = f"<{element.tag}{attributes}>"
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[: EXCERPT_CHARS - 2] + "…>"
    return excerpt


def squash(text: str) -> str:
    """Text as a reader sees it: invisible padding dropped, runs of white space as one space."""
    if _INVISIBLE.search(text) is not None:  # rare: search first, much cheaper than sub
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


# -- bytes --------------------------------------------------------------------------------------


def refuse_size(size: int, name: str, *, whole: bool = False) -> None:
    """Raise "too_large" when ``size`` bytes (the file, or ``whole``: with its images) are over
    :data:`MAX_EMAIL_BYTES`; the checks and the BAT import refuse with this one sentence."""
    if size > MAX_EMAIL_BYTES:
        what = "with its images it weighs" if whole else "it is"
        raise refusal(
            "too_large",
            name,
            f"{what} {size / 2**20:.1f} MB, over the {MAX_EMAIL_BYTES // 2**20} MB an email "
            "can weigh.",
        )


def _sniff(data: bytes) -> Kind | None:
    head = _head_text(data).lstrip()
    if _MAIL_START.match(head) and _MAIL_HEADER.search(head):
        return "eml"
    if _HTML_START.search(head):
        return "html"
    return None


def _head_text(data: bytes) -> str:
    head = data[:_PRESCAN_BYTES]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace")
    return head.decode("latin-1")


# -- charsets -----------------------------------------------------------------------------------


def decode_html(data: bytes) -> str:
    """An HTML file's text, read in the charset a mail client would pick (see the module)."""
    return _decode(data, None)[0]


def _decode(data: bytes, declared: str | None) -> tuple[str, str, list[Finding]]:
    """The text, the charset it was read in, and what was odd about it.

    ``declared`` is the MIME part's charset for an .eml; the HTML's own declaration is looked
    for when there is none.
    """
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(bom_codec, errors="replace"), bom_codec, []
    head = data[:_PRESCAN_BYTES]
    if declared is None:
        match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        declared = match.group(1).decode("ascii").lower() if match else None
    if declared is None:
        return _undeclared(data, [])
    codec = _codec(declared)
    shown = printable(declared, 40)  # a MIME part's charset is any text its author wrote
    if codec is None:
        unknown = _finding(
            "parse.charset_unknown",
            Severity.WARNING,
            f"The email declares the charset “{shown}”, which does not exist: it was read as "
            "UTF-8, or Windows-1252 where that failed. Declare “utf-8”.",
            f"L’email déclare le jeu de caractères « {shown} », qui n’existe pas : il a été lu "
            "en UTF-8, ou en Windows-1252 à défaut. Déclarez « utf-8 ».",
        )
        return _undeclared(data, [unknown])
    try:
        return data.decode(codec), declared, []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        mismatch = _finding(
            "parse.charset_mismatch",
            Severity.WARNING,
            f"The email declares the charset “{shown}” but its bytes are not {shown} "
            f"(first at line {line}): those characters will show as “�”. Save the file in the "
            "charset it declares.",
            f"L’email déclare le jeu de caractères « {shown} » mais ses octets n’en sont pas "
            f"(premier à la ligne {line}) : ces caractères s’afficheront en « � ». Enregistrez "
            "le fichier dans le jeu de caractères qu’il déclare.",
            line=line,
        )
        return data.decode(codec, errors="replace"), declared, [mismatch]


def _undeclared(data: bytes, problems: list[Finding]) -> tuple[str, str, list[Finding]]:
    try:
        return data.decode("utf-8"), "utf-8", problems
    except UnicodeDecodeError:
        guessed = _finding(
            "parse.charset_guessed",
            Severity.WARNING,
            "No charset is declared and the bytes are not UTF-8: the email was read as "
            'Windows-1252. Save it in UTF-8 with <meta charset="utf-8">, or accents may be '
            "garbled once sent.",
            "Aucun jeu de caractères n’est déclaré et les octets ne sont pas de l’UTF-8 : l’email "
            'a été lu en Windows-1252. Enregistrez-le en UTF-8 avec <meta charset="utf-8">, '
            "sinon les accents risquent d’être abîmés à l’envoi.",
        )
        return data.decode("cp1252", errors="replace"), "windows-1252", [*problems, guessed]


def _codec(label: str) -> str | None:
    """Python's codec for a charset label, or None when the label names no text encoding."""
    label = label.strip().lower()
    if label in _AS_WINDOWS_1252:
        return "cp1252"
    if label.startswith("utf-16"):
        return "utf-8"  # without a BOM, browsers read a declared UTF-16 as UTF-8 (WHATWG)
    for candidate in (label, label.removeprefix("x-")):
        try:
            b"a".decode(candidate)  # also refuses codecs that are not text (base64, rot13…)
        except LookupError:
            continue
        except UnicodeError:
            pass  # the codec exists; this one byte is just not valid in it
        return candidate
    return None


# -- .eml ---------------------------------------------------------------------------------------


def _parse_eml(data: bytes, name: str, base_dir: Path | None) -> ParsedEmail:
    message = read_mime(data, name)
    part = _html_part(message)
    if part is None:
        raise refusal("no_html", name, "the mail has no HTML part.")
    payload = part.get_payload(decode=True)
    html = payload if isinstance(payload, bytes) else b""
    refuse_non_email(html, name, part=True)
    text, charset, problems = _decode(html, part.get_content_charset())
    return _parsed(name, text, len(html), charset, _headers(message), base_dir, problems)


def read_mime(data: bytes, name: str) -> EmailMessage:
    """The MIME message of an .eml, through the one bounded parser every email reader uses
    (:func:`crmdesk.core.limits.parse_mime`): nesting and part count are checked while it is
    parsed, so a thousand nested parts are a refusal, not a ``RecursionError``."""
    try:
        return parse_mime(data)
    except InputRefused as error:
        raise refusal(error.code, name, error.reason) from error


def _html_part(message: EmailMessage) -> EmailMessage | None:
    """The HTML body: what a mail client shows first, else any HTML part not attached, else an
    attached one (a bounce carries the original mail as an attachment)."""
    from email.message import EmailMessage  # already loaded by _parse_eml

    body = message.get_body(preferencelist=("html",))
    if isinstance(body, EmailMessage):
        return body
    parts = [part for part in message.walk() if part.get_content_type() == "text/html"]
    inline = [part for part in parts if not part.is_attachment()]
    found = inline[0] if inline else parts[0] if parts else None
    return found if isinstance(found, EmailMessage) else None


def _headers(message: EmailMessage) -> Headers:
    from email.errors import MessageError

    # The stdlib's header parser raises on some malformed headers (bad encoded words, broken
    # address lists) instead of recording a defect: such a header is kept as written.
    failures = (MessageError, ValueError, LookupError, IndexError, AttributeError, TypeError)

    def decode(name: str, raw: str) -> str:
        try:
            value = str(message.policy.header_fetch_parse(name, raw))
        except failures:
            value = str(raw).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return " ".join(value.split())

    return Headers(message.raw_items(), decode)


# -- the tree -----------------------------------------------------------------------------------


def _parsed(
    name: str,
    text: str,
    encoded_size: int,
    charset: str,
    headers: Headers | None,
    base_dir: Path | None,
    problems: list[Finding],
) -> ParsedEmail:
    parsed = ParsedEmail(
        name=name,
        html=text,
        encoded_size=encoded_size,
        charset=charset,
        tree=None,
        headers=headers,
        base_dir=base_dir,
        problems=problems,
    )
    root = _tree(text, parsed.problems)
    if root is not None:
        parsed.visible_text = _visible_text(root)
    if root is None or not (parsed.visible_text or root.find(".//body//img") is not None):
        parsed.problems.append(
            _finding(
                "parse.empty",
                Severity.ERROR,
                "The email is empty: it has no text and no image to show.",
                "L’email est vide : il n’a ni texte ni image à afficher.",
            )
        )
        return parsed  # no tree: the engine runs no check on nothing
    parsed.tree = root
    parsed.elements = list(root.iter(lxml.etree.Element))  # elements only, no comments
    for element in parsed.elements:
        parsed.by_tag.setdefault(element.tag, []).append(element)
    parsed.links = _links(root)
    return parsed


def _tree(text: str, problems: list[Finding]) -> HtmlElement | None:
    """The document, or None when libxml2 finds nothing in it (blank, or only comments).

    The text goes in as UTF-8 bytes with the encoding given, because lxml refuses a ``str``
    that carries an XML encoding declaration; lines are counted on "\\n" either way. libxml2
    recovers from any markup, but stops for good at a resource limit (2,048 nested elements):
    that is said in ``problems``, since the rest of the email goes unchecked.
    """
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)  # one per call: thread-safe
    parser.set_element_class_lookup(_HTML_CLASSES)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except lxml.etree.LxmlError:
        return None
    fatal = next((e for e in parser.error_log if e.level_name == "FATAL"), None)
    if fatal is not None:
        reason = printable(fatal.message.strip(), QUOTED_CHARS)  # libxml2 quotes the markup
        problems.append(
            _finding(
                "parse.truncated",
                Severity.ERROR,
                f"The HTML could not be read past line {fatal.line} ({reason}): what "
                "follows was not checked, and mail clients may drop it too.",
                f"Le HTML n’a pas pu être lu au-delà de la ligne {fatal.line} ({reason}) : "
                "la suite n’a pas été vérifiée, et les messageries risquent de l’ignorer aussi.",
                line=fatal.line,
            )
        )
    return root


def _visible_text(root: HtmlElement) -> str:
    """The body's text without scripts, styles and comments, a line per block.

    libxslt walks the tree (several times faster than a Python loop on a 10 MB email) and
    marks block edges with a private-use character, where the text is then cut into lines.
    """
    if root.find("body") is None:
        return ""
    lines = squash(str(_text_stylesheet()(root))).split(_BLOCK_MARK)
    return "\n".join(filter(None, map(str.strip, lines)))


def _text_stylesheet() -> lxml.etree.XSLT:
    """The stylesheet that extracts the visible text, compiled once per thread."""
    stylesheet = getattr(_per_thread, "text_stylesheet", None)
    if stylesheet is None:
        blocks = "|".join(sorted(BLOCK_TAGS))
        skipped = "|".join(sorted(SKIPPED_TEXT))
        stylesheet = lxml.etree.XSLT(
            lxml.etree.XML(
                '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                '<xsl:output method="text" encoding="utf-8"/>'
                '<xsl:template match="/"><xsl:apply-templates select="//body"/></xsl:template>'
                f'<xsl:template match="{skipped}"/>'
                f'<xsl:template match="{blocks}"><xsl:text>{_BLOCK_MARK}</xsl:text>'
                f"<xsl:apply-templates/><xsl:text>{_BLOCK_MARK}</xsl:text></xsl:template>"
                "</xsl:stylesheet>"
            )
        )
        _per_thread.text_stylesheet = stylesheet
    return stylesheet


def _links(root: HtmlElement) -> list[Link]:
    links = []
    for element in root.iter("a", "area"):
        href = element.get("href")
        if href is None:
            continue  # an anchor, not a link
        if element.tag == "a":
            text = squash(_text_of(element))  # what the reader clicks
            if not text:
                alts = (squash(image.get("alt") or "") for image in element.iter("img"))
                text = " ".join(alt for alt in alts if alt)
        else:
            text = squash(element.get("alt") or "")
        links.append(Link(_as_browsers_read(href), text, element.sourceline))
    return links


def _text_of(element: HtmlElement) -> str:
    """An element's text; libxml2's text serialiser is several times faster than
    ``text_content()``, which counts for the 20,000 links of a 10 MB email."""
    return lxml.etree.tostring(element, method="text", encoding=str, with_tail=False)


def _as_browsers_read(href: str) -> str:
    """An href as browsers read it (WHATWG URL): spaces around it stripped, tabs and line
    breaks inside it dropped (long tracking URLs get wrapped by editors)."""
    href = href.strip(_HREF_SPACES)
    if "\n" in href or "\r" in href or "\t" in href:
        href = href.replace("\n", "").replace("\r", "").replace("\t", "")
    return href


def _finding(
    check_id: str, severity: Severity, en: str, fr: str, *, line: int | None = None
) -> Finding:
    return Finding(check_id, severity, en, fr, line=line)
