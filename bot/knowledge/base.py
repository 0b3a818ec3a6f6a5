"""A whole validated knowledge folder in memory: what the rules and answers read."""

from __future__ import annotations

from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from pydantic import BaseModel

from bot.cities import CityName
from bot.knowledge.schema import CityRecord, NationalRecord, NoticeRecord, Source


class Knowledge:
    """Cities (ordered by name), the national record and the fingerprint of the files they came
    from. Immutable; built once per load and shared."""

    def __init__(
        self,
        cities: Sequence[CityRecord],
        national: NationalRecord,
        fingerprint: str,
        notices: Sequence[NoticeRecord] = (),
    ) -> None:
        self.cities = tuple(sorted(cities, key=lambda c: (c.name, c.state)))
        self.national = national
        self.fingerprint = fingerprint
        self.notices = tuple(sorted(notices, key=lambda n: n.id))
        self._notices: Dict[str, NoticeRecord] = {n.id: n for n in self.notices}
        self._by_id: Dict[str, CityRecord] = {c.id: c for c in self.cities}
        self._names = tuple(
            CityName(city_id=c.id, name=name, state=c.state)
            for c in self.cities
            for name in (c.name, f"{c.name} {c.state}", *c.aliases)
        )

    def city(self, city_id: Optional[str]) -> Optional[CityRecord]:
        """The city with this id, or None."""
        return self._by_id.get(city_id) if city_id else None

    def notice(self, notice_id: Optional[str]) -> Optional[NoticeRecord]:
        return self._notices.get(notice_id) if notice_id else None

    def cited(
        self, sources: Iterable[Source], first: Optional[str] = None
    ) -> Tuple[NoticeRecord, ...]:
        """The notices these sources cite, each once, in order (`first` before the others)."""
        ids = dict.fromkeys([*([first] if first else []), *(s.notice for s in sources)])
        return tuple(n for i in ids if (n := self.notice(i)) is not None)

    @property
    def quotes(self) -> Tuple[str, ...]:
        """Every distinct quote the facts cite (each was checked against its notice)."""
        found = (s.quote for r in (*self.cities, self.national) for s in sources_in(r))
        return tuple(dict.fromkeys(found))

    def city_names(self) -> List[CityName]:
        """Every name and alias of every city, for resolving what a resident calls a city."""
        return list(self._names)

    def __eq__(self, other: object) -> bool:
        mine = (self.cities, self.national, self.notices, self.fingerprint)
        return isinstance(other, Knowledge) and mine == (
            other.cities,
            other.national,
            other.notices,
            other.fingerprint,
        )

    def __repr__(self) -> str:
        return f"Knowledge({len(self.cities)} cities, fingerprint {self.fingerprint[:12]})"


def sources_in(record: object) -> Iterator[Source]:
    """Every source inside a record, however deep."""
    if isinstance(record, Source):
        yield record
    elif isinstance(record, BaseModel):
        for name in record.__fields__:
            yield from sources_in(getattr(record, name))
    elif isinstance(record, tuple):
        for item in record:
            yield from sources_in(item)
