"""How a resident paid, said in Spanish: the words for each channel and instrument.

Matched on the lower-cased message without accents (bot/date_es.py `fold`), before the English
words (bot/methods.py): Spanish speakers say "online" and "autopay" too. One table per fact,
keyed by the enums of bot/knowledge/vocabulary.py.
"""

from __future__ import annotations

from typing import Dict, Sequence, Tuple

from bot.knowledge.vocabulary import Channel, Instrument

# Tried in this order: the first channel whose words appear wins (as in English).
CHANNEL_WORDS_ES: Tuple[Tuple[Channel, Sequence[str]], ...] = (
    (
        Channel.AUTOPAY_NEW,
        (
            r"\b(?:me inscribi|me registre|active|configure|puse|programe)\b.{0,25}"
            r"\b(?:pago|debito|cargo) automatico",
        ),
    ),
    (
        Channel.AUTOPAY_EXISTING,
        (
            r"\b(?:pago|debito|cargo|cobro)s? automatico",
            r"\bautomaticamente\b",
            r"\bdomiciliad[oa]\b",
            r"\bpago recurrente\b",
        ),
    ),
    (
        Channel.THIRD_PARTY,
        (
            r"\bbanca en linea\b",
            r"\b(?:por|a traves de|desde) (?:la pagina de )?mi banco\b",
            r"\bpago de facturas de mi banco\b",
        ),
    ),
    (
        Channel.KIOSK,
        (
            r"\bquiosco\b",
            r"\bkiosco\b",
            r"\bmaquina de pago",
        ),
    ),
    (
        Channel.IN_PERSON,
        (
            r"\ben persona\b",
            r"\ben la (?:alcaldia|municipalidad|oficina|ventanilla|caja|presidencia municipal)\b",
            r"\ben el (?:ayuntamiento|municipio|mostrador)\b",
            r"\bfui (?:a|al)\b",
            r"\ben efectivo\b",
        ),
    ),
    (
        Channel.MAIL,
        (
            r"\bpor correo(?! electronico)\b",
            r"\bpor correo postal\b",
            r"\b(?:mande|envie) (?:un|el|mi) cheque\b",
            r"\bbuzon\b",
        ),
    ),
    (
        Channel.PHONE,
        (
            r"\bpor telefono\b",
            r"\b(?:llame|hable) (?:a|al|por)\b",
            r"\bllamada\b",
            r"\btelefonicamente\b",
            r"^telefono$",
        ),
    ),
    (
        Channel.ONLINE_ONE_TIME,
        (
            r"\ben linea\b",
            r"\bpor internet\b",
            r"\b(?:en|por) la (?:pagina|pagina web|web|pagina de internet)\b",
            r"\bsitio web\b",
            r"\bel portal\b",
            r"\b(?:en|desde) (?:mi|el) (?:computadora|celular|telefono movil)\b",
        ),
    ),
)
INSTRUMENT_WORDS_ES: Dict[Instrument, Sequence[str]] = {
    Instrument.BANK_ACCOUNT: (
        r"\bcheque electronico\b",
        r"\be-?cheque\b",
        r"\bcuenta (?:bancaria|de cheques|de ahorros)\b",
        r"\b(?:de|desde) mi cuenta\b",
        r"\btransferencia\b",
    ),
    Instrument.CASH: (r"\ben efectivo\b", r"\bcash\b"),
    Instrument.CARD: (
        r"\btarjetas?\b",
        r"\bcredito\b",
        r"\bdebito\b(?! automatico)",
        r"\bvisa\b",
        r"\bmaster ?card\b",
    ),
    Instrument.PAPER_CHECK: (r"\bcheques?\b", r"\bgiro postal\b", r"\borden de pago\b"),
}
# Words that say the automatic payment was already running ("ya lo tenía", "cada mes").
EXISTING_AUTOPAY_ES = (
    r"\b(?:ya (?:lo |la )?(?:tenia|estaba|habia)|desde hace (?:anos|meses|tiempo|mucho)|"
    r"cada mes|mensualmente|todos los meses|hace (?:anos|mucho tiempo))\b"
)
