"""Secrets are replaced before anything stores or logs them: a generated battery of the ways
residents write them, and the ordinary numbers a check needs, kept."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.redaction import (
    ACCOUNT_MARKER,
    CARD_MARKER,
    CODE_MARKER,
    EXPIRY_MARKER,
    PHONE_MARKER,
    ROUTING_MARKER,
    SSN_MARKER,
    aba_valid,
    luhn_valid,
    redact,
    safe_sender_id,
    strip_markers,
    warning_for,
)
from tests.privacy_battery import everything, generate

BATTERY = list(generate(300))


def test_the_battery_leaves_no_secret():
    assert len(BATTERY) == 2400
    leaks = everything(BATTERY, lambda message: redact(message).text)
    assert leaks == [], "\n".join(leaks[:20])


def test_the_battery_names_what_it_removed():
    missed = Counter(c.kind for c in BATTERY if c.kind not in redact(c.message).removed)
    assert missed == Counter()


@pytest.mark.parametrize(
    "typed, kept, removed",
    [
        ("my card is 4111 1111 1111 1111", f"my card is {CARD_MARKER}", ("card_number",)),
        (
            "4111-1111-1111-1111 exp 09/21",
            f"{CARD_MARKER} exp {EXPIRY_MARKER}",
            ("expiry_date", "card_number"),
        ),
        ("amex 378282246310005", f"amex {CARD_MARKER}", ("card_number",)),
        ("visa-5105105105105100", f"visa-{CARD_MARKER}", ("card_number",)),
        ("4111\u00a01111\u00a01111\u00a01111", CARD_MARKER, ("card_number",)),
        ("4111111111111112", CARD_MARKER, ("card_number",)),  # a mistyped number is still removed
        ("on 9/3/2019 4111 1111 1111 1111", f"on 9/3/2019 {CARD_MARKER}", ("card_number",)),
        ("cvv987", f"cvv{CODE_MARKER}", ("security_code",)),
        ("sec code 741", f"sec code {CODE_MARKER}", ("security_code",)),
        (
            "the 3 digits on the back are 852",
            f"the 3 digits on the back are {CODE_MARKER}",
            ("security_code",),
        ),
        ("ss number 457555462", f"ss number {SSN_MARKER}", ("ssn",)),
        ("457.55.5462", SSN_MARKER, ("ssn",)),
        ("routing number 021000021", f"routing number {ROUTING_MARKER}", ("routing_number",)),
        ("account number 123456789012", f"account number {ACCOUNT_MARKER}", ("account_number",)),
        ("call me at (555) 555-0100", f"call me at {PHONE_MARKER}", ("phone_number",)),
    ],
)
def test_each_kind_of_secret(typed, kept, removed):
    result = redact(typed)
    assert result.text == kept
    assert result.removed == removed


@pytest.mark.parametrize(
    "text",
    [
        "I paid on 9/3/2019 by phone",
        "Odessa 9/3/2019 online card",
        "my account number ends in 4411",
        "between 2018-05-25 and 2018-06-21",
        "I paid $125.40 on June 3",
        "I decided in 2019 to pay online",
        "my experience 12/2018 was bad",
        "routing number 123456789",  # not a valid routing number: nine digits of something else
        "sometime in summer 2018, around the 20th",
    ],
)
def test_ordinary_numbers_are_kept(text):
    assert redact(text).text == text
    assert not redact(text).changed


def test_checksums():
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert aba_valid("021000021") and not aba_valid("123456789")


def test_a_sender_id_holding_a_secret_becomes_a_stable_hash():
    assert safe_sender_id("resident-kq3n") == "resident-kq3n"
    hidden = safe_sender_id("4111 1111 1111 1111")
    assert hidden.startswith("redacted-") and "4111" not in hidden
    assert hidden == safe_sender_id("4111 1111 1111 1111")
    assert safe_sender_id(hidden) == hidden  # nothing to find in the hash itself


def test_card_and_code_together():
    result = redact("4111 1111 1111 1111 cvc: 999 ssn 123-45-6789")
    assert set(result.removed) == {"ssn", "card_number", "security_code"}
    assert not any(ch.isdigit() for ch in result.text)


def test_markers_are_stripped_for_understanding():
    assert (
        strip_markers(f"paid online with {CARD_MARKER} in Odessa") == "paid online with in Odessa"
    )


def test_warning_names_the_secrets_removed_and_only_those():
    text = warning_for(("card_number", "security_code"))
    assert "card number and security code" in text and "never share" in text
    assert redact("mail me at a@b.org").secrets == ()  # masked, but nothing to warn about
