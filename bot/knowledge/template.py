"""`python -m bot knowledge new-city "Carson City, NV"`: a commented skeleton for a new city file.

The skeleton is written so that `knowledge validate` walks a city's staff through it: every
placeholder left in it is reported as `file:line: field: message` saying what to put there.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Tuple

from bot.cities import STATE_BY_WORDS, US_STATES

# The time zone most of each state's residents live in; the comment in the file asks to check it
# for the states that span two zones.
_ZONES = """
    AL America/Chicago  AK America/Anchorage  AZ America/Phoenix
    AR America/Chicago  CA America/Los_Angeles  CO America/Denver
    CT America/New_York  DE America/New_York  DC America/New_York
    FL America/New_York  GA America/New_York  HI Pacific/Honolulu
    ID America/Boise  IL America/Chicago  IN America/Indiana/Indianapolis
    IA America/Chicago  KS America/Chicago  KY America/New_York
    LA America/Chicago  ME America/New_York  MD America/New_York
    MA America/New_York  MI America/Detroit  MN America/Chicago
    MS America/Chicago  MO America/Chicago  MT America/Denver
    NE America/Chicago  NV America/Los_Angeles  NH America/New_York
    NJ America/New_York  NM America/Denver  NY America/New_York
    NC America/New_York  ND America/Chicago  OH America/New_York
    OK America/Chicago  OR America/Los_Angeles  PA America/New_York
    RI America/New_York  SC America/New_York  SD America/Chicago
    TN America/Chicago  TX America/Chicago  UT America/Denver
    VT America/New_York  VA America/New_York  WA America/Los_Angeles
    WV America/New_York  WI America/Chicago  WY America/Denver
"""
STATE_TIME_ZONES = dict(zip(_ZONES.split()[::2], _ZONES.split()[1::2], strict=True))
TWO_ZONE_STATES = {"AK", "FL", "ID", "IN", "KS", "KY", "MI", "NE", "ND", "OR", "SD", "TN", "TX"}


class CityNameInvalid(ValueError):
    """The place was not written as 'City, ST'."""


def parse_place(place: str) -> Tuple[str, str]:
    """'Carson City, NV' or 'Carson City, Nevada' -> ('Carson City', 'NV')."""
    found = re.match(r"^\s*(.+?)\s*,?\s+([A-Za-z][A-Za-z .]+?)\s*$", place)
    if found:
        name, state = found.group(1).strip(" ,"), found.group(2).strip(" .")
        code = state.upper() if state.upper() in US_STATES else STATE_BY_WORDS.get(state.lower())
        if code and name:
            return " ".join(name.split()), code
    raise CityNameInvalid(
        f'Write the city and its state, for example "Carson City, NV" (not {place!r}).'
    )


def city_file_id(name: str, state: str) -> str:
    """'St. Petersburg', 'FL' -> 'st-petersburg-fl' (the file name and the city's id)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "").replace(".", "")).strip("-")
    return f"{slug}-{state.lower()}"


def city_template(name: str, state: str) -> str:
    """The skeleton's text: required fields with placeholders, optional ones commented out."""
    city_id = city_file_id(name, state)
    zone = STATE_TIME_ZONES[state]
    zone_note = (
        "  # this state spans two time zones: check the city's" if state in TWO_ZONE_STATES else ""
    )
    notice = f"{city_id}-notice"
    return f"""# {name}, {US_STATES[state].title()} — written by `python -m bot knowledge new-city`.
#
# Fill this in from the city's own notice (knowledge/README.md explains every field):
#  1. Save the notice's text as knowledge/notices/{notice}.txt (copy it from the web page or
#     the PDF; keep the words, the line breaks do not matter) and add an entry for it to
#     knowledge/notices/notices.yaml:
#       - id: {notice}
#         kind: city_notice        # or news_article, when it is a report about the city
#         publisher: ...           # who published it, as the notice names itself: "City of
#                                  # ...", "Town of ...", "Village of ...", or the newspaper
#         publisher_es: ...        # the same in Spanish: "Ciudad de ...", "Pueblo de ..."
#         title: ...               # the notice's title, as written
#         published: YYYY-MM-DD    # leave it out when the text shows no date
#         url: ...                 # where residents can read it, if it is online
#         evidence: ["...a line of the notice with its title or date..."]
#  2. Replace every "COPY ..." below with words copied exactly from the notice, and every
#     YYYY-MM-DD with a date. Delete the sections the notice says nothing about.
#  3. Every text residents read is written twice: in English, and in Spanish beside it in the
#     same field with `_es` added (text_es, short_es, label_es, hours_es, what_es, how_es), in
#     plain Spanish with "usted", phone numbers and web addresses as in the English. Quotes stay
#     as the notice wrote them: they are never translated.
#  4. Run `python -m bot knowledge validate`: it lists anything still to fix, by line.
city: {name}
state: {state}
time_zone: {zone}{zone_note}
aliases: []                       # other names residents use, e.g. ["{name} {US_STATES[state].title()}"]
status: confirmed                 # confirmed | under_investigation | named_without_details
status_source:
  notice: {notice}
  quote: "COPY the sentence that says the city's payments were breached"
  basis: stated

notice: {notice}

windows:                          # when payments were exposed; add one entry per range
  - start: YYYY-MM-DD
    end: YYYY-MM-DD
    kind: confirmed               # or unpublished_dates: only some unnamed dates were hit
    # services: [utility]         # only when the range applies to some payments only
    source: &window
      notice: {notice}
      quote: "COPY the sentence with the dates"
      basis: stated               # inferred (and add `how:` and `how_es:`) when the year is not written
      # how: The notice gives no year; ...            # how it was worked out, in English
      # how_es: El aviso no da el año; ...            # and the same in Spanish

methods:
  affected:                       # the payments the notice says were affected
    - channels: [online_one_time] # online_one_time autopay_new autopay_existing phone in_person kiosk mail third_party
      instruments: [card]         # card bank_account paper_check cash
      # exclusive: true           # when the notice says ONLY these were affected
      source:
        notice: {notice}
        quote: "COPY the sentence naming the affected payments"
        basis: stated
  not_affected: []                # e.g. - {{channels: [phone], source: ...}}

data_exposed:                     # card_number card_details cardholder_name billing_address
  - item: card_details            # card_expiration security_code bank_account_number
    source:                       # routing_number email address ssn date_of_birth
      notice: {notice}
      quote: "COPY the sentence naming what was taken"
      basis: stated

contacts: []                      # e.g. - purpose: questions
                                  #        label: {name} breach questions line
                                  #        label_es: Línea de preguntas de {name} sobre la filtración
                                  #        phone: 1-800-000-0000
                                  #        hours: Monday to Friday, 8 am to 5 pm
                                  #        hours_es: De lunes a viernes, de 8 a.m. a 5 p.m.
                                  #        source: ...

# Each text below has its Spanish beside it (`text_es`, `what_es`, `short_es`).
# online_payments: {{status: safe, text: ..., text_es: ..., source: ...}}   # safe | suspended | unknown
# letters:
#   text: The city is sending letters to affected customers.
#   text_es: La ciudad está enviando cartas a los clientes afectados.
#   source: ...
# counts:
#   - {{what: customers affected, what_es: clientes afectados, value: 1234, source: ...}}
# services:
#   - {{service: utility, source: ...}}
# steps: []                       # - {{id: ..., text: ..., text_es: ..., short: ..., short_es: ..., verdicts: [...], source: ...}}
# notes: []                       # - {{text: ..., text_es: ..., source: ...}}
"""


def write_city_template(folder: Path, place: str, replace: bool = False) -> Path:
    """Write cities/<id>.yaml in the knowledge folder; refuses to overwrite unless asked."""
    name, state = parse_place(place)
    path = Path(folder) / "cities" / f"{city_file_id(name, state)}.yaml"
    if path.exists() and not replace:
        raise FileExistsError(f"{path} already exists; edit it, or add --force to start again.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(city_template(name, state), encoding="utf-8")
    return path
