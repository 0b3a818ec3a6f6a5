"""Read and validate a knowledge folder into records. Nothing is returned unless everything is valid."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple
from zoneinfo import available_timezones

from bot.cities import normalise_name
from bot.knowledge.checker import FileChecker, KnowledgeInvalid, Problem
from bot.knowledge.records import (
    CityRecord,
    Contact,
    Fact,
    Knowledge,
    MethodRule,
    NationalRecord,
    Step,
    Window,
)
from bot.knowledge.vocabulary import (
    CHANNELS,
    DATA_ITEMS,
    INSTRUMENTS,
    ONLINE_STATUSES,
    SERVICES,
    STATUSES,
    VERDICTS,
    WINDOW_KINDS,
)
from bot.knowledge.yamlread import Path_, YamlSyntaxError, read_yaml

CITY_KEYS = {
    "city", "state", "time_zone", "aliases", "status", "status_source", "notice", "windows",
    "methods", "services", "data_exposed", "data_not_exposed", "contacts", "steps",
    "online_payments", "pay_meanwhile", "letters", "counts", "notes",
}  # fmt: skip
CONTACT_KEYS = {"id", "purpose", "label", "phone", "url", "address", "source", "phone_source"}
STEP_KEYS = {
    "id",
    "text",
    "verdicts",
    "if_exposed",
    "if_not_exposed",
    "unless_not_exposed",
    "source",
}
RULE_KEYS = {"channels", "instruments", "services", "exclusive", "source"}
_STATE = re.compile(r"^[A-Z]{2}$")


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _fact_list(
    c: FileChecker, value: Any, path: Path_, key: str, kind: str, allowed=None
) -> List[Fact]:
    """A list of {key: value, source} entries, e.g. data_exposed items or services."""
    facts = []
    for item_path, item in c.sequence(value, path):
        data = c.mapping(item, item_path, {key, "source", "text"}, (key, "source"))
        if data is None:
            continue
        raw = data.get(key)
        if allowed is not None:
            found = c.choice(raw, item_path + (key,), allowed, key)
        else:
            found = c.text(raw, item_path + (key,)) if not isinstance(raw, int) else str(raw)
        source = c.source(data.get("source"), item_path + ("source",))
        text = c.text(data.get("text"), item_path + ("text",), required=False)
        if found is not None and source is not None:
            facts.append(Fact(kind=kind, value=found, source=source, text=text))
    return facts


def _window(c: FileChecker, value: Any, path: Path_) -> Optional[Window]:
    data = c.mapping(value, path, {"start", "end", "kind", "services", "dates_hit", "source"},
                     ("start", "end", "kind", "source"))  # fmt: skip
    if data is None:
        return None
    start = c.day(data.get("start"), path + ("start",))
    end = c.day(data.get("end"), path + ("end",))
    if start and end and end < start:
        c.problem(path + ("end",), f"end {end} is before start {start}")
        end = None
    kind = c.choice(data.get("kind"), path + ("kind",), WINDOW_KINDS, "window kind")
    services = c.choices(data.get("services"), path + ("services",), SERVICES, "service")
    dates_hit = None
    if data.get("dates_hit") is not None:
        dates_hit = c.integer(data["dates_hit"], path + ("dates_hit",), minimum=1)
        if kind == "confirmed":
            c.problem(path + ("dates_hit",), "dates_hit is only for kind unpublished_dates")
    source = c.source(data.get("source"), path + ("source",))
    if not (start and end and kind and source):
        return None
    return Window(start, end, kind, source, services, dates_hit)


def _rule(c: FileChecker, value: Any, path: Path_, effect: str) -> Optional[MethodRule]:
    data = c.mapping(value, path, RULE_KEYS, ("source",))
    if data is None:
        return None
    channels = c.choices(data.get("channels"), path + ("channels",), CHANNELS, "channel")
    instruments = c.choices(
        data.get("instruments"), path + ("instruments",), INSTRUMENTS, "instrument"
    )
    services = c.choices(data.get("services"), path + ("services",), SERVICES, "service")
    exclusive = data.get("exclusive", False)
    if not isinstance(exclusive, bool):
        c.problem(path + ("exclusive",), f"expected true or false, got {exclusive!r}")
    elif exclusive and effect != "affected":
        c.problem(path + ("exclusive",), "only an 'affected' rule can be exclusive")
    if not (data.get("channels") or data.get("instruments") or data.get("services")):
        c.problem(path, "a rule needs at least one of channels, instruments, services")
        return None
    source = c.source(data.get("source"), path + ("source",))
    if source is None:
        return None
    return MethodRule(effect, source, channels, instruments, services, exclusive is True)


def _contact(c: FileChecker, value: Any, path: Path_, id_key: str) -> Optional[Contact]:
    data = c.mapping(value, path, CONTACT_KEYS - {"purpose" if id_key == "id" else "id"},
                     (id_key, "label", "source"))  # fmt: skip
    if data is None:
        return None
    purpose = c.text(data.get(id_key), path + (id_key,))
    label = c.text(data.get("label"), path + ("label",))
    phone = c.phone(data.get("phone"), path + ("phone",))
    url = c.text(data.get("url"), path + ("url",), required=False)
    address = c.text(data.get("address"), path + ("address",), required=False)
    source = c.source(data.get("source"), path + ("source",))
    phone_source = None
    if data.get("phone_source") is not None:
        phone_source = c.source(data["phone_source"], path + ("phone_source",))
    if not (purpose and label and source):
        return None
    return Contact(purpose, label, source, phone, url, address, phone_source)


def _step(c: FileChecker, value: Any, path: Path_) -> Optional[Step]:
    data = c.mapping(value, path, STEP_KEYS, ("id", "text", "verdicts", "source"))
    if data is None:
        return None
    step_id = c.text(data.get("id"), path + ("id",))
    text = c.text(data.get("text"), path + ("text",))
    verdicts = c.choices(data.get("verdicts"), path + ("verdicts",), VERDICTS, "verdict")
    conditions = {
        key: c.choices(data.get(key), path + (key,), DATA_ITEMS, "data item")
        for key in ("if_exposed", "if_not_exposed", "unless_not_exposed")
    }
    source = c.source(data.get("source"), path + ("source",))
    if not (step_id and text and verdicts and source):
        return None
    return Step(step_id, text, source, verdicts, **conditions)


def _optional_fact(c: FileChecker, value: Any, path: Path_, kind: str, extra=()) -> Optional[dict]:
    """A single {text, source, ...} block such as letters or online_payments."""
    if value is None:
        return None
    data = c.mapping(value, path, {"text", "source", *extra}, ("text", "source"))
    if data is None:
        return None
    text = c.text(data.get("text"), path + ("text",))
    source = c.source(data.get("source"), path + ("source",))
    if not (text and source):
        return None
    return {"fact": Fact(kind=kind, value=kind, source=source, text=text), "data": data}


def city_from_yaml(c: FileChecker, data: Any, city_id: str) -> Optional[CityRecord]:
    """Validate one city file's values; None when anything is wrong (problems are on the checker)."""
    data = c.mapping(data, (), CITY_KEYS, ("city", "state", "time_zone", "status", "status_source"))
    if data is None:
        return None
    before = len(c.problems)
    name = c.text(data.get("city"), ("city",))
    state = data.get("state")
    if not (isinstance(state, str) and _STATE.match(state)):
        c.problem(("state",), f"expected a two-letter state code such as TX, got {state!r}")
    time_zone = data.get("time_zone")
    if time_zone is not None and time_zone not in available_timezones():
        c.problem(("time_zone",), f"unknown time zone {time_zone!r} (use e.g. America/Chicago)")
    aliases = tuple(
        alias for p, v in c.sequence(data.get("aliases"), ("aliases",))
        if (alias := c.text(v, p)) is not None
    )  # fmt: skip
    status = c.choice(data.get("status"), ("status",), STATUSES, "status")
    status_source = c.source(data.get("status_source"), ("status_source",))

    notice = data.get("notice") or {}
    notice_title = notice_published = notice_url = notice_source = None
    if data.get("notice") is not None:
        n = c.mapping(notice, ("notice",), {"title", "published", "url", "source"}, ("source",))
        if n is not None:
            notice_title = c.text(n.get("title"), ("notice", "title"), required=False)
            notice_published = c.day(n.get("published"), ("notice", "published"), required=False)
            notice_url = c.text(n.get("url"), ("notice", "url"), required=False)
            notice_source = c.source(n.get("source"), ("notice", "source"))

    windows = tuple(
        w for p, v in c.sequence(data.get("windows"), ("windows",)) if (w := _window(c, v, p))
    )
    if status == "confirmed" and not data.get("windows"):
        c.problem(("windows",), "a confirmed incident needs at least one window")

    rules: List[MethodRule] = []
    methods = data.get("methods")
    if methods is not None:
        m = c.mapping(methods, ("methods",), {"affected", "not_affected"})
        if m is not None:
            for effect in ("affected", "not_affected"):
                for p, v in c.sequence(m.get(effect), ("methods", effect)):
                    rule = _rule(c, v, p, effect)
                    if rule:
                        rules.append(rule)

    services = _fact_list(c, data.get("services"), ("services",), "service", "service", SERVICES)
    exposed = _fact_list(
        c, data.get("data_exposed"), ("data_exposed",), "item", "exposed", DATA_ITEMS
    )
    not_exposed = _fact_list(
        c, data.get("data_not_exposed"), ("data_not_exposed",), "item", "not_exposed", DATA_ITEMS
    )
    contacts = tuple(
        x for p, v in c.sequence(data.get("contacts"), ("contacts",)) if (x := _contact(c, v, p, "purpose"))
    )  # fmt: skip
    steps = tuple(s for p, v in c.sequence(data.get("steps"), ("steps",)) if (s := _step(c, v, p)))

    online = _optional_fact(
        c, data.get("online_payments"), ("online_payments",), "online", ("status",)
    )
    online_status = None
    if online is not None:
        online_status = c.choice(
            online["data"].get("status"), ("online_payments", "status"), ONLINE_STATUSES, "status"
        )
    letters = _optional_fact(c, data.get("letters"), ("letters",), "letters")
    meanwhile = [
        f["fact"] for p, v in c.sequence(data.get("pay_meanwhile"), ("pay_meanwhile",))
        if (f := _optional_fact(c, v, p, "pay_meanwhile"))
    ]  # fmt: skip
    notes = [
        f["fact"] for p, v in c.sequence(data.get("notes"), ("notes",))
        if (f := _optional_fact(c, v, p, "note"))
    ]  # fmt: skip
    counts = []
    for p, v in c.sequence(data.get("counts"), ("counts",)):
        item = c.mapping(v, p, {"what", "value", "source"}, ("what", "value", "source"))
        if item is None:
            continue
        what = c.text(item.get("what"), p + ("what",))
        number = c.integer(item.get("value"), p + ("value",), minimum=0)
        source = c.source(item.get("source"), p + ("source",))
        if what and number is not None and source:
            counts.append(Fact(kind="count", value=str(number), source=source, text=what))

    if len(c.problems) > before or not (name and status and status_source):
        return None
    return CityRecord(
        id=city_id, name=name, state=state, status=status, status_source=status_source,
        time_zone=time_zone, aliases=aliases, notice_title=notice_title,
        notice_published=notice_published, notice_url=notice_url, notice_source=notice_source,
        windows=windows, rules=tuple(rules), services=tuple(services), exposed=tuple(exposed),
        not_exposed=tuple(not_exposed), contacts=contacts, steps=steps,
        online_status=online_status,
        online_text=online["fact"].text if online else None,
        online_source=online["fact"].source if online else None,
        pay_meanwhile=tuple(meanwhile), letters=letters["fact"] if letters else None,
        counts=tuple(counts), notes=tuple(notes),
    )  # fmt: skip


def national_from_yaml(
    c: FileChecker, data: Any
) -> Tuple[List[Contact], List[Fact], Tuple[str, ...]]:
    data = c.mapping(data, (), {"resources", "facts"}, ("resources",))
    if data is None:
        return [], [], ()
    resources = [
        x for p, v in c.sequence(data.get("resources"), ("resources",)) if (x := _contact(c, v, p, "id"))
    ]  # fmt: skip
    facts: List[Fact] = []
    states: Tuple[str, ...] = ()
    for p, v in c.sequence(data.get("facts"), ("facts",)):
        item = c.mapping(v, p, {"id", "text", "states", "source"}, ("id", "text", "source"))
        if item is None:
            continue
        fact_id = c.text(item.get("id"), p + ("id",))
        text = c.text(item.get("text"), p + ("text",))
        source = c.source(item.get("source"), p + ("source",))
        if item.get("states") is not None:
            states = tuple(
                s for sp, s in c.sequence(item["states"], p + ("states",)) if _STATE.match(str(s))
            )
        if fact_id and text and source:
            facts.append(Fact(kind="national", value=fact_id, source=source, text=text))
    return resources, facts, states


def steps_from_yaml(c: FileChecker, data: Any) -> List[Step]:
    data = c.mapping(data, (), {"steps"}, ("steps",))
    if data is None:
        return []
    return [s for p, v in c.sequence(data.get("steps"), ("steps",)) if (s := _step(c, v, p))]


def _load_file(path: Path, root: Path) -> Tuple[Any, FileChecker]:
    label = _label(path, root)
    try:
        data, lines = read_yaml(path)
    except YamlSyntaxError as error:
        checker = FileChecker(label, {})
        checker.problems.append(Problem(label, "(file)", error.line, f"not valid YAML: {error}"))
        return None, checker
    return data, FileChecker(label, lines)


def fingerprint(folder: Path) -> str:
    """A hash of every knowledge file's name and content."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.y*ml")):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _duplicate_names(cities: List[Tuple[CityRecord, FileChecker]]) -> List[Problem]:
    """Two cities may not share a name or alias within one state, nor an alias anywhere."""
    seen: Dict[str, Tuple[str, str]] = {}
    problems = []
    for city, checker in cities:
        for name in (city.name, f"{city.name} {city.state}", *city.aliases):
            key = normalise_name(name)
            owner = seen.get(key)
            if owner and owner[0] != city.id and name != city.name:
                problems.append(
                    Problem(
                        checker.file,
                        "aliases",
                        checker.line_of(("aliases",)),
                        f"alias {name!r} is already used by {owner[1]}",
                    )  # fmt: skip
                )
            seen.setdefault(key, (city.id, checker.file))
    return problems


def read_knowledge(folder: Path) -> Knowledge:
    """Validate a whole knowledge folder. Raises KnowledgeInvalid listing every problem."""
    folder = Path(folder)
    problems: List[Problem] = []
    if not (folder / "cities").is_dir():
        raise KnowledgeInvalid([Problem(str(folder), "cities", 1, "no cities/ folder here")])
    city_files = sorted((folder / "cities").glob("*.y*ml"))
    if not city_files:
        problems.append(Problem(str(folder / "cities"), "(folder)", 1, "no city files found"))
    cities: List[Tuple[CityRecord, FileChecker]] = []
    for path in city_files:
        data, checker = _load_file(path, folder)
        if data is not None or not checker.problems:
            city = city_from_yaml(checker, data, path.stem)
            if city is not None:
                cities.append((city, checker))
        problems.extend(checker.problems)
    problems.extend(_duplicate_names(cities))

    resources: List[Contact] = []
    facts: List[Fact] = []
    states: Tuple[str, ...] = ()
    steps: List[Step] = []
    for name in ("national.yaml", "steps.yaml"):
        path = folder / name
        if not path.exists():
            problems.append(Problem(_label(path, folder), "(file)", 1, "file is missing"))
            continue
        data, checker = _load_file(path, folder)
        if not checker.problems:
            if name == "national.yaml":
                resources, facts, states = national_from_yaml(checker, data)
            else:
                steps = steps_from_yaml(checker, data)
        problems.extend(checker.problems)

    if problems:
        raise KnowledgeInvalid(problems)
    national = NationalRecord(tuple(resources), tuple(facts), tuple(steps), states)
    return Knowledge(tuple(city for city, _ in cities), national, fingerprint(folder))
