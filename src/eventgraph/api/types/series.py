"""The EventSeries type: a recurring event and its editions in order."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from eventgraph.api import facts
from eventgraph.api.context import Info
from eventgraph.api.prefetch import Rule, register
from eventgraph.api.types.common import Entity, PartialDate, Quantity, as_date
from eventgraph.api.types.enums import EventKind, FigureKind, FigureStatus, enum_value
from eventgraph.api.types.event import Event, Participation, event_sort_key, participations
from eventgraph.api.types.figures import Figure, figures_of
from eventgraph.api.types.refs import inverse_now, inverse_rule, many, one, refs_rule
from eventgraph.model import P

if TYPE_CHECKING:
    from eventgraph.api.types.organization import Organization
    from eventgraph.api.types.person import PersonRole

OrganizationRef = Annotated["Organization", strawberry.lazy("eventgraph.api.types.organization")]
PersonRoleRef = Annotated["PersonRole", strawberry.lazy("eventgraph.api.types.person")]


@strawberry.type(description="A cap on how many of one group may attend (e.g. Foundation staff at the Hackathon).")
class ParticipantLimit:
    group: str = strawberry.field(description="Who the limit applies to, as the source says.")
    maximum: int = strawberry.field(description="How many at most.")
    since: PartialDate | None = strawberry.field(description="Since when the limit applies.")


@strawberry.type(description="Seats on a program committee held by one organization or group.")
class CommitteeSeat:
    seats: int = strawberry.field(description="Number of seats.")
    note: str | None = strawberry.field(description="Who holds them, as the source says (e.g. '2 Tech, 1 Product').")
    organization_iri: strawberry.Private[str | None]

    @strawberry.field(description="The organization holding the seats, if it is one.")
    async def organization(self, info: Info) -> OrganizationRef | None:
        from eventgraph.api.types.organization import Organization

        return await one(info, self.organization_iri, Organization)


@strawberry.type(description="The sum of one kind of amount in one currency over a series' grants.")
class MoneyTotal:
    currency: str = strawberry.field(description="ISO 4217 currency code.")
    kind: str = strawberry.field(description="requested, recommended, approved, awarded, spent or budget.")
    amount: str = strawberry.field(description="The sum, as a decimal number.")
    grants: int = strawberry.field(description="How many grants contributed to the sum.")


@strawberry.type(description="A recurring event (Wikimania, Wikimedia Hackathon...) whose editions are Events.")
class EventSeries(Entity):
    @strawberry.field(description="What kind of gathering its editions are.")
    def kind(self) -> EventKind | None:
        return enum_value(EventKind, facts.text(self.resource, P.kind))

    @strawberry.field(description="Year of the first edition.")
    def first_year(self) -> PartialDate | None:
        return as_date(facts.text(self.resource, P.first_year))

    @strawberry.field(description="How often it happens, as the source says (e.g. 'annual').")
    def frequency(self) -> str | None:
        return facts.text(self.resource, P.frequency)

    @strawberry.field(description="When in the year it usually happens, as the source says (e.g. 'April/May').")
    def typical_months(self) -> str | None:
        return facts.text(self.resource, P.typical_months)

    @strawberry.field(description="Usual length in days.")
    def typical_length_days(self) -> int | None:
        return facts.integer(self.resource, P.typical_length_days)

    @strawberry.field(description="Where it usually happens, as the source says (e.g. 'usually in Europe').")
    def typical_region(self) -> str | None:
        return facts.text(self.resource, P.typical_region)

    @strawberry.field(description="Usual number of participants, as written and parsed.")
    def participants(self) -> Quantity | None:
        node = facts.node(self.resource, P.participants)
        return Quantity(resource=node) if node is not None else None

    @strawberry.field(description="Caps on participants from particular groups.")
    def participant_limits(self) -> list[ParticipantLimit]:
        return [
            ParticipantLimit(
                group=node.literal(P.limited_group) or "",
                maximum=int(node.literal(P.maximum) or 0),
                since=as_date(node.literal(P.since)),
            )
            for node in self.resource.nodes(P.participant_limit)
        ]

    @strawberry.field(description="Who organizes the series (each edition may name its own organizers).")
    def organizers(self, info: Info) -> list[Participation]:
        return participations(info, self.resource, P.organizer, P.organizing)

    @strawberry.field(description="Composition of the program committee.")
    def committee(self) -> list[CommitteeSeat]:
        return [
            CommitteeSeat(
                seats=int(node.literal(P.seat_count) or 0),
                note=node.literal(P.note),
                organization_iri=next(iter(node.iris(P.organization)), None),
            )
            for node in self.resource.nodes(P.committee_seat)
        ]

    @strawberry.field(description="The editions, in edition order (edition number, then date).")
    def events(self, info: Info) -> list[Event]:
        return inverse_now(info, self.resource.iri, P.series, Event, event_sort_key)

    @strawberry.field(
        description="Grant amounts of the series' editions summed per currency (never converted), for one kind."
    )
    async def grant_totals(self, info: Info, kind: str = "requested") -> list[MoneyTotal]:
        from eventgraph.api.types.grant import Grant

        events = await info.context.loaders.inverse(self.resource.iri, P.series)
        grant_iris = [
            g
            for group in await info.context.loaders.referrers.load_many(
                [(e, P.funded_event) for e in [self.resource.iri, *events]]
            )
            for g in group
        ]
        sums: dict[str, tuple[Decimal, int]] = {}
        for grant in await many(info, list(dict.fromkeys(grant_iris)), Grant):
            for currency in {a.currency for a in grant.amounts(kind)}:
                total = sum((Decimal(a.amount) for a in grant.amounts(kind) if a.currency == currency), Decimal(0))
                previous, count = sums.get(currency, (Decimal(0), 0))
                sums[currency] = (previous + total, count + 1)
        return [
            MoneyTotal(currency=c, kind=kind, amount=str(total), grants=n) for c, (total, n) in sorted(sums.items())
        ]

    @strawberry.field(description="The series' website.")
    def website(self) -> str | None:
        return facts.iri(self.resource, P.website)

    @strawberry.field(description="People the sources name in connection with it, each in the role the source gives.")
    async def people(self, info: Info) -> list[PersonRoleRef]:
        from eventgraph.api.types.person import people_of

        return await people_of(info, self.resource)

    @strawberry.field(
        description="Counts other than attendance (countries, scholarships...), of `kind` and `status` when given."
    )
    def figures(self, kind: FigureKind | None = None, status: FigureStatus | None = None) -> list[Figure]:
        return figures_of(self.resource, kind, status)


def _rules() -> dict[str, Rule]:
    return {"events": inverse_rule(P.series, Event), "organizers": refs_rule(P.organizer)}


register(EventSeries, _rules)
