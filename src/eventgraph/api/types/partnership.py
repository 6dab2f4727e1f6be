"""The Partnership type: a working relationship between organizations, e.g. an affiliate and a UN agency."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from eventgraph.api import facts
from eventgraph.api.context import Info
from eventgraph.api.prefetch import register
from eventgraph.api.types.common import Entity, PartialDate, as_date
from eventgraph.api.types.enums import FigureKind, FigureStatus
from eventgraph.api.types.figures import Figure, figures_of
from eventgraph.api.types.refs import many, refs_rule
from eventgraph.api.types.registry import wrap
from eventgraph.model import Iri, P

if TYPE_CHECKING:
    from eventgraph.api.types.event import Participation
    from eventgraph.api.types.grant import Grant
    from eventgraph.api.types.organization import Organization
    from eventgraph.api.types.person import PersonRole

ParticipationRef = Annotated["Participation", strawberry.lazy("eventgraph.api.types.event")]
GrantRef = Annotated["Grant", strawberry.lazy("eventgraph.api.types.grant")]
OrganizationRef = Annotated["Organization", strawberry.lazy("eventgraph.api.types.organization")]
PersonRoleRef = Annotated["PersonRole", strawberry.lazy("eventgraph.api.types.person")]


@strawberry.type(description="A partnership between organizations (Wikimedia affiliates, the Foundation, IGOs, NGOs).")
class Partnership(Entity):
    @strawberry.field(description="The organizations in the partnership.")
    async def organizations(self, info: Info) -> list[OrganizationRef]:
        from eventgraph.api.types.organization import Organization

        return await many(info, self.resource.iris(P.party), Organization)

    @strawberry.field(description="Topics of the partnership (e.g. health, gender, emergencies).")
    def topics(self) -> list[str]:
        return facts.texts(self.resource, P.topic)

    @strawberry.field(description="The initiative it works through, as text (e.g. 'WikiGap').")
    def initiative_text(self) -> str | None:
        fact = facts.preferred(self.resource, P.initiative)
        if fact is None:
            return None
        if isinstance(fact.value, Iri):
            return None
        return facts.text(self.resource, P.initiative)

    @strawberry.field(description="The initiative as an entity (an event series or event), when it is one.")
    async def initiative(self, info: Info) -> Entity | None:
        target = facts.iri(self.resource, P.initiative)
        return wrap(await info.context.loaders.resources.load(target)) if target else None

    @strawberry.field(description="Since when, to the precision the source gives.")
    def since(self) -> PartialDate | None:
        return as_date(facts.text(self.resource, P.since))

    @strawberry.field(description="Active, ended or planned.")
    def status(self) -> str | None:
        return facts.text(self.resource, P.status)

    @strawberry.field(description="The event the partnership produced or is documented by.")
    async def related_event(self, info: Info) -> Entity | None:
        target = facts.iri(self.resource, P.related_event)
        return wrap(await info.context.loaders.resources.load(target)) if target else None

    @strawberry.field(description="People the sources name in connection with it, each in the role the source gives.")
    async def people(self, info: Info) -> list[PersonRoleRef]:
        from eventgraph.api.types.person import people_of

        return await people_of(info, self.resource)

    @strawberry.field(
        description="Counts other than attendance (countries, scholarships...), of `kind` and `status` when given."
    )
    def figures(self, kind: FigureKind | None = None, status: FigureStatus | None = None) -> list[Figure]:
        return figures_of(self.resource, kind, status)

    @strawberry.field(description="The parties, each with its role in the partnership when the source names one.")
    def parties(self, info: Info) -> list[ParticipationRef]:
        from eventgraph.api.types.event import participations

        return participations(info, self.resource, P.party, P.party_role)

    @strawberry.field(description="Grants that fund the partnership.")
    async def grants(self, info: Info) -> list[GrantRef]:
        from eventgraph.api.types.grant import Grant

        iris = await info.context.loaders.inverse(self.resource.iri, P.funded_partnership)
        return await many(info, iris, Grant)


register(Partnership, lambda: {"parties": refs_rule(P.party)})
