"""The Event type: one gathering, with its dates, place, series, organizers and partners."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from eventgraph.api import facts
from eventgraph.api.context import Info
from eventgraph.api.types.common import Entity, PartialDate, Quantity, as_date
from eventgraph.api.types.enums import (
    EventFormat,
    EventKind,
    EventStatus,
    FigureKind,
    FigureStatus,
    PlaceKind,
    enum_value,
)
from eventgraph.api.types.figures import Figure, figures_of
from eventgraph.api.types.refs import many, one
from eventgraph.api.types.registry import wrap_as
from eventgraph.api.types.related import RelatedBy
from eventgraph.model import P, Resource

if TYPE_CHECKING:
    from eventgraph.api.types.grant import Grant
    from eventgraph.api.types.organization import Organization
    from eventgraph.api.types.partnership import Partnership
    from eventgraph.api.types.person import PersonRole
    from eventgraph.api.types.place import Language, Place
    from eventgraph.api.types.related import RelatedEvent
    from eventgraph.api.types.series import EventSeries

OrganizationRef = Annotated["Organization", strawberry.lazy("eventgraph.api.types.organization")]
PlaceRef = Annotated["Place", strawberry.lazy("eventgraph.api.types.place")]
LanguageRef = Annotated["Language", strawberry.lazy("eventgraph.api.types.place")]
SeriesRef = Annotated["EventSeries", strawberry.lazy("eventgraph.api.types.series")]
GrantRef = Annotated["Grant", strawberry.lazy("eventgraph.api.types.grant")]
PartnershipRef = Annotated["Partnership", strawberry.lazy("eventgraph.api.types.partnership")]
RelatedEventRef = Annotated["RelatedEvent", strawberry.lazy("eventgraph.api.types.related")]
PersonRoleRef = Annotated["PersonRole", strawberry.lazy("eventgraph.api.types.person")]


@strawberry.type(description="An organization's part in an event, with its role when the source names one.")
class Participation:
    organization: OrganizationRef = strawberry.field(description="The organizer or partner.")
    role: str | None = strawberry.field(description="The role as the source states it (e.g. 'financial support').")


async def participations(info: Info, resource: Resource, predicate: str, link: str) -> list[Participation]:
    from eventgraph.api.types.organization import Organization

    roles: dict[str, str] = {}
    for node in resource.nodes(link):
        orgs = node.iris(P.organization)
        role = node.literal(P.role)
        if orgs and role:
            roles.setdefault(orgs[0], role)
    members = await many(info, resource.iris(predicate), Organization)
    return [Participation(organization=org, role=roles.get(org.resource.iri)) for org in members]


def event_sort_key(event: Event) -> tuple[str, int, str]:
    """Edition order: earliest day, then edition number, then label; undated editions last."""
    day = facts.text(event.resource, P.start_bound) or "9999"
    number = facts.integer(event.resource, P.edition_number)
    return (day, number if number is not None else 10**6, event.label().casefold())


@strawberry.type(description="A Wikimedia movement event: a conference, hackathon, meetup, campaign...")
class Event(Entity):
    @strawberry.field(description="What kind of gathering it is.")
    def kind(self) -> EventKind | None:
        return enum_value(EventKind, facts.text(self.resource, P.kind))

    @strawberry.field(description="First day, to the precision the source gives ('2025', '2025-04', '2025-04-20').")
    def start_date(self) -> PartialDate | None:
        return as_date(facts.text(self.resource, P.start_date))

    @strawberry.field(description="Last day, to the precision the source gives.")
    def end_date(self) -> PartialDate | None:
        return as_date(facts.text(self.resource, P.end_date))

    @strawberry.field(description="The dates as the source wrote them, e.g. 'TBA' or 'April 20–21, 2012'.")
    def dates_text(self) -> str | None:
        return facts.text(self.resource, P.dates_text)

    @strawberry.field(description="Length in days, when the source states it.")
    def length_days(self) -> int | None:
        return facts.integer(self.resource, P.length_days)

    @strawberry.field(description="Planned, held, cancelled, TBA...")
    def status(self) -> EventStatus | None:
        return enum_value(EventStatus, facts.text(self.resource, P.status))

    @strawberry.field(description="In person, online or hybrid.")
    def format(self) -> EventFormat | None:
        return enum_value(EventFormat, facts.text(self.resource, P.format))

    @strawberry.field(description="How many attended, as the source wrote it and as parsed; see `claims` for others.")
    def attendance(self) -> Quantity | None:
        node = facts.node(self.resource, P.attendance)
        return Quantity(resource=node) if node is not None else None

    @strawberry.field(description="Where it takes place: the city (or the venue when no city is given).")
    async def location(self, info: Info) -> PlaceRef | None:
        from eventgraph.api.types.place import Place

        return await one(info, facts.iri(self.resource, P.location), Place)

    @strawberry.field(description="The venue, when the sources name one; null when they name several (see `venues`).")
    async def venue(self, info: Info) -> PlaceRef | None:
        from eventgraph.api.types.place import Place

        stated = self.resource.iris(P.venue)
        return await one(info, stated[0], Place) if len(stated) == 1 else None

    @strawberry.field(description="The country: as stated, else the country that contains the location.")
    async def country(self, info: Info) -> PlaceRef | None:
        from eventgraph.api.types.place import Place

        loaders = info.context.loaders
        stated_iri = facts.iri(self.resource, P.country)
        location = facts.iri(self.resource, P.location)
        # both asked before either is awaited, so they share the level's batch; the chain's places come described
        stated = loaders.resources.load(stated_iri) if stated_iri else None
        chain = loaders.chains.load((location, P.contained_in)) if location else None
        found = wrap_as(await stated, Place) if stated is not None else None
        if isinstance(found, Place) or chain is None or location is None:
            return found if isinstance(found, Place) else None
        places = {r.iri: r for r in await loaders.many([location, *await chain])}
        # the walk reads the chain it holds: no await per step
        place = wrap_as(places.get(location), Place)
        for _ in range(4):
            if not isinstance(place, Place) or place.kind() is PlaceKind("country"):
                return place if isinstance(place, Place) else None
            up = facts.iri(place.resource, P.contained_in)
            place = wrap_as(places.get(up), Place) if up is not None else None
        return None

    @strawberry.field(description="The series this event is an edition of.")
    async def series(self, info: Info) -> SeriesRef | None:
        from eventgraph.api.types.series import EventSeries

        return await one(info, facts.iri(self.resource, P.series), EventSeries)

    @strawberry.field(description="The edition as the source states it ('third', '2nd', '2023').")
    def edition(self) -> str | None:
        return facts.text(self.resource, P.edition)

    @strawberry.field(description="The edition's number in its series, when known, for ordering.")
    def edition_number(self) -> int | None:
        return facts.integer(self.resource, P.edition_number)

    @strawberry.field(description="The main event this one belongs to (a pre-conference names its conference).")
    async def parent_event(self, info: Info) -> Event | None:
        return await one(info, facts.iri(self.resource, P.parent_event), Event)

    @strawberry.field(description="Events that name this one as their parent (pre-conferences, satellites).")
    async def sub_events(self, info: Info) -> list[Event]:
        iris = await info.context.loaders.inverse(self.resource.iri, P.parent_event)
        return sorted(await many(info, iris, Event), key=event_sort_key)

    @strawberry.field(description="The organizations that organize it, with their roles.")
    async def organizers(self, info: Info) -> list[Participation]:
        return await participations(info, self.resource, P.organizer, P.organizing)

    @strawberry.field(description="The organizer string as the source wrote it, when it names several groups at once.")
    def organizers_text(self) -> str | None:
        return facts.text(self.resource, P.organizers_text)

    @strawberry.field(description="Partners, sponsors and contributors, with their roles.")
    async def partners(self, info: Info) -> list[Participation]:
        return await participations(info, self.resource, P.partner, P.partnering)

    @strawberry.field(description="Languages the event uses.")
    async def languages(self, info: Info) -> list[LanguageRef]:
        from eventgraph.api.types.place import Language

        return await many(info, self.resource.iris(P.language), Language)

    @strawberry.field(description="The event's website.")
    def website(self) -> str | None:
        return facts.iri(self.resource, P.website)

    @strawberry.field(description="Its category on Wikimedia Commons.")
    def commons_category(self) -> str | None:
        return facts.text(self.resource, P.commons_category)

    @strawberry.field(description="The theme, when the source states one.")
    def theme(self) -> str | None:
        return facts.text(self.resource, P.theme)

    @strawberry.field(description="Grants that fund this event.")
    async def grants(self, info: Info) -> list[GrantRef]:
        from eventgraph.api.types.grant import Grant

        iris = await info.context.loaders.inverse(self.resource.iri, P.funded_event)
        return await many(info, iris, Grant)

    @strawberry.field(description="Partnerships that name this event.")
    async def partnerships(self, info: Info) -> list[PartnershipRef]:
        from eventgraph.api.types.partnership import Partnership

        iris = await info.context.loaders.inverse(self.resource.iri, P.related_event)
        return await many(info, iris, Partnership)

    @strawberry.field(
        description=(
            "Other events scored by what they share with this one (`by`: time, place, organizer, series; default "
            "all), best first, each score explained per component."
        )
    )
    async def related_events(
        self, info: Info, by: list[RelatedBy] | None = None, first: int | None = 10
    ) -> list[RelatedEventRef]:
        from eventgraph.api.related import related_events

        return await related_events(info, self.resource.iri, by, first)

    @strawberry.field(description="People the sources name in connection with it, each in the role the source gives.")
    async def people(self, info: Info) -> list[PersonRoleRef]:
        from eventgraph.api.types.person import people_of

        return await people_of(info, self.resource)

    @strawberry.field(
        description="Counts other than attendance (countries, scholarships...), of `kind` and `status` when given."
    )
    def figures(self, kind: FigureKind | None = None, status: FigureStatus | None = None) -> list[Figure]:
        return figures_of(self.resource, kind, status)

    @strawberry.field(description="Every venue the sources name (an event held at several venues lists each).")
    async def venues(self, info: Info) -> list[PlaceRef]:
        from eventgraph.api.types.place import Place

        return await many(info, self.resource.iris(P.venue), Place)
