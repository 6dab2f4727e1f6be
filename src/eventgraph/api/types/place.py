"""Place (venue, city, country, region) and Language."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated

import strawberry

from eventgraph.api import facts
from eventgraph.api.context import Info
from eventgraph.api.types.common import Entity
from eventgraph.api.types.enums import PlaceKind, enum_value
from eventgraph.api.types.event import Event, event_sort_key
from eventgraph.api.types.refs import many, one
from eventgraph.model import P

if TYPE_CHECKING:
    from eventgraph.api.types.organization import Organization

OrganizationRef = Annotated["Organization", strawberry.lazy("eventgraph.api.types.organization")]
_POINT = re.compile(r"^\s*Point\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)\s*$", re.IGNORECASE)


@strawberry.type(description="A position on Earth (WGS 84).")
class Coordinates:
    latitude: float = strawberry.field(description="Degrees north.")
    longitude: float = strawberry.field(description="Degrees east.")
    wkt: str = strawberry.field(description="The same point as GeoSPARQL WKT: 'Point(longitude latitude)'.")


@strawberry.type(description="A place: a venue, city, country or region; places nest through `containedIn`.")
class Place(Entity):
    @strawberry.field(description="Venue, city, country or region.")
    def kind(self) -> PlaceKind | None:
        return enum_value(PlaceKind, facts.text(self.resource, P.place_kind))

    @strawberry.field(description="The place that contains this one (city -> country -> region).")
    async def contained_in(self, info: Info) -> Place | None:
        return await one(info, facts.iri(self.resource, P.contained_in), Place)

    @strawberry.field(description="Places directly inside this one.")
    async def contains(self, info: Info) -> list[Place]:
        iris = await info.context.loaders.inverse(self.resource.iri, P.contained_in)
        return sorted(await many(info, iris, Place), key=lambda p: p.label().casefold())

    @strawberry.field(description="Coordinates, when a source gives them.")
    def coordinates(self) -> Coordinates | None:
        wkt = facts.text(self.resource, P.coordinates)
        match = _POINT.match(wkt or "")
        if not match or wkt is None:
            return None
        return Coordinates(longitude=float(match.group(1)), latitude=float(match.group(2)), wkt=wkt)

    @strawberry.field(description="Events held here (as location, venue or country), by date.")
    async def events(self, info: Info) -> list[Event]:
        iris = await info.context.loaders.inverse(self.resource.iri, P.location, P.venue, P.country)
        return sorted(await many(info, iris, Event), key=event_sort_key)

    @strawberry.field(description="Organizations based here.")
    async def organizations(self, info: Info) -> list[OrganizationRef]:
        from eventgraph.api.types.organization import Organization

        iris = await info.context.loaders.inverse(self.resource.iri, P.based_in, P.operating_area)
        return await many(info, iris, Organization)


@strawberry.type(description="A language used by events and affiliates.")
class Language(Entity):
    @strawberry.field(description="BCP 47 code, e.g. 'tr' or 'kk'.")
    def code(self) -> str | None:
        return facts.text(self.resource, P.code)
