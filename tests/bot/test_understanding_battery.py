"""The understanding battery (tests/understanding_battery.py) through read_turn and the rules
engine: the true payment's verdict or a question, never another verdict."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.knowledge.reader import read_knowledge
from tests.understanding_battery import MUST_ASK, cases, outcome

TODAY = date(2026, 12, 3)
CASES = list(cases())


@pytest.fixture(scope="module")
def project_knowledge():
    return read_knowledge(Path(__file__).resolve().parents[2] / "knowledge")


@pytest.mark.parametrize("case", CASES, ids=[f"{c.kind}-{i}" for i, c in enumerate(CASES)])
def test_never_a_verdict_for_another_payment(project_knowledge, case):
    result = outcome(project_knowledge, case, TODAY)
    assert not result.startswith("wrong"), f"{case.text!r}: {result}"
    if case.kind in MUST_ASK:
        assert result == "asked", f"{case.text!r} leaves the answer open but got a verdict"


def test_most_cases_of_each_kind_are_answered_not_just_asked(project_knowledge):
    """Asking is safe, but an assistant that asks about everything is no help: every kind that
    does not leave the answer open is answered directly in at least half of its cases."""
    by_kind = {}
    for case in CASES:
        by_kind.setdefault(case.kind, []).append(outcome(project_knowledge, case, TODAY))
    for kind, results in by_kind.items():
        if kind in MUST_ASK:
            continue
        answered = sum(result == "right" for result in results)
        assert answered * 2 >= len(results), f"{kind}: {answered}/{len(results)} answered"
