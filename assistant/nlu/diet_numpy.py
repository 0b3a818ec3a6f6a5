"""DIET's intent scores in numpy, for a DIET with no transformer layers (patch 13 in patches.py).

Without a transformer nothing mixes the tokens, so DIET's intent score for a message depends on
its sentence-level features alone: the sparse ones (every featurizer's, joined) through the
`sparse_to_dense` layer, next to the dense ones, optionally through the `unify_dims` layer, then
the `embed.text` layer, then the similarity to each intent's embedding and a softmax. These are
the same weights and the same arithmetic as the TensorFlow graph, without the graph's cost of
being called (most of DIET's time for one message, all of it holding Python's lock).

`SentenceIntentScorer.of(model)` reads the weights from a trained and loaded `DIET`; it returns
None for any DIET this module does not reproduce (a transformer, masked language modelling,
hidden layers, entity recognition or an unexpected feature layout), which then keeps TensorFlow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, List, Optional, Tuple

import numpy as np
import scipy.sparse
from scipy.special import erf

Layer = Tuple[np.ndarray, np.ndarray]  # (kernel, bias)


def gelu(x: np.ndarray) -> np.ndarray:
    """TensorFlow's `tf.nn.gelu` (exact, not the tanh approximation)."""
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def l2_normalised(x: np.ndarray) -> np.ndarray:
    """TensorFlow's `tf.nn.l2_normalize` on the last axis."""
    return x / np.sqrt(np.maximum((x * x).sum(axis=-1, keepdims=True), 1e-12))


def softmax(x: np.ndarray) -> np.ndarray:
    shifted = np.exp(x - x.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class SentenceIntentScorer:
    """The part of a trained DIET that scores intents from a message's sentence features."""

    sparse_to_dense: Optional[Layer]  # None when there are no sparse sentence features
    takes_dense: bool  # whether there are dense sentence features (after the sparse ones)
    unify_dims: Optional[Layer]  # (kernel with its connection mask applied, bias), then gelu
    embed: Layer
    label_embeddings: np.ndarray  # (intents, embedding dimension)
    cosine: bool
    softmax: bool

    @classmethod
    def of(cls, diet_model: Any) -> Optional[SentenceIntentScorer]:
        """The scorer for a loaded `rasa.nlu.classifiers.diet_classifier.DIET`, or None."""
        config = diet_model.config
        sequence_layer = diet_model._tf_layers.get(f"sequence_layer.{diet_model.text_name}")
        if (
            sequence_layer is None
            or sequence_layer._has_transformer
            or config.get("use_masked_language_model")
            or config.get("entity_recognition")
            or not config.get("intent_classification")
            or sequence_layer._tf_layers["ffnn"]._ffn_layers
        ):
            return None
        combining = sequence_layer._tf_layers["feature_combining"]
        sentence = combining._tf_layers.get("sparse_dense.sentence")
        signature = diet_model.data_signature[diet_model.text_name].get("sentence") or []
        kinds = [s.is_sparse for s in signature]
        if sentence is None or kinds not in ([True, False], [True], [False]):
            return None
        sparse_to_dense = None
        if kinds[0]:
            layer = sentence._tf_layers["sparse_to_dense"]
            sparse_to_dense = (layer.kernel.numpy(), _bias(layer))
        unify_dims = None
        unifying = combining._tf_layers.get("unify_dims_before_seq_sent_concat.sentence")
        if unifying is not None:
            dense_layers = [layer for layer in unifying._ffn_layers if hasattr(layer, "kernel")]
            if len(dense_layers) != 1:
                return None
            unify_dims = (_masked_kernel(dense_layers[0]), _bias(dense_layers[0]))
        embed = diet_model._tf_layers[f"embed.{diet_model.text_name}"]._dense
        if not getattr(diet_model, "prepared_for_prediction", False):
            diet_model.prepare_for_predict()
            diet_model.prepared_for_prediction = True
        loss = diet_model._tf_layers[f"loss.{diet_model.label_name}"]
        return cls(
            sparse_to_dense=sparse_to_dense,
            takes_dense=not kinds[-1],
            unify_dims=unify_dims,
            embed=(embed.kernel.numpy(), _bias(embed)),
            label_embeddings=np.asarray(diet_model.all_labels_embed.numpy()),
            cosine=loss.similarity_type == "cosine",
            softmax=loss.model_confidence == "softmax",
        )

    def scores(self, sparse: Optional[Any], dense: Optional[np.ndarray]) -> np.ndarray:
        """The intent confidences, shaped (1, 1, intents) as DIET's `i_scores`.

        `sparse` is the (1, n) sentence matrix of the sparse featurizers, `dense` the (1, d)
        sentence vector of the dense ones, each as `Message.get_*_features` joins them.
        """
        parts: List[np.ndarray] = []
        if self.sparse_to_dense is not None:
            kernel, bias = self.sparse_to_dense
            matrix = scipy.sparse.csr_matrix(sparse, dtype=np.float32)
            parts.append(np.asarray(matrix @ kernel, dtype=np.float32) + bias)
        if self.takes_dense:
            parts.append(np.asarray(dense, dtype=np.float32).reshape(1, -1))
        x = np.concatenate(parts, axis=-1)
        if self.unify_dims is not None:
            kernel, bias = self.unify_dims
            x = gelu(x @ kernel + bias)
        kernel, bias = self.embed
        embedded = x @ kernel + bias
        labels = self.label_embeddings
        if self.cosine:
            embedded, labels = l2_normalised(embedded), l2_normalised(labels)
        similarities = embedded @ labels.T
        confidences = softmax(similarities) if self.softmax else similarities
        return confidences.reshape(1, 1, -1).astype(np.float32)


def _bias(layer: Any) -> np.ndarray:
    if getattr(layer, "use_bias", False) and layer.bias is not None:
        return layer.bias.numpy()
    return np.zeros(layer.units, dtype=np.float32)


def _masked_kernel(layer: Any) -> np.ndarray:
    kernel = layer.kernel.numpy()
    mask = getattr(layer, "kernel_mask", None)
    return kernel * mask.numpy() if mask is not None else kernel
