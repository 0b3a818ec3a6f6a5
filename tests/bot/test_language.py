"""Whether a message plainly reads as Spanish (bot/language.py), where no channel says."""

from __future__ import annotations

import pytest
import yaml

from bot.language import looks_spanish
from bot.settings import PROJECT_ROOT


@pytest.mark.parametrize(
    "said",
    [
        "¿Se vio afectado mi pago?",
        "pagué el 3 de septiembre de 2019",
        "hace dos semanas",
        "el verano pasado",
        "en línea con mi tarjeta",
        "por teléfono",
        "no me acuerdo",
        "septiembre de 2019",
        "la semana pasada",
    ],
)
def test_spanish(said):
    assert looks_spanish(said)


@pytest.mark.parametrize(
    "said",
    [
        "5/9/2019",  # a number says nothing: the conversation's language decides
        "Odessa",
        "I paid El Paso Water online",
        "La Quinta, CA",
        "I mailed a cheque on May 3",
        "no",
        "si",
        "paid on sept 3 2019",
    ],
)
def test_not_spanish(said):
    assert not looks_spanish(said)


def test_no_english_training_example_reads_as_spanish():
    examples = []
    for path in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            examples += [line.lstrip("- ") for line in block.get("examples", "").splitlines()]
    assert len(examples) > 1000
    assert [e for e in examples if looks_spanish(e)] == []


@pytest.mark.parametrize(
    "current, stated, text, after",
    [
        (None, None, "¿Se vio afectado mi pago?", "es"),  # the first message of two words
        (None, None, "was my payment affected?", "en"),
        (None, None, "ok", None),  # one word decides nothing
        (None, None, "Hola", "es"),  # unless it can only be Spanish
        (None, None, '/inform{"choice": "by phone"}', None),  # nor does a button
        ("en", None, "pagué en línea", "en"),  # once set, it stays
        ("es", None, "ok thanks", "es"),
        ("en", "es", "hi there", "es"),  # the channel states it: the widget's data-lang
        ("es", "en", "¿qué pasó?", "en"),
        ("en", None, "Español", "es"),  # the resident switches
        ("es", None, "in English", "en"),
        ("en", None, "español por favor no", "en"),  # not a switch alone
    ],
)
def test_the_conversation_keeps_one_language_unless_switched(current, stated, text, after):
    from bot.language import language_after

    assert language_after(current, stated, text) == after
