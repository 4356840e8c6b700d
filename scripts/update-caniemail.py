#!/usr/bin/env python3
"""Regenerate the mail-client support table the compatibility check ships with.

    scripts/update-caniemail.py [--from PATH/TO/caniemail.json] [--out DIR]

Without --from, runs ``npm pack caniemail`` in a temporary folder (the only step that needs
the network) and reads the package from its tarball. With --from, reads that caniemail.json
and, beside it (``../package.json``, ``../LICENSE``), the package's version and licence.

Writes DIR/caniemail.json (default crmdesk/resources/checks) and DIR/CANIEMAIL-LICENSE.txt.
The table keeps only the features crmdesk can detect in an email's HTML, each with its
detectors ("match", the token grammar is in crmdesk/core/checks/compat.py) and the mail clients
("family.platform") whose latest tested version does not support it ("n") or only partly
("a"). Same input, same bytes out, so the committed file's diff shows what changed upstream.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "crmdesk" / "resources" / "checks"

# The data itself comes from caniemail.com, whose repository is MIT-licensed too; the npm
# package's LICENSE names only the package's authors, so the upstream notice is added here.
UPSTREAM_NOTICE = "Copyright (c) 2019 HTeuMeuLeu (Rémi Parmentier), caniemail.com"
UPSTREAM_URL = "https://github.com/hteumeuleu/caniemail"
PACKAGE_URL = "https://github.com/shellscape/caniemail"

# Features every email is made of, or whose caveats are about cases this table cannot tell
# apart: reporting them would bury the findings that matter under a partial support note
# on every email (padding on <div>s in Outlook, Gmail's <style> rules, target="_blank"…).
BASELINE = frozenset(
    {
        "css-background", "css-background-color", "css-border", "css-border-collapse",
        "css-comments", "css-display", "css-font", "css-font-size", "css-font-weight",
        "css-height", "css-line-height", "css-margin", "css-padding", "css-text-align",
        "css-text-decoration", "css-unit-percent", "css-unit-px", "css-vertical-align",
        "css-width",
        "html-align", "html-body", "html-cellpadding", "html-cellspacing", "html-comments",
        "html-div", "html-doctype", "html-height", "html-img", "html-p", "html-span",
        "html-style", "html-table", "html-target", "html-valign", "html-width",
        "image-jpg", "image-png",
    }
)  # fmt: skip


def _tokens(kind: str, names: str) -> list[str]:
    return [f"{kind}:{name}" for name in names.split()]


# Detectors for the slugs the general rules below do not cover.
MATCH: dict[str, list[str]] = {
    "css-animation": ["prop:animation", "prop:animation-name"],
    "css-at-font-face": ["at:font-face"],
    "css-at-import": ["at:import"],
    "css-at-keyframes": ["at:keyframes"],
    "css-at-media": ["at:media"],
    "css-at-media-device-pixel-ratio": ["media:device-pixel-ratio"],
    "css-at-media-hover": ["media:hover", "media:any-hover"],
    "css-at-media-orientation": ["media:orientation"],
    "css-at-media-prefers-color-scheme": ["media:prefers-color-scheme"],
    "css-at-media-prefers-reduced-motion": ["media:prefers-reduced-motion"],
    "css-at-supports": ["at:supports"],
    "css-block-inline-size": ["prop:block-size", "prop:inline-size"],
    "css-border-inline-block": ["prop:border-inline", "prop:border-block"],
    "css-color-scheme": ["prop:color-scheme"],
    "css-column-layout-properties": _tokens(
        "prop",
        "columns column-fill column-rule column-rule-color column-rule-style"
        " column-rule-width column-span column-width",
    ),
    "css-conic-gradient": ["func:conic-gradient", "func:repeating-conic-gradient"],
    "css-display-flex": ["value:display:flex", "value:display:inline-flex"],
    "css-display-grid": ["value:display:grid", "value:display:inline-grid"],
    "css-display-none": ["value:display:none"],
    "css-flex-direction": ["prop:flex-direction", "prop:flex-flow"],
    "css-flex-wrap": ["prop:flex-wrap", "prop:flex-flow"],
    "css-function-clamp": ["func:clamp"],
    "css-function-light-dark": ["func:light-dark"],
    "css-function-max": ["func:max"],
    "css-function-min": ["func:min"],
    "css-gap": ["prop:gap", "prop:row-gap", "prop:column-gap"],
    "css-important": ["important"],
    "css-inset": _tokens(
        "prop",
        "inset inset-block inset-block-start inset-block-end inset-inline"
        " inset-inline-start inset-inline-end",
    ),
    "css-intrinsic-size": [
        *_tokens("keyword", "fit-content min-content max-content"),
        "func:fit-content",
    ],
    "css-left-right-top-bottom": ["prop:left", "prop:right", "prop:top", "prop:bottom"],
    "css-linear-gradient": ["func:linear-gradient", "func:repeating-linear-gradient"],
    "css-max-height": ["prop:max-height"],
    "css-min-height": ["prop:min-height"],
    "css-min-width": ["prop:min-width"],
    "css-modern-color": ["func:lch", "func:oklch", "func:lab", "func:oklab"],
    "css-overflow": _tokens(
        "prop", "overflow overflow-x overflow-y overflow-block overflow-inline"
    ),
    "css-radial-gradient": ["func:radial-gradient", "func:repeating-radial-gradient"],
    "css-rgb": ["func:rgb"],
    "css-rgba": ["func:rgba"],
    "css-scroll-snap": ["prop:scroll-snap-type", "prop:scroll-snap-align"],
    "css-sytem-ui": _tokens("keyword", "system-ui ui-serif ui-sans-serif ui-rounded ui-monospace"),
    "css-unit-calc": ["func:calc"],
    "css-unit-initial": ["keyword:initial"],
    "css-variables": ["func:var", "prop:--"],
    "html-address": ["tag:address"],
    "html-anchor-links": ["href:#"],
    "html-background": ["attr:background"],
    "html-base": ["tag:base"],
    "html-button-reset": ["button:reset"],
    "html-button-submit": ["button:submit"],
    "html-h1-h6": _tokens("tag", "h1 h2 h3 h4 h5 h6"),
    "html-image-maps": ["tag:map", "tag:area", "attr:usemap"],
    "html-input-checkbox": ["input:checkbox"],
    "html-input-hidden": ["input:hidden"],
    "html-input-radio": ["input:radio"],
    "html-input-reset": ["input:reset"],
    "html-input-submit": ["input:submit"],
    "html-input-text": ["input:text"],
    "html-lists": ["tag:ul", "tag:ol", "tag:dl"],
    "html-loading-attribute": ["attr:loading"],
    "html-mailto-links": ["href:mailto"],
    "html-meta-color-scheme": ["meta:color-scheme", "meta:supported-color-schemes"],
    "html-semantics": _tokens(
        "tag",
        "article aside details figcaption figure footer header main mark nav section summary time",
    ),
    "html-srcset": ["attr:srcset", "attr:sizes"],
    "html-svg": ["tag:svg"],
    "image-base64": ["img:base64"],
    "image-heif": ["img:heif", "img:heic"],
    "image-tiff": ["img:tif", "img:tiff"],
}

# Features whose title lists the real property names in the keywords field.
PROPERTIES_IN_KEYWORDS = frozenset(
    {
        "css-border-inline-block-individual", "css-border-inline-block-longhand",
        "css-border-radius-logical", "css-grid-template",
        "css-margin-block-start-end", "css-margin-inline-block", "css-margin-inline-start-end",
        "css-padding-block-start-end", "css-padding-inline-block",
        "css-padding-inline-start-end",
    }
)  # fmt: skip

# Image formats worth telling apart by file extension; apng and hdr cannot be.
IMAGE_EXTENSIONS = frozenset({"avif", "bmp", "gif", "ico", "mp4", "svg", "webp"})

_PROPERTY = re.compile(r"-?[a-z]+(?:-[a-z]+)*")
_ELEMENT_TITLE = re.compile(r"<([a-z0-9]+)>(?: element)?")


def detectors(feature: dict) -> list[str] | None:
    """How to see the feature in an email, or None when it cannot be seen reliably."""
    slug: str = feature["slug"]
    title: str = feature["title"].strip()
    if slug in BASELINE:
        return None
    if slug in MATCH:
        return MATCH[slug]
    if slug in PROPERTIES_IN_KEYWORDS:
        names = {word.strip() for word in (feature.get("keywords") or "").split(",")}
        return sorted(f"prop:{name}" for name in names if _PROPERTY.fullmatch(name))
    if slug.startswith("css-pseudo-class-") or slug.startswith("css-pseudo-element-"):
        name = slug.removeprefix("css-pseudo-class-").removeprefix("css-pseudo-element-")
        return [f"pseudo:{name}"]
    if slug.startswith("css-unit-"):
        return [f"unit:{slug.removeprefix('css-unit-')}"]
    if slug.startswith("css-") and title == slug.removeprefix("css-"):
        return [f"prop:{title}"]
    if slug.startswith("html-aria-"):
        return [f"attr:{slug.removeprefix('html-')}"]
    if slug.startswith("html-"):
        name = slug.removeprefix("html-")
        element = _ELEMENT_TITLE.fullmatch(title)
        if element and element.group(1) == name:
            return [f"tag:{name}"]
        if title == f"{name} attribute":
            return [f"attr:{name}"]
        return None
    if slug.startswith("image-") and slug.removeprefix("image-") in IMAGE_EXTENSIONS:
        return [f"img:{slug.removeprefix('image-')}"]
    return None


def latest_support(versions: dict[str, str]) -> str:
    """The support letter of the latest tested version ("a #1 #3" → "a").

    caniemail lists versions oldest first, so the last one is the client as it is today.
    """
    value = list(versions.values())[-1]
    return value.split()[0] if value.strip() else "u"


@dataclass(frozen=True)
class Package:
    data: dict
    version: str
    licence: str


def compact(package: Package) -> tuple[dict, list[str], list[str]]:
    """The shipped table, the slugs it cannot detect, and those every client supports.

    To keep the file small, "support" lists only the clients known not to support the
    feature fully ("n" or "a"): a client absent from it supports the feature, or was never
    tested for it ("u"), and either way there is nothing to report. Features no client
    lacks are dropped for the same reason.
    """
    nicenames = package.data["nicenames"]
    clients = {
        f"{family}.{platform}": f"{nicenames['family'].get(family, family)}"
        f" ({nicenames['platform'].get(platform, platform)})"
        for feature in package.data["data"]
        for family, platforms in feature["stats"].items()
        for platform in platforms
    }
    features = []
    undetectable = []
    supported = []
    for feature in package.data["data"]:
        match = detectors(feature)
        if match is None:
            undetectable.append(feature["slug"])
            continue
        limits = {
            f"{family}.{platform}": letter
            for family, platforms in feature["stats"].items()
            for platform, versions in platforms.items()
            if (letter := latest_support(versions)) in ("n", "a")
        }
        if not limits:
            supported.append(feature["slug"])
            continue
        features.append(
            {
                "slug": feature["slug"],
                "title": feature["title"].strip(),
                "category": feature["category"],
                "url": f"https://www.caniemail.com/features/{feature['slug']}/",
                "match": match,
                "support": dict(sorted(limits.items())),
            }
        )
    table = {
        "source": f"caniemail.com data, npm package caniemail {package.version}",
        "last_update_date": package.data["last_update_date"],
        "licence": "MIT",
        "notice": notice(package.licence),
        "clients": dict(sorted(clients.items())),
        "features": features,
    }
    return table, undetectable, supported


def notice(licence: str) -> str:
    """The copyright lines to show with the data: the package's, then caniemail.com's."""
    lines = [line.strip() for line in licence.splitlines() if line.startswith("Copyright")]
    return "; ".join([*lines, UPSTREAM_NOTICE])


def licence_text(package: Package) -> str:
    return (
        f"The mail-client support table crmdesk ships (caniemail.json) is derived from the\n"
        f"caniemail.com data ({UPSTREAM_URL}, MIT License,\n{UPSTREAM_NOTICE}),\n"
        f"as published in the npm package caniemail {package.version} ({PACKAGE_URL}),\n"
        f"under the following licence:\n\n{package.licence.strip()}\n"
    )


def read_from_file(path: Path) -> Package:
    """A caniemail.json from an unpacked package, with its package.json and LICENSE."""
    data = json.loads(path.read_text(encoding="utf-8"))
    package_dir = path.resolve().parent.parent
    manifest = package_dir / "package.json"
    version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    licence = (package_dir / "LICENSE").read_text(encoding="utf-8")
    return Package(data, version, licence)


def read_from_npm() -> Package:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["npm", "pack", "caniemail", "--pack-destination", folder, "--silent"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (tarball,) = Path(folder).glob("caniemail-*.tgz")
        with tarfile.open(tarball) as archive:

            def member(name: str) -> str:
                stream = archive.extractfile(f"package/{name}")
                assert stream is not None, name
                return stream.read().decode("utf-8")

            data = json.loads(member("data/caniemail.json"))
            version = json.loads(member("package.json"))["version"]
            return Package(data, version, member("LICENSE"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="source", type=Path, help="an unpacked caniemail.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    args = parser.parse_args(argv)

    package = read_from_file(args.source) if args.source else read_from_npm()
    table, undetectable, supported = compact(package)
    args.out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n"
    (args.out / "caniemail.json").write_text(text, encoding="utf-8")
    (args.out / "CANIEMAIL-LICENSE.txt").write_text(licence_text(package), encoding="utf-8")
    print(
        f"caniemail {package.version} ({table['last_update_date']}): "
        f"{len(table['features'])} features kept, {len(undetectable) + len(supported)} skipped, "
        f"{len(table['clients'])} clients, {len(text.encode('utf-8')) // 1024} KB"
    )
    print(f"skipped, not detected in HTML ({len(undetectable)}): " + ", ".join(undetectable))
    print(f"skipped, supported everywhere ({len(supported)}): " + ", ".join(supported))
    return 0


if __name__ == "__main__":
    sys.exit(main())
