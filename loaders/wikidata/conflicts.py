"""Facts the local sources and Wikidata state differently, for `eventgraph conflicts`.

Both values stay in the store with their named graph; this only lists the disagreements. Values that
are compatible are no disagreement: a year and a day inside it, a count inside a stated range, a venue
inside the named city, coordinates a few kilometres apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from eventgraph.dates import PartialDate
from eventgraph.model import EG, EG_SOURCE
from eventgraph.store.protocols import GraphReader

WIKIDATA_GRAPH = EG_SOURCE + "wikidata"
COORDINATE_TOLERANCE_DEG = 0.1
_DATES = {EG + n for n in ("startDate", "endDate", "founded", "firstYear")}
_QUANTITIES = {EG + "attendance", EG + "participants"}
_POINT = re.compile(r"Point\(\s*([-+\d.eE]+)\s+([-+\d.eE]+)\s*\)")


@dataclass(frozen=True, slots=True)
class Conflict:
    """One fact of one entity on which a local source and the Wikidata graph disagree."""

    entity: str
    property: str
    local_graph: str
    local_values: tuple[str, ...]
    wikidata_values: tuple[str, ...]

    def __str__(self) -> str:
        name = self.property.removeprefix(EG)
        source = self.local_graph.rsplit("/", 1)[-1]
        return (
            f"{self.entity} {name}: {source} says {' | '.join(self.local_values)}; "
            f"Wikidata says {' | '.join(self.wikidata_values)}"
        )


@dataclass(frozen=True, slots=True)
class _Value:
    display: str
    raw: str
    number: int | None = None
    minimum: int | None = None
    maximum: int | None = None


def find_conflicts(store: GraphReader) -> list[Conflict]:
    """Every (entity, property, local source) whose values share nothing compatible with Wikidata's."""
    groups: dict[tuple[str, str, str], tuple[dict[str, _Value], dict[str, _Value], set[tuple[str, str]]]] = defaultdict(
        lambda: ({}, {}, set())
    )
    for pair in store.value_pairs(WIKIDATA_GRAPH):
        key = (pair.entity, pair.property, pair.local_graph)
        local, wikidata, nested = groups[key]
        local.setdefault(
            pair.local_value,
            _Value(
                pair.local_text or pair.local_value,
                pair.local_value,
                _int(pair.local_number),
                _int(pair.local_min),
                _int(pair.local_max),
            ),
        )
        wikidata.setdefault(
            pair.wikidata_value,
            _Value(pair.wikidata_text or pair.wikidata_value, pair.wikidata_value, _int(pair.wikidata_number)),
        )
        if pair.nested:
            nested.add((pair.local_value, pair.wikidata_value))
    conflicts = []
    for (entity, prop, graph), (local, wikidata, nested) in sorted(groups.items()):
        verdicts = [
            _compatible(prop, lv, wv, (lv.raw, wv.raw) in nested) for lv in local.values() for wv in wikidata.values()
        ]
        if any(v is None for v in verdicts) or any(verdicts):
            continue
        conflicts.append(
            Conflict(
                entity,
                prop,
                graph,
                tuple(sorted(v.display for v in local.values())),
                tuple(sorted(v.display for v in wikidata.values())),
            )
        )
    return conflicts


def _compatible(prop: str, local: _Value, wikidata: _Value, nested: bool) -> bool | None:
    """True if the two values can both be right, False if not, None if they cannot be compared."""
    if prop in _DATES:
        try:
            a, b = PartialDate.parse(local.raw), PartialDate.parse(wikidata.raw)
        except ValueError:
            return local.raw == wikidata.raw
        return a.earliest() <= b.latest() and b.earliest() <= a.latest()
    if prop in _QUANTITIES:
        if wikidata.number is None or (local.number is None and local.minimum is None and local.maximum is None):
            return None
        if local.number is not None and local.minimum is None and local.maximum is None:
            return local.number == wikidata.number
        low = local.minimum if local.minimum is not None else local.number
        high = local.maximum if local.maximum is not None else None
        return (low is None or wikidata.number >= low) and (high is None or wikidata.number <= high)
    if prop == EG + "coordinates":
        here, there = _point(local.raw), _point(wikidata.raw)
        if here is None or there is None:
            return None
        near_lon = abs(here[0] - there[0]) <= COORDINATE_TOLERANCE_DEG
        return near_lon and abs(here[1] - there[1]) <= COORDINATE_TOLERANCE_DEG
    if prop == EG + "editionNumber":
        return _int(local.raw) == _int(wikidata.raw)
    return local.raw.casefold() == wikidata.raw.casefold() or nested


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _point(text: str) -> tuple[float, float] | None:
    match = _POINT.search(text)
    if not match:
        return None
    try:
        return float(match.group(1)), float(match.group(2))
    except ValueError:
        return None
