"""A Rasa dense featurizer over the offline sentence encoder (assistant/nlu/sentence_encoder.py).

Per message it adds two features for the text: a sequence feature, one 384-wide vector per
whitespace token (the mean of the encoder's subword vectors inside that token), and a sentence
feature, the encoder's mean-pooled, normalised sentence embedding. DIET then learns on these
next to the sparse count features. The encoder is loaded once per process, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import FEATURIZER_CLASS_ALIAS, TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.nlu.sentence_encoder import QUANTISED_SHA256, Encoded, SentenceEncoder


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """The process's one encoder (about 90 MB of weights)."""
    return SentenceEncoder.load()


def token_vectors(encoded: Encoded, tokens: List[Token]) -> np.ndarray:
    """One vector per whitespace token: the mean of the subwords whose characters overlap it.

    A token with no overlapping subword (possible only for characters the encoder drops) gets
    zeros, so the sequence always has exactly one row per token, as DIET requires.
    """
    rows = np.zeros((len(tokens), encoded.token_vectors.shape[1]), dtype=np.float32)
    for index, token in enumerate(tokens):
        inside = [
            row
            for row, (start, end) in enumerate(encoded.offsets)
            if start < token.end and end > token.start
        ]
        if inside:
            rows[index] = encoded.token_vectors[inside].mean(axis=0)
    return rows


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Dense features from all-MiniLM-L6-v2, computed offline."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def required_packages() -> List[str]:
        return ["tokenizers", "safetensors", "onnxruntime"]

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """The encoder's identity: another model means features (and a model) to train anew."""
        return QUANTISED_SHA256

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return DenseFeaturizer.get_default_config()

    def __init__(self, config: Dict[str, Any], name: str) -> None:
        super().__init__(name, config)

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        shared_encoder()  # fail at start-up, not on the first message, if the model is missing
        return cls(config, execution_context.node_name)

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        """Nothing to validate beyond the base class's alias."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._add_features(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def _add_features(self, message: Message) -> None:
        tokens = message.get(TOKENS_NAMES[TEXT])
        text = message.get(TEXT)
        if not tokens or not text:
            return
        encoded = shared_encoder().encode(text)
        alias = self._config[FEATURIZER_CLASS_ALIAS]
        message.add_features(
            Features(token_vectors(encoded, tokens), FEATURE_TYPE_SEQUENCE, TEXT, alias)
        )
        message.add_features(
            Features(encoded.sentence.reshape(1, -1), FEATURE_TYPE_SENTENCE, TEXT, alias)
        )
