"""The actions and the domain agree: every action is declared, every slot they set exists, every
intent group in actions/intents.py is what the domain and the rules use."""

from __future__ import annotations

import inspect
import re

import yaml
from rasa_sdk import Action

import actions.check
import actions.form
import actions.questions
from actions.form import SLOTS
from actions.intents import ANSWERS, QUESTIONS, TERSE_ANSWERS
from actions.repeats import SAID_AGAIN
from bot.answers import Topic
from bot.knowledge.vocabulary import Verdict
from bot.settings import PROJECT_ROOT


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
    """The action server's actions and the form's questions, which the Rasa server asks itself
    (assistant/local_actions.py): all declared, none twice."""
    from assistant.local_actions import ASKED_SLOTS, local_actions

    names = {cls(store).name() for cls in _action_classes()}
    declared = {a if isinstance(a, str) else next(iter(a)) for a in domain["actions"]}
    assert not names & set(local_actions())
    assert names | set(local_actions()) == declared
    assert list(ASKED_SLOTS) == list(SLOTS) == domain["forms"]["selfcheck_form"]["required_slots"]


def test_only_the_form_validator_is_sent_the_domain(domain):
    """The domain goes with every action call unless it is selective (endpoints*.yml); the form
    validator reads the form's slots and the ask responses from it, no other action does."""
    needing = [next(iter(a)) for a in domain["actions"] if isinstance(a, dict)]
    assert needing == ["validate_selfcheck_form"]
    assert domain["actions"][0]["validate_selfcheck_form"] == {"send_domain": True}


def test_form_slots_and_verdict_values(domain):
    assert domain["forms"]["selfcheck_form"]["required_slots"] == list(SLOTS)
    assert domain["slots"]["verdict"]["values"] == [v.value for v in Verdict]
    for slot in SLOTS:
        assert domain["slots"][slot]["mappings"] == [{"type": "custom"}]


def test_every_topic_has_a_question_intent_in_the_domain(domain):
    assert set(QUESTIONS.values()) == set(Topic)
    assert set(QUESTIONS) <= set(domain["intents"])
    assert (ANSWERS | TERSE_ANSWERS) - {"nlu_fallback"} <= set(domain["intents"])


def test_the_question_rules_list_exactly_the_question_intents():
    rules = yaml.safe_load((PROJECT_ROOT / "data" / "rules" / "questions.yml").read_text())
    for rule in rules["rules"]:
        listed = {step["intent"] for step in rule["steps"][0]["or"]}
        assert listed == set(QUESTIONS), rule["rule"]


def test_every_response_the_actions_send_exists(domain):
    sent = set()
    for path in (PROJECT_ROOT / "actions").glob("*.py"):
        for name in re.findall(
            r'(?:response=|not_repeated\(tracker, )f?"(utter_[a-z_{}.]+)"', path.read_text()
        ):
            if "{" in name:  # utter_reask_{turn.requested}: one per slot of the form
                sent |= {re.sub(r"\{[^}]*\}", slot, name) for slot in SLOTS}
            else:
                sent.add(name)
    assert {"utter_after_check", "utter_not_ready", "utter_reask_payment_date"} <= sent
    assert sent - set(domain["responses"]) == set()
    assert {f"utter_ask_{slot}" for slot in SLOTS} <= set(domain["responses"])


def test_every_apology_said_again_has_its_second_wording(domain):
    assert set(SAID_AGAIN) <= set(domain["responses"])
    assert set(SAID_AGAIN.values()) <= set(domain["responses"])
    for first, again in SAID_AGAIN.items():
        texts = lambda name: {v.get("channel"): v["text"] for v in domain["responses"][name]}  # noqa: E731
        for channel, text in texts(again).items():
            assert text != texts(first).get(channel), (again, channel)
