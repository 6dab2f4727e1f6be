"""The Partnership type: a working relationship between organizations, e.g. an affiliate and a UN agency."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from eventgraph.api import facts
from eventgraph.api.context import Info
from eventgraph.api.types.common import Entity, PartialDate, as_date
from eventgraph.api.types.refs import many
from eventgraph.api.types.registry import wrap
from eventgraph.model import Iri, P

if TYPE_CHECKING:
    from eventgraph.api.types.organization import Organization

OrganizationRef = Annotated["Organization", strawberry.lazy("eventgraph.api.types.organization")]


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
