"""Whatever bytes come in, the engine gives a report (or says the input is unusable), and no
check ever crashes: random text, random tag soup, and damaged copies of a good email."""

from __future__ import annotations

from urllib.parse import parse_qsl

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmdesk.core.checks.engine import CheckReport, check_bytes
from crmdesk.core.checks.links import _query
from crmdesk.core.checks.model import Charters, CheckContext
from crmdesk.core.errors import UnusableEmail
from tests.core.checks.conftest import CLEAN_EMAIL, eml

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONTEXT = CheckContext(
    subject="Objet {{ contact.PRENOM }} *|FNAME|",
    preheader="Accroche",
    campaign_slug="essai",
    charters=Charters(utm_convention="utm_source=crmdesk&utm_campaign={campaign}"),
    brief_cta_urls=("https://www.maison-exemple.fr/collections/hiver", "exemple"),
)


def checked(data: bytes, name: str = "email.html") -> CheckReport | None:
    """The report, None for input the engine refuses, and never a crashed check."""
    try:
        report = check_bytes(data, name, context=CONTEXT)
    except UnusableEmail:
        return None
    crashes = [f for f in report.findings if f.check_id == "engine.check_crashed"]
    assert not crashes, [f.message_en for f in crashes]
    report.to_json()
    return report


TAGS = st.sampled_from(
    [
        "html", "head", "body", "title", "meta", "style", "script", "table", "tr", "td", "th",
        "div", "span", "p", "a", "img", "area", "map", "h1", "h2", "h3", "br", "center",
        "caption", "template", "unsubscribe", "o:p", "v:rect",
    ]
)  # fmt: skip
ATTRIBUTES = st.sampled_from(
    [
        'href="#"', 'href=""', 'href="javascript:x()"', 'href="https://exemple.fr/a?utm_source=x"',
        'href="http://exemple.fr/b c"', 'href="{{ unsubscribe }}"', 'href="*|UNSUB|"',
        'href="mailto:"', 'href="https://[::1"', 'href="%%view_email_url%%"', 'src="../../x.png"',
        'src="img/a.png"', 'src="cid:logo"', 'alt=""', 'alt="Lorem ipsum"', 'width="1"',
        'width="99999999999999999999"', 'height="-3"', 'style="display:none"', 'lang="fr"',
        'role="presentation"', 'charset="klingon"', 'style="max-height:0;opacity:0"',
        'class="preheader"', 'aria-label="x"', 'title=""',
    ]
)  # fmt: skip
WORDS = st.sampled_from(
    [
        "Bonjour", "vous", "tu", "{{", "}}", "{{ contact.PRENOM }}", "*|FNAME|*", "*|", "[[",
        "]]", "{%", "%}", "TODO", "XXX", "Se désinscrire", "Voir la version en ligne", "ici",
        "&nbsp;", "&zwnj;", "\u034f", "é", "€", "<!--", "-->", "<![CDATA[", "\x00", "\ufffd",
        "gratuit", "En savoir plus", "lorem ipsum", "%", "$", "~", "[texte]",
    ]
)  # fmt: skip


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(TAGS)
        kind = draw(st.integers(0, 3))
        if kind == 0:
            attributes = " ".join(draw(st.lists(ATTRIBUTES, max_size=3)))
            pieces.append(f"<{tag} {attributes}>")
        elif kind == 1:
            pieces.append(f"</{tag}>")
        else:
            pieces.append(draw(WORDS))
    return "".join(pieces)


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    checked(data)
    checked(data, "message.eml")
    checked(data, "sans-extension")


@SETTINGS
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    checked(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(tag_soup())
def test_random_tag_soup(html: str) -> None:
    checked(html.encode())
    checked(eml(html), "bat.eml")


@SETTINGS
@given(st.integers(0, len(CLEAN_EMAIL.encode())))
def test_a_truncated_email(cut: int) -> None:
    checked(CLEAN_EMAIL.encode()[:cut])


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(CLEAN_EMAIL.encode()) - 1), st.integers(0, 255))))
def test_flipped_bytes(flips: list[tuple[int, int]]) -> None:
    data = bytearray(CLEAN_EMAIL.encode())
    for position, value in flips:
        data[position] = value
    checked(bytes(data))


@SETTINGS
@given(st.integers(0, len(CLEAN_EMAIL)), tag_soup())
def test_junk_inserted_in_a_good_email(position: int, junk: str) -> None:
    checked((CLEAN_EMAIL[:position] + junk + CLEAN_EMAIL[position:]).encode())


@SETTINGS
@given(st.integers(0, 3000), tag_soup())
def test_a_damaged_eml(cut: int, junk: str) -> None:
    data = eml(CLEAN_EMAIL)
    checked(data[:cut] + junk.encode() + data[cut:], "bat.eml")


@SETTINGS
@given(st.text(alphabet="ab=&%+2FéC3x_utm", max_size=60))
def test_the_fast_query_reader_agrees_with_the_stdlib(query: str) -> None:
    assert _query(query) == tuple(parse_qsl(query, keep_blank_values=True))
