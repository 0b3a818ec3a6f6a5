"""Secrets are replaced before anything stores or logs them: a generated battery of the ways
residents write them, and the ordinary numbers a check needs, kept."""

from __future__ import annotations

import re
from collections import Counter
from typing import List

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
from tests.privacy_battery import conversation_leaks, generate

BATTERY = list(generate(300))


def redact_conversation(messages: List[str]) -> List[str]:
    """Each message as it would be kept, the way a channel redacts a conversation."""
    kept, after_fragment = [], False
    for message in messages:
        result = redact(message, after_fragment)
        kept.append(result.text)
        after_fragment = result.ends_in_fragment
    return kept


def test_the_battery_leaves_no_secret():
    assert len(BATTERY) == 5700
    assert {c.kind for c in BATTERY} >= {"pin", "password", "date_of_birth", "licence_number"}
    assert sum(1 for c in BATTERY if c.follow) == 300
    leaks = conversation_leaks(BATTERY, redact_conversation)
    assert leaks == [], "\n".join(leaks[:20])


def test_the_battery_names_what_it_removed():
    missed = Counter(
        c.kind for c in BATTERY if not c.follow and c.kind not in redact(c.message).removed
    )
    assert missed == Counter()


@pytest.mark.parametrize(
    "typed, kind",
    [
        # each form the privacy battery of issue 23 found stored in clear
        ("4111,1111,1111,1111", "card_number"),
        ("4111\u20131111\u20131111\u20131111", "card_number"),  # en dash
        ("4111\u20141111\u20141111\u20141111", "card_number"),  # em dash
        ("4111\u22121111\u22121111\u22121111", "card_number"),  # minus sign
        ("4111\u200b1111\u200b1111\u200b1111", "card_number"),  # zero-width space
        ("4111\u00ad1111\u00ad1111\u00ad1111", "card_number"),  # soft hyphen
        ("4111    1111    1111    1111", "card_number"),
        ("four one one one one one one one one one one one one one one one", "card_number"),
        ("cuatro uno uno uno, uno uno uno uno, uno uno uno uno, uno uno uno uno", "card_number"),
        ("293 is my cvv", "security_code"),
        ("my code is 731", "security_code"),
        ("cvv is seven three one", "security_code"),
        ("mi código de seguridad es siete tres uno", "security_code"),
        ("expiring september 2027", "expiry_date"),
        ("vence en septiembre de 2027", "expiry_date"),
        ("143715496 is my social security number", "ssn"),
        ("143 - 71 - 5496", "ssn"),
        ("143\u200b71\u200b5496", "ssn"),
        ("ssn143715496", "ssn"),
        ("ssn one four three seven one five four nine six", "ssn"),
        ("my tax id is 143715496", "ssn"),
        ("021000021 is my routing number", "routing_number"),
        ("12345678 is my account number", "account_number"),
        ("my pin is 4321", "pin"),
        ("4321 is my pin", "pin"),
        ("my password is Sunny42", "password"),
        ("password: hunter2!", "password"),
        ("dob 3/14/1975", "date_of_birth"),
        ("date of birth March 14, 1975", "date_of_birth"),
        ("fecha de nacimiento 14 de marzo de 1975", "date_of_birth"),
        ("driver's license D1234567", "licence_number"),
        ("licencia de conducir 123456789", "licence_number"),
    ],
)
def test_forms_found_in_clear_are_removed(typed, kind):
    result = redact(typed)
    assert kind in result.removed
    assert not re.search(r"\d", result.text)
    assert not re.search(r"(?i)\b(one|four|seven|uno|cuatro|siete|sunny42|hunter2)\b", result.text)


def test_a_card_split_over_two_messages_leaves_neither_half():
    first, second = redact_conversation(["my card is 4111 1111", "1111 1111"])
    assert first == f"my card is {CARD_MARKER}" and second == CARD_MARKER
    # the rest alone, after a fragment: four digits would be kept on their own
    assert redact_conversation(["4111 1111 1111", "1111"]) == [CARD_MARKER, CARD_MARKER]
    assert redact("1111").text == "1111"


@pytest.mark.parametrize(
    "after",
    ["9/3/2019", "2019", "I paid on 9/3/2019", "Odessa", "online", "3 september 2019", "12"],
)
def test_after_a_fragment_an_ordinary_answer_is_kept(after):
    assert redact_conversation(["4111 1111", after])[1] == after


@pytest.mark.parametrize(
    "typed, kept, removed",
    [
        ("my card is 4111 1111 1111 1111", f"my card is {CARD_MARKER}", ("card_number",)),
        (
            "4111-1111-1111-1111 exp 09/21",
            f"{CARD_MARKER} exp {EXPIRY_MARKER}",
            ("card_number", "expiry_date"),  # in the order they were typed
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
        "my zip code is 93030",
        "area code 661",
        "I forgot my password",
        "the password for the portal was reset",
        "I was born in Odessa",
        "I paid in 2019 and the cvv was fine",
        "my card expired, I paid on 9/03/2019",
        "it expired in september, I paid on september 30 2019",
        "between 2018 2019",
        "I paid one time, two bills",
        "my card ending 1234 paid 9/3/2019",
        "I used my card on 9/3/2019",
        "I paid $1,250.00 on 9/3/2019",
        "paid by check number 1234 on 5/5/2019",
        "I have a code: 404 error",
        "pagué dos facturas en 2019",
        "paid 9/3/2019 my license renewal",
        "paid 2019 my license fee",
        "I was born in Odessa and paid online on 9/3/2019",
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


def test_every_kind_has_its_words_value_marker_and_name():
    from bot.redaction import _NAMES, MARKER_OF, SECRETS
    from bot.secret_patterns import FINDERS, NAMES, VALUES

    assert set(NAMES) == set(VALUES) <= set(SECRETS)
    assert {finder.kind for finder in FINDERS} <= set(MARKER_OF)
    assert set(SECRETS) <= set(_NAMES) and set(SECRETS) <= set(MARKER_OF)
    assert len(set(MARKER_OF.values())) == len(MARKER_OF)  # one marker for each kind


def test_no_training_example_but_the_secrets_is_changed_by_redaction():
    """What residents ordinarily write (every NLU example, outside the intent of shared secrets)
    reaches the assistant as written: redaction takes no date, city or method away."""
    import yaml

    from bot.settings import PROJECT_ROOT

    changed, read = [], 0
    for path in sorted((PROJECT_ROOT / "data" / "nlu").rglob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            if block.get("intent") in (None, "share_sensitive_data"):
                continue
            for line in block.get("examples", "").splitlines():
                example = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.lstrip("- ").strip())
                read += 1
                if example and redact(example).changed:
                    changed.append((block["intent"], example, redact(example).text))
    assert changed == [] and read > 1000


@pytest.mark.parametrize(
    "said",
    [
        "olvidé mi contraseña del correo",
        "cambié la clave del banco",
        "my password please",
        "I reset my password yesterday",
    ],
)
def test_a_word_after_password_is_kept_unless_it_looks_like_one(said):
    """Only a word with a digit or a sign in it is taken for a password said without "is"."""
    assert redact(said).text == said
