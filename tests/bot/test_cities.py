"""City resolution: aliases, case, punctuation, state suffixes, misspellings, other countries."""

from __future__ import annotations

import pytest

from bot.cities import find_city_mention, normalise_name, resolve_city, split_qualifier


@pytest.mark.parametrize(
    "text, city_id",
    [
        ("Odessa", "odessa-tx"),
        ("odessa", "odessa-tx"),
        ("Odessa, TX", "odessa-tx"),
        ("odessa texas", "odessa-tx"),
        ("Odessa TX", "odessa-tx"),
        ("City of Odessa", "odessa-tx"),
        ("MWC", "midwest-city-ok"),
        ("midwest city, oklahoma", "midwest-city-ok"),
        ("Midwest City, Okla.", "midwest-city-ok"),
        ("St Pete", "st-petersburg-fl"),
        ("St. Petersburg", "st-petersburg-fl"),
        ("Saint Petersburg, FL", "st-petersburg-fl"),
        ("saint petersburg florida", "st-petersburg-fl"),
        ("St. Petersburg, USA", "st-petersburg-fl"),
        ("bakersfeild", "bakersfield-ca"),
        ("Bakersfield, Calif.", "bakersfield-ca"),
        ("Odesa", "odessa-tx"),
        ("Normann", "norman-ok"),
        ("  NORMAN  ", "norman-ok"),
        ("Tyler", "tyler-tx"),
        ("Oxnard, CA", "oxnard-ca"),
    ],
)
def test_known_cities_resolve(knowledge, text, city_id):
    match = resolve_city(text, knowledge.city_names())
    assert match.found, match
    assert match.city_id == city_id


@pytest.mark.parametrize("text", ["Springfield", "Houston, TX", "Paris", "", "Oklahoma City"])
def test_unknown_cities_do_not_resolve(knowledge, text):
    assert resolve_city(text, knowledge.city_names()).kind == "unknown"


@pytest.mark.parametrize(
    "text, place, state",
    [
        ("St. Petersburg, Russia", "Russia", None),
        ("Odessa, Ukraine", "Ukraine", None),
        ("Odessa, Florida", None, "FL"),
        ("Norman, TX", None, "TX"),
    ],
)
def test_a_known_name_elsewhere_is_not_silently_matched(knowledge, text, place, state):
    match = resolve_city(text, knowledge.city_names())
    assert match.kind == "other_place"
    assert (match.place, match.state) == (place, state)


def test_qualifier_split():
    assert split_qualifier("Odessa, TX") == ("Odessa", "TX", None)
    assert split_qualifier("norman oklahoma") == ("norman", "OK", None)
    assert split_qualifier("Norman ok") == ("Norman ok", None, None)  # lower-case 'ok' is a word
    assert split_qualifier("St Petersburg Russia") == ("st petersburg", None, "Russia")


def test_normalise_name():
    assert normalise_name("Saint Petersburg") == normalise_name("St. Petersburg") == "st petersburg"
    assert normalise_name("The City of Odessa") == "odessa"


def test_find_city_in_a_sentence(knowledge):
    match = find_city_mention("I paid my Odessa water bill online", knowledge.city_names())
    assert match.city_id == "odessa-tx"
    assert (
        find_city_mention("I paid in St. Pete last fall", knowledge.city_names()).city_id
        == "st-petersburg-fl"
    )
    assert find_city_mention("was my payment affected?", knowledge.city_names()) is None
