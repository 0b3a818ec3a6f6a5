"""How a resident paid, said in Spanish: the words for each channel and instrument.

Matched on the lower-cased message without accents (bot/date_es.py `fold`), before the English
words (bot/methods.py): Spanish speakers say "online" and "autopay" too. One table per fact,
keyed by the enums of bot/knowledge/vocabulary.py: the channel, the instrument, and what the
payment was for (the service: "mi recibo del agua", "una multa de estacionamiento").
"""

from __future__ import annotations

from typing import Dict, Sequence, Tuple

from bot.knowledge.vocabulary import Channel, Instrument, Service

# An automatic payment, and the verbs of signing up for one (a new enrollment, not one running).
_AUTOMATIC = r"(?:pago|debito|cargo|cobro)s? automatico"
_SIGNED_UP = (
    r"me inscribi|nos inscribimos|me registre|nos registramos|me di de alta|nos dimos de alta|"
    r"me apunte|me suscribi|me afilie|me anote|recien active|active|configure|programe|puse|"
    r"inscribi|registre|inscribirme|registrarme|darme de alta|"
    r"(?:me|nos) (?:inscribio|inscribieron|registro|registraron|dio de alta|dieron de alta)"
)
# Tried in this order: the first channel whose words appear wins (as in English).
CHANNEL_WORDS_ES: Tuple[Tuple[Channel, Sequence[str]], ...] = (
    (
        Channel.AUTOPAY_NEW,
        (
            # a verb of signing up, then the automatic payment: "me inscribí al pago automático",
            # "me di de alta en el pago automático", "recién activé el débito automático"
            rf"\b(?:{_SIGNED_UP})\b.{{0,30}}\b{_AUTOMATIC}",
            # a new enrollment named: "una nueva inscripción en línea al pago automático",
            # "inscripción nueva al pago automático", "un pago automático nuevo"
            rf"\b(?:nuev[oa]s? (?:inscripcion|registro|alta|afiliacion)|"
            rf"(?:inscripcion|registro|alta|afiliacion) nuev[oa])\b.{{0,30}}\b{_AUTOMATIC}",
            rf"\bnuev[oa] {_AUTOMATIC}|\b{_AUTOMATIC} (?:nuev[oa]|recien (?:activad|inscrit)[oa])\b",
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
# Words that say the automatic payment was already running ("ya lo tenía", "cada mes", "un pago
# automático ya existente").
EXISTING_AUTOPAY_ES = (
    r"\b(?:ya (?:lo |la )?(?:tenia|tengo|estaba|habia)|ya existente|existente|de antes|desde antes|"
    r"desde hace (?:anos|meses|tiempo|mucho)|cada mes|mensualmente|todos los meses|"
    r"hace (?:anos|meses|mucho tiempo))\b"
)

# What the payment was for, tried in this order (fees before permits and licenses: "tarifas de
# permisos y licencias" is one fee). Words as in English: any permit is a building permit, any
# license a business license, "parking" a parking ticket; a fine alone ("una multa") says no
# service, as "a ticket" does not in English.
SERVICE_WORDS_ES: Dict[Service, str] = {
    Service.PERMITTING_LICENSING_FEE: (
        r"\b(?:tarifa|cuota|cargo|derecho|tasa)s? (?:de|por) (?:los |las )?"
        r"(?:permisos?|licencias?|tramites?)\b|\bplaneacion y zonificacion\b|\bzonificacion\b"
    ),
    Service.UTILITY: (
        r"\b(?:agua|luz|electricidad|drenaje|alcantarillado|basura|recoleccion de basura|"
        r"servicios? publicos?|servicios? de agua|gas)\b"
    ),
    Service.BUILDING_PERMIT: (
        r"\bpermisos? de (?:construccion|obra|edificacion)\b|\blicencias? de construccion\b|"
        r"(?<!\bcon )\bpermisos?\b(?! de (?:estacionamiento|negocio|conducir|manejo))"
    ),
    Service.BUSINESS_LICENSE: (
        r"\blicencias? (?:de negocios?|comercial(?:es)?|de funcionamiento|municipal(?:es)?)\b|"
        r"\bpermisos? de negocios?\b|\bimpuestos? (?:de|sobre) (?:los )?negocios?\b|"
        r"\blicencias?\b(?! de (?:conducir|manejo|maternidad|paternidad))"
    ),
    Service.PARKING_TICKET: r"\b(?:estacionamiento|estacionar|parqueo|parquear|parking|parquimetros?)\b",
    Service.CIVIL_CITATION: (
        r"\b(?:citacion|citaciones|citatorio)(?: civil(?:es)?)?\b|"
        r"\b(?:multa|infraccion)s? (?:municipal(?:es)?|de la ciudad|del municipio|de codigo|"
        r"por violacion)\b|\b(?:violacion|cumplimiento|aplicacion)(?:es)? (?:de|del) codigo\b"
    ),
    Service.OTHER: (
        # a department or a fee by name; "otro" only as the whole answer ("otro pago" asks for
        # another check)
        r"\bparques y recreacion\b|\b(?:multas?|cuotas?) de (?:la )?biblioteca\b"
        r"|^\s*(?:otro|otra|otra cosa|algo mas|algo distinto|otros? pagos? a la ciudad)\s*[.!]?\s*$"
    ),
}
