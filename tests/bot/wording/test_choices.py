"""The question that offers a choice the resident's words left open."""

from __future__ import annotations

from bot.wording.choices import choice_buttons, choice_question


def _pending(kind, labels):
    return {
        "slot": "payment_date",
        "kind": kind,
        "options": [{"label": label, "value": {}} for label in labels],
    }


def test_a_numeric_date_read_both_ways_names_both_readings_day_first_first():
    pending = _pending("day_order", ["September 5, 2019", "May 9, 2019"])
    question = choice_question(pending)
    assert question.index("September 5, 2019") < question.index("May 9, 2019")
    assert "day first" in question and "month first" in question
    assert [b["title"] for b in choice_buttons(pending)] == ["September 5, 2019", "May 9, 2019"]


def test_the_year_and_two_dates_keep_their_own_questions():
    assert "didn't say the year" in choice_question(_pending("year", ["A", "B"]))
    assert (
        choice_question(_pending("two", ["A", "B"]))
        == "You gave A or B. Which date was the payment?"
    )
