"""The widget channel's pieces that need no browser: origins, the city configuration, the budget."""

from __future__ import annotations

import gzip

from assistant.channels.widget import STATIC, city_config, parse_origins


def test_origins_from_the_setting():
    assert parse_origins("https://www.odessa-tx.gov/, https://odessa-tx.gov") == [
        "https://www.odessa-tx.gov",
        "https://odessa-tx.gov",
    ]
    assert parse_origins("") == [] and parse_origins(None) == []


def test_a_city_config_gives_its_phone_first_then_the_national_line(knowledge):
    config = city_config(knowledge, "bakersfield-ca")
    assert config["city"] == {"id": "bakersfield-ca", "name": "Bakersfield, CA"}
    assert [c["phone"] for c in config["call"]] == ["888-278-8028", "1-877-438-4338"]
    assert "www.bakersfieldcity.us/click2govnotice" in config["links"]


def test_a_city_without_a_phone_or_no_city_gets_the_national_line(knowledge):
    for city_id in ("odessa-tx", None, "atlantis-xx"):
        config = city_config(knowledge, city_id)
        assert [c["phone"] for c in config["call"]] == ["1-877-438-4338"]
    assert city_config(knowledge, None)["city"] is None


def test_only_addresses_the_knowledge_gives_are_linkable(knowledge):
    links = city_config(knowledge, None)["links"]
    assert "www.ic3.gov" in links and "www.ftc.gov/idtheft" in links
    assert all(not link.startswith("http") and not link.endswith((".", "/")) for link in links)


def test_the_widget_is_small_and_self_contained():
    script = (STATIC / "widget.js").read_bytes()
    style = (STATIC / "widget.css").read_bytes()
    assert len(gzip.compress(script)) + len(gzip.compress(style)) < 50_000
    assert b"url(" not in style and b"@import" not in style  # no fonts or images from elsewhere
    assert b"innerHTML" not in script and b"insertAdjacentHTML" not in script  # text only


def test_a_city_id_is_letters_and_hyphens_so_no_number_is_kept_as_one(knowledge):
    from assistant.channels.widget import CITY_ID

    assert all(CITY_ID.match(city.id) for city in knowledge.cities)
    for typed in ("4111-1111-1111-1111", "123-45-6789", "odessa-tx-4321", "x" * 65, "Odessa"):
        assert not CITY_ID.match(typed), typed
