"""Field-by-field checks of one YAML file, collecting problems that name file, field and line."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Collection, Dict, List, Optional, Sequence, Tuple

from bot.knowledge.records import Source
from bot.knowledge.vocabulary import BASES
from bot.knowledge.yamlread import Lines, Path_

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SOURCE_KEYS = {"seed", "quote", "basis", "how"}


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


class FileChecker:
    """Checks the values of one file and remembers every problem found."""

    def __init__(self, file_label: str, lines: Lines) -> None:
        self.file = file_label
        self.lines = lines
        self.problems: List[Problem] = []

    def line_of(self, path: Path_) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: Path_, message: str) -> None:
        """Record a problem; only the first one for a field, so one mistake gives one message."""
        name = field_name(path)
        if any(p.field == name for p in self.problems):
            return
        self.problems.append(Problem(self.file, name, self.line_of(path), message))

    def mapping(
        self,
        value: Any,
        path: Path_,
        allowed: Collection[str],
        required: Collection[str] = (),
    ) -> Optional[Dict[str, Any]]:
        """A mapping with only the allowed keys and every required key."""
        if not isinstance(value, dict):
            self.problem(path, f"expected a mapping with keys {', '.join(sorted(allowed))}")
            return None
        for key in value:
            if key not in allowed:
                hint = difflib.get_close_matches(str(key), list(allowed), n=1)
                also = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.problem(path + (key,), f"unknown key '{key}'{also}")
        for key in required:
            if key not in value or value[key] is None:
                self.problem(path + (key,), f"missing required field '{key}'")
        return value

    def sequence(self, value: Any, path: Path_) -> List[Tuple[Path_, Any]]:
        """A list (None counts as empty); returns (path, item) pairs."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, "expected a list")
            return []
        return [(path + (i,), item) for i, item in enumerate(value)]

    def text(self, value: Any, path: Path_, required: bool = True) -> Optional[str]:
        if value is None:
            if required:
                self.problem(path, "missing text")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(path, f"expected non-empty text, got {value!r}")
            return None
        return " ".join(value.split())

    def day(self, value: Any, path: Path_, required: bool = True) -> Optional[date]:
        if value is None:
            if required:
                self.problem(path, "missing date (write it as YYYY-MM-DD)")
            return None
        text = str(value).strip()
        if not _ISO_DATE.match(text):
            self.problem(path, f"bad date {value!r}: write it as YYYY-MM-DD")
            return None
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            self.problem(path, f"bad date {value!r}: {error}")
            return None

    def choice(self, value: Any, path: Path_, allowed: Collection[str], what: str) -> Optional[str]:
        if value not in allowed:
            hint = difflib.get_close_matches(str(value), list(allowed), n=1)
            also = f" (did you mean '{hint[0]}'?)" if hint else ""
            known = ", ".join(allowed)
            self.problem(path, f"unknown {what} {value!r}{also}; known: {known}")
            return None
        return value

    def choices(
        self, value: Any, path: Path_, allowed: Collection[str], what: str
    ) -> Tuple[str, ...]:
        found = []
        for item_path, item in self.sequence(value, path):
            if self.choice(item, item_path, allowed, what) is not None:
                found.append(item)
        return tuple(found)

    def integer(self, value: Any, path: Path_, minimum: int = 0) -> Optional[int]:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problem(path, f"expected a whole number of at least {minimum}, got {value!r}")
            return None
        return value

    def phone(self, value: Any, path: Path_) -> Optional[str]:
        if value is None:
            return None
        digits = re.sub(r"\D", "", str(value))
        if len(digits) not in (10, 11) or (len(digits) == 11 and not digits.startswith("1")):
            self.problem(path, f"bad US phone number {value!r}")
            return None
        return str(value)

    def source(self, value: Any, path: Path_) -> Optional[Source]:
        """A fact's source: seed file, verbatim quote, stated or inferred (inferred needs 'how')."""
        if value is None:
            self.problem(path, "missing source (seed, quote, basis)")
            return None
        data = self.mapping(value, path, _SOURCE_KEYS, ("seed", "quote", "basis"))
        if data is None:
            return None
        seed = self.text(data.get("seed"), path + ("seed",), required=False)
        quote = self.text(data.get("quote"), path + ("quote",), required=False)
        basis = data.get("basis")
        if basis is not None:
            basis = self.choice(basis, path + ("basis",), BASES, "basis")
        how = self.text(data.get("how"), path + ("how",), required=False)
        if basis == "inferred" and not how:
            self.problem(path + ("how",), "an inferred fact must say how it was inferred ('how')")
            return None
        if not (seed and quote and basis):
            return None
        return Source(seed=seed, quote=quote, basis=basis, how=how)
