"""The shipped report templates hold together: every word they print has its French, every
template they name exists, and the French reads as a French agency writes it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import nodes

from crmdesk.render import texts
from crmdesk.render.templates import SHIPPED, environment

TEMPLATES = sorted(p for p in SHIPPED.iterdir() if p.suffix in (".html", ".css"))
#: The core's values the reports name through ``texts.Labels``, in English.
LABEL_TABLES = {
    "statuses": texts._STATUSES,
    "types": texts._TYPES,
    "decisions": texts._DECISIONS,
    "phases": texts._PHASES,
    "states": texts._STATES,
    "milestones": texts._MILESTONES,
    "metrics": texts._METRICS,
    "channels": texts._CHANNELS,
    "tones": texts._TONES,
    "kpis": texts._KPIS,
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _tree(path: Path) -> nodes.Template:
    return environment("en").parse(path.read_text(encoding="utf-8"), path.name, str(path))


def _translated(path: Path) -> Iterator[tuple[int, nodes.Expr]]:
    """The first argument of each ``_()`` call in the template, with its line."""
    for call in _tree(path).find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "_":
            yield call.lineno, call.args[0] if call.args else nodes.Const(None)


def _words() -> dict[str, list[str]]:
    """Each English text the shipped templates translate → where it is used."""
    found: dict[str, list[str]] = {}
    for path in TEMPLATES:
        for line, argument in _translated(path):
            if isinstance(argument, nodes.Const) and isinstance(argument.value, str):
                found.setdefault(argument.value, []).append(f"{path.name}:{line}")
    return found


def _french() -> dict[str, str]:
    """Every French text the reports can print: the templates' words and the core's values."""
    return {
        english: texts.FRENCH[english]
        for english in [*_words(), *(v for t in LABEL_TABLES.values() for v in t.values())]
        if english in texts.FRENCH
    }


def test_the_templates_are_found() -> None:
    names = {p.name for p in TEMPLATES}
    assert {"base.html", "report.css", "recap.html", "review.html", "brief.html"} <= names


def test_every_word_of_the_shipped_templates_has_its_french() -> None:
    words = _words()
    assert len(words) > 100
    missing = [
        f"{english!r} ({', '.join(where)})"
        for english, where in words.items()
        if english not in texts.FRENCH
    ]
    assert not missing, "No French for:\n" + "\n".join(missing)


def test_the_templates_translate_literal_words_only() -> None:
    """A word held in a variable could not be checked here, nor found by a translator."""
    computed = [
        f"{path.name}:{line}"
        for path in TEMPLATES
        for line, argument in _translated(path)
        if not (isinstance(argument, nodes.Const) and isinstance(argument.value, str))
    ]
    assert not computed, "_() needs a literal text at " + ", ".join(computed)


@pytest.mark.parametrize("table", sorted(LABEL_TABLES))
def test_the_core_values_a_report_names_have_their_french(table: str) -> None:
    missing = [v for v in LABEL_TABLES[table].values() if v not in texts.FRENCH]
    assert not missing, f"No French for these {table}: {missing}"


def test_every_template_a_template_names_exists() -> None:
    missing = []
    for path in TEMPLATES:
        tree = _tree(path)
        for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            target = node.template
            if not isinstance(target, nodes.Const):
                missing.append(f"{path.name}:{node.lineno} names a template by expression")
            elif not (SHIPPED / target.value).is_file():
                missing.append(f"{path.name}:{node.lineno} → {target.value}")
    assert not missing, "\n".join(missing)


def test_the_french_fills_the_same_blanks() -> None:
    wrong = [
        english
        for english, french in _french().items()
        if sorted(PLACEHOLDER.findall(english)) != sorted(PLACEHOLDER.findall(french))
    ]
    assert not wrong, f"The French does not fill the same %(name)s blanks: {wrong}"


def test_the_french_is_set_with_french_typography() -> None:
    """Typographic apostrophes, and a no-break space before : ; ? ! so that the sign never
    starts a line."""
    wrong = [
        french
        for french in _french().values()
        if "'" in french or re.search(r"(^|[^\u00a0\u202f])[:;?!](\s|$)", french)
    ]
    assert not wrong, f"Not set the French way: {wrong}"


def test_an_untranslated_word_prints_as_written_and_values_fill_in() -> None:
    french = texts.translator("fr")
    assert french("A sentence no table holds") == "A sentence no table holds"
    assert texts.Labels("fr").milestone("bat", 2) == "BAT 2"
    assert texts.Labels("en").milestone("analysis") == "D+5 analysis"
    assert texts.Labels("fr").milestone("analysis") == "Analyse J+5"
