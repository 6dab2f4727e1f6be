"""The vocabulary and the plain records that cross the store boundary.

Loaders produce `Triple`s, the store keeps them per source, and the api reads them back as
`Resource`s.  Nothing here knows about rdflib, pyoxigraph or strawberry, so every layer can
import it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

_T = TypeVar("_T")

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
META_GRAPH = "https://w3id.org/eventgraph/meta"
"""The graph describing the loaded sources (provenance), beside the data graphs."""

PREFIXES = {
    "eg": EG,
    "egid": EG_ID,
    "egsource": EG_SOURCE,
    "wd": WD,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "http://schema.org/",
    "geo": "http://www.opengis.net/ont/geosparql#",
}
"""Prefixes of RDF output, and those a /sparql query may use without declaring them (as on Wikidata's service)."""


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
    PERSON = "Person"

    @property
    def iri(self) -> str:
        return EG + self.value


class Vocabulary(enum.Enum):
    """The closed vocabularies: the SKOS concept scheme of each (schema/eventgraph.ttl) and its allowed values.

    The GraphQL enums (`api/types/enums.py`) and the local-source choices (`loaders/local_schema.py`) are made from
    these; a test checks them against the ontology's skos:notation values and the shapes' sh:in lists.
    """

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
    PARTNERSHIP_STATUSES = ("active", "ended", "planned")
    EVENT_FORMATS = ("in-person", "online", "hybrid")
    ORGANIZATION_KINDS = ("foundation", "chapter", "user-group", "thematic-organization", "igo", "ngo", "other")
    RECOGNITION_STATUSES = ("recognized", "provisional", "lapsed", "derecognized")
    PLACE_KINDS = ("venue", "city", "country", "region")
    QUANTITY_QUALIFIERS = ("exact", "at-least", "at-most", "about", "range")
    AMOUNT_KINDS = ("requested", "recommended", "approved", "awarded", "spent", "budget")
    MILESTONE_KINDS = (
        "proposal-deadline",
        "eligibility-review",
        "revision-deadline",
        "committee-review",
        "announcement",
        "event-window",
    )
    FIGURE_KINDS = (
        "participants",
        "in-person-participants",
        "online-participants",
        "countries",
        "scholarships",
        "sessions",
        "articles",
        "members",
        "accounts",
        "projects",
        "capacity",
    )
    FIGURE_STATUSES = ("actual", "planned", "target")
    DATE_QUALIFIERS = ("about", "before", "by", "after")

    @property
    def values(self) -> tuple[str, ...]:
        found: tuple[str, ...] = self.value
        return found

    @property
    def scheme(self) -> str:
        """The concept scheme's IRI: EVENT_KINDS -> eg:EventKinds."""
        return EG + "".join(part.capitalize() for part in self.name.split("_"))


class Shape(enum.Enum):
    """How a property's value is written: in a source file, in the graph, in JSON-LD."""

    TEXT = "text"  # a string (numbers are accepted and kept as text)
    TEXTS = "texts"  # a list of strings
    INT = "int"  # xsd:integer
    BOOLEAN = "boolean"
    URL = "url"  # an IRI that is no entity (a web page)
    DATE = "date"  # a partial date (eg:PartialDate)
    DAY = "day"  # an xsd:date bound derived from a partial date
    CHOICE = "choice"  # one value of a `Vocabulary`
    TERM = "term"  # an IRI naming a term of the vocabulary (a claim's property)
    REF = "ref"  # an entity
    REFS = "refs"  # entities
    REF_OR_TEXT = "ref-or-text"
    NODE = "node"  # a blank node described by other properties (a citation, a claim, an organizing role)
    QUANTITY = "quantity"
    ROLES = "roles"  # entities, each with an optional role (on an organizing/partnering node)
    LIMITS = "limits"
    SEATS = "seats"
    CATEGORIES = "categories"
    MILESTONES = "milestones"
    AMOUNTS = "amounts"
    COORDINATES = "coordinates"  # a GeoSPARQL WKT point
    FIGURES = "figures"  # counts by kind (participants, countries...), each actual, planned or a target


ENTITY_REFERENCES = frozenset({Shape.REF, Shape.REFS, Shape.ROLES, Shape.REF_OR_TEXT})
"""Shapes whose values are entities: the relations of networks and inbound links."""
_E = EntityClass
ALL_ENTITIES: tuple[str, ...] = tuple(c.value for c in EntityClass)


@dataclass(frozen=True, slots=True)
class Use:
    """One row of the vocabulary table: a property as some types use it.

    `name` is the property's local name under `EG` (its JSON-LD term in schema/context.jsonld) unless `iri` is
    given; `on` names the types (entity classes, or GraphQL value types such as "Quantity") that carry it;
    `source` is its field in local source files (docs/source-format.md) on those classes; `graphql` the GraphQL
    field that serves it on those types, `inverse` the GraphQL fields (by type) that list its subjects;
    `targets` the classes its values belong to; `vocabulary` its allowed values; `claimable` whether sources
    may state it differently as claims.
    """

    name: str
    shape: Shape
    on: tuple[str, ...] = ()
    source: str | None = None
    graphql: str | None = None
    inverse: tuple[tuple[str, str], ...] = ()
    targets: tuple[EntityClass, ...] = ()
    vocabulary: Vocabulary | None = None
    claimable: bool = True
    iri: str = ""

    def __post_init__(self) -> None:
        if not self.iri:
            object.__setattr__(self, "iri", EG + self.name)

    @property
    def relation(self) -> bool:
        """Whether values are entities of the graph (a network edge, an inbound link)."""
        return self.shape in ENTITY_REFERENCES and any(t in ALL_ENTITIES for t in self.on)


def _on(*classes: EntityClass | str) -> tuple[str, ...]:
    return tuple(c.value if isinstance(c, EntityClass) else c for c in classes)


_ORG = (_E.ORGANIZATION,)
_PLACE = (_E.PLACE,)
_EVENTISH = (_E.EVENT, _E.EVENT_SERIES)
_SOURCE = ("Source",)
_PEOPLE_ON = _on(_E.EVENT, _E.EVENT_SERIES, _E.ORGANIZATION, _E.PARTNERSHIP, _E.GRANT)
_FIGURES_ON = _on(_E.EVENT, _E.EVENT_SERIES, _E.ORGANIZATION, _E.PARTNERSHIP)
V = Vocabulary
S = Shape

VOCABULARY: tuple[Use, ...] = (
    # identity and provenance
    Use("citation", S.NODE, ALL_ENTITIES, graphql="citations"),
    Use("citation", S.NODE, _on("Figure", "PersonRole", "Involvement", "Participation"), graphql="citations"),
    Use("url", S.URL, _on("Citation"), graphql="url"),
    Use("quote", S.TEXT, _on("Citation"), graphql="quote"),
    Use("claim", S.NODE),
    Use("property", S.TERM, _on("Claim", "QualifiedDate")),
    Use("value", S.TEXT, _on("Quantity"), graphql="count"),
    Use("preferred", S.BOOLEAN, _on("Claim")),
    Use("note", S.TEXT, ALL_ENTITIES, source="note", graphql="note"),
    Use("note", S.TEXT, _on("Citation"), graphql="note"),
    Use("page", S.URL, ALL_ENTITIES, source="pages", graphql="pages"),
    Use("sameAs", S.REF, iri="http://www.w3.org/2002/07/owl#sameAs"),
    Use("qidMethod", S.TEXT),
    # events and series
    Use("kind", S.CHOICE, _on(*_EVENTISH), source="kind", graphql="kind", vocabulary=V.EVENT_KINDS),
    Use("startDate", S.DATE, _on(_E.EVENT), source="start", graphql="startDate"),
    Use("endDate", S.DATE, _on(_E.EVENT), source="end", graphql="endDate"),
    Use("earliestDay", S.DAY),
    Use("latestDay", S.DAY),
    Use("datesText", S.TEXT, _on(_E.EVENT), source="dates_text", graphql="datesText"),
    Use("status", S.CHOICE, _on(_E.EVENT), source="status", graphql="status", vocabulary=V.EVENT_STATUSES),
    Use("status", S.CHOICE, _on(_E.PARTNERSHIP), "status", "status", vocabulary=V.PARTNERSHIP_STATUSES),
    Use("status", S.TEXT, _on(_E.GRANT), source="status", graphql="status"),
    Use("format", S.CHOICE, _on(_E.EVENT), source="format", graphql="format", vocabulary=V.EVENT_FORMATS),
    Use("attendance", S.QUANTITY, _on(_E.EVENT), source="attendance", graphql="attendance"),
    Use("location", S.REF, _on(_E.EVENT), "location", "location", targets=_PLACE),
    Use("venue", S.REF, _on(_E.EVENT), "venue", "venue", targets=_PLACE),
    Use("venue", S.REFS, _on(_E.EVENT), "venues", "venues", targets=_PLACE, claimable=False),
    Use("country", S.REF, _on(_E.EVENT), "country", targets=_PLACE),
    Use("series", S.REF, _on(_E.EVENT), "series", "series", (("EventSeries", "events"),), (_E.EVENT_SERIES,)),
    Use("edition", S.TEXT, _on(_E.EVENT), source="edition", graphql="edition"),
    Use("editionNumber", S.INT, _on(_E.EVENT), source="edition_number", graphql="editionNumber"),
    Use("parentEvent", S.REF, _on(_E.EVENT), "parent_event", "parentEvent", (("Event", "subEvents"),), (_E.EVENT,)),
    Use("parentEvent", S.REF, _on(_E.EVENT_SERIES), "parent_series", targets=(_E.EVENT_SERIES,)),
    Use("organizer", S.ROLES, _on(*_EVENTISH), "organizers", None, (("Organization", "events"),), _ORG, None, False),
    Use("organizing", S.NODE, _on(*_EVENTISH), graphql="organizers"),
    Use("organizersText", S.TEXT, _on(_E.EVENT), source="organizers_text", graphql="organizersText"),
    Use("partner", S.ROLES, _on(_E.EVENT), "partners", None, (("Organization", "partneredEvents"),), _ORG, None, False),
    Use("partnering", S.NODE, _on(_E.EVENT), graphql="partners"),
    Use("organization", S.REF, _on("Participation"), graphql="organization", targets=_ORG),
    Use("role", S.TEXT, _on("Participation", "PersonRole", "Involvement"), graphql="role"),
    Use(
        "language",
        S.REFS,
        _on(_E.EVENT, _E.ORGANIZATION),
        "languages",
        "languages",
        targets=(_E.LANGUAGE,),
        claimable=False,
    ),
    Use("website", S.URL, _on(_E.EVENT, _E.EVENT_SERIES, _E.ORGANIZATION, _E.GRANT_PROGRAM), "website", "website"),
    Use("website", S.URL, _on(_E.PARTNERSHIP, _E.PLACE, _E.GRANT_ROUND, _E.GRANT, _E.LANGUAGE), graphql="website"),
    Use("commonsCategory", S.TEXT, _on(_E.EVENT), source="commons_category", graphql="commonsCategory"),
    Use("lengthDays", S.INT, _on(_E.EVENT), source="length_days", graphql="lengthDays"),
    Use("theme", S.TEXT, _on(_E.EVENT), source="theme", graphql="theme"),
    Use("firstYear", S.DATE, _on(_E.EVENT_SERIES), source="first_year", graphql="firstYear"),
    Use("frequency", S.TEXT, _on(_E.EVENT_SERIES), source="frequency", graphql="frequency"),
    Use("typicalMonths", S.TEXT, _on(_E.EVENT_SERIES), source="typical_months", graphql="typicalMonths"),
    Use("typicalLengthDays", S.INT, _on(_E.EVENT_SERIES), source="typical_length_days", graphql="typicalLengthDays"),
    Use("typicalRegion", S.TEXT, _on(_E.EVENT_SERIES), source="typical_region", graphql="typicalRegion"),
    Use("participants", S.QUANTITY, _on(_E.EVENT_SERIES), source="participants", graphql="participants"),
    Use("participantLimit", S.LIMITS, _on(_E.EVENT_SERIES), source="participant_limits", claimable=False),
    Use("group", S.TEXT),
    Use("since", S.DATE, _on(_E.PARTNERSHIP), source="since", graphql="since"),
    Use("committeeSeat", S.SEATS, _on(_E.EVENT_SERIES), source="committee", targets=_ORG, claimable=False),
    Use("seats", S.INT),
    # quantities and money
    Use("text", S.TEXT, _on("Quantity"), graphql="text"),
    Use("minimum", S.TEXT, _on("Quantity"), graphql="lowerBound"),
    Use("maximum", S.TEXT, _on("Quantity"), graphql="upperBound"),
    Use("qualifier", S.CHOICE, _on("Quantity"), graphql="qualifier", vocabulary=V.QUANTITY_QUALIFIERS),
    Use("amount", S.AMOUNTS, _on(_E.GRANT), source="amounts", vocabulary=V.AMOUNT_KINDS, claimable=False),
    Use("currency", S.TEXT),
    Use("amountKind", S.CHOICE, _on("MonetaryAmount"), vocabulary=V.AMOUNT_KINDS),
    # organizations
    Use("organizationKind", S.CHOICE, _on(_E.ORGANIZATION), "kind", "kind", vocabulary=V.ORGANIZATION_KINDS),
    Use("shortName", S.TEXT, _on(_E.ORGANIZATION), source="short_name", graphql="shortName"),
    Use("founded", S.DATE, _on(_E.ORGANIZATION), source="founded", graphql="founded"),
    Use("recognized", S.DATE, _on(_E.ORGANIZATION), source="recognized", graphql="recognized"),
    Use(
        "recognitionStatus",
        S.CHOICE,
        _on(_E.ORGANIZATION),
        "recognition_status",
        "recognitionStatus",
        vocabulary=V.RECOGNITION_STATUSES,
    ),
    Use("basedIn", S.REF, _on(_E.ORGANIZATION), "based_in", "basedIn", targets=_PLACE),
    Use(
        "operatingArea",
        S.REFS,
        _on(_E.ORGANIZATION),
        "operating_area",
        "operatingArea",
        targets=_PLACE,
        claimable=False,
    ),
    Use("parentOrganization", S.REF, _on(_E.ORGANIZATION), "parent", "parent", targets=_ORG),
    Use("memberOf", S.REFS, _on(_E.ORGANIZATION), "member_of", "memberOf", targets=_ORG, claimable=False),
    Use(
        "predecessor",
        S.REFS,
        _on(_E.ORGANIZATION),
        "predecessors",
        "predecessors",
        (("Organization", "successors"),),
        _ORG,
        claimable=False,
    ),
    Use("sameOrganizationAs", S.REFS, _on(_E.ORGANIZATION), "same_organization_as", targets=_ORG, claimable=False),
    Use("wiki", S.URL, _on(_E.ORGANIZATION), "wiki", "wiki"),
    # partnerships
    Use(
        "party",
        S.ROLES,
        _on(_E.PARTNERSHIP),
        "parties",
        "organizations",
        (("Organization", "partnerships"),),
        _ORG,
        claimable=False,
    ),
    Use("partyRole", S.NODE, _on(_E.PARTNERSHIP), graphql="parties"),
    Use("topic", S.TEXTS, _on(_E.PARTNERSHIP), source="topics", graphql="topics", claimable=False),
    Use("initiative", S.REF_OR_TEXT, _on(_E.PARTNERSHIP), source="initiative", targets=_EVENTISH),
    Use("relatedEvent", S.REF, _on(_E.PARTNERSHIP), "related_event", None, (("Event", "partnerships"),), _EVENTISH),
    # places
    Use("placeKind", S.CHOICE, _on(_E.PLACE), source="kind", graphql="kind", vocabulary=V.PLACE_KINDS),
    Use("containedIn", S.REF, _on(_E.PLACE), "contained_in", "containedIn", (("Place", "contains"),), _PLACE),
    Use("coordinates", S.COORDINATES, _on(_E.PLACE), source="coordinates"),
    # grants
    Use("category", S.CATEGORIES, _on(_E.GRANT_PROGRAM), source="categories", targets=_EVENTISH, claimable=False),
    Use("example", S.TEXT),
    Use("funder", S.REF, _on(_E.GRANT_PROGRAM), "funder", "funder", targets=_ORG),
    Use(
        "program", S.REF, _on(_E.GRANT_ROUND), "program", "program", (("GrantProgram", "rounds"),), (_E.GRANT_PROGRAM,)
    ),
    Use("program", S.REF, _on(_E.GRANT), "program", "program", targets=(_E.GRANT_PROGRAM,)),
    Use("position", S.INT, _on(_E.GRANT_ROUND), source="position", graphql="position"),
    Use(
        "milestone",
        S.MILESTONES,
        _on(_E.GRANT_ROUND),
        source="milestones",
        vocabulary=V.MILESTONE_KINDS,
        claimable=False,
    ),
    Use("milestoneKind", S.CHOICE, _on("Milestone"), vocabulary=V.MILESTONE_KINDS),
    Use("round", S.REF, _on(_E.GRANT), "round", "round", targets=(_E.GRANT_ROUND,)),
    Use("grantee", S.REF, _on(_E.GRANT), "grantee", "grantee", (("Organization", "grants"),), _ORG),
    Use("fiscalSponsor", S.REF, _on(_E.GRANT), "fiscal_sponsor", "fiscalSponsor", targets=_ORG),
    Use("fundedEvent", S.REF, _on(_E.GRANT), "event", "event", (("Event", "grants"),), _EVENTISH),
    Use("fiscalYear", S.TEXT, _on(_E.GRANT), source="fiscal_year", graphql="fiscalYear"),
    Use(
        "fundedPartnership",
        S.REF,
        _on(_E.GRANT),
        "partnership",
        "partnership",
        (("Partnership", "grants"),),
        (_E.PARTNERSHIP,),
    ),
    # people: only those the sources name, in the role the source gives, by the name it uses
    Use("person", S.ROLES, _PEOPLE_ON, "people", None, (("Person", "involvedIn"),), (_E.PERSON,), None, False),
    Use("involvement", S.NODE, _PEOPLE_ON, graphql="people"),
    Use("person", S.REF, _on("PersonRole"), graphql="person", targets=(_E.PERSON,)),
    # figures: counts by kind, actual, planned or a target
    Use("figure", S.FIGURES, _FIGURES_ON, "figures", "figures", vocabulary=V.FIGURE_KINDS, claimable=False),
    Use("figureKind", S.CHOICE, _on("Figure"), graphql="kind", vocabulary=V.FIGURE_KINDS),
    Use("figureStatus", S.CHOICE, _on("Figure"), graphql="status", vocabulary=V.FIGURE_STATUSES),
    # qualified dates: a date field written {date, qualifier} ("before 2012", "by 2005")
    Use("qualifiedDate", S.NODE, ALL_ENTITIES, graphql="qualifiedDates"),
    Use("value", S.DATE, _on("QualifiedDate"), graphql="date"),
    Use("dateQualifier", S.CHOICE, _on("QualifiedDate"), graphql="qualifier", vocabulary=V.DATE_QUALIFIERS),
    # languages
    Use("code", S.TEXT, _on(_E.LANGUAGE), source="code", graphql="code"),
    # the sources themselves (the metadata graph)
    Use("title", S.TEXT, _SOURCE),
    Use("sourceKind", S.TEXT, _SOURCE),
    Use("tripleCount", S.INT, _SOURCE),
    Use("loadedAt", S.TEXT, _SOURCE),
    Use("retrieved", S.TEXT, _SOURCE),
    Use("licence", S.TEXT, _SOURCE),
    Use("endpoint", S.TEXT, _SOURCE),
    Use("extra", S.TEXT, _SOURCE),
)
"""The vocabulary table: every property, once per group of types using it the same way. Adding a property is one
row (plus its declaration in schema/eventgraph.ttl, shapes.ttl and context.jsonld, which a test checks)."""


def uses(name: str) -> list[Use]:
    """The rows of one property (by local name)."""
    return [u for u in VOCABULARY if u.name == name]


def property_iri(name: str) -> str:
    """The IRI of a property of the table, by local name; KeyError for a name the table lacks."""
    for use in VOCABULARY:
        if use.name == name:
            return use.iri
    raise KeyError(name)


RELATIONS: tuple[str, ...] = tuple(dict.fromkeys(u.name for u in VOCABULARY if u.relation))
"""Local names of the properties linking two entities, in table order (GraphQL `Relation`, inbound links)."""


class P:
    """Property IRIs, by Python name, for code that names one property; all come from the table above."""

    # identity and provenance
    citation = property_iri("citation")
    url = property_iri("url")
    quote = property_iri("quote")
    claim = property_iri("claim")
    claim_property = property_iri("property")
    claim_value = property_iri("value")
    preferred = property_iri("preferred")
    note = property_iri("note")
    page = property_iri("page")
    same_as = property_iri("sameAs")
    qid_method = property_iri("qidMethod")
    # events
    kind = property_iri("kind")
    start_date = property_iri("startDate")
    end_date = property_iri("endDate")
    start_bound = property_iri("earliestDay")
    end_bound = property_iri("latestDay")
    dates_text = property_iri("datesText")
    status = property_iri("status")
    format = property_iri("format")
    attendance = property_iri("attendance")
    location = property_iri("location")
    venue = property_iri("venue")
    country = property_iri("country")
    series = property_iri("series")
    edition = property_iri("edition")
    edition_number = property_iri("editionNumber")
    parent_event = property_iri("parentEvent")
    organizer = property_iri("organizer")
    organizing = property_iri("organizing")
    organizers_text = property_iri("organizersText")
    partner = property_iri("partner")
    partnering = property_iri("partnering")
    organization = property_iri("organization")
    role = property_iri("role")
    language = property_iri("language")
    website = property_iri("website")
    commons_category = property_iri("commonsCategory")
    length_days = property_iri("lengthDays")
    theme = property_iri("theme")
    # series
    first_year = property_iri("firstYear")
    frequency = property_iri("frequency")
    typical_months = property_iri("typicalMonths")
    typical_length_days = property_iri("typicalLengthDays")
    typical_region = property_iri("typicalRegion")
    participants = property_iri("participants")
    participant_limit = property_iri("participantLimit")
    limited_group = property_iri("group")
    maximum = property_iri("maximum")
    since = property_iri("since")
    committee_seat = property_iri("committeeSeat")
    seat_count = property_iri("seats")
    # quantities and money
    text = property_iri("text")
    value = property_iri("value")
    minimum = property_iri("minimum")
    qualifier = property_iri("qualifier")
    amount = property_iri("amount")
    currency = property_iri("currency")
    amount_kind = property_iri("amountKind")
    # organizations
    org_kind = property_iri("organizationKind")
    short_name = property_iri("shortName")
    founded = property_iri("founded")
    recognized = property_iri("recognized")
    recognition_status = property_iri("recognitionStatus")
    based_in = property_iri("basedIn")
    operating_area = property_iri("operatingArea")
    parent_organization = property_iri("parentOrganization")
    member_of = property_iri("memberOf")
    predecessor = property_iri("predecessor")
    same_organization_as = property_iri("sameOrganizationAs")
    wiki = property_iri("wiki")
    # partnerships
    party = property_iri("party")
    party_role = property_iri("partyRole")
    topic = property_iri("topic")
    initiative = property_iri("initiative")
    related_event = property_iri("relatedEvent")
    # places
    place_kind = property_iri("placeKind")
    contained_in = property_iri("containedIn")
    coordinates = property_iri("coordinates")
    # grants
    category = property_iri("category")
    example = property_iri("example")
    round = property_iri("round")
    milestone = property_iri("milestone")
    milestone_kind = property_iri("milestoneKind")
    funder = property_iri("funder")
    program = property_iri("program")
    grantee = property_iri("grantee")
    funded_event = property_iri("fundedEvent")
    fiscal_year = property_iri("fiscalYear")
    fiscal_sponsor = property_iri("fiscalSponsor")
    position = property_iri("position")
    funded_partnership = property_iri("fundedPartnership")
    # people, figures, qualified dates
    person = property_iri("person")
    involvement = property_iri("involvement")
    figure = property_iri("figure")
    figure_kind = property_iri("figureKind")
    figure_status = property_iri("figureStatus")
    qualified_date = property_iri("qualifiedDate")
    date_qualifier = property_iri("dateQualifier")
    # languages
    code = property_iri("code")


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
    _by_predicate: dict[str, list[Fact]] | None = field(default=None, init=False, repr=False, compare=False)
    """The facts grouped by predicate, built on the first read: a page's fields read an entity a dozen times."""
    _derived: dict[Hashable, object] | None = field(default=None, init=False, repr=False, compare=False)

    def derived(self, key: Hashable, compute: Callable[[Resource], _T]) -> _T:
        """`compute(self)`, computed once and kept with the facts (a Resource never changes, and a backend may
        hand the same one to many requests): the preferred value of a property, the GraphQL type of an entity."""
        memo = self._derived
        if memo is None:
            memo = {}
            object.__setattr__(self, "_derived", memo)
        if key in memo:
            return memo[key]  # type: ignore[return-value]
        value = memo[key] = compute(self)
        return value

    def _facts_of(self, predicate: str) -> Sequence[Fact]:
        index = self._by_predicate
        if index is None:
            index = {}
            for f in self.facts:
                index.setdefault(f.predicate, []).append(f)
            object.__setattr__(self, "_by_predicate", index)
        return index.get(predicate, ())

    @property
    def types(self) -> frozenset[str]:
        return frozenset(f.value.value for f in self._facts_of(RDF_TYPE) if isinstance(f.value, Iri))

    def all(self, predicate: str) -> list[Fact]:
        return list(self._facts_of(predicate))

    def first(self, predicate: str) -> Fact | None:
        found = self._facts_of(predicate)
        return found[0] if found else None

    def iris(self, predicate: str) -> list[str]:
        seen: dict[str, None] = {}
        for f in self._facts_of(predicate):
            if isinstance(f.value, Iri):
                seen.setdefault(f.value.value, None)
        return list(seen)

    def literal(self, predicate: str) -> str | None:
        for f in self._facts_of(predicate):
            if isinstance(f.value, Literal):
                return f.value.lexical
        return None

    def literals(self, predicate: str) -> list[Literal]:
        return [f.value for f in self._facts_of(predicate) if isinstance(f.value, Literal)]

    def nodes(self, predicate: str) -> list[Resource]:
        return [f.node for f in self._facts_of(predicate) if f.node is not None]

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
    digest: str = ""
    """A hash of the source's triples (equal for equal content; empty when the backend records none)."""


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
    """What `find` orders by. Ties fall back to the label (ascending), then the IRI, whatever the direction.

    LABEL: the English label, else any label, case-folded. START: the earliest possible start day; undated
    entities come last in either direction. The counts order organizations only (another class is a
    `StoreError`), and count exactly what the api's fields of the same name count:
    EVENT_COUNT: the entities of class Event that name the organization as organizer.
    PARTNERS_COUNT: the other organizations linked to it as partners: a party of a partnership it is party to,
    a partner of an event it organized, or an organizer of an event it partnered.
    DEGREE: the other organizations linked to it in the co-organization network: its partners as above plus the
    co-organizers of the events it organized.
    """

    LABEL = "label"
    START = "start"
    EVENT_COUNT = "eventCount"
    PARTNERS_COUNT = "partnersCount"
    DEGREE = "degree"


@dataclass(frozen=True, slots=True)
class FindQuery:
    """One page of the entities of a class matching all criteria.

    `count_total` False lets the backend skip counting every match (then `Page.total` is None and `Page.more`
    says whether entities follow the page).
    """

    entity_class: EntityClass
    criteria: tuple[Criterion, ...] = ()
    sort: SortKey = SortKey.LABEL
    descending: bool = False
    offset: int = 0
    limit: int = 20
    count_total: bool = True


@dataclass(frozen=True, slots=True)
class Page:
    """The IRIs of one page; `total` counts every match (None when not asked for); `more`: entities follow it
    (None when the backend left it to `total`)."""

    iris: tuple[str, ...]
    total: int | None
    more: bool | None = None


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


@dataclass(frozen=True, slots=True)
class Lookup:
    """Everything one level of a GraphQL query needs from the store, asked in one round-trip (`LinkBatches`).

    `describe`: IRIs to describe (as `describe`). `inbound`: (target IRI, predicate) pairs whose subjects are
    wanted (as `referrers`); those subjects are described too. `ancestors`: (IRI, predicate) pairs whose chain
    (every IRI reachable through one or more links, nearest first) is wanted; the chain is described too.
    """

    describe: tuple[str, ...] = ()
    inbound: tuple[tuple[str, str], ...] = ()
    ancestors: tuple[tuple[str, str], ...] = ()
    unexpanded: tuple[str, ...] = ()
    """Predicates whose blank-node values come back without their description (`Fact.node` None), because no
    field of the request reads it (e.g. `P.citation` when no `citations` field is selected)."""


@dataclass(frozen=True, slots=True)
class LookupAnswer:
    """The answer to a `Lookup`: the resources described (unknown IRIs absent), the subjects of each inbound pair
    and the chain of each ancestors pair (pairs with none may be absent)."""

    resources: Mapping[str, Resource]
    inbound: Mapping[tuple[str, str], list[str]]
    ancestors: Mapping[tuple[str, str], list[str]]


# ---------------------------------------------------------------- reports and loaders


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """A typed entity some source describes, with its own pages (what the Wikidata loader links from)."""

    iri: str
    types: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()

    @property
    def qid(self) -> str | None:
        return qid_of(self.iri)


@dataclass(frozen=True, slots=True)
class ValuePair:
    """One value a local source and one the Wikidata graph state for the same fact of the same entity.

    Values are lexical forms (IRIs as such); quantity nodes bring their text and numbers; `nested` is true when
    one place lies inside the other.
    """

    entity: str
    property: str
    local_graph: str
    local_value: str
    wikidata_value: str
    local_text: str | None = None
    local_number: str | None = None
    local_min: str | None = None
    local_max: str | None = None
    wikidata_text: str | None = None
    wikidata_number: str | None = None
    nested: bool = False


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
