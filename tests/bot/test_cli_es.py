"""`python -m bot check --lang es` as a real process: the agent's script and the JSON in Spanish
(the same keys and ids), the date and the way of paying read as Spanish is written."""

from __future__ import annotations

import json

from tests.bot.test_cli import run_bot
from tests.bot.wording.spanish_output import english_leaks

ODESSA = (
    "--city",
    "Odessa",
    "--date",
    "3 de septiembre de 2019",
    "--method",
    "en línea con tarjeta",
)


def test_check_in_spanish_prints_a_spanish_script(tmp_path):
    done = run_bot("check", *ODESSA, "--lang", "es", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    order = [
        text.index(h)
        for h in ("VEREDICTO:", "Por qué:", "Qué hacer ahora:", "A quién contactar:", "Fuentes:")
    ]
    assert order == sorted(order)
    assert "(affected)" in text.splitlines()[0]
    assert "Ciudad: Odessa, TX" in text
    assert not english_leaks(text), english_leaks(text)


def test_check_json_in_spanish_keeps_the_contract(tmp_path):
    english = run_bot(
        "check",
        "--city",
        "Odessa",
        "--date",
        "Sept 3 2019",
        "--method",
        "online card",
        "--json",
        tmp_path=tmp_path,
    )
    spanish = run_bot("check", *ODESSA, "--json", "--lang", "es", tmp_path=tmp_path)
    assert english.returncode == 0 and spanish.returncode == 0, spanish.stderr
    en, es = json.loads(english.stdout), json.loads(spanish.stdout)
    assert list(es) == list(en)
    assert {"verdict", "city", "reason", "steps", "contacts", "sources"} <= set(es)
    assert es["verdict"] == en["verdict"] == "affected"
    assert es["reasons"] == en["reasons"] and es["city_id"] == en["city_id"] == "odessa-tx"
    assert [s["quote"] for s in es["sources"]] == [s["quote"] for s in en["sources"]]
    assert es["reason"] != en["reason"] and es["steps"] != en["steps"]
    for value in (
        es["headline"],
        es["reason"],
        *es["steps"],
        *(c["label"] for c in es["contacts"]),
    ):
        assert not english_leaks(value), (value, english_leaks(value))


def test_a_spanish_date_it_cannot_read_is_a_clear_spanish_error(tmp_path):
    done = run_bot(
        "check",
        "--city",
        "Odessa",
        "--date",
        "morado",
        "--method",
        "en línea",
        "--lang",
        "es",
        tmp_path=tmp_path,
    )
    assert done.returncode == 2
    assert "No pude entender la fecha 'morado'" in done.stderr
    assert "3 de septiembre de 2019" in done.stderr  # an example of what works
    assert "Traceback" not in done.stderr


def test_without_lang_the_check_is_in_english(tmp_path):
    done = run_bot(
        "check",
        "--city",
        "Odessa",
        "--date",
        "Sept 3 2019",
        "--method",
        "online",
        tmp_path=tmp_path,
    )
    assert done.returncode == 0 and done.stdout.startswith("VERDICT: ")
