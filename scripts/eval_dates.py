"""Measure bot.dates on the English date-resolution dev set and on our own period cases.

Usage: python scripts/eval_dates.py [--file PATH] [--periods PATH] [--verbose]

1. ../shared/eval/dates_en_dev.json: each case holds the date text, the whole sentence, a
   reference date and the expected past resolution ('0001-01-01' = no valid date). Prints how
   many cases plain dateparser, bot.dates on the date text and bot.dates on the whole sentence
   get right (skipped, with a message, when the file is not beside the project).
2. scripts/date_period_cases.json: periods residents name (quarters, weekends, "the past two
   weeks", holidays, parts of months, ranges), written for this project, with the span expected
   (first and last day, inclusive). Prints how many bot.dates reads exactly, and how many plain
   dateparser gets (it returns one day, so only its day inside the span is counted for it).
"""

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Callable, List, Optional

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import dateparser  # noqa: E402

from bot.dates import DateSpan, understand_date  # noqa: E402

DEFAULT_FILE = REPO_ROOT.parent / "shared" / "eval" / "dates_en_dev.json"
PERIOD_FILE = REPO_ROOT / "scripts" / "date_period_cases.json"
NO_DATE = "0001-01-01"

Resolver = Callable[[str, date], Optional[date]]


def bot_day(text: str, reference: date) -> Optional[date]:
    """bot.dates' answer as one day (None when no day, or a span of days)."""
    answer = understand_date(text, reference)
    if isinstance(answer, DateSpan) and answer.is_day:
        return answer.start
    if isinstance(answer, DateSpan):
        return date.min.replace(year=1, month=1, day=2)  # a span: never a match
    return None


def dateparser_day(text: str, reference: date) -> Optional[date]:
    """Plain dateparser with the reference as base and past preference."""
    base = datetime(reference.year, reference.month, reference.day)
    parsed = dateparser.parse(text, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    return parsed.date() if parsed else None


def is_correct(result: Optional[date], expected: str) -> bool:
    if expected == NO_DATE:
        return result is None
    return result is not None and result.isoformat() == expected


def score(cases: List[dict], field: str, resolve: Resolver) -> List[dict]:
    """The failing cases for one resolver on one field ('text' or 'input')."""
    failures = []
    for case in cases:
        reference = date.fromisoformat(case["reference"])
        result = resolve(case[field], reference)
        if not is_correct(result, case["expected_past"]):
            failures.append({**case, "got": result.isoformat() if result else None, "field": field})
    return failures


def print_failures(title: str, failures: List[dict]) -> None:
    print(f"\n{title} ({len(failures)} failures)")
    for case in failures:
        print(
            f"  [{case['reference']}] {case[case['field']]!r}: expected {case['expected_past']}, "
            f"got {case['got']}"
        )


def score_periods(path: Path, verbose: bool) -> None:
    """Exact spans on our own period cases, next to plain dateparser's day falling inside."""
    cases = json.loads(path.read_text(encoding="utf-8"))
    exact, inside, misses = 0, 0, []
    for case in cases:
        reference = date.fromisoformat(case["reference"])
        expected = (date.fromisoformat(case["start"]), date.fromisoformat(case["end"]))
        answer = understand_date(case["text"], reference)
        got = (answer.start, answer.end) if isinstance(answer, DateSpan) else None
        exact += got == expected
        if got != expected:
            misses.append((case, got))
        day = dateparser_day(case["text"], reference)
        inside += day is not None and expected[0] <= day <= expected[1]
    total = len(cases)
    print(
        f"{path.name}: {total} period cases | bot.dates exact span: {exact}/{total} "
        f"({100 * exact / total:.0f}%) | plain dateparser, a day inside the span: "
        f"{inside}/{total} ({100 * inside / total:.0f}%)"
    )
    if verbose:
        for case, got in misses:
            print(
                f"  [{case['reference']}] {case['text']!r}: expected {case['start']}..{case['end']}, got {got}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=str(DEFAULT_FILE), help="path to dates_en_dev.json")
    parser.add_argument("--periods", default=str(PERIOD_FILE), help="our own period cases")
    parser.add_argument("--verbose", action="store_true", help="list the failures")
    args = parser.parse_args()

    score_periods(Path(args.periods), args.verbose)
    path = Path(args.file)
    if not path.exists():
        print(f"{path} is not beside the project: the dev-set score is skipped.")
        return 0
    cases = json.loads(path.read_text(encoding="utf-8"))
    total = len(cases)
    baseline = score(cases, "text", dateparser_day)
    on_text = score(cases, "text", bot_day)
    on_sentence = score(cases, "input", bot_day)

    def result(failures: List[dict]) -> str:
        right = total - len(failures)
        return f"{right}/{total} ({100 * right / total:.0f}%)"

    print(
        f"{path.name}: {total} cases | plain dateparser: {result(baseline)} | "
        f"bot.dates on date text: {result(on_text)} | "
        f"bot.dates on whole sentence: {result(on_sentence)}"
    )
    if args.verbose:
        print_failures("bot.dates on date text", on_text)
        print_failures("bot.dates on whole sentence", on_sentence)
    return 0


if __name__ == "__main__":
    sys.exit(main())
