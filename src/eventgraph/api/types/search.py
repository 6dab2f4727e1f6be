"""Search results: the entity, the name that matched it, and how well."""

from __future__ import annotations

import enum

import strawberry

from eventgraph.api.types.common import Entity, LangString
from eventgraph.model import EntityClass
from eventgraph.model import MatchKind as StoreMatchKind


@strawberry.enum(description="The types of entity the graph holds.")
class EntityType(enum.Enum):
    EVENT = EntityClass.EVENT.value
    EVENT_SERIES = EntityClass.EVENT_SERIES.value
    ORGANIZATION = EntityClass.ORGANIZATION.value
    PARTNERSHIP = EntityClass.PARTNERSHIP.value
    PLACE = EntityClass.PLACE.value
    GRANT_PROGRAM = EntityClass.GRANT_PROGRAM.value
    GRANT_ROUND = EntityClass.GRANT_ROUND.value
    GRANT = EntityClass.GRANT.value
    LANGUAGE = EntityClass.LANGUAGE.value
    PERSON = EntityClass.PERSON.value

    @property
    def entity_class(self) -> EntityClass:
        return EntityClass(self.value)


@strawberry.enum(description="How the matched name relates to the search text (case and diacritics folded).")
class MatchKind(enum.Enum):
    EXACT = StoreMatchKind.EXACT.value
    PREFIX = StoreMatchKind.PREFIX.value
    TOKEN = StoreMatchKind.TOKEN.value


@strawberry.enum(description="Which kind of name matched.")
class NameField(enum.Enum):
    LABEL = "label"
    ALIAS = "alias"


@strawberry.type(description="One search result: an entity and the best of its names for the text.")
class SearchResult:
    entity: Entity = strawberry.field(description="The entity found.")
    type: EntityType = strawberry.field(description="Its type.")
    matched: LangString = strawberry.field(description="The label or alias that matched, as stored, with its language.")
    field: NameField = strawberry.field(description="LABEL, or ALIAS (aliases and short names such as 'WMTurkic').")
    match: MatchKind = strawberry.field(description="EXACT, PREFIX or TOKEN (every word of the text starts a word).")
    score: float = strawberry.field(
        description=(
            "Rank score: exact 1.0, prefix 0.7, token 0.4, plus up to 0.2 for how much of the name the text covers, "
            "minus 0.05 for an alias; results come best first."
        )
    )
