"""GraphQL enums for the model's closed vocabularies (values as stored in the graph, from `model.Vocabulary`)."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, TypeAlias, TypeVar

import strawberry

from eventgraph.model import Vocabulary


def _enum(name: str, vocabulary: Vocabulary, description: str) -> type[enum.Enum]:
    """A GraphQL enum of a closed vocabulary: members named after the values ("user-group" -> USER_GROUP)."""
    members = {value.upper().replace("-", "_"): value for value in vocabulary.values}
    made: type[enum.Enum] = enum.Enum(name, members)  # type: ignore[misc]
    return strawberry.enum(made, description=description)


if TYPE_CHECKING:  # mypy sees plain enums; strawberry gets the members from the vocabulary table
    EventKind: TypeAlias = enum.Enum
    EventStatus: TypeAlias = enum.Enum
    EventFormat: TypeAlias = enum.Enum
    OrganizationKind: TypeAlias = enum.Enum
    RecognitionStatus: TypeAlias = enum.Enum
    PlaceKind: TypeAlias = enum.Enum
    FigureKind: TypeAlias = enum.Enum
    FigureStatus: TypeAlias = enum.Enum
    DateQualifier: TypeAlias = enum.Enum
else:
    EventKind = _enum("EventKind", Vocabulary.EVENT_KINDS, "What kind of gathering an event is.")
    EventStatus = _enum("EventStatus", Vocabulary.EVENT_STATUSES, "Where an event stands.")
    EventFormat = _enum("EventFormat", Vocabulary.EVENT_FORMATS, "How people take part.")
    OrganizationKind = _enum(
        "OrganizationKind",
        Vocabulary.ORGANIZATION_KINDS,
        "What kind of organization: a Wikimedia affiliate type, an IGO, an NGO...",
    )
    RecognitionStatus = _enum(
        "RecognitionStatus", Vocabulary.RECOGNITION_STATUSES, "Where an affiliate's recognition stands."
    )
    PlaceKind = _enum("PlaceKind", Vocabulary.PLACE_KINDS, "The level of a place.")
    FigureKind = _enum("FigureKind", Vocabulary.FIGURE_KINDS, "What a figure counts.")
    FigureStatus = _enum(
        "FigureStatus", Vocabulary.FIGURE_STATUSES, "Whether a figure is what happened, what was planned, or a target."
    )
    DateQualifier = _enum(
        "DateQualifier", Vocabulary.DATE_QUALIFIERS, "How a qualified date bounds the fact (before, by, after, about)."
    )


@strawberry.enum(description="Sort direction.")
class Direction(enum.Enum):
    ASC = "asc"
    DESC = "desc"


E = TypeVar("E", bound=enum.Enum)


def enum_value(cls: type[E], value: str | None) -> E | None:
    """The enum member for a stored value; None for a value outside the vocabulary (e.g. from Wikidata)."""
    if value is None:
        return None
    try:
        return cls(value)
    except ValueError:
        return None
