"""The Event type: one gathering, with its dates, place, series, organizers and partners."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Annotated

import strawberry

from eventgraph.api import facts
from eventgraph.api.batching import MISSING, Missing
from eventgraph.api.context import Info
from eventgraph.api.dataloaders import Key, Loaders, chain_key, describe_key
from eventgraph.api.prefetch import Rule, register
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
from eventgraph.api.types.refs import (
    inverse_now,
    inverse_rule,
    later,
    link_rule,
    many,
    many_now,
    one,
    one_now,
    ref_rule,
    refs_rule,
)
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


def participations(info: Info, resource: Resource, predicate: str, link: str) -> list[Participation]:
    """The organizations of `predicate` with their roles (from the `link` nodes); in the call when described."""
    from eventgraph.api.types.organization import Organization

    members = many_now(info, resource.iris(predicate), Organization)
    if isinstance(members, list):
        return _with_roles(resource, link, members)
    return later(_participations(members, resource, link))


async def _participations(members: Awaitable[list[Organization]], resource: Resource, link: str) -> list[Participation]:
    return _with_roles(resource, link, await members)


def _with_roles(resource: Resource, link: str, members: list[Organization]) -> list[Participation]:
    roles: dict[str, str] = {}
    for node in resource.nodes(link):
        orgs = node.iris(P.organization)
        role = node.literal(P.role)
        if orgs and role:
            roles.setdefault(orgs[0], role)
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
    def location(self, info: Info) -> PlaceRef | None:
        from eventgraph.api.types.place import Place

        return one_now(info, facts.iri(self.resource, P.location), Place)

    @strawberry.field(description="The venue, when the sources name one; null when they name several (see `venues`).")
    def venue(self, info: Info) -> PlaceRef | None:
        from eventgraph.api.types.place import Place

        return one_now(info, single_venue(self.resource), Place)

    @strawberry.field(description="The country: as stated, else the country that contains the location.")
    def country(self, info: Info) -> PlaceRef | None:
        now = country_now(self.resource, info.context.loaders)
        return now if not isinstance(now, Missing) else later(country_later(self.resource, info))

    @strawberry.field(description="The series this event is an edition of.")
    def series(self, info: Info) -> SeriesRef | None:
        from eventgraph.api.types.series import EventSeries

        return one_now(info, facts.iri(self.resource, P.series), EventSeries)

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
    def sub_events(self, info: Info) -> list[Event]:
        return inverse_now(info, self.resource.iri, P.parent_event, Event, event_sort_key)

    @strawberry.field(description="The organizations that organize it, with their roles.")
    def organizers(self, info: Info) -> list[Participation]:
        return participations(info, self.resource, P.organizer, P.organizing)

    @strawberry.field(description="The organizer string as the source wrote it, when it names several groups at once.")
    def organizers_text(self) -> str | None:
        return facts.text(self.resource, P.organizers_text)

    @strawberry.field(description="Partners, sponsors and contributors, with their roles.")
    def partners(self, info: Info) -> list[Participation]:
        return participations(info, self.resource, P.partner, P.partnering)

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


def single_venue(resource: Resource) -> str | None:
    """The venue when the sources name exactly one."""
    stated = resource.iris(P.venue)
    return stated[0] if len(stated) == 1 else None


def country_now(resource: Resource, loaders: Loaders) -> Place | Missing | None:
    """The event's country from the cache (`MISSING` when something it reads is not cached): the stated one when
    it is a place, else the country up the location's containment chain."""
    from eventgraph.api.types.place import Place

    stated_iri = facts.iri(resource, P.country)
    if stated_iri is not None:
        stated = loaders.resources.cached(stated_iri)
        if isinstance(stated, Missing):
            return MISSING
        found = wrap_as(stated, Place)
        if isinstance(found, Place):
            return found
    location = facts.iri(resource, P.location)
    if location is None:
        return None
    chain = loaders.chains.cached((location, P.contained_in))
    if isinstance(chain, Missing):
        return MISSING
    places: dict[str, Resource] = {}
    for iri in [location, *chain]:
        cached = loaders.resources.cached(iri)
        if isinstance(cached, Missing):
            return MISSING
        if cached is not None:
            places[iri] = cached
    return _country_up(location, places)


async def country_later(resource: Resource, info: Info) -> Place | None:
    """`country_now` when the cache did not hold it: the stated country and the chain asked in one batch."""
    from eventgraph.api.types.place import Place

    loaders = info.context.loaders
    stated_iri = facts.iri(resource, P.country)
    location = facts.iri(resource, P.location)
    # both asked before either is awaited, so they share the level's batch; the chain's places come described
    stated = loaders.resources.load(stated_iri) if stated_iri else None
    chain = loaders.chains.load((location, P.contained_in)) if location else None
    found = wrap_as(await stated, Place) if stated is not None else None
    if isinstance(found, Place) or chain is None or location is None:
        return found if isinstance(found, Place) else None
    places = {r.iri: r for r in await loaders.many([location, *await chain])}
    return _country_up(location, places)


def _country_up(location: str, places: dict[str, Resource]) -> Place | None:
    """The first country from `location` up its chain (at most four steps), reading the places given."""
    from eventgraph.api.types.place import Place

    place = wrap_as(places.get(location), Place)
    for _ in range(4):
        if not isinstance(place, Place) or place.kind() is PlaceKind("country"):
            return place if isinstance(place, Place) else None
        up = facts.iri(place.resource, P.contained_in)
        place = wrap_as(places.get(up), Place) if up is not None else None
    return None


def _country_needs(resource: Resource, loaders: Loaders) -> list[Key]:
    """What `country` reads: the stated country and the location's chain, then the chain's places (unless the
    stated country is a place, as `country_later` walks only then)."""
    from eventgraph.api.types.place import Place

    keys: list[Key] = []
    stated_iri = facts.iri(resource, P.country)
    if stated_iri is not None:
        keys.append(describe_key(stated_iri))
        if isinstance(wrap_as(_resource_or_none(loaders.resources.cached(stated_iri)), Place), Place):
            return keys
    location = facts.iri(resource, P.location)
    if location is not None:
        keys.append(chain_key(location, P.contained_in))
        chain = loaders.chains.cached((location, P.contained_in))
        if isinstance(chain, list):
            keys.extend(describe_key(iri) for iri in [location, *chain])
    return keys


def _country_children(resource: Resource, loaders: Loaders) -> list[Entity]:
    found = country_now(resource, loaders)
    return [found] if found is not None and not isinstance(found, Missing) else []


def _resource_or_none(value: Resource | Missing | None) -> Resource | None:
    return value if isinstance(value, Resource) else None


def _rules() -> dict[str, Rule]:
    from eventgraph.api.types.place import Place
    from eventgraph.api.types.series import EventSeries

    return {
        "location": link_rule(P.location, Place),
        "venue": ref_rule(single_venue, Place),
        "series": link_rule(P.series, EventSeries),
        "country": Rule(_country_needs, _country_children, Place),
        "organizers": refs_rule(P.organizer),
        "partners": refs_rule(P.partner),
        "subEvents": inverse_rule(P.parent_event, Event),
    }


register(Event, _rules)
