"""The coverage view: per event series and per entity type, what is known and what is missing (the denominators)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from eventgraph.api.context import Info
from eventgraph.api.types.refs import many, one
from eventgraph.api.types.search import EntityType
from eventgraph.coverage import Coverage as CoverageView
from eventgraph.coverage import EditionGaps, TypeGaps

if TYPE_CHECKING:
    from eventgraph.api.types.event import Event
    from eventgraph.api.types.series import EventSeries

EventRef = Annotated["Event", strawberry.lazy("eventgraph.api.types.event")]
SeriesRef = Annotated["EventSeries", strawberry.lazy("eventgraph.api.types.series")]


async def _events(info: Info, iris: tuple[str, ...]) -> list[Event]:
    from eventgraph.api.types.event import Event, event_sort_key

    return sorted(await many(info, list(iris), Event), key=event_sort_key)


@strawberry.type(
    description=(
        "The editions of one series (or every event) and which of them lack each kind of fact: the counts a "
        "researcher needs before comparing series. `with*` counts the editions that have the fact, `without*` "
        "lists those that do not."
    )
)
class EditionCoverage:
    gaps: strawberry.Private[EditionGaps]

    @strawberry.field(description="The series; null for the row covering every event.")
    async def series(self, info: Info) -> SeriesRef | None:
        from eventgraph.api.types.series import EventSeries

        return await one(info, self.gaps.series, EventSeries) if self.gaps.series else None

    @strawberry.field(description="The series' English label, or 'all events'.")
    def label(self) -> str:
        return self.gaps.label

    @strawberry.field(description="How many editions (events) the graph holds for it: the denominator.")
    def editions(self) -> int:
        return len(self.gaps.editions)

    @strawberry.field(description="Editions with a location (the city, or the venue when no city is given).")
    def with_city(self) -> int:
        return len(self.gaps.editions) - len(self.gaps.without_city)

    @strawberry.field(description="Editions without a location: online, cancelled, or not stated by any source.")
    async def without_city(self, info: Info) -> list[EventRef]:
        return await _events(info, self.gaps.without_city)

    @strawberry.field(description="Editions with a country (stated, or the one containing the location).")
    def with_country(self) -> int:
        return len(self.gaps.editions) - len(self.gaps.without_country)

    @strawberry.field(description="Editions without a country, stated or derived.")
    async def without_country(self, info: Info) -> list[EventRef]:
        return await _events(info, self.gaps.without_country)

    @strawberry.field(description="Editions with a start date (at any precision, even a year).")
    def with_dates(self) -> int:
        return len(self.gaps.editions) - len(self.gaps.without_dates)

    @strawberry.field(description="Editions without any date.")
    async def without_dates(self, info: Info) -> list[EventRef]:
        return await _events(info, self.gaps.without_dates)

    @strawberry.field(description="Editions with an attendance count ('90+' or 'hundreds' give no count).")
    def with_attendance(self) -> int:
        return len(self.gaps.editions) - len(self.gaps.without_attendance)

    @strawberry.field(description="Editions without an attendance count (including those never held).")
    async def without_attendance(self, info: Info) -> list[EventRef]:
        return await _events(info, self.gaps.without_attendance)

    @strawberry.field(description="Editions with at least one organizer (an organization; `organizersText` aside).")
    def with_organizers(self) -> int:
        return len(self.gaps.editions) - len(self.gaps.without_organizers)

    @strawberry.field(description="Editions without an organizer organization.")
    async def without_organizers(self, info: Info) -> list[EventRef]:
        return await _events(info, self.gaps.without_organizers)

    @strawberry.field(description="Editions with a Wikidata QID.")
    def with_qid(self) -> int:
        return len(self.gaps.editions) - len(self.gaps.without_qid)

    @strawberry.field(description="Editions without a Wikidata QID.")
    async def without_qid(self, info: Info) -> list[EventRef]:
        return await _events(info, self.gaps.without_qid)

    @strawberry.field(description="Editions cancelled, planned, proposed, withdrawn, postponed or TBA: not held.")
    async def not_held(self, info: Info) -> list[EventRef]:
        return await _events(info, self.gaps.not_held)

    @strawberry.field(description="Editions held online (no city expected).")
    async def online(self, info: Info) -> list[EventRef]:
        return await _events(info, self.gaps.online)

    @strawberry.field(description="How many of the editions that took place have an attendance count.")
    def attendance_counted(self) -> int:
        return self.gaps.attendance_counted

    @strawberry.field(
        description=(
            "The attendance of the editions that took place, summed: null when one of them has no count (a sum over "
            "unknown values is unknown, not the sum of the known ones)."
        )
    )
    def attendance_total(self) -> int | None:
        return self.gaps.attendance_total


@strawberry.type(description="The entities of one type, and how many have no Wikidata QID.")
class TypeCoverage:
    gaps: strawberry.Private[TypeGaps]

    @strawberry.field(description="The entity type.")
    def type(self) -> EntityType:
        return EntityType(self.gaps.entity_class.value)

    @strawberry.field(description="How many entities of this type the graph holds.")
    def total(self) -> int:
        return self.gaps.total

    @strawberry.field(description="How many have a Wikidata QID.")
    def with_qid(self) -> int:
        return self.gaps.total - len(self.gaps.without_qid)

    @strawberry.field(description="How many have no Wikidata QID.")
    def without_qid(self) -> int:
        return len(self.gaps.without_qid)


@strawberry.type(description="What the graph knows and what it lacks, per event series and per entity type.")
class Coverage:
    view: strawberry.Private[CoverageView]

    @strawberry.field(description="One row per event series, by label.")
    def series(self) -> list[EditionCoverage]:
        return [EditionCoverage(gaps=g) for g in self.view.series]

    @strawberry.field(description="Every event, whatever its series (events outside any series included).")
    def events(self) -> EditionCoverage:
        return EditionCoverage(gaps=self.view.events)

    @strawberry.field(description="One row per entity type.")
    def types(self) -> list[TypeCoverage]:
        return [TypeCoverage(gaps=g) for g in self.view.types]
