"""GraphQL enums for the model's closed vocabularies (values as stored in the graph)."""

from __future__ import annotations

import enum
from typing import TypeVar

import strawberry


@strawberry.enum(description="What kind of gathering an event is.")
class EventKind(enum.Enum):
    CONFERENCE = "conference"
    HACKATHON = "hackathon"
    UNCONFERENCE = "unconference"
    TECHNICAL_CONFERENCE = "technical-conference"
    MEETUP = "meetup"
    WORKSHOP = "workshop"
    CAMPAIGN = "campaign"
    EDIT_A_THON = "edit-a-thon"
    TRAINING = "training"
    MEETING = "meeting"


@strawberry.enum(description="Where an event stands.")
class EventStatus(enum.Enum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"
    TBA = "tba"
    PROPOSED = "proposed"
    WITHDRAWN = "withdrawn"
    POSTPONED = "postponed"


@strawberry.enum(description="How people take part.")
class EventFormat(enum.Enum):
    IN_PERSON = "in-person"
    ONLINE = "online"
    HYBRID = "hybrid"


@strawberry.enum(description="What kind of organization: a Wikimedia affiliate type, an IGO, an NGO...")
class OrganizationKind(enum.Enum):
    FOUNDATION = "foundation"
    CHAPTER = "chapter"
    USER_GROUP = "user-group"
    THEMATIC_ORGANIZATION = "thematic-organization"
    IGO = "igo"
    NGO = "ngo"
    OTHER = "other"


@strawberry.enum(description="Where an affiliate's recognition stands.")
class RecognitionStatus(enum.Enum):
    RECOGNIZED = "recognized"
    PROVISIONAL = "provisional"
    LAPSED = "lapsed"
    DERECOGNIZED = "derecognized"


@strawberry.enum(description="The level of a place.")
class PlaceKind(enum.Enum):
    VENUE = "venue"
    CITY = "city"
    COUNTRY = "country"
    REGION = "region"


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
