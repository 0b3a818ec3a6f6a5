"""Text messages: GSM-7 only, counted in segments, paged behind "Reply MORE"."""

from __future__ import annotations

import pytest

from bot.textmessage import MAX_SEPTETS, MORE, is_gsm, pages, segments, septets, to_gsm


@pytest.mark.parametrize(
    "text, plain",
    [
        ("Yes — your payment was affected.", "Yes - your payment was affected."),
        ("June 2–8, 2018", "June 2-8, 2018"),
        ("the city\u2019s \u201cnotice\u201d\u2026", 'the city\'s "notice"...'),
        ("São Tomé", "Sao Tomé"),  # é is in GSM-7, ã is not
        ("no emoji 🙂 here", "no emoji  here"),
        ("tab\there", "tab here"),
    ],
)
def test_to_gsm(text, plain):
    assert to_gsm(text) == plain and is_gsm(to_gsm(text))


def test_segments_and_septets():
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2
    assert segments("a" * 459) == 3 and segments("a" * 460) == 4
    assert septets("a{b}") == 6  # extension characters count twice
    assert segments("—" * 70) == 1 and segments("—" * 71) == 2  # UCS-2: 70 a segment


def test_short_replies_are_one_page():
    assert pages(["Which city did you pay?"]) == ["Which city did you pay?"]


def test_long_replies_are_paged_at_line_breaks_with_more():
    steps = "\n".join(f"{i}. " + "word " * 25 for i in range(1, 8))
    result = pages(["Your payment WAS affected.", steps, "Call 1-877-438-4338"])
    assert len(result) > 1
    for page in result:
        assert septets(page) <= MAX_SEPTETS and is_gsm(page)
    assert all(page.endswith(MORE) for page in result[:-1])
    assert not result[-1].endswith(MORE)
    body = "\n".join(p.replace("\n" + MORE, "") for p in result)
    assert (
        body.split() == ("Your payment WAS affected.\n" + steps + "\nCall 1-877-438-4338").split()
    )
    assert all(not page.startswith(("word", " ")) for page in result[1:])  # whole lines


def test_one_very_long_word_is_still_cut():
    result = pages(["x" * 1000])
    assert len(result) == 3 and all(septets(p) <= MAX_SEPTETS for p in result)


def test_a_long_paragraph_is_paged_between_sentences():
    sentence = "The city is sending letters to the customers it knows were affected by the breach."
    text = " ".join([sentence] * 12)  # one paragraph, no line breaks
    result = pages([text])
    assert len(result) > 1
    for page in result[:-1]:
        body = page.removesuffix(MORE).rstrip()
        assert body.endswith("breach."), body[-30:]  # never "...sending letters to the"
    assert " ".join(p.removesuffix(MORE).strip() for p in result) == text
