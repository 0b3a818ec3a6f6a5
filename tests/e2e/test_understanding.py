"""What the trained NLU makes of the ways residents actually put things: plain openers, two- or
three-word questions, and messages that are not about the breach. Our own sentences (never
../shared/eval's), parsed by the running Rasa server over HTTP (/model/parse)."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.e2e.conftest import TOKEN

pytestmark = pytest.mark.e2e

CONCERN = {"check_payment", "card_compromised", "unrecognised_charge", "report_fraud"}
FALLBACK = {"out_of_scope", "nlu_fallback"}


def intent_of(servers, text: str) -> str:
    request = urllib.request.Request(
        f"{servers.rasa_url}/model/parse?token={TOKEN}",
        data=json.dumps({"text": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["intent"]["name"]


@pytest.mark.parametrize(
    "text",
    [
        "check it for me",
        "am I in the breach",
        "was I hit?",
        "can you check my payment",
        "am I affected by this",
        "was my card part of it",
        "please see if I was affected",
        "did this hack get me",
    ],
)
def test_plain_openers_are_a_breach_concern(servers, text):
    assert intent_of(servers, text) in CONCERN


@pytest.mark.parametrize(
    "text, intent",
    [
        ("phone number?", "ask_contact"),
        ("who do I call", "ask_contact"),
        ("number to call?", "ask_contact"),
        ("how many were affected?", "ask_incident_facts"),
        ("when did it happen?", "ask_incident_facts"),
        ("which bills were affected?", "ask_incident_facts"),
        ("what was stolen?", "ask_data_exposed"),
        ("is it safe now?", "ask_safe_to_pay"),
        ("credit report?", "ask_credit_report"),
        ("freeze or fraud alert?", "ask_fraud_alert_vs_freeze"),
        ("which cities?", "ask_which_cities"),
        ("what is click2gov", "ask_what_is_click2gov"),
        ("I got a letter", "got_letter"),
        ("real person please", "request_human"),
    ],
)
def test_short_questions_reach_their_answer(servers, text, intent):
    assert intent_of(servers, text) == intent


@pytest.mark.parametrize("text", ["new card?", "do I need a new card", "should I cancel my card"])
def test_new_card_questions_are_a_card_concern(servers, text):
    assert intent_of(servers, text) in CONCERN


@pytest.mark.parametrize(
    "text",
    [
        "the ATM took a fee when I got cash out",
        "how do I top up my prepaid card",
        "what's the withdrawal limit at a cash machine",
        "who painted the mona lisa",
        "close the browser tab",
        "what's a good recipe for chili",
        "how tall is mount everest",
        "set a timer for ten minutes",
    ],
)
def test_messages_about_something_else_fall_back(servers, text):
    assert intent_of(servers, text) in FALLBACK
