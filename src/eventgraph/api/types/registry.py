"""From a store `Resource` to the GraphQL type of its class (imports are lazy: the types refer to each other)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from eventgraph.model import EntityClass, Resource

if TYPE_CHECKING:
    from eventgraph.api.types.common import Entity


@cache
def _classes() -> dict[str, type[Entity]]:
    """Class IRI -> GraphQL type, built once (the enum's `iri` property and these imports cost per call)."""
    from eventgraph.api.types.event import Event
    from eventgraph.api.types.grant import Grant, GrantProgram, GrantRound
    from eventgraph.api.types.organization import Organization
    from eventgraph.api.types.partnership import Partnership
    from eventgraph.api.types.person import Person
    from eventgraph.api.types.place import Language, Place
    from eventgraph.api.types.series import EventSeries

    return {
        EntityClass.EVENT.iri: Event,
        EntityClass.EVENT_SERIES.iri: EventSeries,
        EntityClass.ORGANIZATION.iri: Organization,
        EntityClass.PARTNERSHIP.iri: Partnership,
        EntityClass.PLACE.iri: Place,
        EntityClass.LANGUAGE.iri: Language,
        EntityClass.GRANT_PROGRAM.iri: GrantProgram,
        EntityClass.GRANT_ROUND.iri: GrantRound,
        EntityClass.GRANT.iri: Grant,
        EntityClass.PERSON.iri: Person,
    }


def wrap(resource: Resource | None) -> Entity | None:
    """The typed GraphQL object for a resource, or None when it has no eventgraph class."""
    if resource is None:
        return None
    cls = resource.derived("graphql-type", _class_of)
    return cls(resource=resource) if cls is not None else None


def _class_of(resource: Resource) -> type[Entity] | None:
    classes = _classes()
    for type_iri in sorted(resource.types):
        if type_iri in classes:
            return classes[type_iri]
    return None


def wrap_as(resource: Resource | None, cls: type[Entity]) -> Entity | None:
    """The resource as `cls` when it has that class, else None (a reference to the wrong kind is dropped)."""
    wrapped = wrap(resource)
    return wrapped if isinstance(wrapped, cls) else None
