"""The offline sentence encoder and its Rasa featurizer (assistant/nlu/)."""

import zipfile

import numpy as np
import pytest
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from assistant.nlu.featurizer import SentenceEmbeddingFeaturizer, shared_encoder, token_vectors
from assistant.nlu.sentence_encoder import EncoderUnavailable, SentenceEncoder, model_zip_path


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return shared_encoder()


@pytest.fixture(scope="module")
def reference_encoder() -> SentenceEncoder:
    return SentenceEncoder.load(quantised=False)


def similarity(encoder, a, b):
    return float(encoder.encode(a).sentence @ encoder.encode(b).sentence)


def test_sentences_are_unit_vectors_and_the_same_text_gives_the_same_vector(encoder):
    first = encoder.encode("was my payment affected?")
    again = encoder.encode("was my payment affected?")
    assert first.sentence.shape == (384,)
    assert np.isclose(np.linalg.norm(first.sentence), 1.0, atol=1e-5)
    assert np.allclose(first.sentence, again.sentence)


@pytest.mark.parametrize(
    "text, paraphrase, unrelated",
    [
        (
            "someone used my credit card",
            "my card was used without my permission",
            "what's the weather",
        ),
        ("who do I call about this", "what phone number should I ring", "play the next song"),
        (
            "was my payment in the breach",
            "did the hack expose my bill payment",
            "how do I boil an egg",
        ),
    ],
)
def test_a_paraphrase_is_nearer_than_an_unrelated_sentence(encoder, text, paraphrase, unrelated):
    """What the pretrained weights bring: meaning beyond shared words."""
    assert similarity(encoder, text, paraphrase) > similarity(encoder, text, unrelated) + 0.2


def test_weights_with_another_hash_are_refused(tmp_path):
    fake = tmp_path / "model.zip"
    with zipfile.ZipFile(model_zip_path()) as real, zipfile.ZipFile(fake, "w") as copy:
        copy.writestr("tokenizer.json", real.read("tokenizer.json"))
        copy.writestr("model.safetensors", b"not the weights")
    with pytest.raises(EncoderUnavailable, match="sha256"):
        SentenceEncoder.load(fake, quantised=False)


@pytest.mark.parametrize(
    "text",
    [
        "was my payment affected?",
        "Odessa",
        "I paid my Odessa water bill online with my Visa on Sept 3 2019, was I hit?",
        "what's the weather like tomorrow?",
    ],
)
def test_the_int8_model_gives_the_reference_vectors(encoder, reference_encoder, text):
    """The assistant's int8 ONNX encoder against the fp32 numpy forward pass of the same model."""
    reference = reference_encoder.encode(text)
    fast = encoder.encode(text)
    assert float(fast.sentence @ reference.sentence) > 0.998
    cosines = np.sum(fast.token_vectors * reference.token_vectors, axis=1) / (
        np.linalg.norm(fast.token_vectors, axis=1) * np.linalg.norm(reference.token_vectors, axis=1)
    )
    assert cosines.min() > 0.99


def _tokenized(text):
    message = Message(data={TEXT: text})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    return message


def test_one_row_per_whitespace_token_even_with_punctuation(encoder):
    message = _tokenized("my card's been used!! $1 charge, at 3:15pm")
    tokens = message.get("text_tokens")
    rows = token_vectors(encoder.encode(message.get(TEXT)), tokens)
    assert rows.shape == (len(tokens), 384)
    assert all(np.linalg.norm(row) > 0 for row in rows)


def test_the_featurizer_adds_sequence_and_sentence_features():
    message = _tokenized("was my Odessa water bill payment affected")
    featurizer = SentenceEmbeddingFeaturizer(
        {**SentenceEmbeddingFeaturizer.get_default_config(), "alias": "minilm"}, "minilm"
    )
    featurizer.process([message])
    sequence, sentence = message.get_dense_features(TEXT)
    assert sequence.features.shape == (len(message.get("text_tokens")), 384)
    assert sentence.features.shape == (1, 384)
