"""The catalog: every sentence the assistant writes has its Spanish text, with the same
placeholders; a missing one is a failing test here, never an English sentence in a Spanish reply."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.i18n import catalog, current_locale, pick, speaking, t, translate
from bot.i18n_extract import all_messages, problems

PO = """
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Your payment was not affected."
msgstr "Su pago no se vio afectado."

msgid "You paid {method} on {date}."
msgstr "Usted pagó {method} el {date}."

#, fuzzy
msgid "Hello"
msgstr "Hola"
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "es" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "es" / "LC_MESSAGES" / "replies.po").write_text(PO, encoding="utf-8")
    return tmp_path


def test_every_sentence_has_its_spanish_text_with_the_same_placeholders() -> None:
    found = problems("es")
    assert not found, "\n".join(str(p) for p in found[:40]) + f"\n({len(found)} in all)"


def test_the_catalog_covers_code_and_domain_replies() -> None:
    messages = all_messages()
    assert any(p.file.startswith("domain.yml") for places in messages.values() for p in places)
    assert any(p.file.startswith("bot/wording") for places in messages.values() for p in places)


def test_a_missing_or_fuzzy_entry_is_reported(folder: Path, tmp_path: Path) -> None:
    entries = catalog("es", folder)
    assert entries["Your payment was not affected."] == "Su pago no se vio afectado."
    assert "Hello" not in entries  # fuzzy: not yet checked by a translator


def test_sentences_are_filled_in_the_locale_spoken() -> None:
    english = "You paid {method} on {date}."
    assert t(english, method="by phone", date="May 1") == "You paid by phone on May 1."
    assert current_locale() == "en"
    with speaking("es"):
        assert current_locale() == "es"
        with speaking("fr"):  # not spoken: English
            assert current_locale() == "en"
        assert current_locale() == "es"
    assert translate("a sentence no catalog has", "es") == "a sentence no catalog has"


def test_a_knowledge_text_is_read_in_the_locale_spoken() -> None:
    step = SimpleNamespace(text="Call your bank.", text_es="Llame a su banco.")
    bare = SimpleNamespace(text="Call your bank.")
    assert pick(step) == "Call your bank."
    with speaking("es"):
        assert pick(step) == "Llame a su banco."
        assert pick(bare) == "Call your bank."
