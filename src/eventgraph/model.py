"""The vocabulary and the plain records that cross the store boundary.

Loaders produce `Triple`s, the store keeps them per source, and the api reads them back as
`Resource`s.  Nothing here knows about rdflib, pyoxigraph or strawberry, so every layer can
import it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

EG = "https://w3id.org/eventgraph/ontology#"
"""The project's ontology namespace (classes and properties, see schema/eventgraph.ttl)."""
EG_ID = "https://w3id.org/eventgraph/id/"
"""Minted IRIs of entities without a Wikidata QID."""
EG_SOURCE = "https://w3id.org/eventgraph/source/"
"""Named graphs: one per loaded source."""
WD = "http://www.wikidata.org/entity/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
SCHEMA_DESCRIPTION = "http://schema.org/description"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"
XSD_DECIMAL = XSD + "decimal"
XSD_BOOLEAN = XSD + "boolean"
XSD_DATE = XSD + "date"
XSD_DATETIME = XSD + "dateTime"
XSD_GYEAR = XSD + "gYear"
XSD_GYEARMONTH = XSD + "gYearMonth"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
GEO_WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"


class EntityClass(enum.Enum):
    """The top-level entity classes of the model; the value is the local name in `EG`."""

    EVENT = "Event"
    EVENT_SERIES = "EventSeries"
    ORGANIZATION = "Organization"
    PARTNERSHIP = "Partnership"
    PLACE = "Place"
    GRANT_PROGRAM = "GrantProgram"
    GRANT_ROUND = "GrantRound"
    GRANT = "Grant"
    LANGUAGE = "Language"

    @property
    def iri(self) -> str:
        return EG + self.value


class P:
    """Property IRIs of the ontology, named as in schema/eventgraph.ttl."""

    # identity and provenance
    citation = EG + "citation"
    url = EG + "url"
    quote = EG + "quote"
    claim = EG + "claim"
    claim_property = EG + "property"
    claim_value = EG + "value"
    preferred = EG + "preferred"
    note = EG + "note"
    page = EG + "page"
    same_as = "http://www.w3.org/2002/07/owl#sameAs"
    qid_method = EG + "qidMethod"
    # events
    kind = EG + "kind"
    start_date = EG + "startDate"
    end_date = EG + "endDate"
    start_bound = EG + "earliestDay"
    end_bound = EG + "latestDay"
    dates_text = EG + "datesText"
    status = EG + "status"
    format = EG + "format"
    attendance = EG + "attendance"
    location = EG + "location"
    venue = EG + "venue"
    country = EG + "country"
    series = EG + "series"
    edition = EG + "edition"
    edition_number = EG + "editionNumber"
    parent_event = EG + "parentEvent"
    organizer = EG + "organizer"
    organizing = EG + "organizing"
    organizers_text = EG + "organizersText"
    partner = EG + "partner"
    partnering = EG + "partnering"
    organization = EG + "organization"
    role = EG + "role"
    language = EG + "language"
    website = EG + "website"
    commons_category = EG + "commonsCategory"
    length_days = EG + "lengthDays"
    theme = EG + "theme"
    # series
    first_year = EG + "firstYear"
    frequency = EG + "frequency"
    typical_months = EG + "typicalMonths"
    typical_length_days = EG + "typicalLengthDays"
    typical_region = EG + "typicalRegion"
    participants = EG + "participants"
    participant_limit = EG + "participantLimit"
    limited_group = EG + "group"
    maximum = EG + "maximum"
    since = EG + "since"
    committee_seat = EG + "committeeSeat"
    seat_count = EG + "seats"
    # quantities and money
    text = EG + "text"
    value = EG + "value"
    minimum = EG + "minimum"
    qualifier = EG + "qualifier"
    amount = EG + "amount"
    currency = EG + "currency"
    amount_kind = EG + "amountKind"
    # organizations
    org_kind = EG + "organizationKind"
    short_name = EG + "shortName"
    founded = EG + "founded"
    recognized = EG + "recognized"
    recognition_status = EG + "recognitionStatus"
    based_in = EG + "basedIn"
    operating_area = EG + "operatingArea"
    parent_organization = EG + "parentOrganization"
    member_of = EG + "memberOf"
    # partnerships
    party = EG + "party"
    topic = EG + "topic"
    initiative = EG + "initiative"
    related_event = EG + "relatedEvent"
    # places
    place_kind = EG + "placeKind"
    contained_in = EG + "containedIn"
    coordinates = EG + "coordinates"
    # grants
    category = EG + "category"
    example = EG + "example"
    round = EG + "round"
    milestone = EG + "milestone"
    milestone_kind = EG + "milestoneKind"
    funder = EG + "funder"
    program = EG + "program"
    grantee = EG + "grantee"
    funded_event = EG + "fundedEvent"
    fiscal_year = EG + "fiscalYear"
    fiscal_sponsor = EG + "fiscalSponsor"
    position = EG + "position"
    # languages
    code = EG + "code"


# ---------------------------------------------------------------- RDF terms


@dataclass(frozen=True, slots=True)
class Iri:
    value: str


@dataclass(frozen=True, slots=True)
class Literal:
    lexical: str
    datatype: str = XSD_STRING
    language: str | None = None

    def __post_init__(self) -> None:
        if self.language is not None and self.datatype != RDF_LANG_STRING:
            object.__setattr__(self, "datatype", RDF_LANG_STRING)


@dataclass(frozen=True, slots=True)
class Blank:
    id: str


Term = Iri | Literal | Blank
Subject = Iri | Blank


@dataclass(frozen=True, slots=True)
class Triple:
    subject: Subject
    predicate: Iri
    object: Term


# ---------------------------------------------------------------- what the store returns


@dataclass(frozen=True, slots=True)
class Fact:
    """One value of one property, with the named graph (source) that states it.

    `node` holds the description of a blank-node value (a quantity, a claim, an organizer role).
    """

    predicate: str
    value: Term
    graph: str
    node: Resource | None = None


@dataclass(frozen=True, slots=True)
class Resource:
    """Everything the store knows about one subject, across all sources."""

    iri: str
    facts: tuple[Fact, ...] = ()

    @property
    def types(self) -> frozenset[str]:
        return frozenset(f.value.value for f in self.facts if f.predicate == RDF_TYPE and isinstance(f.value, Iri))

    def all(self, predicate: str) -> list[Fact]:
        return [f for f in self.facts if f.predicate == predicate]

    def first(self, predicate: str) -> Fact | None:
        for f in self.facts:
            if f.predicate == predicate:
                return f
        return None

    def iris(self, predicate: str) -> list[str]:
        seen: dict[str, None] = {}
        for f in self.facts:
            if f.predicate == predicate and isinstance(f.value, Iri):
                seen.setdefault(f.value.value, None)
        return list(seen)

    def literal(self, predicate: str) -> str | None:
        for f in self.facts:
            if f.predicate == predicate and isinstance(f.value, Literal):
                return f.value.lexical
        return None

    def literals(self, predicate: str) -> list[Literal]:
        return [f.value for f in self.facts if f.predicate == predicate and isinstance(f.value, Literal)]

    def nodes(self, predicate: str) -> list[Resource]:
        return [f.node for f in self.facts if f.predicate == predicate and f.node is not None]

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A loaded source: one named graph, its origin and its size."""

    graph: str
    title: str
    url: str
    kind: str  # "local" | "wikidata" | "rdf"
    retrieved: str | None = None
    licence: str | None = None
    loaded_at: datetime | None = None
    triples: int = 0
    endpoint: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- finding entities


@dataclass(frozen=True, slots=True)
class HasValue:
    """The entity has `predicate` pointing at one of `iris` (through a chain of them when `transitive`)."""

    predicate: str
    iris: tuple[str, ...]
    transitive: bool = False


@dataclass(frozen=True, slots=True)
class HasLiteral:
    """The entity has `predicate` with one of these plain string values."""

    predicate: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InPlace:
    """The entity's location, venue, country, seat or operating area is one of `iris` or lies in one (any depth)."""

    iris: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Overlaps:
    """The entity's date span (earliest possible start, latest possible end) touches [start, end]."""

    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class ReferencedAtLeast:
    """At least `minimum` distinct subjects point at the entity through `predicate` (e.g. events it organized)."""

    predicate: str
    minimum: int


@dataclass(frozen=True, slots=True)
class Near:
    """The entity lies within `km` of a point: by its own coordinates, else its venue's, else its location's
    (an organization: its seat's). An entity with no coordinates at any of these levels never matches."""

    latitude: float
    longitude: float
    km: float


@dataclass(frozen=True, slots=True)
class OneOf:
    """The entity is one of `iris` (a backend resolves `Near` to this; an empty tuple matches nothing)."""

    iris: tuple[str, ...]


Criterion = HasValue | HasLiteral | InPlace | Overlaps | ReferencedAtLeast | Near | OneOf


class SortKey(enum.Enum):
    LABEL = "label"
    START = "start"


@dataclass(frozen=True, slots=True)
class FindQuery:
    entity_class: EntityClass
    criteria: tuple[Criterion, ...] = ()
    sort: SortKey = SortKey.LABEL
    descending: bool = False
    offset: int = 0
    limit: int = 20


@dataclass(frozen=True, slots=True)
class Page:
    iris: tuple[str, ...]
    total: int


# ---------------------------------------------------------------- search, facets, networks


class MatchKind(enum.Enum):
    """How a name matched a search text, best first."""

    EXACT = "exact"
    PREFIX = "prefix"
    TOKEN = "token"  # noqa: S105 (a kind of match, not a secret)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Names (labels, aliases, short names) matching `text`, folded for case and diacritics."""

    text: str
    classes: tuple[EntityClass, ...] = ()
    language: str | None = None
    limit: int = 20


@dataclass(frozen=True, slots=True)
class SearchHit:
    """The best-matching name of one entity; `field` is "label" or "alias"."""

    iri: str
    entity_class: EntityClass
    matched: Literal
    field: str
    match: MatchKind
    score: float


class FacetDimension(enum.Enum):
    """What facet buckets are keyed by (organizations use kind, country and region)."""

    YEAR = "year"
    COUNTRY = "country"
    REGION = "region"
    KIND = "kind"
    SERIES = "series"
    ORGANIZER = "organizer"
    STATUS = "status"


@dataclass(frozen=True, slots=True)
class FacetQuery:
    entity_class: EntityClass
    criteria: tuple[Criterion, ...]
    dimensions: tuple[FacetDimension, ...]


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value (an IRI or a literal's text) of one dimension of one matching entity."""

    subject: str
    dimension: FacetDimension
    value: str


@dataclass(frozen=True, slots=True)
class AttendanceFigure:
    """One stated attendance of a matching event, with the graph stating it and whether a claim prefers it."""

    subject: str
    graph: str
    value: int | None
    minimum: int | None
    qualifier: str | None
    preferred: bool


@dataclass(frozen=True, slots=True)
class FacetRows:
    """What facets are counted from: every matching entity, its dimension values, its attendance figures."""

    subjects: tuple[str, ...]
    values: tuple[FacetValue, ...]
    attendance: tuple[AttendanceFigure, ...] = ()


@dataclass(frozen=True, slots=True)
class EventProfile:
    """What relating and measuring events needs, in one row per event: links, day bounds, countries, points."""

    iri: str
    series: tuple[str, ...] = ()
    organizers: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    points: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """One entity-to-entity triple of a source: `source` -`predicate`-> `target`, stated in `graph`."""

    source: str
    predicate: str
    target: str
    graph: str


class LinkKind(enum.Enum):
    """How two organizations are linked: organizing one event, organizer and partner of one, a partnership."""

    CO_ORGANIZERS = "co-organizers"
    ORGANIZER_PARTNER = "organizer-partner"
    PARTNERSHIP = "partnership"


@dataclass(frozen=True, slots=True)
class OrganizationLink:
    """Two organizations linked through `via` (an event or a partnership); for ORGANIZER_PARTNER `source` organized."""

    source: str
    target: str
    kind: LinkKind
    via: str


@dataclass(frozen=True, slots=True)
class LinkQuery:
    """Links with at least one end matching `organizations`, through events matching `events`.

    When `events` has criteria, only partnerships naming one of those events count.
    """

    organizations: tuple[Criterion, ...] = ()
    events: tuple[Criterion, ...] = ()


# ---------------------------------------------------------------- identity


def qid_of(iri: str) -> str | None:
    """The QID of a Wikidata entity IRI, else None."""
    if iri.startswith(WD):
        rest = iri[len(WD) :]
        if rest[:1] == "Q" and rest[1:].isdigit():
            return rest
    return None


def short_id(iri: str) -> str:
    """The GraphQL id of an entity IRI: `Q180` or `eg:turkic-wikimedia-conference-2025`."""
    qid = qid_of(iri)
    if qid:
        return qid
    if iri.startswith(EG_ID):
        return "eg:" + iri[len(EG_ID) :]
    return iri


_LOCAL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")
"""What may follow a namespace in an id: unreserved IRI characters only, so an id is always a valid IRI."""


def iri_of(short: str) -> str | None:
    """Inverse of `short_id`; None when the text is no id of ours (including text that could not be an IRI)."""
    if short[:1] == "Q" and short[1:].isascii() and short[1:].isdigit():
        return WD + short
    for prefix, namespace in (("eg:", EG_ID), (WD, WD), (EG_ID, EG_ID)):
        if short.startswith(prefix) and _LOCAL_NAME.fullmatch(short, len(prefix)):
            return namespace + short[len(prefix) :]
    return None
