"""Scoring how related two events are, by time, place, organizer and series, with the reasons kept.

Every component is between 0 and 1 and the score is their sum, so a reader can recompute it from the
explanations. All events' profiles are read once per request, however many events ask; every candidate
is scored with plain numbers and only the ones returned get their explanations written out.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date

from eventgraph.api.context import Info
from eventgraph.api.pagination import page_window
from eventgraph.api.research_loaders import research_loaders
from eventgraph.api.types.related import RelatedBy, RelatedEvent, ScoreComponent
from eventgraph.model import EventProfile, short_id
from eventgraph.store.geo import Point, nearest_km

TIME_SCALE_DAYS = 365
PLACE_SCALE_KM = 500
ALL = [RelatedBy.TIME, RelatedBy.PLACE, RelatedBy.ORGANIZER, RelatedBy.SERIES]
_SETS = "related.sets"  # every event's profile as sets, kept for the request in `ResearchLoaders.memo`

DEFAULT_RELATED = 10
"""Related events returned when `first` is not given (the page cap bounds `first`)."""


@dataclass(frozen=True, slots=True)
class _Sets:
    """A profile with its links as sets, built once per request and event."""

    iri: str
    series: frozenset[str]
    organizers: frozenset[str]
    places: frozenset[str]
    countries: frozenset[str]
    start: date | None
    end: date | None
    points: tuple[Point, ...]

    @classmethod
    def of(cls, p: EventProfile) -> _Sets:
        end = p.end or p.start
        return cls(
            p.iri,
            frozenset(p.series),
            frozenset(p.organizers),
            frozenset(p.places),
            frozenset(p.countries),
            p.start,
            end,
            p.points,
        )


def days_apart(a: _Sets, b: _Sets) -> int | None:
    """Days between the two spans of possible days; 0 when they may overlap."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    return max((b.start - a.end).days, (a.start - b.end).days, 0)


def _ids(iris: frozenset[str]) -> str:
    return ", ".join(sorted(short_id(i) for i in iris))


@dataclass(frozen=True, slots=True)
class _Scored:
    other: _Sets
    parts: tuple[tuple[RelatedBy, float], ...]
    days: int | None
    km: float | None
    total: float


def _score(a: _Sets, b: _Sets, by: list[RelatedBy]) -> _Scored | None:
    """The components `b` shares with `a`, or None when it shares none."""
    days = days_apart(a, b)
    km = nearest_km(a.points, b.points) if a.points and b.points else None
    parts: list[tuple[RelatedBy, float]] = []
    for what in by:
        if what is RelatedBy.SERIES and a.series & b.series:
            parts.append((what, 1.0))
        elif what is RelatedBy.ORGANIZER and (shared := a.organizers & b.organizers):
            parts.append((what, len(shared) / len(a.organizers | b.organizers)))
        elif what is RelatedBy.TIME and days is not None:
            parts.append((what, 1 / (1 + days / TIME_SCALE_DAYS)))
        elif what is RelatedBy.PLACE:
            if km is not None:
                parts.append((what, 1 / (1 + km / PLACE_SCALE_KM)))
            elif a.places & b.places:
                parts.append((what, 1.0))
            elif a.countries & b.countries:
                parts.append((what, 0.5))
    if not parts:
        return None
    return _Scored(b, tuple(parts), days, km, round(sum(round(score, 4) for _, score in parts), 4))


def _explain(a: _Sets, scored: _Scored) -> RelatedEvent:
    b = scored.other
    components = []
    for what, score in scored.parts:
        if what is RelatedBy.SERIES:
            text = f"same series: {_ids(a.series & b.series)}"
        elif what is RelatedBy.ORGANIZER:
            shared = a.organizers & b.organizers
            text = f"{len(shared)} shared organizer(s): {_ids(shared)}"
        elif what is RelatedBy.TIME:
            text = f"{scored.days} days apart"
        elif a.places & b.places:
            text = f"same place: {_ids(a.places & b.places)}"
        elif scored.km is not None:
            text = f"{scored.km:.0f} km apart"
        else:
            text = f"same country: {_ids(a.countries & b.countries)}"
        components.append(ScoreComponent(by=what, score=round(score, 4), explanation=text))
    return RelatedEvent(
        score=scored.total,
        components=components,
        same_series=bool(a.series & b.series),
        days_apart=scored.days,
        km_apart=round(scored.km, 1) if scored.km is not None else None,
        event_iri=b.iri,
        shared_organizer_iris=tuple(sorted(a.organizers & b.organizers)),
    )


async def related_events(info: Info, event: str, by: list[RelatedBy] | None, first: int | None) -> list[RelatedEvent]:
    """The other events with a non-zero score, best first (then nearest in time, then by id)."""
    _, limit = page_window(first, None, DEFAULT_RELATED, info.context.limits.max_page_size)
    wanted = list(dict.fromkeys(by or ALL))
    profiles = await _all_sets(info)
    own = next((p for p in profiles if p.iri == event), None)
    if own is None:
        return []
    scored = [s for other in profiles if other.iri != event and (s := _score(own, other, wanted)) is not None]
    return [_explain(own, s) for s in _best(scored, limit)]


def _best(scored: list[_Scored], limit: int) -> list[_Scored]:
    """The first `limit` by score, then nearest in time, then id: the ids are computed only for the candidates
    that tie with the last one kept (every dated event scores on time, so there are as many as events)."""
    if limit <= 0 or not scored:
        return []

    def rank(s: _Scored) -> tuple[float, int]:
        return (-s.total, s.days if s.days is not None else 10**9)

    cutoff = rank(heapq.nsmallest(limit, scored, key=rank)[-1])
    kept = [s for s in scored if rank(s) <= cutoff]
    kept.sort(key=lambda s: (*rank(s), short_id(s.other.iri)))
    return kept[:limit]


_LAST: list[tuple[list[EventProfile], list[_Sets]]] = []
"""The last profiles read and their sets: a store hands the same profile objects for as long as its data does not
change, so the sets are built once per data version rather than once per request."""


async def _all_sets(info: Info) -> list[_Sets]:
    """Every event's profile as sets, built once for the same profiles."""
    loaders = research_loaders(info)
    found: list[_Sets] | None = loaders.memo.get(_SETS)
    if found is not None:
        return found
    profiles = await loaders.all_profiles()
    last = _LAST[0] if _LAST else None
    if (
        last is not None
        and len(last[0]) == len(profiles)
        and all(a is b for a, b in zip(last[0], profiles, strict=True))
    ):
        found = last[1]  # the same objects (kept alive here, so no other object can have their ids)
    else:
        found = [_Sets.of(p) for p in profiles]
        _LAST[:] = [(profiles, found)]
    loaders.memo[_SETS] = found
    return found
