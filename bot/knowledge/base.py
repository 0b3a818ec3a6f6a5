"""A whole validated knowledge folder in memory: what the rules and answers read."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence

from bot.cities import CityName
from bot.knowledge.schema import CityRecord, NationalRecord


class Knowledge:
    """Cities (ordered by name), the national record and the fingerprint of the files they came
    from. Immutable; built once per load and shared."""

    def __init__(
        self, cities: Sequence[CityRecord], national: NationalRecord, fingerprint: str
    ) -> None:
        self.cities = tuple(sorted(cities, key=lambda c: (c.name, c.state)))
        self.national = national
        self.fingerprint = fingerprint
        self._by_id: Dict[str, CityRecord] = {c.id: c for c in self.cities}
        self._names = tuple(
            CityName(city_id=c.id, name=name, state=c.state)
            for c in self.cities
            for name in (c.name, f"{c.name} {c.state}", *c.aliases)
        )

    def city(self, city_id: Optional[str]) -> Optional[CityRecord]:
        """The city with this id, or None."""
        return self._by_id.get(city_id) if city_id else None

    def city_names(self) -> List[CityName]:
        """Every name and alias of every city, for resolving what a resident calls a city."""
        return list(self._names)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Knowledge) and (self.cities, self.national, self.fingerprint) == (
            other.cities,
            other.national,
            other.fingerprint,
        )

    def __repr__(self) -> str:
        return f"Knowledge({len(self.cities)} cities, fingerprint {self.fingerprint[:12]})"
