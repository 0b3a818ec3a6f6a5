"""Rasa's FallbackClassifier, aware that several intents are one family of concern.

"My card was used without my permission" scores about evenly on `card_compromised` and
`unrecognised_charge`. The stock classifier calls that ambiguous and answers "sorry, I did not
understand", although either intent leads to the same help. Here two intents of one family are
not ambiguous, and a message whose family together is confident enough is not a fallback: the top
intent stands. A message torn between families (a breach concern or small talk) still falls back.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

CONFIDENCE = "confidence"
FAMILIES_KEY = "families"


def family_of(intent: Optional[str], families: Dict[str, List[str]]) -> Optional[str]:
    """The family an intent belongs to, or None when it stands alone."""
    for family, members in families.items():
        if intent in members:
            return family
    return None


def family_confidence(ranking: List[Dict[str, Any]], family: str, families: Dict) -> float:
    """The summed confidence of the family's intents in the ranking."""
    members = set(families.get(family, []))
    return sum(float(r.get(CONFIDENCE, 0.0)) for r in ranking if r.get(INTENT_NAME_KEY) in members)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class FamilyFallbackClassifier(FallbackClassifier):
    """Falls back on low confidence or ambiguity, counting a family of intents as one."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**FallbackClassifier.get_default_config(), FAMILIES_KEY: {}}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FamilyFallbackClassifier:
        return cls(config)

    def _families(self) -> Dict[str, List[str]]:
        return self.component_config.get(FAMILIES_KEY) or {}

    def _top_family(self, message: Message) -> Optional[str]:
        return family_of(message.data[INTENT].get(INTENT_NAME_KEY), self._families())

    def _nlu_confidence_below_threshold(self, message: Message) -> Tuple[bool, float]:
        below, confidence = super()._nlu_confidence_below_threshold(message)
        family = self._top_family(message)
        if not below or family is None:
            return below, confidence
        ranking = message.data.get(INTENT_RANKING_KEY, [])
        together = family_confidence(ranking, family, self._families())
        return together < self.component_config["threshold"], together

    def _nlu_prediction_ambiguous(self, message: Message) -> Tuple[bool, Optional[float]]:
        ranking = message.data.get(INTENT_RANKING_KEY, [])
        family = self._top_family(message)
        if family is None or len(ranking) < 2:
            return super()._nlu_prediction_ambiguous(message)
        families = self._families()
        together = family_confidence(ranking, family, families)
        rival = next(
            (r for r in ranking if family_of(r.get(INTENT_NAME_KEY), families) != family), None
        )
        if rival is None:
            return False, None
        difference = together - float(rival.get(CONFIDENCE, 0.0))
        return difference < self.component_config["ambiguity_threshold"], difference
