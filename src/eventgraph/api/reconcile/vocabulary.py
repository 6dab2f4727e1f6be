"""What the reconciliation service offers: its types (the entity classes) and its properties.

One table each, so the manifest, the suggest services, property proposals, reconciliation conditions and data
extension all name the same things with the same ids.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from eventgraph.model import EG, EntityClass

TYPE_NAMES = {
    EntityClass.EVENT: "Event",
    EntityClass.EVENT_SERIES: "Event series",
    EntityClass.ORGANIZATION: "Organization",
    EntityClass.PARTNERSHIP: "Partnership",
    EntityClass.PLACE: "Place",
    EntityClass.GRANT_PROGRAM: "Grant program",
    EntityClass.GRANT_ROUND: "Grant round",
    EntityClass.GRANT: "Grant",
    EntityClass.LANGUAGE: "Language",
    EntityClass.PERSON: "Person",
}
"""Every entity class is a type; its id is the class's local name in the ontology ('EventSeries')."""
DEFAULT_TYPES = (EntityClass.ORGANIZATION, EntityClass.EVENT, EntityClass.EVENT_SERIES, EntityClass.PLACE)


def type_id(entity_class: EntityClass) -> str:
    return entity_class.value


def type_json(entity_class: EntityClass) -> dict[str, str]:
    return {"id": type_id(entity_class), "name": TYPE_NAMES[entity_class]}


def class_of(text: str) -> EntityClass | None:
    """The class a type id names: 'Event', 'eg:Event' or the full ontology IRI; None for anything else."""
    for prefix in (EG, "eg:"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    try:
        return EntityClass(text)
    except ValueError:
        return None


class ValueKind(enum.Enum):
    """How a property's values are written in a data extension and compared in a reconciliation condition."""

    ENTITY = "entity"  # {"id", "name"}; a condition gives an id, or a name compared with the entity's labels
    TEXT = "text"  # {"str"}; compared folded for case and diacritics
    DATE = "date"  # {"str"} as precise as the source ('2019', '2019-08'); compatible precisions agree
    NUMBER = "number"  # {"int"}; compared as integers


@dataclass(frozen=True, slots=True)
class Property:
    id: str
    name: str
    description: str
    kind: ValueKind
    classes: tuple[EntityClass, ...]
    """The types that have it; empty: every type."""
    value_class: EntityClass | None = None
    """For entity values: their type (named in the data extension's metadata)."""

    def json(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "description": self.description}


_E, _O, _S, _P = EntityClass.EVENT, EntityClass.ORGANIZATION, EntityClass.EVENT_SERIES, EntityClass.PLACE
PROPERTIES = (
    Property("qid", "Wikidata QID", "The Wikidata item id (e.g. Q180), when known.", ValueKind.TEXT, ()),
    Property(
        "country",
        "Country",
        "Events: the country stated, else the one containing the location; organizations: the countries they are "
        "based or operate in.",
        ValueKind.ENTITY,
        (_E, _O),
        _P,
    ),
    Property(
        "kind",
        "Kind",
        "Conference, hackathon...; chapter, user group...; city, country...",
        ValueKind.TEXT,
        (_E, _S, _O, _P),
    ),
    Property("shortName", "Short name", "An organization's short name or acronym (e.g. WMDE).", ValueKind.TEXT, (_O,)),
    Property(
        "founded", "Founded", "When the organization was founded, as precise as the source.", ValueKind.DATE, (_O,)
    ),
    Property("eventCount", "Events organized", "How many events of the graph it organized.", ValueKind.NUMBER, (_O,)),
    Property("startDate", "Start date", "When the event starts, as precise as the source.", ValueKind.DATE, (_E,)),
    Property("endDate", "End date", "When the event ends, as precise as the source.", ValueKind.DATE, (_E,)),
    Property("series", "Series", "The event series it is an edition of.", ValueKind.ENTITY, (_E,), _S),
    Property("location", "Location", "Where the event takes place (a city, usually).", ValueKind.ENTITY, (_E,), _P),
    Property("organizers", "Organizers", "The organizations that organized it.", ValueKind.ENTITY, (_E, _S), _O),
    Property("website", "Website", "Its website.", ValueKind.TEXT, (_E, _S, _O)),
)
BY_ID = {p.id: p for p in PROPERTIES}


def properties_of(entity_class: EntityClass | None) -> list[Property]:
    """The properties of a type (every type's, for None): those the data extension proposes for it."""
    return [p for p in PROPERTIES if not p.classes or entity_class is None or entity_class in p.classes]
