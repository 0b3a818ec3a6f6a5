"""Every example a Spanish reply offers is read as it promises.

The examples are taken from the Spanish catalogs themselves (bot/locale/es/LC_MESSAGES), so an
example added to a reply is tested too: each text in quotes ("…", “…”, '…') and each list after
"p. ej." / "por ejemplo" in a msgstr. Each is read as a resident's (or, in the console, an agent's)
answer with language "es" (bot/conversation.py `read_turn`), in the context its reply asks for:
the question's slot, the whole check, a correction of a finished check, or what was paid for.
It must be read as the English example at the same place in the msgid is read in English (the
same city, dates, way of paying and service; a Spanish numeric date that reads both ways also
keeps its month-first reading, so the check can ask). The few examples that are not answers a
resident types (an intent for the NLU, a sentence for the agent to say, a description) are named
in NOT_ANSWERS, and must still read no value the English does not; EXPECTED pins the readings the
issue names, and those of any example without an English partner.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Dict, List, Optional, Tuple

import pytest
import yaml
from babel.messages.pofile import read_po

from bot.conversation import MONTH_FIRST, Turn, read_turn
from bot.date_es import read_spanish
from bot.i18n import catalog_files, translate
from bot.methods import understand_method
from bot.settings import PROJECT_ROOT

TODAY = date(2026, 11, 22)
ZONE = "America/Chicago"
CATALOGS = ("replies", "wording", "answers", "sms", "agent")

ODESSA = {"id": "odessa-tx", "name": "Odessa, TX", "kind": "exact", "place": None, "state": "TX"}
ST_PETE = {
    "id": "st-petersburg-fl",
    "name": "St. Petersburg, FL",
    "kind": "exact",
    "place": None,
    "state": "FL",
}
ONLINE_CARD = {
    "channel": "online_one_time",
    "instrument": "card",
    "service": None,
    "autopay_assumed": False,
}


def _day(iso: str) -> Dict[str, Any]:
    return {"start": iso, "end": iso, "approximate": False, "year_given": True}


# The slots before the answer, for each kind of question a reply asks.
CONTEXTS: Dict[str, Tuple[Optional[str], Dict[str, Any]]] = {
    "city": ("city", {}),
    "payment_date": ("payment_date", {}),
    "payment_method": ("payment_method", {}),
    "whole": (None, {}),  # the whole check in one message
    # a finished check to correct (another city than the example's, so a change shows)
    "correction": (
        None,
        {"city": ST_PETE, "payment_date": _day("2018-09-03"), "payment_method": ONLINE_CARD},
    ),
    # a finished check that depends on what was paid for
    "service": (
        None,
        {"city": ODESSA, "payment_date": _day("2019-09-03"), "payment_method": ONLINE_CARD},
    ),
}

# Texts in quotes that are no answer a resident types, and why; they must still read no value
# that their English does not (a question about calling is no payment by phone).
NOT_ANSWERS = {
    "¿se vio afectado mi pago?": "a question the NLU classifies (data/nlu), no value to read",
    "¿a quién puedo llamar?": "a question the NLU classifies, no value to read",
    "ayuda": "an intent (help), no value to read",
    "empezar de nuevo": "an intent (start over), no value to read",
    "¿Pagó en línea, por teléfono, en persona o por correo?": "a question the agent asks",
    "Solo necesito la ciudad, la fecha del pago y cómo pagó. Por favor, nunca me lea un número "
    "de tarjeta, un código de seguridad ni un número de Seguro Social.": "what the agent says",
    "un día": "a description of an answer, not one",
    "un mes": "a description of an answer, not one",
}

# English examples that English does not read yet (bot/dates.py): the Spanish is held to EXPECTED.
ENGLISH_GAPS = {
    "doesn't remember": "bot/dates.py reads no \"doesn't remember\" (the console's own example)",
}

SEPT_3_2019 = {"start": "2019-09-03", "end": "2019-09-03"}
# What the issue's examples must read as (slot -> the values that must be there), in the context
# of the reply that offers them. A Spanish numeric date is day first, with its month-first reading
# kept beside it where that is a real date too.
EXPECTED: Dict[str, Dict[str, Any]] = {
    "3 de septiembre de 2019": {"payment_date": SEPT_3_2019},
    "verano de 2018": {"payment_date": {"start": "2018-06-01", "end": "2018-08-31"}},
    "no me acuerdo": {"payment_date": {"unknown": True}},
    "no se acuerda": {"payment_date": {"unknown": True}},
    "no sé": {"payment_date": {"unknown": True}},
    # not "3/9/2019": read month first it is another date, and for Odessa another answer, so a
    # resident typing the example would be asked which day it was
    "3 sept 2019": {"payment_date": SEPT_3_2019},
    "junio 2018": {"payment_date": {"start": "2018-06-01", "end": "2018-06-30"}},
    "septiembre de 2019": {"payment_date": {"start": "2019-09-01", "end": "2019-09-30"}},
    "sept 2019": {"payment_date": {"start": "2019-09-01", "end": "2019-09-30"}},
    "en línea con mi Visa": {
        "payment_method": {"channel": "online_one_time", "instrument": "card"}
    },
    "en línea con mi tarjeta": {
        "payment_method": {"channel": "online_one_time", "instrument": "card"}
    },
    "pago automático": {"payment_method": {"channel": "autopay_existing"}},
    "por teléfono": {"payment_method": {"channel": "phone"}},
    "en persona en efectivo": {"payment_method": {"channel": "in_person", "instrument": "cash"}},
    "en persona en la alcaldía": {"payment_method": {"channel": "in_person"}},
    "cheque electrónico": {"payment_method": {"instrument": "bank_account"}},
    "era Odessa": {"city": {"id": "odessa-tx"}},
    "Odessa TX": {"city": {"id": "odessa-tx"}},
    "Odessa, TX": {"city": {"id": "odessa-tx"}},
    "en realidad fue en julio": {"payment_date": {"start": "2018-07-01", "end": "2018-07-31"}},
    "en realidad en julio": {"payment_date": {"start": "2018-07-01", "end": "2018-07-31"}},
    "mi factura del agua": {"payment_method": {"service": "utility"}},
    "Odessa 3 sept 2019 en linea tarjeta": {
        "city": {"id": "odessa-tx"},
        "payment_date": SEPT_3_2019,
        "payment_method": {"channel": "online_one_time", "instrument": "card"},
    },
    "pagué la factura del agua de Odessa en línea con mi Visa el 3 de septiembre de 2019": {
        "city": {"id": "odessa-tx"},
        "payment_date": SEPT_3_2019,
        "payment_method": {
            "channel": "online_one_time",
            "instrument": "card",
            "service": "utility",
        },
    },
}

# ---------------------------------------------------------------- the examples, from the catalogs

_QUOTED = re.compile(r"\"([^\"{}]+)\"|“([^”{}]+)”|(?<!\w)'((?:[^'{}]|(?<=\w)'(?=\w))+)'(?!\w)")
# "p. ej. 3 sept 2019, junio 2018 o …", "e.g. Odessa TX": a list typed without quotes
_LISTED = re.compile(
    r"(?:\bp\.\s*ej\.|\bpor ejemplo,?|\be\.g\.|\bfor example,?)\s+([^\"“'(){}]+?)(?=[\"“')]|$|\.\s|\.$)"
)
_LIST_SPLIT = re.compile(r",\s+(?![A-Z]{2}\b)|\s+(?:o|or)\s+|,$")


def _quoted(text: str) -> List[Tuple[int, str]]:
    return [(m.start(), next(g for g in m.groups() if g)) for m in _QUOTED.finditer(text)]


def _listed(text: str) -> List[Tuple[int, str]]:
    found = []
    for match in _LISTED.finditer(text):
        start = match.start(1)
        for piece in _LIST_SPLIT.split(match.group(1)):
            piece = piece.strip(" .,:;")
            if piece and piece not in ("o", "or"):
                found.append((start + match.group(1).find(piece), piece))
    return found


def extract(text: str) -> List[str]:
    """The examples a text offers, in the order they appear."""
    return [example for _, example in sorted(_quoted(text) + _listed(text))]


# Replies whose words do not say what they ask for (by the start of the msgid).
CONTEXT_OF = {"for example 'September 3, 2019'": "payment_date"}  # `bot check --date` (agent.po)


def _context_of(english: str) -> str:
    """What the reply asks for, from its English text (the msgid) outside its examples."""
    for start, context in CONTEXT_OF.items():
        if english.startswith(start):
            return context
    lowered = _QUOTED.sub(" ", english).lower()
    if "what to change" in lowered or "what should i change" in lowered:
        return "correction"
    if "what you paid for" in lowered:
        return "service"
    asks = [
        slot
        for slot, words in (
            ("city", r"\bcity\b"),
            ("payment_date", r"\bwhen\b|\bdate\b|month and year"),
            ("payment_method", r"\bhow\b|payment method"),
        )
        if re.search(words, lowered)
    ]
    return asks[0] if len(asks) == 1 else "whole"


@dataclass(frozen=True)
class Example:
    spanish: str
    english: Optional[str]  # the example at the same place in the msgid, when the counts agree
    context: str
    where: str  # catalog and the start of the msgid, for the failure message


def catalog_examples() -> List[Example]:
    found: List[Example] = []
    for path in catalog_files("es"):
        if path.stem not in CATALOGS:
            continue
        with path.open("rb") as handle:
            for message in read_po(handle, locale="es"):
                if not message.id or not isinstance(message.id, str) or not message.string:
                    continue
                spanish = extract(message.string)
                if not spanish:
                    continue
                english = extract(message.id)
                paired = english if len(english) == len(spanish) else [None] * len(spanish)
                context = _context_of(message.id)
                where = f"{path.name}: {message.id[:60]!r}"
                found += [
                    Example(es, en, context, where) for es, en in zip(spanish, paired, strict=True)
                ]
    return found


EXAMPLES = catalog_examples()


# ---------------------------------------------------------------- reading them


def _read(knowledge, text: str, context: str, language: str) -> Dict[str, Any]:
    requested, slots = CONTEXTS[context]
    turn = Turn(text, requested, language=language)
    reading = read_turn(knowledge, turn, slots, ZONE, today=TODAY)
    changed = {slot: dict(value) for slot, value in reading.changed.items()}
    choices = {
        slot: [o["value"] for o in choice["options"]] for slot, choice in reading.choices.items()
    }
    return {"changed": changed, "choices": choices}


def _without_month_first(read: Dict[str, Any]) -> Dict[str, Any]:
    changed = {
        slot: {k: v for k, v in value.items() if k != MONTH_FIRST}
        for slot, value in read["changed"].items()
    }
    return {"changed": changed, "choices": read["choices"]}


def _holds(value: Any, expected: Any) -> bool:
    if isinstance(expected, dict):
        return isinstance(value, dict) and all(
            _holds(value.get(key), want) for key, want in expected.items()
        )
    return value == expected


def test_the_catalogs_offer_the_examples_of_the_issue():
    offered = {example.spanish for example in EXAMPLES}
    assert set(EXPECTED) <= offered, set(EXPECTED) - offered
    assert len(EXAMPLES) >= 40


def test_every_example_without_an_english_partner_is_pinned_or_no_answer():
    unpaired = [
        e
        for e in EXAMPLES
        if (e.english is None or e.english in ENGLISH_GAPS)
        and e.spanish not in EXPECTED.keys() | NOT_ANSWERS.keys()
    ]
    assert not unpaired, "add these to EXPECTED (or NOT_ANSWERS, with why): " + repr(unpaired)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.context}:{e.spanish[:40]}")
def test_each_example_reads_as_its_english_does(knowledge, example):
    spanish = _read(knowledge, example.spanish, example.context, "es")
    english = None
    if example.english is not None and example.english not in ENGLISH_GAPS:
        english = _read(knowledge, example.english, example.context, "en")
    if example.spanish in NOT_ANSWERS:  # no value the English does not read either
        read_in_english = set(english["changed"]) if english else set()
        assert set(spanish["changed"]) <= read_in_english, (example.where, spanish["changed"])
        return
    if english is not None:
        assert _without_month_first(spanish) == english, (example.where, example.english)
    else:
        assert example.spanish in EXPECTED, f"{example.where}: pin {example.spanish!r} in EXPECTED"
    assert spanish["changed"] or spanish["choices"], f"{example.where}: nothing read"
    date_value = spanish["changed"].get("payment_date") or {}
    if read_spanish(example.spanish).month_first and date_value.get("start"):
        other = date_value.get(MONTH_FIRST)
        assert other is None or other["start"] != date_value["start"]  # kept only when different


@pytest.mark.parametrize("said", sorted(EXPECTED))
def test_the_issues_examples_read_as_expected(knowledge, said):
    contexts = {e.context for e in EXAMPLES if e.spanish == said}
    for context in contexts:
        read = _read(knowledge, said, context, "es")["changed"]
        assert _holds(read, EXPECTED[said]), (context, read)


def test_an_example_typed_in_another_context_is_not_taken_for_a_city(knowledge):
    """Answers the replies offer for the date or the way of paying, typed when the city was
    asked ("en linea", "no sé"): never a place called "en linea"."""
    for example in EXAMPLES:
        if example.context in ("payment_date", "payment_method") and example.spanish not in (
            NOT_ANSWERS
        ):
            read = _read(knowledge, example.spanish, "city", "es")["changed"]
            assert "city" not in read, (example.spanish, read["city"])


# ---------------------------------------------------------------- the buttons, typed


def _method_buttons() -> List[Tuple[str, str]]:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    buttons = {}
    for variant in domain["responses"]["utter_ask_payment_method"]:
        for button in variant.get("buttons") or []:
            payload = json.loads(button["payload"][len("/inform") :])
            buttons[button["title"]] = payload["choice"]
    return sorted(buttons.items())


@pytest.mark.parametrize("title, choice", _method_buttons())
def test_a_payment_button_typed_in_spanish_reads_as_in_english(title, choice):
    """'En línea, con tarjeta' typed instead of pressed reads as 'Online, by card' does in
    English; the payload the button sends reads the same in a Spanish conversation."""
    spanish = translate(title, "es")
    assert spanish != title
    typed, english = understand_method(spanish, "es"), understand_method(title)
    assert (typed.channel, typed.instrument) == (english.channel, english.instrument)
    assert typed.known
    sent_es, sent_en = understand_method(choice, "es"), understand_method(choice)
    assert (sent_es.channel, sent_es.instrument) == (sent_en.channel, sent_en.instrument)
