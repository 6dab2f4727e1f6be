"""Grant programs, their rounds with dated milestones, and grants with amounts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from eventgraph.api import facts
from eventgraph.api.context import Info
from eventgraph.api.types.common import Entity, PartialDate, as_date
from eventgraph.api.types.refs import many, one
from eventgraph.api.types.registry import wrap
from eventgraph.model import RDFS_LABEL, SCHEMA_DESCRIPTION, Iri, P, Resource

if TYPE_CHECKING:
    from eventgraph.api.types.organization import Organization
    from eventgraph.api.types.partnership import Partnership
    from eventgraph.api.types.person import PersonRole

PartnershipRef = Annotated["Partnership", strawberry.lazy("eventgraph.api.types.partnership")]
OrganizationRef = Annotated["Organization", strawberry.lazy("eventgraph.api.types.organization")]
PersonRoleRef = Annotated["PersonRole", strawberry.lazy("eventgraph.api.types.person")]


@strawberry.type(description="A kind of event a grant program funds, with the examples the program names.")
class GrantCategory:
    node: strawberry.Private[Resource]

    @strawberry.field(description="The category's name.")
    def label(self) -> str:
        return self.node.literal(RDFS_LABEL) or ""

    @strawberry.field(description="What the category covers.")
    def description(self) -> str | None:
        return self.node.literal(SCHEMA_DESCRIPTION)

    @strawberry.field(description="Named examples that are not entities of the graph, as text.")
    def example_texts(self) -> list[str]:
        return [lit.lexical for lit in self.node.literals(P.example)]

    @strawberry.field(description="Named examples that are events or series of the graph.")
    async def examples(self, info: Info) -> list[Entity]:
        found = await info.context.loaders.many(self.node.iris(P.example))
        return [e for e in (wrap(r) for r in found) if e is not None]


@strawberry.type(description="A dated step of a grant round (proposal deadline, committee review...).")
class Milestone:
    kind: str = strawberry.field(
        description="proposal-deadline, eligibility-review, revision-deadline, "
        "committee-review, announcement or event-window."
    )
    label: str | None = strawberry.field(description="The step as the source names it.")
    start: PartialDate = strawberry.field(description="When it starts (or its single date).")
    end: PartialDate | None = strawberry.field(description="When it ends, for a period.")


@strawberry.type(description="A sum of money with what it is (requested, recommended, approved, awarded, budget).")
class MonetaryAmount:
    amount: str = strawberry.field(description="The amount as a decimal number, e.g. '61740' or '115411.92'.")
    currency: str = strawberry.field(description="ISO 4217 currency code, e.g. 'USD', 'TRY', 'INR'.")
    kind: str = strawberry.field(description="requested, recommended, approved, awarded or budget.")
    text: str | None = strawberry.field(description="The amount exactly as the source wrote it.")


@strawberry.type(description="A grant program (e.g. the Conference & Event Grants program).")
class GrantProgram(Entity):
    @strawberry.field(description="Who funds the program.")
    async def funder(self, info: Info) -> OrganizationRef | None:
        from eventgraph.api.types.organization import Organization

        return await one(info, facts.iri(self.resource, P.funder), Organization)

    @strawberry.field(description="The categories of events it funds.")
    def categories(self) -> list[GrantCategory]:
        return [GrantCategory(node=n) for n in self.resource.nodes(P.category)]

    @strawberry.field(description="Its rounds, in order.")
    async def rounds(self, info: Info) -> list[GrantRound]:
        iris = await info.context.loaders.inverse(self.resource.iri, P.program)
        rounds = await many(info, iris, GrantRound)
        return sorted(rounds, key=lambda r: (r.position() or 0, r.label()))

    @strawberry.field(description="Grants made under it.")
    async def grants(self, info: Info) -> list[Grant]:
        iris = await info.context.loaders.inverse(self.resource.iri, P.program)
        return await many(info, iris, Grant)


@strawberry.type(description="One round of a grant program with its schedule.")
class GrantRound(Entity):
    @strawberry.field(description="The program the round belongs to.")
    async def program(self, info: Info) -> GrantProgram | None:
        return await one(info, facts.iri(self.resource, P.program), GrantProgram)

    @strawberry.field(description="Order of the round within the program.")
    def position(self) -> int | None:
        return facts.integer(self.resource, P.position)

    @strawberry.field(description="The schedule, in date order.")
    def milestones(self) -> list[Milestone]:
        items = [
            Milestone(
                kind=n.literal(P.milestone_kind) or "",
                label=n.literal(RDFS_LABEL),
                start=PartialDate(n.literal(P.start_date) or ""),
                end=as_date(n.literal(P.end_date)),
            )
            for n in self.resource.nodes(P.milestone)
        ]
        return sorted(items, key=lambda m: (m.start, m.end or ""))

    @strawberry.field(description="The proposal deadline of the round, when given.")
    def proposal_deadline(self) -> PartialDate | None:
        for milestone in self.milestones():
            if milestone.kind == "proposal-deadline":
                return PartialDate(str(milestone.start))
        return None


@strawberry.type(description="A grant to an organization for an event, with the amounts stated.")
class Grant(Entity):
    @strawberry.field(description="The program it was requested from.")
    async def program(self, info: Info) -> GrantProgram | None:
        return await one(info, facts.iri(self.resource, P.program), GrantProgram)

    @strawberry.field(description="The round, when known.")
    async def round(self, info: Info) -> GrantRound | None:
        return await one(info, facts.iri(self.resource, P.round), GrantRound)

    @strawberry.field(description="Who requested or received it.")
    async def grantee(self, info: Info) -> OrganizationRef | None:
        from eventgraph.api.types.organization import Organization

        return await one(info, facts.iri(self.resource, P.grantee), Organization)

    @strawberry.field(description="The organization that administered it for the grantee.")
    async def fiscal_sponsor(self, info: Info) -> OrganizationRef | None:
        from eventgraph.api.types.organization import Organization

        return await one(info, facts.iri(self.resource, P.fiscal_sponsor), Organization)

    @strawberry.field(description="The event (or series) it funds.")
    async def event(self, info: Info) -> Entity | None:
        target = facts.iri(self.resource, P.funded_event)
        return wrap(await info.context.loaders.resources.load(target)) if target else None

    @strawberry.field(description="Its status as the source states it (e.g. 'funded', 'Under review').")
    def status(self) -> str | None:
        return facts.text(self.resource, P.status)

    @strawberry.field(description="The funder's fiscal year, e.g. '2022-23'.")
    def fiscal_year(self) -> str | None:
        return facts.text(self.resource, P.fiscal_year)

    @strawberry.field(description="Amounts stated: requested, recommended, approved, awarded, budget.")
    def amounts(self, kind: str | None = None) -> list[MonetaryAmount]:
        items = [
            MonetaryAmount(
                amount=n.literal(P.value) or "",
                currency=n.literal(P.currency) or "",
                kind=n.literal(P.amount_kind) or "",
                text=n.literal(P.text),
            )
            for n in self.resource.nodes(P.amount)
        ]
        return [a for a in items if kind is None or a.kind == kind]

    @strawberry.field(description="People the sources name in connection with it, each in the role the source gives.")
    async def people(self, info: Info) -> list[PersonRoleRef]:
        from eventgraph.api.types.person import people_of

        return await people_of(info, self.resource)

    @strawberry.field(description="The partnership it funds.")
    async def partnership(self, info: Info) -> PartnershipRef | None:
        from eventgraph.api.types.partnership import Partnership

        return await one(info, facts.iri(self.resource, P.funded_partnership), Partnership)


__all__ = ["Grant", "GrantProgram", "GrantRound", "Iri"]
