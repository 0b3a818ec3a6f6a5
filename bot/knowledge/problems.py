"""Problems in knowledge files, reported as `file:line: field: message` in words city staff act on."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum
from typing import Any, Dict, List, Optional, Sequence, Tuple, Type

from pydantic import BaseModel, ValidationError

from bot.knowledge.vocabulary import WHAT
from bot.knowledge.yamlread import Lines, Path_


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a knowledge file."""

    file: str
    field: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class KnowledgeInvalid(Exception):
    """The knowledge folder has problems; nothing was loaded."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        listed = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(
            f"Knowledge not loaded: {len(self.problems)} problem(s) found "
            f"(the database was left as it was):\n{listed}"
        )


def field_name(path: Path_) -> str:
    """('windows', 0, 'end') -> 'windows[0].end'."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "(file)"


def line_of(lines: Lines, path: Path_) -> int:
    """The line of a field, or of the nearest enclosing field that is written in the file."""
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _value_at(data: Any, path: Path_) -> Any:
    for part in path:
        if (
            isinstance(data, dict)
            and part in data
            or isinstance(data, list)
            and isinstance(part, int)
            and part < len(data)
        ):
            data = data[part]
        else:
            return None
    return data


def _fields_by_key(model: Type[BaseModel]) -> Dict[str, Any]:
    return {f.alias: f for f in model.__fields__.values()}


def _model_at(model: Type[BaseModel], path: Path_) -> Optional[Type[BaseModel]]:
    """The model class that describes the mapping at path (None when path leaves the schema)."""
    current: Optional[Type[BaseModel]] = model
    for part in path:
        if isinstance(part, int):
            continue
        field = _fields_by_key(current).get(part) if current else None
        inner = field.type_ if field is not None else None
        current = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
        if current is None:
            return None
    return current


def _did_you_mean(value: Any, allowed: Sequence[str]) -> str:
    hint = difflib.get_close_matches(str(value), list(allowed), n=1)
    return f" (did you mean '{hint[0]}'?)" if hint else ""


def _message(error: Dict[str, Any], path: Path_, raw: Any, model: Type[BaseModel]) -> str:
    kind = error["type"]
    value = _value_at(raw, path)
    if kind == "value_error.missing":
        return f"missing required field '{path[-1]}'"
    if kind == "value_error.extra":
        parent = _model_at(model, path[:-1])
        keys = sorted(_fields_by_key(parent)) if parent else []
        return f"unknown key '{path[-1]}'{_did_you_mean(path[-1], keys)}"
    if kind == "type_error.enum":
        members: List[Enum] = list(error["ctx"]["enum_values"])
        words = [m.value for m in members]
        what = WHAT.get(type(members[0]), "word")
        return f"unknown {what} {value!r}{_did_you_mean(value, words)}; known: {', '.join(words)}"
    if kind in ("type_error.tuple", "type_error.list", "type_error.sequence"):
        return f"expected a list, got {value!r}"
    if kind == "type_error.dict":
        parent = _model_at(model, path)
        keys = ", ".join(sorted(_fields_by_key(parent))) if parent else "keys"
        return f"expected a mapping with keys {keys}, got {value!r}"
    if kind == "value_error.strictbool":
        return f"expected true or false, got {value!r}"
    if kind == "type_error.none.not_allowed":
        return f"missing value for '{path[-1]}'"
    return str(error["msg"])


def problems_from(
    error: ValidationError, file: str, lines: Lines, raw: Any, model: Type[BaseModel]
) -> List[Problem]:
    """One problem per field (the first pydantic reports), with its line in the file."""
    problems: List[Problem] = []
    seen = set()
    for item in error.errors():
        path: Tuple[Any, ...] = tuple(p for p in item["loc"] if p != "__root__")
        name = field_name(path)
        if name in seen:
            continue
        seen.add(name)
        problems.append(Problem(file, name, line_of(lines, path), _message(item, path, raw, model)))
    return problems
