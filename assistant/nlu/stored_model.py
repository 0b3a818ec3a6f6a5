"""A trainable NLU component whose whole model is one joblib file in Rasa's model storage.

The domain gate and the Spanish intent classifier are both a scikit-learn model learnt from the
training data: this base class holds what Rasa's graph asks of such a component (create, load,
the config with its defaults) and reads and writes the file; each subclass says what it learns.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, Optional

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

log = logging.getLogger(__name__)


class StoredModelComponent(GraphComponent):
    """A component with one stored model (None until trained, or when none could be read)."""

    FILE = "model.joblib"  # the file's name in the component's storage
    UNTRAINED = "The component has no trained model."  # logged when loading finds none

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Optional[Any] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> StoredModelComponent:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> StoredModelComponent:
        try:
            with model_storage.read_from(resource) as folder:
                model = cls.model_from(joblib.load(folder / cls.FILE))
        except (ValueError, FileNotFoundError):
            log.warning(cls.UNTRAINED)
            model = None
        return cls(config, model_storage, resource, model)

    @classmethod
    def model_from(cls, stored: Any) -> Optional[Any]:
        """The model in what was stored (a subclass may store it with notes beside it)."""
        return stored

    def stored(self) -> Any:
        """What is written for the model (the model itself, unless a subclass adds notes)."""
        return self._model

    def save(self, model: Any) -> Resource:
        """Keep the trained model, and write it to the component's storage."""
        self._model = model
        with self._storage.write_to(self._resource) as folder:
            joblib.dump(self.stored(), folder / self.FILE)
        return self._resource
