"""The actions and the domain agree: every action is declared, every slot they set exists."""

from __future__ import annotations

import inspect

from rasa_sdk import Action

import actions.check
import actions.form
import actions.questions
from bot.answers import ANSWERS
from bot.conversation import SLOTS
from bot.knowledge.vocabulary import VERDICTS


def _action_classes():
    for module in (actions.check, actions.form, actions.questions):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, Action)
                and not inspect.isabstract(cls)
                and cls.__module__ == module.__name__
            ):
                yield cls


def test_every_action_is_declared_in_the_domain(domain, store):
    names = {cls(store).name() for cls in _action_classes()}
    assert names == set(domain["actions"])


def test_form_slots_and_verdict_values(domain):
    assert domain["forms"]["selfcheck_form"]["required_slots"] == list(SLOTS)
    assert domain["slots"]["verdict"]["values"] == list(VERDICTS)
    for slot in SLOTS:
        assert domain["slots"][slot]["mappings"] == [{"type": "custom"}]


def test_every_question_intent_has_an_answer(domain):
    questions = {
        "ask_data_exposed", "ask_safe_to_pay", "ask_pay_meanwhile", "ask_contact", "ask_credit_report",
        "ask_fraud_alert_vs_freeze", "ask_what_is_click2gov", "ask_which_cities", "got_letter",
        "request_human", "report_fraud", "unrecognised_charge", "card_compromised",
    }  # fmt: skip
    assert questions <= set(domain["intents"])
    assert set(ANSWERS) == questions
