"""FamilyFallbackClassifier: a family of concern intents counts as one when judging confidence."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from assistant.nlu.fallback import FamilyFallbackClassifier

CONFIG = {
    "threshold": 0.5,
    "ambiguity_threshold": 0.1,
    "families": {"concern": ["card_compromised", "unrecognised_charge", "check_payment"]},
}


def classify(*ranking):
    message = Message(
        data={
            "text": "a message",
            "intent": {"name": ranking[0][0], "confidence": ranking[0][1]},
            "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
        }
    )
    FamilyFallbackClassifier(CONFIG).process([message])
    return message.data["intent"]["name"]


@pytest.mark.parametrize(
    "ranking, intent",
    [
        # two concern intents neck and neck: the same help either way, so the top one stands
        (
            (("card_compromised", 0.46), ("unrecognised_charge", 0.44), ("greet", 0.1)),
            "card_compromised",
        ),
        # below the threshold alone, above it with its family
        ((("check_payment", 0.4), ("card_compromised", 0.3), ("greet", 0.3)), "check_payment"),
        # a concern neck and neck with small talk is still ambiguous
        ((("card_compromised", 0.48), ("greet", 0.45), ("thank", 0.07)), "nlu_fallback"),
        # a family that is not confident together still falls back
        ((("greet", 0.6), ("card_compromised", 0.3), ("unrecognised_charge", 0.1)), "greet"),
        (
            (("card_compromised", 0.3), ("check_payment", 0.1), ("greet", 0.2), ("thank", 0.2)),
            "nlu_fallback",
        ),
        # intents outside any family behave as in Rasa's FallbackClassifier
        ((("greet", 0.9), ("thank", 0.1)), "greet"),
        ((("greet", 0.45), ("thank", 0.4)), "nlu_fallback"),
        ((("greet", 0.55), ("thank", 0.5)), "nlu_fallback"),
    ],
)
def test_family_fallback(ranking, intent):
    assert classify(*ranking) == intent
