"""Filter and order inputs of the root connections, and their translation to store criteria."""

from __future__ import annotations

import enum
from datetime import date

import strawberry

from eventgraph.api.time_place import DateRange, NearInput
from eventgraph.api.types.enums import Direction, EventFormat, EventKind, EventStatus, OrganizationKind, PlaceKind
from eventgraph.errors import InvalidArgumentError
from eventgraph.model import Criterion, HasLiteral, HasValue, InPlace, Overlaps, P, ReferencedAtLeast, SortKey, iri_of


def to_iris(ids: list[strawberry.ID], argument: str) -> tuple[str, ...]:
    iris = []
    for short in ids:
        iri = iri_of(str(short))
        if iri is None:
            raise InvalidArgumentError(f"{argument}: {short!r} is not an id (use a QID like 'Q180' or 'eg:<slug>')")
        iris.append(iri)
    return tuple(iris)


@strawberry.input(
    description="Conditions on events; all given conditions must hold, each list matches any of its values."
)
class EventFilter:
    kind: list[EventKind] | None = strawberry.field(default=None, description="Any of these kinds.")
    series: list[strawberry.ID] | None = strawberry.field(default=None, description="Editions of any of these series.")
    organizer: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Organized by any of these organizations."
    )
    partner: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Supported by any of these organizations (partner, sponsor, contributor)."
    )
    country: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Held in any of these places (a country, or any place: city, region), at any depth."
    )
    status: list[EventStatus] | None = strawberry.field(default=None, description="Any of these statuses.")
    format: list[EventFormat] | None = strawberry.field(default=None, description="Any of these formats.")
    year: int | None = strawberry.field(default=None, description="Overlapping this calendar year.")
    from_date: date | None = strawberry.field(
        default=None, name="from", description="Ending on or after this day (partial dates count by their latest day)."
    )
    to_date: date | None = strawberry.field(
        default=None,
        name="to",
        description="Starting on or before this day (partial dates count by their earliest day).",
    )
    during: DateRange | None = strawberry.field(
        default=None, description="Overlapping this span of partial dates ('2025' overlaps any span touching 2025)."
    )
    near: NearInput | None = strawberry.field(
        default=None, description="Within a distance of a point (the event's coordinates, else its city's)."
    )
    in_: strawberry.ID | None = strawberry.field(
        default=None, name="in", description="In this place at any level: a venue, city, country or region."
    )

    def criteria(self) -> list[Criterion]:
        found: list[Criterion] = []
        if self.kind:
            found.append(HasLiteral(P.kind, tuple(k.value for k in self.kind)))
        if self.series:
            found.append(HasValue(P.series, to_iris(self.series, "series")))
        if self.organizer:
            found.append(HasValue(P.organizer, to_iris(self.organizer, "organizer")))
        if self.partner:
            found.append(HasValue(P.partner, to_iris(self.partner, "partner")))
        if self.country:
            found.append(InPlace(to_iris(self.country, "country")))
        if self.status:
            found.append(HasLiteral(P.status, tuple(s.value for s in self.status)))
        if self.format:
            found.append(HasLiteral(P.format, tuple(f.value for f in self.format)))
        if self.year is not None:
            if not 1 <= self.year <= 9999:
                raise InvalidArgumentError(f"year: {self.year} is not a year between 1 and 9999")
            found.append(Overlaps(date(self.year, 1, 1), date(self.year, 12, 31)))
        if self.from_date or self.to_date:
            if self.from_date and self.to_date and self.from_date > self.to_date:
                raise InvalidArgumentError("from must not be after to")
            found.append(Overlaps(self.from_date, self.to_date))
        if self.during is not None:
            found.append(self.during.criterion())
        if self.near is not None:
            found.append(self.near.criterion())
        if self.in_ is not None:
            found.append(InPlace(to_iris([self.in_], "in")))
        return found


@strawberry.enum(description="What to sort events by.")
class EventOrderField(enum.Enum):
    START_DATE = "start"
    LABEL = "label"


@strawberry.input(description="Sort order of events; undated events come last.")
class EventOrder:
    field: EventOrderField = strawberry.field(default=EventOrderField.START_DATE, description="The sort key.")
    direction: Direction = strawberry.field(default=Direction.ASC, description="Ascending or descending.")

    def sort(self) -> tuple[SortKey, bool]:
        return SortKey(self.field.value), self.direction is Direction.DESC


@strawberry.input(description="Conditions on organizations.")
class OrganizationFilter:
    kind: list[OrganizationKind] | None = strawberry.field(default=None, description="Any of these kinds.")
    country: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Based in or operating in any of these places, at any depth."
    )
    min_events: int | None = strawberry.field(
        default=None, description="Organized at least this many of the events the graph holds."
    )

    def criteria(self) -> list[Criterion]:
        found: list[Criterion] = []
        if self.kind:
            found.append(HasLiteral(P.org_kind, tuple(k.value for k in self.kind)))
        if self.country:
            found.append(InPlace(to_iris(self.country, "country")))
        if self.min_events is not None:
            if self.min_events < 0:
                raise InvalidArgumentError(f"minEvents must not be negative, got {self.min_events}")
            found.append(ReferencedAtLeast(P.organizer, self.min_events))
        return found


@strawberry.enum(description="What to sort organizations by; each count is the organization's field of that name.")
class OrganizationOrderField(enum.Enum):
    LABEL = SortKey.LABEL.value
    EVENT_COUNT = SortKey.EVENT_COUNT.value
    PARTNERS_COUNT = SortKey.PARTNERS_COUNT.value
    DEGREE = SortKey.DEGREE.value


@strawberry.input(
    description=(
        "Sort order of organizations: by label, or by `eventCount`, `partnersCount` or `degree` (as the fields of "
        "those names count them); organizations with equal counts come by label."
    )
)
class OrganizationOrder:
    field: OrganizationOrderField = strawberry.field(default=OrganizationOrderField.LABEL, description="The sort key.")
    direction: Direction = strawberry.field(
        default=Direction.ASC, description="Ascending or descending (DESC puts the largest counts first)."
    )

    def sort(self) -> tuple[SortKey, bool]:
        return SortKey(self.field.value), self.direction is Direction.DESC


@strawberry.input(description="Conditions on places.")
class PlaceFilter:
    kind: list[PlaceKind] | None = strawberry.field(default=None, description="Any of these kinds.")
    contained_in: strawberry.ID | None = strawberry.field(
        default=None, description="Inside this place, at any depth (cities of a country...)."
    )

    def criteria(self) -> list[Criterion]:
        found: list[Criterion] = []
        if self.kind:
            found.append(HasLiteral(P.place_kind, tuple(k.value for k in self.kind)))
        if self.contained_in is not None:
            found.append(HasValue(P.contained_in, to_iris([self.contained_in], "containedIn"), transitive=True))
        return found


@strawberry.input(description="Conditions on partnerships.")
class PartnershipFilter:
    organization: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Involving any of these organizations."
    )
    topic: list[str] | None = strawberry.field(default=None, description="About any of these topics.")

    def criteria(self) -> list[Criterion]:
        found: list[Criterion] = []
        if self.organization:
            found.append(HasValue(P.party, to_iris(self.organization, "organization")))
        if self.topic:
            found.append(HasLiteral(P.topic, tuple(self.topic)))
        return found
