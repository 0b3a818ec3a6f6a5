"""Every text a resident reads is written in English and in Spanish.

The schema (`bot/knowledge/schema.py`) gives each such English field `<field>` a Spanish one,
`<field>_es`, beside it: which fields those are follows from the schema alone. Validation reports,
as `file:line: field: message` and in the same pass as every other problem:

- an English text without its Spanish (`steps[0].text_es: no Spanish text for 'text' ...`);
- a Spanish text without the English one it translates;
- a Spanish text that leaves out a phone number or web address of the English one (they are kept
  as written, so that what a resident dials or types is the same in both languages).

The files checked are the cities, national.yaml, steps.yaml, advice.yaml and notices/notices.yaml
(a notice's `publisher`, `about` and `caution`, which every citation shows). A notice's own words
(`quote`, `hedge`) and its `title` (a document's name) are not translated and have no `_es` field.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterator, List, Optional, Tuple, Type

from pydantic import BaseModel

from bot.knowledge.addresses import WEB_ADDRESS, plain_address
from bot.knowledge.problems import Problem, field_name, line_of
from bot.knowledge.quotes import PHONE_NUMBER
from bot.knowledge.yamlread import Lines, Path_

SPANISH = "es"
SUFFIX = f"_{SPANISH}"
README = 'knowledge/README.md, "In Spanish"'


def spanish_of(field: str) -> str:
    """'text' -> 'text_es': the name `bot.i18n.pick` looks for."""
    return f"{field}{SUFFIX}"


def _by_key(model: Type[BaseModel]) -> Dict[str, Any]:
    return {f.alias: f for f in model.__fields__.values()}


def translated_fields(model: Type[BaseModel]) -> Dict[str, str]:
    """The model's English keys that have a Spanish one beside them: {'text': 'text_es', ...}."""
    keys = _by_key(model)
    return {key: spanish_of(key) for key in keys if spanish_of(key) in keys}


def _inner_model(model: Type[BaseModel], key: Any) -> Optional[Type[BaseModel]]:
    field = _by_key(model).get(key)
    inner = field.type_ if field is not None else None
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _phones(text: str) -> List[str]:
    return [re.sub(r"\D", "", phone)[-10:] for phone in PHONE_NUMBER.findall(text)]


def _addresses(text: str) -> List[str]:
    return [plain_address(found.group(0)) for found in WEB_ADDRESS.finditer(text)]


def left_out(english: str, spanish: str) -> List[str]:
    """The phone numbers and web addresses of the English text that the Spanish one lacks."""
    phones, addresses = set(_phones(spanish)), set(_addresses(spanish))
    missing = [p for p in PHONE_NUMBER.findall(english) if re.sub(r"\D", "", p)[-10:] not in phones]
    missing += [a for a in _addresses(english) if a not in addresses]
    return list(dict.fromkeys(missing))


def _pairs(
    data: Any, model: Type[BaseModel], path: Path_ = ()
) -> Iterator[Tuple[Path_, dict, str, str, bool]]:
    """Every (path of a mapping, the mapping, English key, Spanish key, English required) in a
    file as written, following the model through nested records and lists."""
    if isinstance(data, list):
        for i, item in enumerate(data):
            yield from _pairs(item, model, path + (i,))
        return
    if not isinstance(data, dict):
        return
    fields = _by_key(model)
    for english, spanish in translated_fields(model).items():
        yield path, data, english, spanish, fields[english].required
    for key, value in data.items():
        inner = _inner_model(model, key)
        if inner is not None:
            yield from _pairs(value, inner, path + (key,))


def spanish_problems(label: str, data: Any, lines: Lines, model: Type[BaseModel]) -> List[Problem]:
    """The problems of one file's texts as written: each English text has its Spanish, each
    Spanish text its English, and the Spanish keeps the English's phone numbers and addresses."""
    problems: List[Problem] = []

    def problem(path: Path_, at: Path_, message: str) -> None:
        problems.append(Problem(label, field_name(path), line_of(lines, at), message))

    for path, mapping, english, spanish, required in _pairs(data, model):
        text, translation = mapping.get(english), mapping.get(spanish)
        if isinstance(text, str) and text.strip() and translation is None:
            problem(
                path + (spanish,),
                path + (english,),
                f"no Spanish text for '{english}': add `{spanish}:` beside it with the same "
                f"text in Spanish ({README})",
            )
        elif text is None and translation is not None and not required:
            problem(
                path + (english,),
                path + (spanish,),
                f"`{spanish}` is here but '{english}' is not: write the English text too",
            )
        elif isinstance(text, str) and isinstance(translation, str):
            missing = left_out(text, translation)
            if missing:
                problem(
                    path + (spanish,),
                    path + (spanish,),
                    f"the Spanish text leaves out {', '.join(missing)}: keep every phone number "
                    "and web address of the English text as it is written there",
                )
    return problems


def missing_spanish(record: object, path: Path_ = ()) -> List[str]:
    """The fields of a loaded record (a city, the national record) whose English text has no
    Spanish beside it, as 'steps[0].text_es'; empty when everything is in both languages."""
    found: List[str] = []
    if isinstance(record, BaseModel):
        for english, spanish in translated_fields(type(record)).items():
            name = next(n for n, f in record.__fields__.items() if f.alias == english)
            spanish_name = next(n for n, f in record.__fields__.items() if f.alias == spanish)
            if getattr(record, name) and not getattr(record, spanish_name):
                found.append(field_name(path + (spanish,)))
        for name, field in record.__fields__.items():
            found += missing_spanish(getattr(record, name), path + (field.alias,))
    elif isinstance(record, tuple):
        for i, item in enumerate(record):
            found += missing_spanish(item, path + (i,))
    return found
