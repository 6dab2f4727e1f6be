"""Coverage: per event series and per entity type, what the data knows and what it lacks.

A researcher counting editions by country, or summing attendance, needs the denominator: how many editions have no
city, no country, no dates, no attendance count or no organizer, and how many entities have no Wikidata QID. This
module computes that from the store contract's typed reads (`find`, `describe`, `event_profiles`), so every backend
serves the same view; GraphQL (`coverage`) and `eventgraph report` both show it.

Sums over unknown values are unknown: the attendance total of a series is None as soon as one edition that took
place has no count, never the sum of the counts that happen to be known.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventgraph.model import RDFS_LABEL, WD, EntityClass, FindQuery, P, Resource, SortKey
from eventgraph.store.protocols import GraphReader

NOT_HELD = frozenset({"cancelled", "planned", "proposed", "withdrawn", "postponed", "tba"})
"""Statuses of editions that did not take place (or not yet): they have no attendance to count."""
_PAGE = 100


@dataclass(frozen=True, slots=True)
class EditionGaps:
    """The events of one series (or all events, `series` None) and which of them lack each kind of fact.

    Each `without_*` holds the event IRIs lacking it, sorted; `attendance_total` is the sum of the attendance counts
    of the editions that took place, or None when one of them has no count (`attendance_counted` says how many do).
    """

    series: str | None
    label: str
    editions: tuple[str, ...]
    without_city: tuple[str, ...]
    without_country: tuple[str, ...]
    without_dates: tuple[str, ...]
    without_attendance: tuple[str, ...]
    without_organizers: tuple[str, ...]
    without_qid: tuple[str, ...]
    not_held: tuple[str, ...]
    online: tuple[str, ...]
    attendance_total: int | None
    attendance_counted: int


@dataclass(frozen=True, slots=True)
class TypeGaps:
    """The entities of one class and those without a Wikidata QID (IRIs, sorted)."""

    entity_class: EntityClass
    total: int
    without_qid: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    series: tuple[EditionGaps, ...]
    """One row per event series, by label."""
    events: EditionGaps
    """Every event, whatever its series."""
    types: tuple[TypeGaps, ...]
    """One row per entity class, in the model's order."""


def has_qid(iri: str) -> bool:
    return iri.startswith(WD)


def all_of(reader: GraphReader, entity_class: EntityClass) -> list[str]:
    """Every entity IRI of the class, paging through `find`."""
    found: list[str] = []
    offset = 0
    while True:
        page = reader.find(FindQuery(entity_class, sort=SortKey.LABEL, offset=offset, limit=_PAGE, count_total=False))
        found.extend(page.iris)
        offset += _PAGE
        if len(page.iris) < _PAGE or page.more is False:
            return found


def _attendance(resource: Resource) -> int | None:
    for node in resource.nodes(P.attendance):
        value = node.literal(P.value)
        if value is not None:
            return int(value)
    return None


def _label(resource: Resource | None, fallback: str) -> str:
    if resource is None:
        return fallback
    labels = resource.literals(RDFS_LABEL)
    english = [v.lexical for v in labels if (v.language or "").split("-")[0] == "en"]
    return (english or [v.lexical for v in labels] or [fallback])[0]


def edition_gaps(
    series: str | None,
    label: str,
    events: Iterable[str],
    resources: dict[str, Resource],
    facts: dict[str, _EventFacts],
) -> EditionGaps:
    iris = tuple(sorted(set(events)))

    def lacking(test: str) -> tuple[str, ...]:
        return tuple(i for i in iris if not getattr(facts[i], test))

    took_place = [i for i in iris if facts[i].status not in NOT_HELD]
    counts = [facts[i].attendance for i in took_place]
    known = [c for c in counts if c is not None]
    return EditionGaps(
        series=series,
        label=label,
        editions=iris,
        without_city=lacking("city"),
        without_country=lacking("country"),
        without_dates=lacking("dated"),
        without_attendance=tuple(i for i in iris if facts[i].attendance is None),
        without_organizers=lacking("organized"),
        without_qid=tuple(i for i in iris if not has_qid(i)),
        not_held=tuple(i for i in iris if facts[i].status in NOT_HELD),
        online=tuple(i for i in iris if resources[i].literal(P.format) == "online"),
        attendance_total=sum(known) if len(known) == len(counts) else None,
        attendance_counted=len(known),
    )


@dataclass(frozen=True, slots=True)
class _EventFacts:
    city: bool
    country: bool
    dated: bool
    organized: bool
    attendance: int | None
    status: str | None


def _describe(reader: GraphReader, iris: Sequence[str]) -> dict[str, Resource]:
    found: dict[str, Resource] = {}
    for start in range(0, len(iris), _PAGE):
        found.update(reader.describe(list(iris[start : start + _PAGE])))
    return found


def coverage(reader: GraphReader) -> Coverage:
    """The coverage view of the data the reader holds (one snapshot: pass `store.snapshot()`)."""
    profiles = {p.iri: p for p in reader.event_profiles(None)}
    resources = _describe(reader, sorted(profiles))
    facts = {
        iri: _EventFacts(
            city=bool(resources[iri].iris(P.location)),
            country=bool(profile.countries),
            dated=profile.start is not None,
            organized=bool(profile.organizers),
            attendance=_attendance(resources[iri]),
            status=resources[iri].literal(P.status),
        )
        for iri, profile in profiles.items()
        if iri in resources
    }
    series_iris = all_of(reader, EntityClass.EVENT_SERIES)
    series_resources = _describe(reader, series_iris)
    members: dict[str, list[str]] = {s: [] for s in series_iris}
    for iri, profile in profiles.items():
        for series in profile.series:
            if iri in facts:
                members.setdefault(series, []).append(iri)
    rows = [edition_gaps(s, _label(series_resources.get(s), s), members[s], resources, facts) for s in members]
    rows.sort(key=lambda r: (r.label.casefold(), r.series or ""))
    types = []
    for entity_class in EntityClass:
        entities = all_of(reader, entity_class)
        types.append(TypeGaps(entity_class, len(entities), tuple(sorted(i for i in entities if not has_qid(i)))))
    return Coverage(
        series=tuple(rows),
        events=edition_gaps(None, "all events", facts, resources, facts),
        types=tuple(types),
    )
