"""Small synthetic graphs for the contract suite (ids Q9000001 and up, eg:contract-*): facts invented for tests."""

from __future__ import annotations

from eventgraph.model import (
    EG_ID,
    EG_SOURCE,
    GEO_WKT,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_ALT_LABEL,
    WD,
    XSD_DATE,
    XSD_GYEAR,
    XSD_INTEGER,
    Blank,
    EntityClass,
    Iri,
    Literal,
    P,
    SourceInfo,
    Term,
    Triple,
)

LOCAL = EG_SOURCE + "contract-local"
OTHER = EG_SOURCE + "contract-other"
WIKIDATA = EG_SOURCE + "wikidata"

COUNTRY, CITY, VENUE = WD + "Q9000001", WD + "Q9000002", EG_ID + "contract-hall"
SERIES = EG_ID + "contract-series"
ALPHA, BETA = WD + "Q9000010", EG_ID + "contract-beta-2025"
FIRST, SECOND = WD + "Q9000020", EG_ID + "contract-second-org"
PACT = EG_ID + "contract-pact"


def source(graph: str, kind: str = "local") -> SourceInfo:
    name = graph.rsplit("/", 1)[-1]
    return SourceInfo(graph=graph, title=f"Contract {name}", url=f"https://example.org/{name}", kind=kind)


def t(s: str | Blank, p: str, o: str | Term) -> Triple:
    subject = Iri(s) if isinstance(s, str) else s
    return Triple(subject, Iri(p), Iri(o) if isinstance(o, str) else o)


def en(text: str) -> Literal:
    return Literal(text, language="en")


def typed(iri: str, cls: EntityClass, label: str) -> list[Triple]:
    return [t(iri, RDF_TYPE, cls.iri), t(iri, RDFS_LABEL, en(label))]


def places() -> list[Triple]:
    return [
        *typed(COUNTRY, EntityClass.PLACE, "Contractland"),
        t(COUNTRY, P.place_kind, Literal("country")),
        *typed(CITY, EntityClass.PLACE, "Testopolis"),
        t(CITY, P.place_kind, Literal("city")),
        t(CITY, P.contained_in, COUNTRY),
        t(CITY, P.coordinates, Literal("Point(20.0 10.0)", GEO_WKT)),
        *typed(VENUE, EntityClass.PLACE, "Hall of Contracts"),
        t(VENUE, P.place_kind, Literal("venue")),
        t(VENUE, P.contained_in, CITY),
        t(VENUE, P.coordinates, Literal("Point(20.02 10.01)", GEO_WKT)),
    ]


def local_graph() -> list[Triple]:
    """Two editions of one series in one city, two organizations, a partnership: the local source."""
    role, attendance = Blank("contract-role"), Blank("contract-attendance")
    return [
        *places(),
        *typed(SERIES, EntityClass.EVENT_SERIES, "Contract Series"),
        *typed(ALPHA, EntityClass.EVENT, "Alpha Meetup 2023"),
        t(ALPHA, SKOS_ALT_LABEL, en("Ålpha gathering")),
        t(ALPHA, P.kind, Literal("meetup")),
        t(ALPHA, P.series, SERIES),
        t(ALPHA, P.location, CITY),
        t(ALPHA, P.venue, VENUE),
        t(ALPHA, P.start_date, Literal("2023-10-20", XSD_DATE)),
        t(ALPHA, P.start_bound, Literal("2023-10-20", XSD_DATE)),
        t(ALPHA, P.end_bound, Literal("2023-10-22", XSD_DATE)),
        t(ALPHA, P.organizer, FIRST),
        t(ALPHA, P.organizing, role),
        t(role, P.organization, FIRST),
        t(role, P.role, Literal("host")),
        t(ALPHA, P.partner, SECOND),
        t(ALPHA, P.attendance, attendance),
        t(attendance, P.text, Literal("about 90")),
        t(attendance, P.value, Literal("90", XSD_INTEGER)),
        t(ALPHA, P.page, "https://example.org/wiki/Alpha"),
        *typed(BETA, EntityClass.EVENT, "Beta Summit 2025"),
        t(BETA, P.kind, Literal("conference")),
        t(BETA, P.series, SERIES),
        t(BETA, P.location, CITY),
        t(BETA, P.start_date, Literal("2025", XSD_GYEAR)),
        t(BETA, P.start_bound, Literal("2025-01-01", XSD_DATE)),
        t(BETA, P.end_bound, Literal("2025-12-31", XSD_DATE)),
        t(BETA, P.organizer, FIRST),
        t(BETA, P.organizer, SECOND),
        *typed(FIRST, EntityClass.ORGANIZATION, "First Contract Org"),
        t(FIRST, P.org_kind, Literal("chapter")),
        t(FIRST, P.short_name, Literal("FCO")),
        t(FIRST, P.based_in, CITY),
        *typed(SECOND, EntityClass.ORGANIZATION, "Second Contract Org"),
        t(SECOND, P.org_kind, Literal("igo")),
        *typed(PACT, EntityClass.PARTNERSHIP, "First-Second pact"),
        t(PACT, P.party, FIRST),
        t(PACT, P.party, SECOND),
        t(PACT, P.related_event, ALPHA),
    ]


def wikidata_graph() -> list[Triple]:
    """What a Wikidata load might say about the same items: one agreeing date, one other attendance figure."""
    attendance = Blank("contract-wd-attendance")
    return [
        *typed(ALPHA, EntityClass.EVENT, "Alpha Meetup 2023"),
        t(ALPHA, P.start_date, Literal("2023-10-20", XSD_DATE)),
        t(ALPHA, P.attendance, attendance),
        t(attendance, P.value, Literal("120", XSD_INTEGER)),
        *typed(CITY, EntityClass.PLACE, "Testopolis"),
    ]
