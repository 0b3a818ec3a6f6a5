"""The catalog: every sentence the assistant writes, keyed by its English text and the locale.

The English text is the key (gettext's msgid); each other locale's text is in gettext catalogs,
`bot/locale/<locale>/LC_MESSAGES/*.po`, which translators' tools (Poedit, Weblate) read and
`python -m bot i18n check` verifies. One file per area of the assistant (replies, wording, sms,
...); the catalog of a locale is all its files together.

    t("Your payment was not affected.")            # the sentence in the current locale
    t("You paid {method} on {date}.", method=..., date=...)   # named placeholders, filled after
    N_("by phone")                                  # marks a table entry; t() looks it up later

The current locale is set around a rendering with `speaking(locale)` (a context variable, so
concurrent conversations on one event loop never see each other's). A sentence missing from a
catalog falls back to English; `tests/bot/test_i18n.py` fails on any such sentence, so a missing
translation is a failing test, never a KeyError in the middle of a check.
"""

from __future__ import annotations

import string
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

from babel.messages.pofile import read_po

ENGLISH = "en"
SPANISH = "es"
LOCALES = (ENGLISH, SPANISH)
CATALOGS = Path(__file__).resolve().parent / "locale"

_CURRENT: ContextVar[str] = ContextVar("bot_locale", default=ENGLISH)


def supported(locale: Optional[str]) -> str:
    """The locale itself when the assistant speaks it, else English."""
    return locale if locale in LOCALES else ENGLISH


def catalog_files(locale: str, folder: Path = CATALOGS) -> List[Path]:
    return sorted((folder / locale / "LC_MESSAGES").glob("*.po"))


@cache
def catalog(locale: str, folder: Path = CATALOGS) -> Dict[str, str]:
    """Every translated sentence of a locale: English text -> the locale's text. Entries marked
    fuzzy (a translation not yet checked) or left empty are not used."""
    entries: Dict[str, str] = {}
    for path in catalog_files(locale, folder):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=locale):
                usable = isinstance(message.id, str) and message.string and not message.fuzzy
                if message.id and usable:
                    entries[message.id] = message.string
    return entries


def current_locale() -> str:
    return _CURRENT.get()


@contextmanager
def speaking(locale: Optional[str]) -> Iterator[str]:
    """Everything rendered inside is in `locale` (English when it is not one the assistant
    speaks)."""
    token = _CURRENT.set(supported(locale))
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)


def translate(message: str, locale: Optional[str] = None) -> str:
    """The catalog's text for `message` in `locale` (the current one by default), unfilled."""
    locale = supported(locale or current_locale())
    if locale == ENGLISH or not message:
        return message
    return catalog(locale).get(message, message)


def t(message: str, **values: Any) -> str:
    """The sentence in the current locale, with its {placeholders} filled from `values`."""
    text = translate(message)
    return text.format(**values) if values else text


def N_(message: str) -> str:  # noqa: N802 (gettext's name for a marker)
    """Marks a table's English text for the catalog; `t()` translates it where it is used."""
    return message


def translate_reply(response: Dict[str, Any], locale: Optional[str]) -> Dict[str, Any]:
    """A domain response (its text and its buttons' titles) in `locale`; payloads unchanged."""
    if supported(locale) == ENGLISH:
        return response
    translated = dict(response)
    if translated.get("text"):
        translated["text"] = translate(translated["text"], locale)
    if translated.get("buttons"):
        translated["buttons"] = [
            {**button, "title": translate(button.get("title") or "", locale)}
            for button in translated["buttons"]
        ]
    return translated


def pick(record: Any, field: str = "text") -> Any:
    """A knowledge record's text in the current locale: its `<field>_es` beside the English
    `<field>` when speaking Spanish (the knowledge files carry both), else the English."""
    english = getattr(record, field)
    if current_locale() == ENGLISH:
        return english
    return getattr(record, f"{field}_{current_locale()}", None) or english


def placeholders(text: str) -> List[str]:
    """The names of a sentence's {placeholders}, sorted (a translation must use the same)."""
    return sorted(
        {name for _, name, _, _ in string.Formatter().parse(text) if name is not None and name}
    )
