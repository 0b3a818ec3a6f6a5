"""DomainGate: trained on the sentence features, it turns confident out-of-domain messages into
out_of_scope and leaves the rest to the intent classifier. Trained and reloaded for real."""

import numpy as np
import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.nlu.domain_gate import GATE_KEY, DomainGate

rng = np.random.default_rng(7)
INSIDE, OUTSIDE = np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])


def message(vector, intent=None, confidence=0.9):
    data = {TEXT: "a message"}
    if intent:
        data["intent"] = {"name": intent, "confidence": confidence}
        data["intent_ranking"] = [{"name": intent, "confidence": confidence}]
    m = Message(data=data)
    m.add_features(Features(np.asarray(vector).reshape(1, -1), FEATURE_TYPE_SENTENCE, TEXT, "e"))
    return m


def examples():
    inside = [message(INSIDE + rng.normal(0, 0.2, 3), "check_payment") for _ in range(30)]
    outside = [message(OUTSIDE + rng.normal(0, 0.2, 3), "out_of_scope") for _ in range(30)]
    for m in inside + outside:
        m.data["intent"] = m.data["intent"]["name"]
    return TrainingData(inside + outside)


@pytest.fixture
def trained(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("gate")
    gate = DomainGate({"threshold": 0.4}, storage, resource)
    gate.train(examples())
    return DomainGate.load({"threshold": 0.4}, storage, resource, None)


def test_a_message_from_outside_the_domain_becomes_out_of_scope(trained):
    m = message(OUTSIDE, "unrecognised_charge", 0.99)
    trained.process([m])
    assert m.get("intent")["name"] == "out_of_scope"
    assert m.get("intent_ranking")[0]["name"] == "out_of_scope"
    second = m.get("intent_ranking")[1]
    assert second["name"] == "unrecognised_charge" and second["confidence"] < 0.4
    assert m.get(GATE_KEY) < 0.4


def test_a_message_inside_the_domain_keeps_its_intent(trained):
    m = message(INSIDE, "check_payment", 0.7)
    trained.process([m])
    assert m.get("intent")["name"] == "check_payment"
    assert m.get(GATE_KEY) > 0.6


def test_an_untrained_gate_lets_everything_through(tmp_path):
    storage = LocalModelStorage(tmp_path)
    gate = DomainGate.load({}, storage, Resource("never-trained"), None)
    m = message(OUTSIDE, "check_payment")
    gate.process([m])
    assert m.get("intent")["name"] == "check_payment"
