"""Scoring how related two events are, by time, place, organizer and series, with the reasons kept.

Every component is between 0 and 1 and the score is their sum, so a reader can recompute it from the
explanations. The profiles are indexed once per data version (`related_index`), so a request scores the events
sharing a series, an organizer, a place or a country and the nearest in time, not every event; candidates are
scored with plain numbers and only the ones returned get their explanations written out.
"""

from __future__ import annotations

import heapq
import operator
from dataclasses import dataclass

from eventgraph.api.context import Info
from eventgraph.api.pagination import page_window
from eventgraph.api.related_index import Cutoff, EventSets, RelatedIndex, days_apart, time_score
from eventgraph.api.research_loaders import research_loaders
from eventgraph.api.types.related import RelatedBy, RelatedEvent, ScoreComponent
from eventgraph.model import EventProfile, short_id
from eventgraph.store.geo import nearest_km

PLACE_SCALE_KM = 500
ALL = [RelatedBy.TIME, RelatedBy.PLACE, RelatedBy.ORGANIZER, RelatedBy.SERIES]
_INDEX = "related.index"  # the index, kept for the request in `ResearchLoaders.memo`

DEFAULT_RELATED = 10
"""Related events returned when `first` is not given (the page cap bounds `first`)."""


def _ids(iris: frozenset[str]) -> str:
    return ", ".join(sorted(short_id(i) for i in iris))


@dataclass(frozen=True, slots=True)
class _Scored:
    other: EventSets
    parts: tuple[tuple[RelatedBy, float], ...]
    days: int | None
    km: float | None
    total: float


def _score(a: EventSets, b: EventSets, by: list[RelatedBy]) -> _Scored | None:
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
            parts.append((what, time_score(days)))
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


def _explain(a: EventSets, scored: _Scored) -> RelatedEvent:
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
    index = await _index(info)
    own = index.by_iri.get(event)
    if own is None or limit <= 0:
        return []
    return [_explain(own, s) for s in _best(_candidates(index, own, wanted, limit), limit)]


def _candidates(index: RelatedIndex, own: EventSets, by: list[RelatedBy], limit: int) -> list[_Scored]:
    """Every event that could be among the best `limit`, scored: those sharing a series, an organizer, a place or a
    country, then the others nearest in time first until not even the nearest place could reach the scores kept,
    then the undated ones only if a score without time could still reach them."""
    seen = {own.iri}
    scored: list[_Scored] = []
    cutoff = Cutoff(limit)

    def consider(other: EventSets) -> None:
        if other.iri not in seen:
            seen.add(other.iri)
            if (found := _score(own, other, by)) is not None:
                scored.append(found)
                cutoff.add(found.total)

    if RelatedBy.TIME not in by or not own.dated:
        for other in index.events:  # no time to walk by: every event may be among the best
            consider(other)
        return scored
    links = frozenset[str]()
    if RelatedBy.SERIES in by:
        links |= own.series
    if RelatedBy.ORGANIZER in by:
        links |= own.organizers
    if RelatedBy.PLACE in by:
        links |= own.places | own.countries
    for other in index.sharing(own, links):
        consider(other)
    # what place can add for an event sharing none of those: a distance, when both have coordinates
    place = 1.0 if RelatedBy.PLACE in by and own.points and index.any_points else 0.0
    for days, other in index.by_days(own):
        if cutoff.beyond(round(time_score(days), 4) + place):
            break
        consider(other)
    for other in index.undated:  # no day (time scores nothing), or an end before the start (time scores up to 1)
        if not cutoff.beyond(place + (1.0 if other.start is not None and other.end is not None else 0.0)):
            consider(other)
    return scored


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


_LAST: list[tuple[list[EventProfile], RelatedIndex]] = []
"""The last profiles read and their index. A backend hands the same profile objects for as long as its data does
not change, so the index is built once per data version; keyed by the objects themselves, it needs no version
read (no round-trip) and never serves one backend's index for another's profiles."""


async def _index(info: Info) -> RelatedIndex:
    """Every event's profile indexed, built once for the same profiles."""
    loaders = research_loaders(info)
    found: RelatedIndex | None = loaders.memo.get(_INDEX)
    if found is not None:
        return found
    profiles = await loaders.all_profiles()
    last = _LAST[0] if _LAST else None
    if last is not None and len(last[0]) == len(profiles) and all(map(operator.is_, last[0], profiles)):
        found = last[1]  # the same objects (kept alive here, so no other object can have their ids)
    else:
        found = RelatedIndex(profiles)
        _LAST[:] = [(profiles, found)]
    loaders.memo[_INDEX] = found
    return found
