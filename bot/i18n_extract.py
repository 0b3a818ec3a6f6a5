"""What the catalog must hold: every sentence the code marks (`t("...")`, `N_("...")`,
`translate("...")`) and every fixed reply of domain.yml (texts and button titles); and what a
locale's catalog lacks. `python -m bot i18n check` and tests/bot/test_i18n.py use it;
`python -m bot i18n extract` writes the template translators start from (bot/locale/messages.pot).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Set

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from bot.i18n import CATALOGS, catalog, placeholders

PROJECT = Path(__file__).resolve().parent.parent
CODE_FOLDERS = ("bot", "actions", "assistant")
MARKERS = {"t", "N_", "translate"}


@dataclass(frozen=True)
class Place:
    """Where a sentence is used: a file and a line (or a domain response)."""

    file: str
    line: int


def _marked(tree: ast.AST) -> Iterable[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in MARKERS:
                yield node


def code_messages(root: Path = PROJECT) -> Dict[str, List[Place]]:
    """Every string literal marked for the catalog in the project's Python code."""
    found: Dict[str, List[Place]] = {}
    for folder in CODE_FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for call in _marked(tree):
                first = call.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value:
                    place = Place(str(path.relative_to(root)), call.lineno)
                    found.setdefault(first.value, []).append(place)
    return found


def domain_messages(root: Path = PROJECT) -> Dict[str, List[Place]]:
    """Every fixed reply's text and button title in domain.yml (each channel's variation)."""
    domain = yaml.safe_load((root / "domain.yml").read_text(encoding="utf-8"))
    found: Dict[str, List[Place]] = {}
    for name, variations in (domain.get("responses") or {}).items():
        for variation in variations:
            texts = [variation.get("text")] + [b.get("title") for b in variation.get("buttons", [])]
            for text in texts:
                if text:
                    found.setdefault(text, []).append(Place(f"domain.yml:{name}", 0))
    return found


def all_messages(root: Path = PROJECT) -> Dict[str, List[Place]]:
    messages = code_messages(root)
    for text, places in domain_messages(root).items():
        messages.setdefault(text, []).extend(places)
    return messages


@dataclass(frozen=True)
class Problem:
    message: str
    what: str
    places: List[Place]

    def __str__(self) -> str:
        where = ", ".join(f"{p.file}:{p.line}" if p.line else p.file for p in self.places[:3])
        return f"{self.what}: {self.message!r} ({where})"


def problems(locale: str, root: Path = PROJECT, folder: Path = CATALOGS) -> List[Problem]:
    """Each sentence the locale's catalog lacks, or translates with other placeholders; and each
    catalog entry no code or reply uses any more."""
    entries = catalog(locale, folder)
    messages = all_messages(root)
    found: List[Problem] = []
    for message, places in sorted(messages.items()):
        text = entries.get(message)
        if text is None:
            found.append(Problem(message, f"no {locale} text", places))
        elif placeholders(text) != placeholders(message):
            found.append(Problem(message, f"{locale} text has other placeholders", places))
    unused: Set[str] = set(entries) - set(messages)
    found += [Problem(m, "not used by any code or reply", []) for m in sorted(unused)]
    return found


def write_template(root: Path = PROJECT, folder: Path = CATALOGS) -> Path:
    """bot/locale/messages.pot: every sentence to translate, with where it is used."""
    template = Catalog(project="click2gov-selfcheck", charset="utf-8")
    for message, places in sorted(all_messages(root).items()):
        template.add(message, locations=[(p.file, p.line) for p in places])
    path = folder / "messages.pot"
    with path.open("wb") as handle:
        write_po(handle, template, width=100, omit_header=True, sort_output=True)
    return path
