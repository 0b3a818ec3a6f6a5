"""DIET's intent scores in numpy (assistant/nlu/diet_numpy.py, patch 13): for small DIETs trained
here for real, the same scores as TensorFlow's, the same ranking, and TensorFlow left out."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant import patches
from assistant.nlu.diet_numpy import SentenceIntentScorer

patches.apply_all()
EXAMPLES = {
    "check_payment": [
        "was my payment affected",
        "is my water bill payment safe",
        "did the breach get my card",
        "was my utility payment exposed",
        "check my payment please",
        "i paid online was it affected",
    ],
    "greet": ["hello", "hi there", "good morning", "hey", "hello assistant", "hi"],
    "contact": [
        "who do i call",
        "what number can i call",
        "give me a phone number",
        "who can i talk to",
        "i want to call someone",
        "phone number please",
    ],
    "out_of_scope": [
        "what time is it",
        "tell me a joke",
        "book a flight",
        "how tall is a giraffe",
        "play some music",
        "what is the weather",
    ],
}
UNSEEN = [
    "was my payment to the city affected",
    "hello, who do I call?",
    "my card was charged twice",
    "weather tomorrow",
    "zzz",
    "payment payment payment",
]


class Pipeline:
    """A tokenizer, word and character counts and a made-up dense featurizer before a DIET."""

    def __init__(self, tmp_path, dense_sequence: bool, **diet_config) -> None:
        self.storage = LocalModelStorage(tmp_path)
        self.context = ExecutionContext(GraphSchema({}), "test")
        self.tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
        self.counts = [
            self._component(CountVectorsFeaturizer, "words", {}),
            self._component(
                CountVectorsFeaturizer,
                "chars",
                {"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 3},
            ),
        ]
        self.dense_sequence = dense_sequence
        self.rng = np.random.default_rng(3)
        data = TrainingData(
            [Message(data={TEXT: t, "intent": i}) for i, texts in EXAMPLES.items() for t in texts]
        )
        self.tokenizer.process_training_data(data)
        for featurizer in self.counts:
            featurizer.train(data)
            featurizer.process_training_data(data)
        for message in data.training_examples:
            self._dense(message)
        config = {
            **DIETClassifier.get_default_config(),
            "epochs": 8,
            "entity_recognition": False,
            "random_seed": 1,
            **diet_config,
        }
        DIETClassifier.create(config, self.storage, Resource("diet"), self.context).train(data)
        self.diet = DIETClassifier.load(config, self.storage, Resource("diet"), self.context)

    def _component(self, cls, name, config):
        full = {**cls.get_default_config(), **config}
        return cls.create(full, self.storage, Resource(name), self.context)

    def _dense(self, message: Message) -> None:
        tokens = message.get("text_tokens")
        seed = sum(map(ord, message.get(TEXT)))  # the same text, the same made-up vectors
        rng = np.random.default_rng(seed)
        if self.dense_sequence:
            sequence = rng.normal(size=(len(tokens), 5)).astype(np.float32)
            message.add_features(Features(sequence, FEATURE_TYPE_SEQUENCE, TEXT, "dense"))
        sentence = rng.normal(size=(1, 5)).astype(np.float32)
        message.add_features(Features(sentence, FEATURE_TYPE_SENTENCE, TEXT, "dense"))

    def message(self, text: str) -> Message:
        message = Message(data={TEXT: text})
        self.tokenizer.process([message])
        for featurizer in self.counts:
            featurizer.process([message])
        self._dense(message)
        return message

    def scores(self, text: str, tensorflow: bool) -> np.ndarray:
        self.context.should_add_diagnostic_data = tensorflow  # diagnostics: TensorFlow's path
        try:
            return np.asarray(self.diet._predict(self.message(text))["i_scores"]).ravel()
        finally:
            self.context.should_add_diagnostic_data = False


@pytest.fixture(scope="module")
def pipelines(tmp_path_factory):
    return {
        # the project's shape: dense features per token and for the sentence, no transformer
        "as configured": Pipeline(
            tmp_path_factory.mktemp("a"),
            dense_sequence=True,
            number_of_transformer_layers=0,
            constrain_similarities=True,
        ),
        # sentence features wider than the tokens': DIET unifies their widths (a gelu layer)
        "widths unified": Pipeline(
            tmp_path_factory.mktemp("b"),
            dense_sequence=False,
            number_of_transformer_layers=0,
            constrain_similarities=True,
        ),
    }


@pytest.mark.parametrize("shape", ["as configured", "widths unified"])
@pytest.mark.parametrize("text", UNSEEN + EXAMPLES["check_payment"][:2])
def test_the_scores_are_tensorflows(pipelines, shape, text):
    pipeline = pipelines[shape]
    assert SentenceIntentScorer.of(pipeline.diet.model) is not None
    in_numpy, in_tensorflow = pipeline.scores(text, False), pipeline.scores(text, True)
    assert in_numpy.shape == in_tensorflow.shape == (len(EXAMPLES),)
    np.testing.assert_allclose(in_numpy, in_tensorflow, atol=1e-5)
    assert list(np.argsort(-in_numpy)) == list(np.argsort(-in_tensorflow))


def test_the_unifying_layer_is_used_where_diet_has_one(pipelines):
    assert SentenceIntentScorer.of(pipelines["widths unified"].diet.model).unify_dims is not None
    assert SentenceIntentScorer.of(pipelines["as configured"].diet.model).unify_dims is None


def test_the_intent_is_predicted_without_tensorflow(pipelines, monkeypatch):
    pipeline = pipelines["as configured"]

    def no_graph(*_: object, **__: object) -> None:
        raise AssertionError("TensorFlow ran")

    monkeypatch.setattr(pipeline.diet.model, "run_inference", no_graph)
    message = pipeline.message("was my payment affected")
    pipeline.diet.process([message])
    assert message.get("intent")["name"] == "check_payment"
    assert [r["name"] for r in message.get("intent_ranking")][0] == "check_payment"


def test_a_diet_with_a_transformer_keeps_tensorflow(tmp_path):
    pipeline = Pipeline(tmp_path, dense_sequence=True, number_of_transformer_layers=1, epochs=1)
    assert SentenceIntentScorer.of(pipeline.diet.model) is None
    message = pipeline.message("hello")
    pipeline.diet.process([message])  # TensorFlow's path, as before the patch
    assert message.get("intent")["name"] in EXAMPLES
