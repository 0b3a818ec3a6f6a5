"""The console's own wording: what the assistant tells a support agent about a caller, in the
third person ("The caller paid online…"), built from the same sentences a resident reads.

The rewrites are one table, most specific first: a phrase that asks the resident something
becomes what the agent should ask; then the pronouns. A sentence that starts with a rewritten
word keeps its capital letter. `tests/bot/wording/test_agent.py` runs every seed city's
results through it and checks that no "you", "your", "I" or "me" is left.

Spanish has its own table (`REWRITES_ES`, used when speaking Spanish): the resident is "usted",
whose verbs are already in the third person ("usted pagó" -> "la persona que llama pagó"), so the
rewrites are "usted", "su ..." and the assistant's own first person ("tomé" -> "el asistente
tomó"); tests/bot/wording/test_script_es.py checks that none is left.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Pattern, Tuple

from bot.i18n import ENGLISH, SPANISH, current_locale

REWRITES: Tuple[Tuple[str, str], ...] = (
    (r"\btell me if it was another year\b", "ask whether it was another year"),
    (r"\btell me what you paid for\b", "ask what the caller paid for"),
    (r"\btell me\b", "ask the caller"),
    (r"\byou didn't\b", "the caller didn't"),
    (r"\byou did not\b", "the caller did not"),
    (r"\byou are\b", "the caller is"),
    (r"\byou're\b", "the caller is"),
    (r"\byou were\b", "the caller was"),
    (r"\byou have\b", "the caller has"),
    (r"\byou've\b", "the caller has"),
    (r"\byours\b", "the caller's"),
    (r"\byour\b", "the caller's"),
    (r"\byourself\b", "themselves"),
    (r"\byou\b", "the caller"),
    (r"\bI'm\b", "the assistant is"),
    (r"\bI am\b", "the assistant is"),
    (r"\bI've\b", "the assistant has"),
    (r"\bI\b", "the assistant"),
    (r"\bme\b", "the assistant"),
    (r"\bmy\b", "the assistant's"),
)


def _keep_case(replacement: str) -> Callable[[re.Match[str]], str]:
    """The replacement, capitalised where it opens a sentence."""

    def replace(match: re.Match[str]) -> str:
        before = match.string[: match.start()].rstrip(" (")
        opens_sentence = not before or before[-1] in ".!?:\n"
        return replacement[0].upper() + replacement[1:] if opens_sentence else replacement

    return replace


CALLER_ES = "la persona que llama"
REWRITES_ES: Tuple[Tuple[str, str], ...] = (
    (r"\bdígame si fue otro año\b", "pregunte si fue otro año"),
    (r"\bdígame si fue en otro año\b", "pregunte si fue en otro año"),
    (r"\bdígame qué pagó\b", f"pregunte qué pagó {CALLER_ES}"),
    (r"\bdígame\b", f"pregunte a {CALLER_ES}"),
    (r"\busted no\b", f"{CALLER_ES} no"),
    (r"\bustedes\b", "las personas que llaman"),
    (r"\busted\b", CALLER_ES),
    (r"\bsu pago\b", f"el pago de {CALLER_ES}"),
    (r"\bsus pagos\b", f"los pagos de {CALLER_ES}"),
    (r"\bsu fecha\b", f"la fecha de {CALLER_ES}"),
    (r"\bsus fechas\b", f"las fechas de {CALLER_ES}"),
    (r"\bsu tarjeta\b", f"la tarjeta de {CALLER_ES}"),
    (r"\bsu ciudad\b", f"la ciudad de {CALLER_ES}"),
    (r"\bsu forma de pago\b", f"la forma de pago de {CALLER_ES}"),
    (r"\bsu banco\b", f"el banco de {CALLER_ES}"),
    (r"\bsus datos\b", f"los datos de {CALLER_ES}"),
    (r"\bsu información\b", f"la información de {CALLER_ES}"),
    (r"\bsu caso\b", f"el caso de {CALLER_ES}"),
    (r"\bsu respuesta\b", f"la respuesta de {CALLER_ES}"),
    (r"\bsu pregunta\b", f"la pregunta de {CALLER_ES}"),
    (r"\bsu carta\b", f"la carta de {CALLER_ES}"),
    (r"\bsu cuenta\b", f"la cuenta de {CALLER_ES}"),
    (r"\bsu compañía de tarjeta\b", f"la compañía de tarjeta de {CALLER_ES}"),
    (r"\bno tengo\b", "el asistente no tiene"),
    (r"\btengo\b", "el asistente tiene"),
    (r"\bno puedo\b", "el asistente no puede"),
    (r"\bpuedo\b", "el asistente puede"),
    (r"\btomé\b", "el asistente tomó"),
    (r"\bentendí\b", "el asistente entendió"),
    (r"\bleí\b", "el asistente leyó"),
    (r"\bsupuse\b", "el asistente supuso"),
    (r"\breviso\b", "el asistente revisa"),
    (r"\brevisé\b", "el asistente revisó"),
    (r"\bconsideré\b", "el asistente consideró"),
    (r"\binterpreté\b", "el asistente interpretó"),
    (r"\bcontesto\b", "el asistente contesta"),
    (r"\brespondo\b", "el asistente responde"),
    (r"\byo\b", "el asistente"),
)

_TABLES: Dict[str, Tuple[Tuple[str, str], ...]] = {ENGLISH: REWRITES, SPANISH: REWRITES_ES}
_COMPILED_BY_LOCALE: Dict[str, List[Tuple[Pattern[str], str]]] = {
    locale: [(re.compile(pattern, re.IGNORECASE), repl) for pattern, repl in table]
    for locale, table in _TABLES.items()
}
_COMPILED = _COMPILED_BY_LOCALE[ENGLISH]
# A notice's own words, quoted, are never rewritten.
_QUOTED = re.compile(r"(\u201c[^\u201d]*\u201d|\"[^\"]*\")")


def _rewrite(text: str) -> str:
    compiled = _COMPILED_BY_LOCALE.get(current_locale(), _COMPILED)
    for pattern, replacement in compiled:
        text = pattern.sub(_keep_case(replacement), text)
    return text


def about_the_caller(text: str) -> str:
    """A resident's sentence as the agent reads it: 'You paid online' -> 'The caller paid online'
    ('Usted pagó en línea' -> 'La persona que llama pagó en línea' when speaking Spanish; quoted
    words stay as quoted)."""
    parts = _QUOTED.split(text)
    return "".join(part if i % 2 else _rewrite(part) for i, part in enumerate(parts))
