"""The Organization type: affiliates, the Foundation, IGOs and other partners."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from eventgraph.api import facts
from eventgraph.api.context import Info
from eventgraph.api.prefetch import Rule, register
from eventgraph.api.types.common import Entity, PartialDate, as_date
from eventgraph.api.types.enums import FigureKind, FigureStatus, OrganizationKind, RecognitionStatus, enum_value
from eventgraph.api.types.event import Event, event_sort_key
from eventgraph.api.types.figures import Figure, figures_of
from eventgraph.api.types.network import YearCount
from eventgraph.api.types.refs import inverse_now, inverse_rule, many, one
from eventgraph.model import P

if TYPE_CHECKING:
    from eventgraph.api.types.grant import Grant
    from eventgraph.api.types.partnership import Partnership
    from eventgraph.api.types.person import PersonRole
    from eventgraph.api.types.place import Language, Place

PlaceRef = Annotated["Place", strawberry.lazy("eventgraph.api.types.place")]
LanguageRef = Annotated["Language", strawberry.lazy("eventgraph.api.types.place")]
GrantRef = Annotated["Grant", strawberry.lazy("eventgraph.api.types.grant")]
PartnershipRef = Annotated["Partnership", strawberry.lazy("eventgraph.api.types.partnership")]
PersonRoleRef = Annotated["PersonRole", strawberry.lazy("eventgraph.api.types.person")]


@strawberry.type(description="An organization: a Wikimedia affiliate, the Foundation, an IGO such as a UN agency...")
class Organization(Entity):
    @strawberry.field(description="Foundation, chapter, user group, thematic organization, IGO, NGO or other.")
    def kind(self) -> OrganizationKind | None:
        return enum_value(OrganizationKind, facts.text(self.resource, P.org_kind))

    @strawberry.field(description="Short name or acronym (e.g. 'WMTurkic').")
    def short_name(self) -> str | None:
        return facts.text(self.resource, P.short_name)

    @strawberry.field(description="When it was founded, to the precision the source gives.")
    def founded(self) -> PartialDate | None:
        return as_date(facts.text(self.resource, P.founded))

    @strawberry.field(description="When it was recognized as a Wikimedia affiliate.")
    def recognized(self) -> PartialDate | None:
        return as_date(facts.text(self.resource, P.recognized))

    @strawberry.field(description="Whether the recognition stands, is provisional or lapsed.")
    def recognition_status(self) -> RecognitionStatus | None:
        return enum_value(RecognitionStatus, facts.text(self.resource, P.recognition_status))

    @strawberry.field(description="Where it is based.")
    async def based_in(self, info: Info) -> PlaceRef | None:
        from eventgraph.api.types.place import Place

        return await one(info, facts.iri(self.resource, P.based_in), Place)

    @strawberry.field(description="Countries or regions it operates in.")
    async def operating_area(self, info: Info) -> list[PlaceRef]:
        from eventgraph.api.types.place import Place

        return await many(info, self.resource.iris(P.operating_area), Place)

    @strawberry.field(description="Its parent organization.")
    async def parent(self, info: Info) -> Organization | None:
        return await one(info, facts.iri(self.resource, P.parent_organization), Organization)

    @strawberry.field(description="Organizations it is a member of.")
    async def member_of(self, info: Info) -> list[Organization]:
        return await many(info, self.resource.iris(P.member_of), Organization)

    @strawberry.field(description="Languages it works in.")
    async def languages(self, info: Info) -> list[LanguageRef]:
        from eventgraph.api.types.place import Language

        return await many(info, self.resource.iris(P.language), Language)

    @strawberry.field(description="Its website.")
    def website(self) -> str | None:
        return facts.iri(self.resource, P.website)

    @strawberry.field(description="Events it organized, by date.")
    def events(self, info: Info) -> list[Event]:
        return inverse_now(info, self.resource.iri, P.organizer, Event, event_sort_key)

    @strawberry.field(description="How many events of the graph it organized (a series it organizes is no event).")
    async def event_count(self, info: Info) -> int:
        iris = await info.context.loaders.inverse(self.resource.iri, P.organizer)
        return len(await many(info, iris, Event))

    @strawberry.field(description="Events it supported as partner, sponsor or contributor, by date.")
    def partnered_events(self, info: Info) -> list[Event]:
        return inverse_now(info, self.resource.iri, P.partner, Event, event_sort_key)

    @strawberry.field(description="Partnerships it is a party to.")
    async def partnerships(self, info: Info) -> list[PartnershipRef]:
        from eventgraph.api.types.partnership import Partnership

        iris = await info.context.loaders.inverse(self.resource.iri, P.party)
        return await many(info, iris, Partnership)

    @strawberry.field(description="Grants it received.")
    async def grants(self, info: Info) -> list[GrantRef]:
        from eventgraph.api.types.grant import Grant

        iris = await info.context.loaders.inverse(self.resource.iri, P.grantee)
        return await many(info, iris, Grant)

    @strawberry.field(
        description=(
            "Degree in the co-organization network: organizations it organized an event with, that supported "
            "an event it organized (or organized one it supported), or that share a partnership with it."
        )
    )
    async def degree(self, info: Info) -> int:
        from eventgraph.api.network import degree

        return await degree(info, self.resource.iri)

    @strawberry.field(
        description="Organizations linked to it as partners: through a partnership, or as partner of an event."
    )
    async def partners_count(self, info: Info) -> int:
        from eventgraph.api.network import partners_count

        return await partners_count(info, self.resource.iri)

    @strawberry.field(
        description="Countries of the events it organized or supported (stated, else containing the location)."
    )
    async def countries_reached(self, info: Info) -> list[PlaceRef]:
        from eventgraph.api.network import countries_reached
        from eventgraph.api.types.place import Place

        return sorted(
            await many(info, await countries_reached(info, self.resource.iri), Place),
            key=lambda p: p.label().casefold(),
        )

    @strawberry.field(description="Events it organized per year of their earliest possible start (undated left out).")
    async def events_per_year(self, info: Info) -> list[YearCount]:
        from eventgraph.api.network import events_per_year

        return await events_per_year(info, self.resource.iri)

    @strawberry.field(description="People the sources name in connection with it, each in the role the source gives.")
    async def people(self, info: Info) -> list[PersonRoleRef]:
        from eventgraph.api.types.person import people_of

        return await people_of(info, self.resource)

    @strawberry.field(
        description="Counts other than attendance (countries, scholarships...), of `kind` and `status` when given."
    )
    def figures(self, kind: FigureKind | None = None, status: FigureStatus | None = None) -> list[Figure]:
        return figures_of(self.resource, kind, status)

    @strawberry.field(description="The wiki it runs (its URL), as Wikimedia's configuration or a cited page states.")
    def wiki(self) -> str | None:
        return facts.iri(self.resource, P.wiki)

    @strawberry.field(description="Organizations a cited source says this one replaced or continues.")
    async def predecessors(self, info: Info) -> list[Organization]:
        return await many(info, self.resource.iris(P.predecessor), Organization)

    @strawberry.field(description="Organizations a cited source says replaced or continue this one.")
    async def successors(self, info: Info) -> list[Organization]:
        iris = await info.context.loaders.inverse(self.resource.iri, P.predecessor)
        return await many(info, iris, Organization)

    @strawberry.field(
        description=(
            "Other records a cited source says are the same organization, whichever record states the link; the "
            "records stay separate (see each one's sources)."
        )
    )
    async def same_organizations(self, info: Info) -> list[Organization]:
        stated = self.resource.iris(P.same_organization_as)
        inverse = await info.context.loaders.inverse(self.resource.iri, P.same_organization_as)
        iris = [i for i in dict.fromkeys([*stated, *inverse]) if i != self.resource.iri]
        return await many(info, iris, Organization)


def _rules() -> dict[str, Rule]:
    return {"events": inverse_rule(P.organizer, Event), "partneredEvents": inverse_rule(P.partner, Event)}


register(Organization, _rules)
