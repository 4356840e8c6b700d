"""The mail-client support check: what it sees in the HTML, whom it blames, and its data."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from crmdesk.core.checks.compat import CHECK_ID, data_notice, table
from crmdesk.core.checks.model import Charters, CheckContext, Severity
from tests.core.checks.conftest import CLEAN_EMAIL, check_html, found, page

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = resources.files("crmdesk.resources").joinpath("checks")


def context(*clients: str) -> CheckContext:
    return CheckContext(charters=Charters(mail_clients=clients) if clients else Charters())


def compat_findings(html: str, *clients: str) -> list:
    return found(check_html(html, context(*clients)), CHECK_ID)


def titles(findings: list) -> list[str]:
    return [finding.message_en.split("”")[0].lstrip("“") for finding in findings]


# -- what is flagged ----------------------------------------------------------------------------


def test_flexbox_is_a_warning_for_outlook_on_windows() -> None:
    html = page('<p>Bonjour</p>\n<div style="padding:10px; display: flex">\n<p>a</p>\n</div>')
    (finding,) = compat_findings(html, "outlook.windows")
    assert finding.severity is Severity.WARNING
    assert finding.line == 9
    assert finding.element == "display: flex"
    assert "Outlook (Windows)" in finding.message_en
    assert "Outlook (Windows)" in finding.message_fr
    assert "https://www.caniemail.com/features/css-display-flex/" in finding.message_en


def test_a_plain_table_layout_is_not_flagged() -> None:
    html = page(
        '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0">'
        '<tr><td bgcolor="#ffffff" align="center" valign="top" style="padding:20px; '
        "font-family:Arial, sans-serif; font-size:16px; line-height:24px; color:#333333; "
        'text-align:left; border:1px solid #dddddd;">'
        '<img src="https://cdn.example.com/logo.png" width="200" height="60" alt="Logo" '
        'style="display:block; border:0;">'
        '<a href="https://example.com" style="color:#1a4d8f; text-decoration:underline;">Lien</a>'
        "</td></tr></table>"
    )
    assert compat_findings(html) == []


def test_the_clean_email_only_gets_infos() -> None:
    findings = found(check_html(CLEAN_EMAIL), CHECK_ID)
    assert {finding.severity for finding in findings} <= {Severity.INFO}


def test_partial_support_is_an_info() -> None:
    html = page('<p style="color:#222222 !important">Bonjour</p>')
    (finding,) = compat_findings(html, "gmail.desktop-webmail")
    assert finding.severity is Severity.INFO
    assert "only partly supported by Gmail (Desktop Webmail)" in finding.message_en
    assert "en partie par Gmail (Desktop Webmail)" in finding.message_fr


def test_only_the_clients_of_the_charter_count() -> None:
    html = page('<div style="display:flex">Bonjour</div>')
    assert compat_findings(html, "apple-mail.ios") == []
    assert compat_findings(html, "no-such.client") == []
    assert len(compat_findings(html, "apple-mail.ios", "outlook.windows")) == 1


def test_one_finding_per_feature_at_its_first_use() -> None:
    html = page(
        '<div style="display:flex">a</div>\n<div style="display: flex;">b</div>\n'
        '<div style="display:inline-flex">c</div>'
    )
    (finding,) = compat_findings(html, "outlook.windows")
    assert finding.line == 8


@pytest.mark.parametrize(
    ("body", "head", "title"),
    [
        ("<video src='a.mp4'></video>", "", "<video> element"),
        ("<form action='/'><input type='text'></form>", "", "<form> element"),
        ("<svg width='10' height='10'></svg>", "", "Embedded <svg> image"),
        ("<img src='https://x.fr/a.webp?v=2' alt=''>", "", "webP image format"),
        ("<img src='data:image/png;base64,iVBORw0KGgo=' alt=''>", "", "Base 64 image format"),
        ("<img src='a.png' srcset='a@2x.png 2x' alt=''>", "", "srcset and sizes attributes"),
        ("<p style='margin:1rem'>a</p>", "", "rem unit"),
        ("<p style='width:calc(100% - 2px)'>a</p>", "", "CSS calc() function"),
        ("<p style='background:linear-gradient(#fff, #000)'>a</p>", "", "linear-gradient()"),
        ("<p style='color:var(--brand)'>a</p>", "", "CSS Variables (Custom Properties)"),
        ("<p style='position:absolute'>a</p>", "", "position"),
        ("<p>a</p>", "<style>a:hover { color: #000 }</style>", ":hover"),
        (
            "<p>a</p>",
            "<style>@font-face { font-family: X; src: url(x.woff) }</style>",
            "@font-face",
        ),
        (
            "<p>a</p>",
            "<style>@media (prefers-color-scheme: dark) { p { color: #fff } }</style>",
            "@media (prefers-color-scheme)",
        ),
    ],
)
def test_features_are_seen(body: str, head: str, title: str) -> None:
    html = page(f"<p>Bonjour</p>{body}", head=f'<meta charset="utf-8">\n{head}')
    findings = compat_findings(html)
    assert title in titles(findings)


def test_lines_in_a_style_block_count_comments_and_blank_lines() -> None:
    head = (
        '<meta charset="utf-8">\n<style>\n/* a comment\n   on two lines */\n\n'
        ".a { color: #000 }\n.b:hover { color: #111 }\n</style>"
    )
    (finding,) = compat_findings(page("<p>a</p>", head=head), "outlook.windows")
    assert finding.line == 10
    assert finding.element == ".b:hover"


def test_url_paths_are_no_css_keywords() -> None:
    html = page("<p style=\"background-image:url('https://x.fr/initial/grid.png')\">a</p>")
    assert "initial unit" not in titles(compat_findings(html))


def test_rules_inside_media_queries_are_not_blamed_on_clients_without_them() -> None:
    head = "<style>\n@media (max-width: 600px) { .a { float: none } }\n</style>"
    findings = compat_findings(page("<p>a</p>", head=head), "outlook.windows")
    assert titles(findings) == ["@media"]
    inline = page('<p style="float:left">a</p>', head=head)
    assert "float" in titles(compat_findings(inline, "outlook.windows"))


def test_styles_hidden_from_outlook_are_not_blamed_on_outlook() -> None:
    preheader = '<div style="display:none; max-height:0; overflow:hidden; mso-hide:all;">Hi</div>'
    assert compat_findings(page(preheader), "outlook.windows") == []
    shown = '<div style="max-height:0; overflow:hidden;">Hi</div>'
    assert "overflow" in titles(compat_findings(page(shown), "outlook.windows"))


# -- the shipped data ---------------------------------------------------------------------------


def test_the_data_says_where_it_comes_from() -> None:
    notice = data_notice()
    assert set(notice) == {"source", "last_update_date", "licence", "notice"}
    assert notice["source"].startswith("caniemail.com data, npm package caniemail ")
    assert notice["last_update_date"][:2] == "20"
    assert notice["licence"] == "MIT"
    assert "Copyright" in notice["notice"]
    licence = SHIPPED.joinpath("CANIEMAIL-LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Permission is hereby granted" in licence


def test_the_table_is_small_and_well_formed() -> None:
    raw = SHIPPED.joinpath("caniemail.json").read_bytes()
    assert len(raw) < 150_000
    kinds = {
        "prop", "value", "func", "unit", "keyword", "important", "at", "media", "pseudo",
        "tag", "attr", "input", "button", "meta", "href", "img",
    }  # fmt: skip
    data = table()
    assert len(data.features) > 150
    for feature in data.features:
        assert feature.url == f"https://www.caniemail.com/features/{feature.slug}/"
        assert feature.match and {token.split(":")[0] for token in feature.match} <= kinds
        assert feature.support and set(feature.support.values()) <= {"n", "a"}
        assert set(feature.support) <= set(data.clients)
    assert "outlook.windows" in data.without_media_queries


def unpacked_package(folder: Path) -> Path:
    """An unpacked ``npm pack caniemail`` made from the shipped files, as the script reads it.

    ``folder/package/data/caniemail.json`` in the upstream layout (nicenames, and per feature
    the stats of every client, version by version, oldest first), beside ``package.json`` and
    ``LICENSE``: what the package the shipped table came from holds, as far as the table says.
    Each shipped feature gets its clients' letters as the latest version, after an older one
    that says otherwise; clients the table does not list get "y" or "u". Features the script
    must drop are added among them: one every client supports, one it cannot see in HTML, one
    of the baseline every email uses.
    """
    shipped = json.loads(SHIPPED.joinpath("caniemail.json").read_text("utf-8"))
    version = shipped["source"].rsplit(" ", 1)[1]
    licence = SHIPPED.joinpath("CANIEMAIL-LICENSE.txt").read_text("utf-8")
    licence = licence.split("under the following licence:\n\n", 1)[1]

    families: dict[str, str] = {}
    platforms: dict[str, str] = {}
    for client, name in shipped["clients"].items():
        family, platform = client.split(".", 1)
        named = re.fullmatch(r"(.+) \((.+)\)", name)
        assert named, name
        assert families.setdefault(family, named[1]) == named[1], client
        assert platforms.setdefault(platform, named[2]) == named[2], client

    def stats(support: dict[str, str]) -> dict[str, dict[str, dict[str, str]]]:
        grouped: dict[str, dict[str, dict[str, str]]] = {}
        for number, client in enumerate(shipped["clients"]):
            family, platform = client.split(".", 1)
            latest = support.get(client) or ("u" if number % 5 == 0 else "y")
            older = "y" if latest in ("n", "a") else "n"
            note = " #1" if latest == "a" else ""
            grouped.setdefault(family, {})[platform] = {"2019-08": older, "2025-06": latest + note}
        return grouped

    def upstream(slug: str, title: str, category: str, support: dict[str, str]) -> dict:
        return {
            "slug": slug,
            "title": title,
            "description": "",
            "url": f"https://www.caniemail.com/features/{slug}/",
            "category": category,
            "tags": [],
            "keywords": None,
            "last_test_date": "2025-06-01",
            "stats": stats(support),
            "notes": None,
            "notes_by_num": {"1": "Partial support."},
        }

    data = []
    for feature in shipped["features"]:
        entry = upstream(feature["slug"], feature["title"], feature["category"], feature["support"])
        if all(token.startswith("prop:") for token in feature["match"]):
            # Where the script reads property names from the keywords, words that are no
            # property name must be left out.
            names = [token.removeprefix("prop:") for token in feature["match"]]
            entry["keywords"] = ", ".join([*names, "logical properties"])
        data.append(entry)
    every_client_lacks_it = dict.fromkeys(shipped["clients"], "n")
    data.insert(0, upstream("css-padding", "padding", "css", every_client_lacks_it))
    data.insert(len(data) // 2, upstream("amp-bind", "amp-bind", "others", every_client_lacks_it))
    data.append(upstream("css-crmdesk-test", "crmdesk-test", "css", {}))

    package = folder / "package"
    (package / "data").mkdir(parents=True)
    upstream_json = package / "data" / "caniemail.json"
    nicenames = {
        "family": families,
        "platform": platforms,
        "support": {"supported": "Supported", "mitigated": "Partially supported"},
        "category": {"html": "HTML", "css": "CSS", "image": "Image formats", "others": "Others"},
    }
    upstream_json.write_text(
        json.dumps(
            {
                "api_version": "1.0.4",
                "last_update_date": shipped["last_update_date"],
                "nicenames": nicenames,
                "data": data,
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    (package / "package.json").write_text(
        json.dumps({"name": "caniemail", "version": version}), encoding="utf-8"
    )
    (package / "LICENSE").write_text(licence, encoding="utf-8")
    return upstream_json


def test_the_update_script_reproduces_the_shipped_files(tmp_path: Path) -> None:
    """The shipped files are what the script makes of the package they came from: same
    detectors, same clients, same letters, same notice and licence, byte for byte."""
    upstream = unpacked_package(tmp_path / "npm")
    out = tmp_path / "out"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "update-caniemail.py"),
            "--from",
            str(upstream),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    for name in ("caniemail.json", "CANIEMAIL-LICENSE.txt"):
        assert (out / name).read_bytes() == SHIPPED.joinpath(name).read_bytes(), name
