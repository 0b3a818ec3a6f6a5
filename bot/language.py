"""Whether a message is written in Spanish, from words only Spanish uses.

Used where the conversation's language is not known (the REST channel, SMS): a message that
plainly reads as Spanish ("pagué el 3 de septiembre de 2019", "hace dos semanas") has its date
and way of paying read as Spanish. Words Spanish shares with English place names ("El Paso",
"La Quinta", "De Anza") do not count; a month or weekday name counts double, and so does an
opening "¿" or "¡" (only Spanish writes them), an accent once. A score of two is Spanish: a
short English message never reaches it.
"""

from __future__ import annotations

import re
from typing import Optional

from bot.date_es import MONTHS_ES, WEEKDAYS_ES, fold

_SPANISH_WORDS = frozenset(
    """
    del en mis con por para hace fue que cuando semana semanas mes meses ano anos ayer
    hoy anteayer pasado pasada pasados anterior pague pagamos pago pagos pagar tarjeta linea
    creo unos unas mediados principios finales fines alrededor verano invierno primavera otono
    dia dias quincena telefono persona alcaldia correo efectivo automatico ciudad agua
    factura recibo afectado afectada afecto fui estaba tengo tenia como se cual donde quien
    nada nunca tambien pero porque acuerdo recuerdo seguro segura si no
    quiero quisiera necesito puedo puede pueden gracias hola adios hablar ayuda ayudar ayudame
    datos robaron robo robado robada robados hackeo hackearon filtracion cargo cargos cuenta
    banco llamar llamo numero agente humano carta recibi verificar revisar saber estoy soy
    esta estan usted ustedes dinero informacion tarjetas favor buenos buenas tardes noches
    empezar nuevo nueva otra otro vez cosa todo afectaron afectados pagina multa luz es una
    mis mi las los sobre
    """.split()
)
# "no" and "si" are in the list but only count beside another Spanish word (see below).
_WEAK = frozenset(
    {"no", "si", "como", "se", "en", "con", "por", "que", "es", "una", "mi", "mis", "las", "los"}
)
_STRONG = frozenset(MONTHS_ES) | frozenset(WEEKDAYS_ES)
_MARKS = re.compile(r"[¿¡ñáéíóú]", re.IGNORECASE)
_OPENING = re.compile(r"[¿¡]")  # only Spanish opens a question or an exclamation


def spanish_score(text: str) -> int:
    """Two or more: the message reads as Spanish."""
    words = re.findall(r"[a-z]+", fold(text))
    strong = sum(2 for word in words if word in _STRONG - {"sept"})
    plain = [word for word in words if word in _SPANISH_WORDS]
    distinct = set(plain) - _WEAK
    score = strong + len(distinct)
    if distinct or strong:
        score += len(set(plain) & _WEAK)
    return score + (2 if _OPENING.search(text) else 1 if _MARKS.search(text) else 0)


def looks_spanish(text: str) -> bool:
    return spanish_score(text) >= 2


# What a resident types to switch languages, as the whole message (folded: no accents, lower case).
SWITCHES = {
    "espanol": "es",
    "en espanol": "es",
    "spanish": "es",
    "in spanish": "es",
    "english": "en",
    "in english": "en",
    "ingles": "en",
    "en ingles": "en",
}


# One-word messages that can only be Spanish: a greeting or thanks opens many conversations.
SPANISH_ALONE = frozenset({"hola", "buenas", "gracias", "ayuda", "buenos", "saludos", "ola"})


def language_switch(text: str) -> Optional[str]:
    """'español' / 'English' typed alone: the language the resident switches to, else None."""
    words = re.findall(r"[a-z]+", fold(text))
    return SWITCHES.get(" ".join(words)) if len(words) <= 2 else None


def language_after(current: Optional[str], stated: Optional[str], text: str) -> Optional[str]:
    """The conversation's language after a message. In order: what the channel states (the
    widget's data-lang, the console's switch, an SMS number's ESPAÑOL); a switch the resident
    types; the language already set; else, for a message of two words or more, the language it
    reads as, and for one word only a greeting that can only be Spanish ("hola"): a button's
    "/payload" or a one-word "ok" decides nothing. None: not known yet."""
    if stated in ("en", "es"):
        return stated
    text = text or ""
    switch = language_switch(text)
    if switch is not None:
        return switch
    if current in ("en", "es"):
        return current
    words = re.findall(r"\w+", text)
    if text.startswith("/") or not words:
        return None
    if len(words) < 2:
        return "es" if fold(words[0]) in SPANISH_ALONE else None
    return "es" if looks_spanish(text) else "en"
