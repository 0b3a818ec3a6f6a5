"""Traceability: every quote occurs in the notice it cites; every window date, count and phone
number is in a quote; a notice's title, date and publisher are backed by its evidence quotes.

Checked on each file as written, so these problems come in the same pass as every other problem,
as `file:line: field: message`, even in a file that has other mistakes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, Iterator, List, Optional, Tuple

from bot.knowledge.problems import Problem, field_name, line_of
from bot.knowledge.yamlread import Lines, Path_

PHONE_NUMBER = re.compile(r"(?:1[-\s.]?)?\(?\d{3}\)?[-\s.]\d{3}[-\s.]\d{4}")
_NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    18: "eighteen",
    20: "twenty",
    30: "thirty",
    40: "forty",
    50: "fifty",
}
NOT_RESIDENT_TEXT = ("quote", "how", "how_es", "evidence", "notice", "phone")


def normalise_text(text: str) -> str:
    """Straight quotes, one space: so that a quote matches its notice despite typography."""
    text = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    return " ".join(text.split())


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def number_in_words(number: int) -> Optional[str]:
    if number in _NUMBER_WORDS:
        return _NUMBER_WORDS[number]
    tens, units = divmod(number, 10)
    if 2 <= tens <= 5 and units:
        return f"{_NUMBER_WORDS[tens * 10]}-{_NUMBER_WORDS[units]}"
    return None


def date_in_quote(day: date, quote: str, need_year: bool) -> bool:
    """'May 25', 'Aug. 11', 'December 11, 2017', '12/12/2019' or '2018-11-12' for the day."""
    month = f"{day:%B}"
    pattern = rf"\b({month}|{month[:3]})\.?\s+{day.day}(?!\d)(st|nd|rd|th)?(,?\s+{day.year})?"
    found = re.search(pattern, quote)
    if found and (found.group(3) or not need_year):
        return True
    numeric = (
        f"{day.month}/{day.day}/{day.year}",
        f"{day.month:02d}/{day.day:02d}/{day.year}",
        day.isoformat(),
    )
    return any(n in quote for n in numeric)


def count_in_quote(number: int, quote: str) -> bool:
    words = number_in_words(number)
    return (
        re.search(rf"(?<![\d,]){number:,}(?![\d,])", quote) is not None
        or re.search(rf"(?<!\d){number}(?!\d)", quote) is not None
        or (words is not None and words in quote.lower())
    )


def walk(data: Any, path: Path_ = ()) -> Iterator[Tuple[Path_, Any]]:
    """Every value in a file as written, with its path."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from walk(value, path + (i,))


# Words with which a notice hedges a fact (not "payments may be made in person": a permission).
_HEDGES = re.compile(
    r"\b(?:may|might|could) (?:have|be) (?:been )?(?:affected|compromised|exposed|impacted|"
    r"accessed|stolen|taken|obtained|involved)"
    r"|\b(?:may|might|could) have(?: been)?|\b(?:may|might) include"
    r"|\b(?:potentially|possibly|approximately|roughly|nearly|an estimated|up to)\b",
    re.IGNORECASE,
)


def hedge_in(quote: str) -> Optional[str]:
    """The hedging words of a quote ("may have", "approximately"), or None."""
    found = _HEDGES.search(quote)
    return found.group(0) if found else None


def _day(value: Any) -> Optional[date]:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@dataclass
class Notices:
    """The texts of the notices in the folder, by id (normalised for comparing quotes)."""

    texts: Dict[str, str] = field(default_factory=dict)

    def known(self) -> str:
        return ", ".join(sorted(self.texts)) or "none yet"


@dataclass
class Traceability:
    """Collects the traceability problems of one file."""

    label: str
    lines: Lines
    notices: Notices
    problems: List[Problem] = field(default_factory=list)
    missing: Dict[str, int] = field(default_factory=dict)  # notice id -> line first reported

    def problem(self, path: Path_, message: str) -> None:
        self.problems.append(
            Problem(self.label, field_name(path), line_of(self.lines, path), message)
        )

    def missing_notice(self, path: Path_, notice: str) -> None:
        """Said in full the first time in a file, briefly after that."""
        if notice in self.missing:
            self.problem(path, f"no notice {notice!r} (see line {self.missing[notice]})")
            return
        self.missing[notice] = line_of(self.lines, path)
        self.problem(
            path,
            f"no notice {notice!r}: save its text as notices/{notice}.txt and describe it "
            f"in notices/notices.yaml (notices now: {self.notices.known()})",
        )

    def sources(self, data: Any) -> None:
        """Every source cites a notice of the folder and quotes it exactly."""
        for path, value in walk(data):
            if not (isinstance(value, dict) and "quote" in value):
                continue
            if "seed" in value and "notice" not in value:
                self.problem(
                    path + ("seed",),
                    "write `notice:` with the id of a notice in notices/notices.yaml "
                    f"(`seed:` is the old name); notices: {self.notices.known()}",
                )
                continue
            notice, quote = value.get("notice"), value.get("quote")
            if not isinstance(notice, str) or not isinstance(quote, str):
                continue  # the schema reports what is missing
            text = self.notices.texts.get(notice)
            if text is None:
                self.missing_notice(path + ("notice",), notice)
            elif normalise_text(quote) not in text:
                shown = quote if len(quote) <= 60 else quote[:57] + "..."
                self.problem(
                    path + ("quote",),
                    f"this quote is not in notices/{notice}.txt: copy it word for word from the "
                    f"notice ({shown!r})",
                )
            self.hedge(path, quote, value.get("hedge"))

    def hedge(self, path: Path_, quote: str, hedge: Any) -> None:
        """A quote that hedges ("may have been compromised", "approximately 1,842") keeps its
        hedge in the record, and a recorded hedge is the quote's own words."""
        if isinstance(hedge, str):
            if normalise_text(hedge).lower() not in normalise_text(quote).lower():
                self.problem(
                    path + ("hedge",),
                    f"{hedge!r} is not in the quote: copy the notice's own hedging words",
                )
            return
        found = hedge_in(quote)
        if found:
            self.problem(
                path + ("quote",),
                f"the quote hedges (\u201c{found}\u201d) but the fact reads as certain: add "
                f"`hedge: {found}` to this source so the replies say it as the notice does",
            )

    def city(self, data: Any) -> None:
        """Window dates, counts and contact phone numbers are in their quotes."""
        if not isinstance(data, dict):
            return
        for i, window in enumerate(data.get("windows") or []):
            if not isinstance(window, dict) or not isinstance(window.get("source"), dict):
                continue
            source = window["source"]
            quote, how = str(source.get("quote") or ""), str(source.get("how") or "")
            stated = source.get("basis") == "stated"
            for end in ("start", "end"):
                day = _day(window.get(end))
                if day is None:
                    continue
                if not date_in_quote(day, quote, need_year=stated):
                    need = "" if not stated else " with its year"
                    self.problem(("windows", i, end), f"{day} is not in its quote{need}")
                if not stated and str(day.year) not in how + quote:
                    self.problem(
                        ("windows", i, end),
                        f"the year {day.year} is not in the quote: say in 'how' where it comes from",
                    )
            hit = window.get("dates_hit")
            if isinstance(hit, int) and not count_in_quote(hit, quote):
                self.problem(("windows", i, "dates_hit"), f"{hit} is not in its quote")
        for i, count in enumerate(data.get("counts") or []):
            if isinstance(count, dict) and isinstance(count.get("value"), int):
                quote = str((count.get("source") or {}).get("quote") or "")
                if not count_in_quote(count["value"], quote):
                    self.problem(("counts", i, "value"), f"{count['value']} is not in its quote")
        for i, contact in enumerate(data.get("contacts") or []):
            if not isinstance(contact, dict) or not contact.get("phone"):
                continue
            source = contact.get("phone_source") or contact.get("source") or {}
            if _digits(str(contact["phone"]))[-10:] not in _digits(str(source.get("quote") or "")):
                self.problem(("contacts", i, "phone"), f"{contact['phone']} is not in its quote")

    def notice(self, path: Path_, entry: Dict[str, Any], text: str) -> None:
        """A notice's evidence quotes are in its text, and its date in one of them."""
        evidence = [e for e in entry.get("evidence") or [] if isinstance(e, str)]
        for i, quote in enumerate(evidence):
            if normalise_text(quote) not in text:
                self.problem(path + ("evidence", i), "this quote is not in the notice's text")
        day = _day(entry.get("published"))
        if day is not None and not any(date_in_quote(day, e, True) for e in evidence):
            self.problem(
                path + ("published",),
                f"{day} is in no evidence quote: add the line of the notice that shows the date "
                "to `evidence`, or leave `published` out when the text shows no date",
            )


def quotes_of(data: Any) -> List[str]:
    return [
        v["quote"] for _, v in walk(data) if isinstance(v, dict) and isinstance(v.get("quote"), str)
    ]


def phone_problems(files: List[Tuple[str, Any, Lines]], quotes: List[str]) -> List[Problem]:
    """Every phone number a resident may read is in some quote."""
    quoted = [_digits(q) for q in quotes]
    problems = []
    for label, data, lines in files:
        for path, value in walk(data):
            if not isinstance(value, str) or any(
                p in NOT_RESIDENT_TEXT for p in path if isinstance(p, str)
            ):
                continue
            for phone in PHONE_NUMBER.findall(value):
                if not any(_digits(phone)[-10:] in digits for digits in quoted):
                    problems.append(
                        Problem(
                            label,
                            field_name(path),
                            line_of(lines, path),
                            f"the phone number {phone} is in no quote: quote where the notice gives it",
                        )
                    )
    return problems
