"""The store contract over the embedded Oxigraph backend: atomic per-source swaps, reads, finds."""

from __future__ import annotations

from datetime import date

import pytest

from eventgraph.errors import StoreError
from eventgraph.model import (
    EG_ID,
    EG_SOURCE,
    RDF_TYPE,
    RDFS_LABEL,
    XSD_DATE,
    Blank,
    EntityClass,
    FindQuery,
    HasLiteral,
    HasValue,
    InPlace,
    Iri,
    Literal,
    Overlaps,
    P,
    SortKey,
    SourceInfo,
    Triple,
)
from eventgraph.store.oxigraph import OxigraphStore

EVENT, SERIES, CITY, COUNTRY = (EG_ID + n for n in ("ev", "series", "city", "country"))


def source(name: str) -> SourceInfo:
    return SourceInfo(graph=EG_SOURCE + name, title=name, url=f"https://example.org/{name}", kind="local")


def t(s: str, p: str, o: str | Literal | Blank) -> Triple:
    return Triple(Iri(s), Iri(p), Iri(o) if isinstance(o, str) else o)


def event(iri: str, label: str, start: str, end: str, city: str = CITY) -> list[Triple]:
    return [
        t(iri, RDF_TYPE, EntityClass.EVENT.iri),
        t(iri, RDFS_LABEL, Literal(label, language="en")),
        t(iri, P.series, SERIES),
        t(iri, P.location, city),
        t(iri, P.kind, Literal("conference")),
        t(iri, P.start_bound, Literal(start, XSD_DATE)),
        t(iri, P.end_bound, Literal(end, XSD_DATE)),
    ]


PLACES = [
    t(CITY, RDF_TYPE, EntityClass.PLACE.iri),
    t(CITY, P.contained_in, COUNTRY),
    t(COUNTRY, RDF_TYPE, EntityClass.PLACE.iri),
]


@pytest.fixture
def store() -> OxigraphStore:
    s = OxigraphStore.in_memory()
    s.replace_source(source("a"), [*event(EVENT, "Beta", "2023-10-20", "2023-10-22"), *PLACES])
    s.replace_source(source("b"), event(EG_ID + "ev2", "alpha", "2025-01-01", "2025-12-31", city=COUNTRY))
    return s


def test_replace_swaps_one_source_and_leaves_the_others(store: OxigraphStore) -> None:
    stored = store.replace_source(source("a"), event(EVENT, "Gamma", "2023-10-20", "2023-10-22"))
    assert stored.triples == 7
    assert stored.loaded_at is not None
    labels = {f.value for f in store.describe([EVENT])[EVENT].all(RDFS_LABEL)}
    assert labels == {Literal("Gamma", language="en")}
    assert EG_ID + "ev2" in store.describe([EG_ID + "ev2"])
    assert sorted(s.graph for s in store.sources()) == [EG_SOURCE + "a", EG_SOURCE + "b"]


def test_a_failing_write_leaves_the_previous_graph(store: OxigraphStore) -> None:
    before = store.dump()

    def broken() -> list[Triple]:
        raise RuntimeError("endpoint failed mid-load")

    def triples() -> object:
        yield from event(EVENT, "Half", "2023-01-01", "2023-01-02")
        broken()

    with pytest.raises(StoreError, match="endpoint failed mid-load"):
        store.replace_sources([(source("c"), []), (source("a"), triples())])  # type: ignore[list-item]
    assert store.dump() == before
    assert {s.graph for s in store.sources()} == {EG_SOURCE + "a", EG_SOURCE + "b"}


def test_describe_expands_blank_nodes_and_keeps_the_graph(fresh_store: OxigraphStore) -> None:
    node = Blank("q1")
    fresh_store.replace_source(
        source("a"),
        [
            t(EVENT, RDF_TYPE, EntityClass.EVENT.iri),
            t(EVENT, P.attendance, node),
            Triple(node, Iri(P.text), Literal("90+")),
        ],
    )
    [attendance] = fresh_store.describe([EVENT])[EVENT].nodes(P.attendance)
    assert attendance.literal(P.text) == "90+"
    assert fresh_store.describe([EVENT])[EVENT].first(P.attendance).graph == EG_SOURCE + "a"  # type: ignore[union-attr]


def test_unknown_and_malformed_iris_are_absent(store: OxigraphStore) -> None:
    assert store.describe([EG_ID + "nothing", "not an iri"]) == {}


def test_referrers_navigate_backwards(store: OxigraphStore) -> None:
    assert sorted(store.referrers([SERIES], P.series)[SERIES]) == [EVENT, EG_ID + "ev2"]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ((), [EG_ID + "ev2", EVENT]),
        ((InPlace((COUNTRY,)),), [EG_ID + "ev2", EVENT]),
        ((InPlace((CITY,)),), [EVENT]),
        ((Overlaps(date(2023, 10, 22), date(2023, 10, 22)),), [EVENT]),
        ((Overlaps(date(2024, 1, 1), None),), [EG_ID + "ev2"]),
        ((HasValue(P.series, (SERIES,)), HasLiteral(P.kind, ("conference",))), [EG_ID + "ev2", EVENT]),
        ((HasLiteral(P.kind, ("hackathon",)),), []),
    ],
)
def test_find_combines_criteria(store: OxigraphStore, criteria: tuple[object, ...], expected: list[str]) -> None:
    page = store.find(FindQuery(EntityClass.EVENT, criteria))  # type: ignore[arg-type]
    assert list(page.iris) == expected
    assert page.total == len(expected)


def test_find_sorts_and_pages(store: OxigraphStore) -> None:
    by_start = store.find(FindQuery(EntityClass.EVENT, sort=SortKey.START, descending=True, limit=1))
    assert (by_start.iris, by_start.total, by_start.more) == ((EG_ID + "ev2",), 2, True)
    second = store.find(FindQuery(EntityClass.EVENT, sort=SortKey.START, offset=1, limit=1))
    assert second.iris == (EG_ID + "ev2",)


def test_counts_and_dump_leave_out_metadata(store: OxigraphStore) -> None:
    counts = store.counts()
    assert counts["Event"] == 2
    assert counts["Place"] == 2
    assert counts["triples"] == 7 + 3 + 7
    assert b"eventgraph/meta" not in store.dump()


def test_on_disk_store_survives_reopening(tmp_path: object) -> None:
    path = f"{tmp_path}/store"
    first = OxigraphStore.open(path)
    first.replace_source(source("a"), PLACES)
    first.close()
    assert OxigraphStore.open(path).counts()["Place"] == 2
