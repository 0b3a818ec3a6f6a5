"""Card numbers, security codes and SSNs are replaced before anything stores or logs them."""

from __future__ import annotations

import pytest

from bot.redaction import CARD_MARKER, CODE_MARKER, SSN_MARKER, redact, strip_markers, warning_for


@pytest.mark.parametrize(
    "typed, kept, removed",
    [
        ("my card is 4111 1111 1111 1111", f"my card is {CARD_MARKER}", ("card_number",)),
        ("4111-1111-1111-1111 exp 09/21", f"{CARD_MARKER} exp 09/21", ("card_number",)),
        ("amex 378282246310005", f"amex {CARD_MARKER}", ("card_number",)),
        (
            "5500000000000005 was it hit in Odessa?",
            f"{CARD_MARKER} was it hit in Odessa?",
            ("card_number",),
        ),
        ("4111111111111112", CARD_MARKER, ("card_number",)),  # a mistyped number is still removed
        ("cvv 123", f"cvv {CODE_MARKER}", ("security_code",)),
        ("the security code is 4567", f"the security code is {CODE_MARKER}", ("security_code",)),
        ("ssn 123-45-6789", f"ssn {SSN_MARKER}", ("ssn",)),
        ("my social is 123456789", f"my social is {SSN_MARKER}", ("ssn",)),
        ("123 45 6789", SSN_MARKER, ("ssn",)),
    ],
)
def test_sensitive_numbers_are_removed(typed, kept, removed):
    result = redact(typed)
    assert result.text == kept
    assert result.removed == removed


@pytest.mark.parametrize(
    "text",
    [
        "I paid on 9/3/2019 by phone",
        "call 1-877-841-8141 or 405-366-5320",
        "my account number ends in 4411",
        "between 2018-05-25 and 2018-06-21",
        "I paid $125.40 on June 3",
    ],
)
def test_ordinary_numbers_are_kept(text):
    assert redact(text).text == text
    assert not redact(text).changed


def test_card_and_code_together():
    result = redact("4111 1111 1111 1111 cvc: 999 ssn 123-45-6789")
    assert result.removed == ("ssn", "card_number", "security_code")
    assert not any(ch.isdigit() for ch in result.text)


def test_markers_are_stripped_for_understanding():
    assert (
        strip_markers(f"paid online with {CARD_MARKER} in Odessa") == "paid online with in Odessa"
    )


def test_warning_names_what_was_removed():
    text = warning_for(("card_number", "security_code"))
    assert "card number and security code" in text and "never share" in text
