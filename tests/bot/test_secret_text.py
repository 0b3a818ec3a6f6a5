"""The plain reading redaction searches, and its map back to what the resident typed."""

from __future__ import annotations

import pytest

from bot.secret_text import normalize


@pytest.mark.parametrize(
    "typed, plain",
    [
        ("cvv is seven three one", "cvv is 731"),
        ("siete, tres, uno", "731"),
        ("double four oh one", "4401"),
        ("4111\u20131111", "4111-1111"),
        ("4111\u200b1111", "4111 1111"),  # invisible between digits: a separator
        ("pass\u200bword", "password"),  # invisible inside a word: nothing
        ("\uff14\uff11", "41"),  # full-width digits
        ("I paid one bill", "I paid one bill"),  # one number word alone stays a word
        ("one or two", "one or two"),
    ],
)
def test_the_plain_reading(typed, plain):
    assert normalize(typed).text == plain


def test_each_plain_character_maps_back_to_what_was_typed():
    typed = "my cvv is seven three one, thanks"
    reading = normalize(typed)
    start = reading.text.index("731")
    a, b = reading.span(start, start + 3)
    assert typed[a:b] == "seven three one"
