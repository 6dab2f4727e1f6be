"""What a local source record may say: the fields of each type and the values they accept.

One table, read by the validator and the mapper alike, so the documented format (docs/source-format.md)
and the code cannot say different things; it is a view of the vocabulary table in `eventgraph.model`.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventgraph.model import VOCABULARY, EntityClass, Shape, Vocabulary

Kind = Shape
"""How a field's value is written (the vocabulary table's `Shape`)."""


@dataclass(frozen=True, slots=True)
class Field:
    kind: Kind
    predicate: str
    choices: tuple[str, ...] = ()
    targets: tuple[EntityClass, ...] = ()
    claimable: bool = True


EVENT_KINDS = Vocabulary.EVENT_KINDS.values
EVENT_STATUSES = Vocabulary.EVENT_STATUSES.values
EVENT_FORMATS = Vocabulary.EVENT_FORMATS.values
ORG_KINDS = Vocabulary.ORGANIZATION_KINDS.values
RECOGNITION = Vocabulary.RECOGNITION_STATUSES.values
PLACE_KINDS = Vocabulary.PLACE_KINDS.values
PARTNERSHIP_STATUSES = Vocabulary.PARTNERSHIP_STATUSES.values
MILESTONE_KINDS = Vocabulary.MILESTONE_KINDS.values
AMOUNT_KINDS = Vocabulary.AMOUNT_KINDS.values

COMMON_FIELDS = {"id", "type", "qid", "qid_source", "label", "description", "aliases", "sources", "pages", "note"}


def _fields() -> dict[EntityClass, dict[str, Field]]:
    """The fields of each class: the rows of the vocabulary table with a `source` name (common fields aside)."""
    fields: dict[EntityClass, dict[str, Field]] = {c: {} for c in EntityClass}
    for use in VOCABULARY:
        if use.source is None or use.source in COMMON_FIELDS:
            continue
        choices = use.vocabulary.values if use.vocabulary else ()
        for name in use.on:
            cls = EntityClass(name)
            fields[cls][use.source] = Field(use.shape, use.iri, choices, use.targets, use.claimable)
    return fields


FIELDS: dict[EntityClass, dict[str, Field]] = _fields()
"""Per class, the fields a record may have beyond `COMMON_FIELDS`, from `eventgraph.model.VOCABULARY`."""
