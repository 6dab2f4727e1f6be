"""Every event's profile as sets, indexed so that related events are found without scoring every event.

A score is the sum of its components (series, organizer, time, place), each between 0 and 1. Events sharing a
series, an organizer, a place or a country with the one asked about are found through inverted indexes; every
other event scores at most its time component, plus up to 1 for the distance when both have coordinates, and the
time component falls with the days between the two. So the others are visited nearest in time first, and the walk
stops once even the nearest place could not lift the next one to the last score kept: the answer is the full
ranking's, without reading most events.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from eventgraph.model import EventProfile
from eventgraph.store.geo import Point

TIME_SCALE_DAYS = 365
_SLACK = 1e-9  # scores are sums of values rounded to 4 decimals; never stop on a float's last bit


@dataclass(frozen=True, slots=True)
class EventSets:
    """A profile with its links as sets, built once per data version and event."""

    iri: str
    series: frozenset[str]
    organizers: frozenset[str]
    places: frozenset[str]
    countries: frozenset[str]
    start: date | None
    end: date | None
    points: tuple[Point, ...]

    @classmethod
    def of(cls, p: EventProfile) -> EventSets:
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

    @property
    def dated(self) -> bool:
        return self.start is not None and self.end is not None and self.start <= self.end


def days_apart(a: EventSets, b: EventSets) -> int | None:
    """Days between the two spans of possible days; 0 when they may overlap."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    return max((b.start - a.end).days, (a.start - b.end).days, 0)


def time_score(days: int) -> float:
    return 1 / (1 + days / TIME_SCALE_DAYS)


class RelatedIndex:
    """The sets of every event, with lookups by series and organizer and two orders by day."""

    def __init__(self, profiles: Sequence[EventProfile]) -> None:
        self.events = [EventSets.of(p) for p in profiles]
        self.by_iri = {e.iri: e for e in self.events}
        self.by_link: dict[str, list[EventSets]] = defaultdict(list)
        """Events by series, organizer, place and country (IRIs of different kinds never collide)."""
        for event in self.events:
            for link in event.series | event.organizers | event.places | event.countries:
                self.by_link[link].append(event)
        self.any_points = any(e.points for e in self.events)
        dated = [e for e in self.events if e.dated]
        self.undated = [e for e in self.events if not e.dated]
        """No day, or an end before the start: visited only when the walk by day cannot settle the answer."""
        self._by_start = sorted(dated, key=lambda e: e.start or date.min)
        self._starts = [e.start or date.min for e in self._by_start]
        self._by_end = sorted(dated, key=lambda e: e.end or date.min)
        self._ends = [e.end or date.min for e in self._by_end]
        self._longest = max(((e.end - e.start).days for e in dated if e.end and e.start), default=0)

    def sharing(self, event: EventSets, links: frozenset[str]) -> Iterator[EventSets]:
        """Events linked to one of `links` (a subset of `event`'s), some more than once."""
        for link in links:
            yield from self.by_link[link]

    def by_days(self, event: EventSets) -> Iterator[tuple[int, EventSets]]:
        """Dated events with their days from `event` (itself included), fewest days first."""
        start, end = event.start, event.end
        if start is None or end is None:
            return
        # overlapping spans: a start within the longest span before `start`, through `end`, and an end after `start`
        low = bisect.bisect_left(self._starts, date.fromordinal(max(1, start.toordinal() - self._longest)))
        high = bisect.bisect_right(self._starts, end)
        for other in self._by_start[low:high]:
            if other.end is not None and other.end >= start:
                yield 0, other
        after = iter(self._by_start[high:])  # starting after `end`, by start
        before = iter(reversed(self._by_end[: bisect.bisect_left(self._ends, start)]))  # ending before `start`
        ahead, behind = next(after, None), next(before, None)
        while ahead is not None or behind is not None:
            days_ahead = (ahead.start - end).days if ahead is not None and ahead.start else None
            days_behind = (start - behind.end).days if behind is not None and behind.end else None
            if days_behind is None or (days_ahead is not None and days_ahead <= days_behind):
                assert ahead is not None
                assert days_ahead is not None
                yield days_ahead, ahead
                ahead = next(after, None)
            else:
                assert behind is not None
                yield days_behind, behind
                behind = next(before, None)


class Cutoff:
    """The score a candidate must reach to be among the best `limit` seen so far."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._kept: list[float] = []

    def add(self, total: float) -> None:
        if len(self._kept) < self.limit:
            heapq.heappush(self._kept, total)
        elif total > self._kept[0]:
            heapq.heapreplace(self._kept, total)

    def beyond(self, best_possible: float) -> bool:
        """True when nothing scoring at most `best_possible` can be among the best (ties may still be)."""
        return len(self._kept) >= self.limit and best_possible < self._kept[0] - _SLACK
