"""Whether a message is written in Spanish, from words only Spanish uses.

Used where the conversation's language is not known (the REST channel, SMS): a message that
plainly reads as Spanish ("pagué el 3 de septiembre de 2019", "hace dos semanas") has its date
and way of paying read as Spanish. Words Spanish shares with English place names ("El Paso",
"La Quinta", "De Anza") do not count; a month or weekday name counts double, an accent or an
opening "¿" once. A score of two is Spanish: a short English message never reaches it.
"""

from __future__ import annotations

import re

from bot.date_es import MONTHS_ES, WEEKDAYS_ES, fold

_SPANISH_WORDS = frozenset(
    """
    del en mis con por para hace fue que cuando semana semanas mes meses ano anos ayer
    hoy anteayer pasado pasada pasados anterior pague pagamos pago pagos pagar tarjeta linea
    creo unos unas mediados principios finales fines alrededor verano invierno primavera otono
    dia dias quincena telefono persona alcaldia correo efectivo automatico ciudad agua
    factura recibo afectado afectada afecto fui estaba tengo tenia como se cual donde quien
    nada nunca tambien pero porque acuerdo recuerdo seguro segura si no
    """.split()
)
# "no" and "si" are in the list but only count beside another Spanish word (see below).
_WEAK = frozenset({"no", "si", "como", "se", "en", "con", "por", "que"})
_STRONG = frozenset(MONTHS_ES) | frozenset(WEEKDAYS_ES)
_MARKS = re.compile(r"[¿¡ñáéíóú]", re.IGNORECASE)


def spanish_score(text: str) -> int:
    """Two or more: the message reads as Spanish."""
    words = re.findall(r"[a-z]+", fold(text))
    strong = sum(2 for word in words if word in _STRONG - {"sept"})
    plain = [word for word in words if word in _SPANISH_WORDS]
    distinct = set(plain) - _WEAK
    score = strong + len(distinct)
    if distinct or strong:
        score += len(set(plain) & _WEAK)
    return score + (1 if _MARKS.search(text) else 0)


def looks_spanish(text: str) -> bool:
    return spanish_score(text) >= 2
