"""People the sources name, and their part in events, series, organizations, partnerships and grants."""

from __future__ import annotations

import strawberry

from eventgraph.api.context import Info
from eventgraph.api.types.common import Citation, Entity, citations_of
from eventgraph.api.types.registry import wrap
from eventgraph.model import P, Resource


@strawberry.type(
    description=(
        "A person a source names, by the name the source uses (a user name stays a user name). Only people named "
        "in the sources are recorded, each in the role the source gives."
    )
)
class Person(Entity):
    @strawberry.field(description="The events, series, organizations, partnerships and grants that name this person.")
    async def involved_in(self, info: Info) -> list[Entity]:
        iris = await info.context.loaders.inverse(self.resource.iri, P.person)
        return [e for e in (wrap(r) for r in await info.context.loaders.many(iris)) if e is not None]

    @strawberry.field(description="Each part the person had, with the role the source gives and its citation.")
    async def involvements(self, info: Info) -> list[Involvement]:
        iris = await info.context.loaders.inverse(self.resource.iri, P.person)
        found = []
        for resource in await info.context.loaders.many(iris):
            entity = wrap(resource)
            if entity is None:
                continue
            for node in resource.nodes(P.involvement):
                if self.resource.iri in node.iris(P.person):
                    found.append(
                        Involvement(entity=entity, role=node.literal(P.role), citation_list=citations_of(node))
                    )
        return found


@strawberry.type(description="A person's part in an entity, in the role the source gives.")
class Involvement:
    entity: Entity = strawberry.field(description="The event, series, organization, partnership or grant.")
    role: str | None = strawberry.field(description="The role as the source words it (e.g. 'applicant').")
    citation_list: strawberry.Private[list[Citation]]

    @strawberry.field(description="The pages that name the person in this role, with their quotes.")
    def citations(self) -> list[Citation]:
        return self.citation_list


@strawberry.type(description="A person named in connection with an entity, in the role the source gives.")
class PersonRole:
    person: Person = strawberry.field(description="The person, by the name the source uses.")
    role: str | None = strawberry.field(description="The role as the source words it (e.g. 'gave the opening speech').")
    citation_list: strawberry.Private[list[Citation]]

    @strawberry.field(description="The pages that name the person in this role, with their quotes.")
    def citations(self) -> list[Citation]:
        return self.citation_list


async def people_of(info: Info, resource: Resource) -> list[PersonRole]:
    """The people an entity names, one entry per person and role, in the order of the people's labels."""
    nodes = resource.nodes(P.involvement)
    people = {r.iri: r for r in await info.context.loaders.many(resource.iris(P.person)) if r is not None}
    found = []
    for node in nodes:
        for iri in node.iris(P.person):
            if iri in people:
                found.append(
                    PersonRole(
                        person=Person(resource=people[iri]), role=node.literal(P.role), citation_list=citations_of(node)
                    )
                )
    return sorted(found, key=lambda r: (r.person.label().casefold(), r.role or ""))
