"""What a local source record may say: the fields of each type and the values they accept.

One table, read by the validator and the mapper alike, so the documented format (docs/source-format.md)
and the code cannot say different things.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from eventgraph.model import EntityClass, P


class Kind(enum.Enum):
    TEXT = "text"  # a string (numbers are accepted and kept as text)
    TEXTS = "texts"  # a list of strings
    INT = "int"
    URL = "url"
    DATE = "date"  # partial date
    CHOICE = "choice"  # one of `choices`
    REF = "ref"
    REFS = "refs"
    REF_OR_TEXT = "ref-or-text"
    QUANTITY = "quantity"
    ROLES = "roles"  # list of refs or {org, role}
    LIMITS = "limits"
    SEATS = "seats"
    CATEGORIES = "categories"
    MILESTONES = "milestones"
    AMOUNTS = "amounts"
    COORDINATES = "coordinates"


@dataclass(frozen=True, slots=True)
class Field:
    kind: Kind
    predicate: str
    choices: tuple[str, ...] = ()
    targets: tuple[EntityClass, ...] = ()
    claimable: bool = True


EVENT_KINDS = (
    "conference",
    "hackathon",
    "unconference",
    "technical-conference",
    "meetup",
    "workshop",
    "campaign",
    "edit-a-thon",
    "training",
    "meeting",
)
EVENT_STATUSES = ("planned", "held", "cancelled", "tba", "proposed", "withdrawn", "postponed")
EVENT_FORMATS = ("in-person", "online", "hybrid")
ORG_KINDS = ("foundation", "chapter", "user-group", "thematic-organization", "igo", "ngo", "other")
RECOGNITION = ("recognized", "provisional", "lapsed", "derecognized")
PLACE_KINDS = ("venue", "city", "country", "region")
PARTNERSHIP_STATUSES = ("active", "ended", "planned")
MILESTONE_KINDS = (
    "proposal-deadline",
    "eligibility-review",
    "revision-deadline",
    "committee-review",
    "announcement",
    "event-window",
)
AMOUNT_KINDS = ("requested", "recommended", "approved", "awarded", "spent", "budget")

E = EntityClass
_ORG = (E.ORGANIZATION,)
_PLACE = (E.PLACE,)
_EVENTISH = (E.EVENT, E.EVENT_SERIES)

COMMON_FIELDS = {"id", "type", "qid", "qid_source", "label", "description", "aliases", "sources", "pages", "note"}

FIELDS: dict[EntityClass, dict[str, Field]] = {
    E.EVENT: {
        "kind": Field(Kind.CHOICE, P.kind, EVENT_KINDS),
        "series": Field(Kind.REF, P.series, targets=(E.EVENT_SERIES,)),
        "edition": Field(Kind.TEXT, P.edition),
        "edition_number": Field(Kind.INT, P.edition_number),
        "parent_event": Field(Kind.REF, P.parent_event, targets=(E.EVENT,)),
        "start": Field(Kind.DATE, P.start_date),
        "end": Field(Kind.DATE, P.end_date),
        "dates_text": Field(Kind.TEXT, P.dates_text),
        "length_days": Field(Kind.INT, P.length_days),
        "status": Field(Kind.CHOICE, P.status, EVENT_STATUSES),
        "format": Field(Kind.CHOICE, P.format, EVENT_FORMATS),
        "attendance": Field(Kind.QUANTITY, P.attendance),
        "location": Field(Kind.REF, P.location, targets=_PLACE),
        "venue": Field(Kind.REF, P.venue, targets=_PLACE),
        "country": Field(Kind.REF, P.country, targets=_PLACE),
        "organizers": Field(Kind.ROLES, P.organizer, targets=_ORG, claimable=False),
        "organizers_text": Field(Kind.TEXT, P.organizers_text),
        "partners": Field(Kind.ROLES, P.partner, targets=_ORG, claimable=False),
        "languages": Field(Kind.REFS, P.language, targets=(E.LANGUAGE,), claimable=False),
        "website": Field(Kind.URL, P.website),
        "commons_category": Field(Kind.TEXT, P.commons_category),
        "theme": Field(Kind.TEXT, P.theme),
    },
    E.EVENT_SERIES: {
        "kind": Field(Kind.CHOICE, P.kind, EVENT_KINDS),
        "first_year": Field(Kind.DATE, P.first_year),
        "frequency": Field(Kind.TEXT, P.frequency),
        "typical_months": Field(Kind.TEXT, P.typical_months),
        "typical_length_days": Field(Kind.INT, P.typical_length_days),
        "typical_region": Field(Kind.TEXT, P.typical_region),
        "participants": Field(Kind.QUANTITY, P.participants),
        "participant_limits": Field(Kind.LIMITS, P.participant_limit, claimable=False),
        "organizers": Field(Kind.ROLES, P.organizer, targets=_ORG, claimable=False),
        "committee": Field(Kind.SEATS, P.committee_seat, targets=_ORG, claimable=False),
        "parent_series": Field(Kind.REF, P.parent_event, targets=(E.EVENT_SERIES,)),
        "website": Field(Kind.URL, P.website),
    },
    E.ORGANIZATION: {
        "kind": Field(Kind.CHOICE, P.org_kind, ORG_KINDS),
        "short_name": Field(Kind.TEXT, P.short_name),
        "founded": Field(Kind.DATE, P.founded),
        "recognized": Field(Kind.DATE, P.recognized),
        "recognition_status": Field(Kind.CHOICE, P.recognition_status, RECOGNITION),
        "based_in": Field(Kind.REF, P.based_in, targets=_PLACE),
        "operating_area": Field(Kind.REFS, P.operating_area, targets=_PLACE, claimable=False),
        "parent": Field(Kind.REF, P.parent_organization, targets=_ORG),
        "member_of": Field(Kind.REFS, P.member_of, targets=_ORG, claimable=False),
        "languages": Field(Kind.REFS, P.language, targets=(E.LANGUAGE,), claimable=False),
        "website": Field(Kind.URL, P.website),
    },
    E.PARTNERSHIP: {
        "parties": Field(Kind.REFS, P.party, targets=_ORG, claimable=False),
        "topics": Field(Kind.TEXTS, P.topic, claimable=False),
        "initiative": Field(Kind.REF_OR_TEXT, P.initiative, targets=_EVENTISH),
        "since": Field(Kind.DATE, P.since),
        "status": Field(Kind.CHOICE, P.status, PARTNERSHIP_STATUSES),
        "related_event": Field(Kind.REF, P.related_event, targets=_EVENTISH),
    },
    E.PLACE: {
        "kind": Field(Kind.CHOICE, P.place_kind, PLACE_KINDS),
        "contained_in": Field(Kind.REF, P.contained_in, targets=_PLACE),
        "coordinates": Field(Kind.COORDINATES, P.coordinates),
    },
    E.GRANT_PROGRAM: {
        "funder": Field(Kind.REF, P.funder, targets=_ORG),
        "categories": Field(Kind.CATEGORIES, P.category, targets=_EVENTISH, claimable=False),
        "website": Field(Kind.URL, P.website),
    },
    E.GRANT_ROUND: {
        "program": Field(Kind.REF, P.program, targets=(E.GRANT_PROGRAM,)),
        "position": Field(Kind.INT, P.position),
        "milestones": Field(Kind.MILESTONES, P.milestone, MILESTONE_KINDS, claimable=False),
    },
    E.GRANT: {
        "program": Field(Kind.REF, P.program, targets=(E.GRANT_PROGRAM,)),
        "round": Field(Kind.REF, P.round, targets=(E.GRANT_ROUND,)),
        "grantee": Field(Kind.REF, P.grantee, targets=_ORG),
        "fiscal_sponsor": Field(Kind.REF, P.fiscal_sponsor, targets=_ORG),
        "event": Field(Kind.REF, P.funded_event, targets=_EVENTISH),
        "status": Field(Kind.TEXT, P.status),
        "fiscal_year": Field(Kind.TEXT, P.fiscal_year),
        "amounts": Field(Kind.AMOUNTS, P.amount, AMOUNT_KINDS, claimable=False),
    },
    E.LANGUAGE: {
        "code": Field(Kind.TEXT, P.code),
    },
}
