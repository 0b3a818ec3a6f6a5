"""Read and validate a knowledge folder into records. Nothing is returned unless everything is valid."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Type, TypeVar

from pydantic import BaseModel, ValidationError

from bot.cities import normalise_name
from bot.knowledge.base import Knowledge
from bot.knowledge.problems import KnowledgeInvalid, Problem, line_of, problems_from
from bot.knowledge.schema import AdviceFile, CityRecord, NationalFile, NationalRecord, StepsFile
from bot.knowledge.yamlread import Lines, YamlSyntaxError, read_yaml

Model = TypeVar("Model", bound=BaseModel)
FOLDER_FILES = ("national.yaml", "steps.yaml", "advice.yaml")


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _parse(
    path: Path, root: Path, model: Type[Model], extra: Optional[Dict[str, Any]] = None
) -> Tuple[Optional[Model], List[Problem], Lines]:
    """One file against its model: the record, or the problems found in it."""
    label = _label(path, root)
    try:
        data, lines = read_yaml(path)
    except YamlSyntaxError as error:
        return None, [Problem(label, "(file)", error.line, f"not valid YAML: {error}")], {}
    if not isinstance(data, dict):
        message = "expected a mapping of fields (see knowledge/README.md), got nothing"
        if data is not None:
            message = f"expected a mapping of fields (see knowledge/README.md), got {data!r}"
        return None, [Problem(label, "(file)", 1, message)], lines
    problems = [
        Problem(label, key, line_of(lines, (key,)), f"unknown key '{key}'")
        for key in (extra or {})
        if key in data
    ]
    try:
        record = model.parse_obj({**data, **(extra or {})})
    except ValidationError as error:
        return None, problems + problems_from(error, label, lines, data, model), lines
    return (None if problems else record), problems, lines


def fingerprint(folder: Path) -> str:
    """A hash of every knowledge file's name and content."""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*.y*ml")):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _duplicate_names(cities: List[Tuple[CityRecord, str, Lines]]) -> List[Problem]:
    """Two cities may not share a name or alias within one state, nor an alias anywhere."""
    seen: Dict[str, Tuple[str, str]] = {}
    problems = []
    for city, label, lines in cities:
        for name in (city.name, f"{city.name} {city.state}", *city.aliases):
            key = normalise_name(name)
            owner = seen.get(key)
            if owner and owner[0] != city.id and name != city.name:
                message = f"alias {name!r} is already used by {owner[1]}"
                problems.append(Problem(label, "aliases", line_of(lines, ("aliases",)), message))
            seen.setdefault(key, (city.id, label))
    return problems


def read_knowledge(folder: Path) -> Knowledge:
    """Validate a whole knowledge folder. Raises KnowledgeInvalid listing every problem."""
    folder = Path(folder)
    if not (folder / "cities").is_dir():
        raise KnowledgeInvalid([Problem(str(folder), "cities", 1, "no cities/ folder here")])
    problems: List[Problem] = []
    city_files = sorted((folder / "cities").glob("*.y*ml"))
    if not city_files:
        problems.append(Problem(str(folder / "cities"), "(folder)", 1, "no city files found"))
    cities: List[Tuple[CityRecord, str, Lines]] = []
    for path in city_files:
        city, found, lines = _parse(path, folder, CityRecord, {"id": path.stem})
        problems.extend(found)
        if city is not None:
            cities.append((city, _label(path, folder), lines))
    problems.extend(_duplicate_names(cities))

    parts: Dict[str, Any] = {}
    for name, model in zip(FOLDER_FILES, (NationalFile, StepsFile, AdviceFile), strict=False):
        path = folder / name
        if not path.exists():
            problems.append(Problem(_label(path, folder), "(file)", 1, "file is missing"))
            continue
        record, found, _ = _parse(path, folder, model)
        problems.extend(found)
        parts[name] = record

    if problems:
        raise KnowledgeInvalid(problems)
    national_file: NationalFile = parts["national.yaml"]
    national = NationalRecord(
        resources=national_file.resources,
        facts=national_file.facts,
        steps=parts["steps.yaml"].steps,
        advice=parts["advice.yaml"].advice,
    )
    return Knowledge([city for city, _, _ in cities], national, fingerprint(folder))
