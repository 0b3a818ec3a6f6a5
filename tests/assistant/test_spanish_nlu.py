"""Spanish intents routed beside the English pipeline (assistant/nlu/spanish.py): trained on a tiny
inline dataset with the real multilingual encoder, persisted and reloaded for real; the Spanish
training data and the Spanish dev set checked as data."""

import csv
import re

import pytest
import yaml
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.nlu import spanish
from assistant.nlu.spanish import (
    OUTPUT_KEY,
    RANKING_KEY,
    SpanishIntentClassifier,
    SpanishIntentRouter,
    is_spanish_example,
    message_language,
)
from bot.redaction import redact
from bot.settings import PROJECT_ROOT

ENGLISH = {
    "check_payment": [
        "was my payment affected by the breach",
        "did the hack get my card when I paid the city",
        "am I affected",
        "check if my water bill payment was stolen",
    ],
    "greet": ["hello", "hi there", "good morning", "hey"],
    "out_of_scope": [
        "what is the weather tomorrow",
        "tell me a joke",
        "how do I change my PIN",
        "recommend a restaurant",
    ],
}
SPANISH = {
    "check_payment": [
        "mi pago fue afectado por el hackeo?",
        "me robaron la tarjeta al pagar el agua",
    ],
    "greet": ["buenos días", "buenas tardes"],
    "out_of_scope": ["cuéntame un chiste", "qué tiempo hará mañana"],
}
ROUTER = {
    "threshold": 0.4,
    "ambiguity_threshold": 0.05,
    "families": {"concern": ["check_payment", "card_compromised"]},
}


def examples(table, language=None):
    metadata = {"language": language} if language else None
    return [
        Message.build(text=text, intent=intent, intent_metadata=metadata)
        for intent, texts in table.items()
        for text in texts
    ]


def training_data():
    return TrainingData(examples(ENGLISH) + examples(SPANISH, "es"))


@pytest.fixture(scope="module")
def storage(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("spanish"))
    SpanishIntentClassifier.create({}, storage, Resource("spanish"), None).train(training_data())
    return storage


@pytest.fixture(scope="module")
def classifier(storage):
    return SpanishIntentClassifier.load({}, storage, Resource("spanish"), None)


def parse(classifier, text, metadata=None, english_intent="greet"):
    """The message as it leaves the pipeline: the English classifier's guess, then the router."""
    message = Message(data={"text": text, "metadata": metadata})
    classifier.process([message])
    message.set("intent", {"name": english_intent, "confidence": 0.9}, add_to_output=True)
    message.set("intent_ranking", [{"name": english_intent, "confidence": 0.9}])
    SpanishIntentRouter.create(ROUTER, None, None, None).process([message])
    return message


def test_the_english_components_never_see_a_spanish_example(classifier):
    filtered = classifier.process_training_data(training_data())
    assert not any(is_spanish_example(e) for e in filtered.training_examples)
    english_only = TrainingData(examples(ENGLISH))
    assert filtered.fingerprint() == english_only.fingerprint()
    assert [e.get("text") for e in filtered.training_examples] == [
        e.get("text") for e in english_only.training_examples
    ]


def test_editing_a_spanish_example_changes_what_the_classifier_is_trained_on(classifier):
    """Rasa's cache keys the classifier's training on the whole data's fingerprint, and the
    English components' on the filtered data's: a Spanish edit retrains only the former."""
    edited = {**SPANISH, "greet": ["buenos días", "buenas noches"]}
    before, after = training_data(), TrainingData(examples(ENGLISH) + examples(edited, "es"))
    assert before.fingerprint() != after.fingerprint()
    assert (
        classifier.process_training_data(before).fingerprint()
        == classifier.process_training_data(after).fingerprint()
    )
    relabelled = TrainingData(examples(ENGLISH) + examples(SPANISH, "en"))
    assert relabelled.fingerprint() != before.fingerprint()


def test_a_spanish_message_takes_the_spanish_intent(classifier):
    message = parse(classifier, "¿se vio afectado mi pago?", {"language": "es"})
    assert message.get("intent")["name"] == "check_payment"
    assert message.get("intent_ranking")[0]["name"] == "check_payment"
    assert message.get(OUTPUT_KEY) == "es"
    assert "check_payment" in str(message.as_dict(only_output_properties=True))
    assert RANKING_KEY not in message.as_dict(only_output_properties=True)


def test_without_metadata_the_words_decide(classifier):
    message = parse(classifier, "pagué el agua en línea en septiembre, me afectó el hackeo?")
    assert message.get("intent")["name"] == "check_payment"
    assert message.get(OUTPUT_KEY) == "es"


def test_an_english_message_is_untouched_and_costs_no_encoding(classifier, monkeypatch):
    def fail(texts):
        raise AssertionError("the encoder ran for an English message")

    monkeypatch.setattr(spanish, "embed", fail)
    for metadata in ({"language": "en"}, None):
        message = parse(classifier, "was my payment affected?", metadata, english_intent="greet")
        assert message.get("intent") == {"name": "greet", "confidence": 0.9}
        assert message.get(OUTPUT_KEY) is None and message.get(RANKING_KEY) is None


def test_a_button_payload_is_left_to_rasa(classifier, monkeypatch):
    monkeypatch.setattr(spanish, "embed", lambda texts: 1 / 0)
    message = Message(
        data={"text": '/inform{"choice": "online_card"}', "metadata": {"language": "es"}}
    )
    classifier.process([message])
    assert message.get(RANKING_KEY) is None


def test_the_metadata_wins_over_the_words():
    spanish_words = Message(data={"text": "pagué en septiembre", "metadata": {"language": "en"}})
    english_words = Message(data={"text": "hello", "metadata": {"language": "es-MX"}})
    assert message_language(spanish_words) == "en"
    assert message_language(english_words) == "es"
    assert message_language(Message(data={"text": "pagué en septiembre"})) == "es"


def test_a_spanish_message_off_topic_is_out_of_scope(classifier):
    message = parse(classifier, "cuéntame un chiste de perros", {"language": "es"}, "check_payment")
    assert message.get("intent")["name"] in {"out_of_scope", "nlu_fallback"}


def test_the_router_falls_back_when_unsure_and_counts_a_family_together():
    def route(*ranking):
        message = Message(data={"text": "x", "intent": {"name": "greet", "confidence": 1.0}})
        message.set(RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking])
        SpanishIntentRouter.create(ROUTER, None, None, None).process([message])
        return message.get("intent")["name"]

    assert route(("check_payment", 0.3), ("card_compromised", 0.25), ("greet", 0.1)) == (
        "check_payment"
    )
    assert route(("greet", 0.3), ("thank", 0.2), ("check_payment", 0.1)) == "nlu_fallback"
    assert route(("greet", 0.45), ("thank", 0.43)) == "nlu_fallback"


def test_persistence_round_trip(storage, classifier):
    again = SpanishIntentClassifier.load({}, storage, Resource("spanish"), None)
    text = "quiero saber si mi tarjeta fue robada"
    assert again.rank(text) == classifier.rank(text)


def test_an_untrained_classifier_routes_nothing(tmp_path):
    untrained = SpanishIntentClassifier.load(
        {}, LocalModelStorage(tmp_path), Resource("never"), None
    )
    message = Message(data={"text": "hola, mi pago?", "metadata": {"language": "es"}})
    untrained.process([message])
    assert message.get(RANKING_KEY) is None


# The data themselves.

SPANISH_DATA = PROJECT_ROOT / "data" / "nlu" / "es"
DEV = PROJECT_ROOT / "tests" / "fixtures" / "nlu_es_dev.csv"


def spanish_blocks():
    for path in sorted(SPANISH_DATA.glob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            if "intent" in block:
                yield path.name, block


def lines(block):
    for line in block["examples"].splitlines():
        if line.strip().startswith("- "):
            yield re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip()[2:])


def test_every_spanish_intent_block_says_it_is_spanish_and_every_intent_has_some():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    seen = set()
    for name, block in spanish_blocks():
        assert block.get("metadata") == {"language": "es"}, (name, block["intent"])
        assert block["intent"] in domain["intents"]
        assert len(list(lines(block))) >= 15, block["intent"]
        seen.add(block["intent"])
    assert seen == set(domain["intents"])


def test_no_spanish_example_is_changed_by_redaction():
    changed = [
        (block["intent"], text)
        for _, block in spanish_blocks()
        if block["intent"] != "share_sensitive_data"
        for text in lines(block)
        if redact(text).changed
    ]
    assert changed == []


def test_the_spanish_dev_set_is_never_trained_on():
    def norm(text):
        return re.sub(r"\W+", "", text.lower())

    trained = set()
    for path in (PROJECT_ROOT / "data" / "nlu").rglob("*.yml"):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            if "intent" in block:
                trained.update(norm(text) for text in lines(block))
    with open(DEV, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 150
    assert {row["expected"] for row in rows} == {"in_domain", "out_of_domain"}
    assert [row["text"] for row in rows if norm(row["text"]) in trained] == []
