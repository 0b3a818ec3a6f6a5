"""Read and validate a knowledge folder into records. Nothing is returned unless everything is
valid; every problem of every file (schema, quotes, cross-references, texts without their Spanish,
notices/notices.yaml's `publisher_es`, `about_es` and `caution_es` included) is found in one
pass."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Type, TypeVar

from pydantic import BaseModel, ValidationError

from bot.cities import normalise_name
from bot.knowledge.base import Knowledge
from bot.knowledge.problems import KnowledgeInvalid, Problem, line_of, problems_from
from bot.knowledge.quotes import Notices, Traceability, normalise_text, phone_problems, quotes_of
from bot.knowledge.schema import (
    AdviceFile,
    CityRecord,
    NationalFile,
    NationalRecord,
    NoticeRecord,
    NoticesFile,
    StepsFile,
)
from bot.knowledge.spanish import spanish_problems
from bot.knowledge.yamlread import Lines, YamlSyntaxError, read_yaml

Model = TypeVar("Model", bound=BaseModel)
FOLDER_FILES = ("national.yaml", "steps.yaml", "advice.yaml")
NOTICES = Path("notices") / "notices.yaml"


@dataclass
class Parsed:
    """One file: its label, what it says as written, the line of every field, its record."""

    label: str
    data: Any = None
    lines: Lines = field(default_factory=dict)
    record: Any = None
    problems: List[Problem] = field(default_factory=list)


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _parse(
    path: Path, root: Path, model: Type[Model], extra: Optional[Dict[str, Any]] = None
) -> Parsed:
    """One file against its model: the record, or the problems found in it."""
    parsed = Parsed(_label(path, root))
    try:
        parsed.data, parsed.lines = read_yaml(path)
    except YamlSyntaxError as error:
        parsed.problems.append(Problem(parsed.label, "(file)", error.line, error.explained))
        return parsed
    if not isinstance(parsed.data, dict):
        shown = "nothing" if parsed.data is None else repr(parsed.data)[:60]
        message = f"expected fields such as `city: Odessa` (see knowledge/README.md), got {shown}"
        parsed.problems.append(Problem(parsed.label, "(file)", 1, message))
        return parsed
    for key in extra or {}:
        if key in parsed.data:
            line = line_of(parsed.lines, (key,))
            parsed.problems.append(Problem(parsed.label, key, line, f"unknown key '{key}'"))
    try:
        record = model.parse_obj({**parsed.data, **(extra or {})})
    except ValidationError as error:
        parsed.problems += problems_from(error, parsed.label, parsed.lines, parsed.data, model)
        return parsed
    if not parsed.problems:
        parsed.record = record
    return parsed


def fingerprint(folder: Path) -> str:
    """A hash of every knowledge file's name and content (notices' texts included)."""
    digest = hashlib.sha256()
    files = [*Path(folder).rglob("*.y*ml"), *Path(folder).rglob("*.txt")]
    for path in sorted(files):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _duplicate_names(cities: List[Parsed]) -> List[Problem]:
    """Two cities may not share a name or alias within one state, nor an alias anywhere."""
    seen: Dict[str, Tuple[str, str]] = {}
    problems = []
    for parsed in cities:
        city: CityRecord = parsed.record
        for name in (city.name, f"{city.name} {city.state}", *city.aliases):
            key = normalise_name(name)
            owner = seen.get(key)
            if owner and owner[0] != city.id and name != city.name:
                message = f"alias {name!r} is already used by {owner[1]}"
                line = line_of(parsed.lines, ("aliases",))
                problems.append(Problem(parsed.label, "aliases", line, message))
            seen.setdefault(key, (city.id, parsed.label))
    return problems


def _read_notices(folder: Path) -> Tuple[Parsed, Notices]:
    """notices/notices.yaml and the text of every notice it lists."""
    path = folder / NOTICES
    if not path.exists():
        parsed = Parsed(_label(path, folder))
        parsed.problems.append(
            Problem(
                parsed.label,
                "(file)",
                1,
                "file is missing: it lists the notices the facts cite (see knowledge/README.md)",
            )
        )
        return parsed, Notices()
    parsed = _parse(path, folder, NoticesFile)
    notices = Notices()
    trace = Traceability(parsed.label, parsed.lines, notices)
    entries = parsed.data.get("notices") if isinstance(parsed.data, dict) else None
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        text_path = path.parent / f"{entry['id']}.txt"
        if not text_path.exists():
            trace.problem(
                ("notices", i, "id"), f"no text for it: save the notice as notices/{text_path.name}"
            )
            continue
        raw = text_path.read_bytes()
        if (
            isinstance(entry.get("sha256"), str)
            and hashlib.sha256(raw).hexdigest() != entry["sha256"]
        ):
            trace.problem(
                ("notices", i, "sha256"),
                f"notices/{text_path.name} is no longer the original it was copied from: copy "
                "it again (the quotes must match the notice as published)",
            )
        notices.texts[entry["id"]] = normalise_text(raw.decode("utf-8"))
        trace.notice(("notices", i), entry, notices.texts[entry["id"]])
    listed = set(notices.texts)
    for text_path in sorted(path.parent.glob("*.txt")):
        if text_path.stem not in listed and not any(
            p.field.startswith("notices") and text_path.stem in p.message for p in trace.problems
        ):
            trace.problems.append(
                Problem(
                    _label(text_path, folder),
                    "(file)",
                    1,
                    "this notice is not listed in notices/notices.yaml: add an entry for it",
                )
            )
    trace.problems += spanish_problems(parsed.label, parsed.data, parsed.lines, NoticesFile)
    parsed.problems += trace.problems
    return parsed, notices


def in_file_order(problems: List[Problem]) -> List[Problem]:
    """Each file's problems together, top to bottom (files in the order they were read)."""
    order = {label: i for i, label in reversed(list(enumerate(p.file for p in problems)))}
    return sorted(problems, key=lambda p: (order[p.file], p.line))


def read_knowledge(folder: Path) -> Knowledge:
    """Validate a whole knowledge folder. Raises KnowledgeInvalid listing every problem."""
    folder = Path(folder)
    if not (folder / "cities").is_dir():
        raise KnowledgeInvalid([Problem(str(folder), "cities", 1, "no cities/ folder here")])
    notices_file, notices = _read_notices(folder)
    problems: List[Problem] = list(notices_file.problems)
    files: List[Parsed] = []
    city_files = sorted((folder / "cities").glob("*.y*ml"))
    if not city_files:
        problems.append(Problem(str(folder / "cities"), "(folder)", 1, "no city files found"))
    cities: List[Parsed] = []
    for path in city_files:
        parsed = _parse(path, folder, CityRecord, {"id": path.stem})
        files.append(parsed)
        trace = Traceability(parsed.label, parsed.lines, notices)
        trace.sources(parsed.data)
        trace.city(parsed.data)
        trace.problems += spanish_problems(parsed.label, parsed.data, parsed.lines, CityRecord)
        main_notice = parsed.data.get("notice") if isinstance(parsed.data, dict) else None
        if isinstance(main_notice, str) and notices.texts and main_notice not in notices.texts:
            trace.missing_notice(("notice",), main_notice)
        parsed.problems += trace.problems
        problems += parsed.problems
        if parsed.record is not None and not parsed.problems:
            cities.append(parsed)
    problems += _duplicate_names(cities)

    parts: Dict[str, Any] = {}
    for name, model in zip(FOLDER_FILES, (NationalFile, StepsFile, AdviceFile), strict=True):
        path = folder / name
        if not path.exists():
            problems.append(Problem(_label(path, folder), "(file)", 1, "file is missing"))
            continue
        parsed = _parse(path, folder, model)
        files.append(parsed)
        trace = Traceability(parsed.label, parsed.lines, notices)
        trace.sources(parsed.data)
        trace.problems += spanish_problems(parsed.label, parsed.data, parsed.lines, model)
        problems += parsed.problems + trace.problems
        parts[name] = parsed.record
    quotes = [q for parsed in files for q in quotes_of(parsed.data)]
    problems += phone_problems([(p.label, p.data, p.lines) for p in files], quotes)

    if problems:
        raise KnowledgeInvalid(in_file_order(problems))
    national_file: NationalFile = parts["national.yaml"]
    national = NationalRecord(
        resources=national_file.resources,
        facts=national_file.facts,
        steps=parts["steps.yaml"].steps,
        advice=parts["advice.yaml"].advice,
    )
    listed: Tuple[NoticeRecord, ...] = notices_file.record.notices
    return Knowledge([p.record for p in cities], national, fingerprint(folder), notices=listed)
