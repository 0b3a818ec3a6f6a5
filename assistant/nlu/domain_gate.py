"""A domain gate: is this message for this assistant at all? It sits after the intent classifier.

A logistic regression over the pretrained sentence embedding (SentenceEmbeddingFeaturizer) learns
one question from the training data: every intent of the assistant against `out_of_scope`. Word
counts make the intent classifier sure of itself on bank questions that share our words ("a fee
on my card statement"); the embedding carries what a message is about, so the gate catches them.
When the gate's probability that the message belongs here is below `threshold`, the message is
classified `out_of_scope`; otherwise the intent classifier's answer stands.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression

from assistant.nlu.stored_model import StoredModelComponent

log = logging.getLogger(__name__)
OUT_OF_SCOPE = "out_of_scope"
GATE_KEY = "domain_gate"  # the gate's probability, kept in the parse result for inspection


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class DomainGate(StoredModelComponent, IntentClassifier):
    """Sends a message the sentence embedding places outside the domain to `out_of_scope`."""

    FILE = "domain_gate.joblib"
    UNTRAINED = "The domain gate has no trained model; it lets every message through."

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "threshold": 0.4,  # below this probability of belonging here: out of scope
            "C": 4.0,  # the logistic regression's inverse regularisation
            "featurizers": [],  # the aliases of the dense featurizers to read; [] = all
        }

    def _vector(self, message: Message) -> Optional[np.ndarray]:
        featurizers = self._config["featurizers"] or None
        _, sentence = message.get_dense_features(TEXT, featurizers)
        return None if sentence is None else sentence.features.reshape(-1)

    def train(self, training_data: TrainingData) -> Resource:
        rows = [
            (vector, example.get(INTENT) != OUT_OF_SCOPE)
            for example in training_data.intent_examples
            if (vector := self._vector(example)) is not None
        ]
        labels = {label for _, label in rows}
        if len(labels) < 2:
            log.warning("The domain gate needs examples in and out of scope; it is not trained.")
            return self._resource
        model = LogisticRegression(C=self._config["C"], max_iter=3000, random_state=42)
        model.fit(np.stack([v for v, _ in rows]), np.array([label for _, label in rows]))
        return self.save(model)

    def belongs_here(self, message: Message) -> Optional[float]:
        """The gate's probability that the message is for this assistant (None: no opinion)."""
        vector = self._vector(message)
        if self._model is None or vector is None:
            return None
        inside = list(self._model.classes_).index(True)
        return float(self._model.predict_proba(vector.reshape(1, -1))[0, inside])

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            chance = self.belongs_here(message)
            if chance is None:
                continue
            message.set(GATE_KEY, round(chance, 4), add_to_output=True)
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if chance >= self._config["threshold"] or intent in (None, OUT_OF_SCOPE):
                continue
            verdict = {INTENT_NAME_KEY: OUT_OF_SCOPE, "confidence": 1.0 - chance}
            # The classifier's intents keep their order, weighted by the gate's doubt.
            ranking = [
                {**r, "confidence": float(r.get("confidence", 0.0)) * chance}
                for r in message.get(INTENT_RANKING_KEY) or []
                if r.get(INTENT_NAME_KEY) != OUT_OF_SCOPE
            ]
            message.set(INTENT, verdict, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [verdict, *ranking], add_to_output=True)
        return messages
