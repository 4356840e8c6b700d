"""What changed between two BAT rounds, as the client checks it: the words a reader sees and
where each link goes.

Markup is not compared: a round rebuilt by another editor differs in every line of HTML and
may read the same. The visible text is the body without scripts, styles and comments, one line
per block (paragraph, table cell, list item, heading, line break), white space squashed. An
image's alt text counts as text, written "[image: alt]", since readers with images off read it
instead of the image; an image swapped for another with the same alt is not seen here.

Links are (label, href) pairs in document order, the label being the link's text, else the alt
of its images. Links are matched by label, then by position among the links with that label:
the same label going elsewhere is "changed" (a new UTM is a change: the report will count it),
a label only in the later round is "added", only in the earlier one "removed". A link whose
label changed but not its target is not a link change: its new wording is in the text diff.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import lxml.etree

from crmdesk.core.checks.parse import BLOCK_TAGS as _BLOCKS
from crmdesk.core.checks.parse import SKIPPED_TEXT as _NOT_SHOWN
from crmdesk.core.checks.parse import squash

Line = tuple[str, str]
# A link with its place in its round: (index among the links, label, href).
_Placed = tuple[int, str, str]

# Marks block edges in the extracted text; a private-use character no email writes (one that
# did would only get a line break there).
_BLOCK_MARK = "\ue000"
_HREF_SPACES = " \t\n\r\f"
# difflib's worst case grows faster than the product of the two lengths: above 200 × 200
# lines with nothing to anchor on, it could take seconds.
_EXACT_DIFF_PAIRS = 40_000


@dataclass(frozen=True)
class LinkChange:
    kind: str  # "added" | "removed" | "changed"
    label: str
    before: str  # "" when added
    after: str  # "" when removed


@dataclass(frozen=True)
class RoundDiff:
    #: Every visible line of both rounds in order: (" ", line) in both, ("-", line) only in the
    #: earlier round, ("+", line) only in the later one.
    text: tuple[Line, ...]
    #: Changed and added links in the later round's order, then removed ones in the earlier's.
    links: tuple[LinkChange, ...]

    @property
    def unchanged(self) -> bool:
        """Whether a reader would see no difference in words or links."""
        return not self.links and all(op == " " for op, _ in self.text)


def compare(html_before: str, html_after: str) -> RoundDiff:
    """The differences a reader would see between two rounds; never raises on odd input
    (empty, tag soup, very large)."""
    text_before, links_before = _read(html_before)
    text_after, links_after = _read(html_after)
    return RoundDiff(
        tuple(_line_diff(text_before, text_after)),
        tuple(_link_changes(links_before, links_after)),
    )


# -- reading an email -----------------------------------------------------------------------


def link_targets(html_text: str) -> list[str]:
    """The email's link targets, each once, in document order (what a feedback can point at)."""
    root = _document(html_text)
    return list(dict.fromkeys(href for _, href in _links(root))) if root is not None else []


def _read(html_text: str) -> tuple[list[str], list[tuple[str, str]]]:
    root = _document(html_text)
    if root is None:
        return [], []
    links = _links(root)  # before the text is taken: that marks up the tree
    return _visible_lines(root), links


def _document(html_text: str) -> lxml.etree._Element | None:
    """The parsed document, None for one with nothing in it. Given as UTF-8 bytes with the
    encoding named, so a ``<meta charset>`` in the text cannot make lxml decode it again.
    Plain lxml elements: lxml.html's Python class lookup would double the time on a large
    email, for methods not needed here."""
    if not html_text.strip():
        return None
    parser = lxml.etree.HTMLParser(
        encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True
    )
    try:
        return lxml.etree.fromstring(html_text.encode("utf-8", "replace"), parser=parser)
    except lxml.etree.LxmlError:
        return None


def _links(root: lxml.etree._Element) -> list[tuple[str, str]]:
    links = []
    for element in root.iter("a", "area"):
        href = element.get("href")
        if href is None:
            continue  # an anchor, not a link
        if element.tag == "a":
            label = squash(_text_of(element))
            if not label:
                alts = (squash(image.get("alt") or "") for image in element.iter("img"))
                label = " ".join(alt for alt in alts if alt)
        else:
            label = squash(element.get("alt") or "")
        links.append((label, _as_browsers_read(href)))
    return links


def _visible_lines(root: lxml.etree._Element) -> list[str]:
    """The body's text, a line per block: one walk, reading the tree without changing it."""
    body = root.find("body")
    if body is None:
        return []
    parts: list[str] = []
    walker = lxml.etree.iterwalk(body, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if event == "start":
            if tag in _NOT_SHOWN:
                walker.skip_subtree()
                continue
            if tag in _BLOCKS:
                parts.append(_BLOCK_MARK)
            if tag == "img":
                alt = element.get("alt") or ""
                if alt.strip():
                    parts.append(f" [image: {squash(alt)}] ")
            if element.text:
                parts.append(element.text)
            continue
        if tag in _BLOCKS:
            parts.append(_BLOCK_MARK)
        if element.tail and element is not body:
            parts.append(element.tail)
    text = squash("".join(parts))
    return [line for line in map(str.strip, text.split(_BLOCK_MARK)) if line]


def _text_of(element: lxml.etree._Element) -> str:
    return lxml.etree.tostring(element, method="text", encoding=str, with_tail=False)


def _as_browsers_read(href: str) -> str:
    """An href as browsers read it (WHATWG URL): spaces around it stripped, tabs and line
    breaks inside it dropped, so an editor rewrapping a long URL is not a change."""
    href = href.strip(_HREF_SPACES)
    return href.replace("\n", "").replace("\r", "").replace("\t", "")


# -- comparing ------------------------------------------------------------------------------


def _line_diff(before: list[str], after: list[str]) -> list[Line]:
    """The lines of both rounds, marked, by patience diff: lines found once in each round
    anchor the comparison (two rounds mostly share them), and only the short stretches
    between anchors go to difflib. difflib alone would either take a line repeated a few
    times ("En savoir plus") for noise and mark it changed, or, without that heuristic, take
    seconds on a long email. Ranges are worked from a stack, never by recursion: tag soup
    cannot exhaust Python's stack."""
    out: list[Line] = []
    tasks: list[tuple[int, int, int, int] | list[Line]] = [(0, len(before), 0, len(after))]
    while tasks:
        task = tasks.pop()
        if isinstance(task, list):
            out += task
            continue
        alo, ahi, blo, bhi = task
        while alo < ahi and blo < bhi and before[alo] == after[blo]:
            out.append((" ", before[alo]))
            alo, blo = alo + 1, blo + 1
        tail = 0
        while tail < min(ahi - alo, bhi - blo) and before[ahi - 1 - tail] == after[bhi - 1 - tail]:
            tail += 1
        if tail:
            tasks.append([(" ", line) for line in before[ahi - tail : ahi]])
            ahi, bhi = ahi - tail, bhi - tail
        anchors = _anchors(before, alo, ahi, after, blo, bhi)
        if not anchors:
            out += _unanchored(before[alo:ahi], after[blo:bhi])
            continue
        pieces: list[tuple[int, int, int, int] | list[Line]] = []
        for i, j in anchors:
            pieces += [(alo, i, blo, j), [(" ", before[i])]]
            alo, blo = i + 1, j + 1
        pieces.append((alo, ahi, blo, bhi))
        tasks += reversed(pieces)
    return out


def _anchors(
    before: list[str], alo: int, ahi: int, after: list[str], blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Pairs (i, j) of lines found exactly once in each range, the longest run of them in the
    same order in both (patience sorting)."""
    counts_before = Counter(before[alo:ahi])
    counts_after = Counter(after[blo:bhi])
    where_after = {line: j for j in range(blo, bhi) if counts_after[line := after[j]] == 1}
    pairs = [
        (i, where_after[line])
        for i in range(alo, ahi)
        if counts_before[line := before[i]] == 1 and line in where_after
    ]
    # Longest increasing run of j: piles[k] ends the best run of length k + 1.
    piles: list[int] = []
    pile_tops: list[int] = []
    previous: list[int] = []
    for index, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(pile_tops, j)
        previous.append(piles[k - 1] if k else -1)
        if k == len(piles):
            piles.append(index)
            pile_tops.append(j)
        else:
            piles[k] = index
            pile_tops[k] = j
    run = []
    index = piles[-1] if piles else -1
    while index >= 0:
        run.append(pairs[index])
        index = previous[index]
    return run[::-1]


def _unanchored(old: list[str], new: list[str]) -> list[Line]:
    """A stretch with no line unique to anchor on: difflib when it is short, else the
    earlier lines out and the later ones in (only nonsense input gets there)."""
    if len(old) * len(new) > _EXACT_DIFF_PAIRS:
        return [("-", line) for line in old] + [("+", line) for line in new]
    out: list[Line] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += ((" ", line) for line in old[i1:i2])
        else:
            out += (("-", line) for line in old[i1:i2])
            out += (("+", line) for line in new[j1:j2])
    return out


def _link_changes(before: list[tuple[str, str]], after: list[tuple[str, str]]) -> list[LinkChange]:
    # Same label and same href on both sides: the same link (a logo linked at the top and the
    # bottom, a repeated CTA), whatever moved around it.
    old, new = _unpaired(
        [(index, label, href) for index, (label, href) in enumerate(before)],
        [(index, label, href) for index, (label, href) in enumerate(after)],
        key=lambda link: (link[1], link[2]),
    )
    by_label_old: defaultdict[str, list[_Placed]] = defaultdict(list)
    by_label_new: defaultdict[str, list[_Placed]] = defaultdict(list)
    for link in old:
        by_label_old[link[1]].append(link)
    for link in new:
        by_label_new[link[1]].append(link)
    changed: list[tuple[int, LinkChange]] = []
    added: list[_Placed] = []
    removed: list[_Placed] = []
    for label in by_label_old.keys() | by_label_new.keys():
        old_links, new_links = by_label_old[label], by_label_new[label]
        for (_, _, href_before), (index, _, href_after) in zip(old_links, new_links, strict=False):
            changed.append((index, LinkChange("changed", label, href_before, href_after)))
        added += new_links[len(old_links) :]
        removed += old_links[len(new_links) :]

    # A link relabelled but going to the same place: the text diff shows the new wording.
    removed, added = _unpaired(sorted(removed), sorted(added), key=lambda link: link[2])
    later = changed + [
        (index, LinkChange("added", label, "", href)) for index, label, href in added
    ]
    later.sort(key=lambda item: item[0])
    return [change for _, change in later] + [
        LinkChange("removed", label, href, "") for _, label, href in removed
    ]


def _unpaired(
    old: list[_Placed], new: list[_Placed], key: Callable[[_Placed], Hashable]
) -> tuple[list[_Placed], list[_Placed]]:
    """Both lists without the links that have a twin with the same key on the other side,
    each twin used once, order kept."""
    common = Counter(map(key, old)) & Counter(map(key, new))
    return _without(old, common, key), _without(new, common, key)


def _without(
    links: list[_Placed], twins: Counter[Hashable], key: Callable[[_Placed], Hashable]
) -> list[_Placed]:
    left = twins.copy()
    kept = []
    for link in links:
        twin = key(link)
        if left[twin] > 0:
            left[twin] -= 1
        else:
            kept.append(link)
    return kept
