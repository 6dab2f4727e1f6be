"""The store contract (`eventgraph.store.protocols`): every backend gives these answers on the same small data."""

from __future__ import annotations

from datetime import date

import pytest

from eventgraph.errors import StoreError
from eventgraph.model import (
    RDF_TYPE,
    RDFS_LABEL,
    EntityClass,
    FacetDimension,
    FacetQuery,
    FindQuery,
    HasLiteral,
    HasValue,
    InPlace,
    Iri,
    LinkKind,
    LinkQuery,
    Literal,
    MatchKind,
    Near,
    OneOf,
    Overlaps,
    P,
    ReferencedAtLeast,
    SearchQuery,
    SortKey,
    Triple,
)
from eventgraph.store.protocols import GraphStore
from tests.store.contract.data import (
    ALPHA,
    BETA,
    CITY,
    COUNTRY,
    FIRST,
    LOCAL,
    OTHER,
    PACT,
    SECOND,
    SERIES,
    VENUE,
    WIKIDATA,
    en,
    local_graph,
    source,
    t,
    typed,
    wikidata_graph,
)


@pytest.fixture
def loaded(backend: GraphStore) -> GraphStore:
    backend.replace_sources([(source(LOCAL), local_graph()), (source(WIKIDATA, "wikidata"), wikidata_graph())])
    return backend


# ---------------------------------------------------------------- core reads


def test_describe_merges_sources_expands_blank_nodes_and_names_graphs(loaded: GraphStore) -> None:
    alpha = loaded.describe([ALPHA, "not an iri", SERIES + "-missing"])
    assert set(alpha) == {ALPHA}
    resource = alpha[ALPHA]
    assert {f.graph for f in resource.all(P.start_date)} == {LOCAL, WIKIDATA}
    [role] = resource.nodes(P.organizing)
    assert role.iris(P.organization) == [FIRST]
    assert role.literal(P.role) == "host"
    figures = sorted((n.literal(P.value), f.graph) for f in resource.all(P.attendance) if (n := f.node))
    assert figures == [("120", WIKIDATA), ("90", LOCAL)]
    assert resource.iris(P.page) == ["https://example.org/wiki/Alpha"]


def test_referrers_navigate_backwards_from_data_graphs_only(loaded: GraphStore) -> None:
    found = loaded.referrers([SERIES, FIRST, COUNTRY], P.series)
    assert sorted(found[SERIES]) == [ALPHA, BETA]
    assert found[FIRST] == []
    assert sorted(loaded.referrers([FIRST], P.organizer)[FIRST]) == [ALPHA, BETA]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ((), [ALPHA, BETA]),
        ((InPlace((COUNTRY,)),), [ALPHA, BETA]),
        ((InPlace((VENUE,)),), [ALPHA]),
        ((Overlaps(date(2023, 10, 22), date(2023, 10, 22)),), [ALPHA]),
        ((Overlaps(date(2024, 1, 1), None),), [BETA]),
        ((HasValue(P.series, (SERIES,)), HasLiteral(P.kind, ("conference",))), [BETA]),
        ((HasValue(P.organizer, (SECOND,)),), [BETA]),
        ((HasValue(P.contained_in, (COUNTRY,), transitive=True),), []),
        ((OneOf((BETA, COUNTRY)),), [BETA]),
        ((OneOf(()),), []),
        ((Near(10.0, 20.0, 5.0),), [ALPHA, BETA]),
        ((Near(-10.0, -20.0, 5.0),), []),
    ],
)
def test_find_matches_all_criteria(loaded: GraphStore, criteria: tuple[object, ...], expected: list[str]) -> None:
    page = loaded.find(FindQuery(EntityClass.EVENT, criteria))  # type: ignore[arg-type]
    assert list(page.iris) == expected
    assert page.total == len(expected)


def test_find_places_transitively_and_by_references(loaded: GraphStore) -> None:
    inside = loaded.find(FindQuery(EntityClass.PLACE, (HasValue(P.contained_in, (COUNTRY,), transitive=True),)))
    assert sorted(inside.iris) == sorted([CITY, VENUE])
    busy = loaded.find(FindQuery(EntityClass.ORGANIZATION, (ReferencedAtLeast(P.organizer, 2),)))
    assert busy.iris == (FIRST,)


def test_find_sorts_by_label_or_start_and_pages(loaded: GraphStore) -> None:
    assert loaded.find(FindQuery(EntityClass.EVENT, descending=True)).iris == (BETA, ALPHA)
    latest = loaded.find(FindQuery(EntityClass.EVENT, sort=SortKey.START, descending=True, limit=1))
    assert (latest.iris, latest.total) == ((BETA,), 2)
    assert loaded.find(FindQuery(EntityClass.EVENT, sort=SortKey.START, offset=1, limit=1)).iris == (BETA,)


def test_find_sorts_by_the_least_english_label(backend: GraphStore) -> None:
    """Several English labels: the least one; no English label: the least label (every backend alike)."""
    zed, mid, tr = (f"https://w3id.org/eventgraph/id/sort-{n}" for n in ("zed", "mid", "tr"))
    triples = [
        *typed(zed, EntityClass.EVENT_SERIES, "Zed"),
        t(zed, RDFS_LABEL, en("Alpha series")),  # the least English label: sorts first
        *typed(mid, EntityClass.EVENT_SERIES, "Middle"),
        t(tr, RDF_TYPE, EntityClass.EVENT_SERIES.iri),
        t(tr, RDFS_LABEL, Literal("Beta", language="tr")),
    ]
    backend.replace_sources([(source(LOCAL), triples)])
    assert backend.find(FindQuery(EntityClass.EVENT_SERIES)).iris == (zed, tr, mid)
    assert backend.find(FindQuery(EntityClass.EVENT_SERIES, descending=True, limit=1)).iris == (mid,)


def test_sources_list_each_graph_with_its_provenance(loaded: GraphStore) -> None:
    sources = loaded.sources()
    assert [s.graph for s in sources] == sorted([LOCAL, WIKIDATA])
    local = next(s for s in sources if s.graph == LOCAL)
    assert (local.title, local.url, local.kind, local.triples) == (
        "Contract contract-local",
        "https://example.org/contract-local",
        "local",
        len(set(local_graph())),
    )
    assert local.loaded_at is not None


def test_counts_give_triples_and_entities_per_class(loaded: GraphStore) -> None:
    counts = loaded.counts()
    assert counts["triples"] == len(set(local_graph())) + len(set(wikidata_graph()))
    assert (counts["Event"], counts["Place"], counts["Organization"], counts["Partnership"]) == (2, 3, 2, 1)
    assert counts["EventSeries"] == 1


def test_the_dataset_version_follows_the_data_not_the_load(loaded: GraphStore) -> None:
    before = loaded.dataset_version()
    loaded.replace_source(source(LOCAL), local_graph())  # the same data again
    assert loaded.dataset_version() == before
    loaded.replace_source(source(LOCAL), [*local_graph(), t(BETA, P.theme, Literal("contracts"))])
    changed = loaded.dataset_version()
    assert changed != before
    assert loaded.snapshot().dataset_version() == changed


def test_search_folds_case_and_diacritics_and_ranks(loaded: GraphStore) -> None:
    hits = loaded.search(SearchQuery("alpha"))
    assert [h.iri for h in hits] == [ALPHA]
    assert (hits[0].match, hits[0].field) == (MatchKind.PREFIX, "label")
    by_alias = loaded.search(SearchQuery("ALPHA GATH"))
    assert by_alias[0].matched == en("Ålpha gathering")
    assert by_alias[0].field == "alias"
    orgs = loaded.search(SearchQuery("contract", classes=(EntityClass.ORGANIZATION,)))
    assert [h.iri for h in orgs] == [FIRST, SECOND]
    assert loaded.search(SearchQuery("fco"))[0].iri == FIRST  # a short name is a name too


# ---------------------------------------------------------------- research and reports


def test_facets_give_the_values_of_each_matching_entity(loaded: GraphStore) -> None:
    rows = loaded.facets(
        FacetQuery(EntityClass.EVENT, (), (FacetDimension.YEAR, FacetDimension.KIND, FacetDimension.SERIES))
    )
    assert rows.subjects == tuple(sorted([ALPHA, BETA]))
    values = {(v.subject, v.dimension, v.value) for v in rows.values}
    assert (ALPHA, FacetDimension.YEAR, "2023") in values
    assert (BETA, FacetDimension.KIND, "conference") in values
    assert (BETA, FacetDimension.SERIES, SERIES) in values
    figures = sorted((f.subject, f.graph, f.value) for f in rows.attendance)
    assert figures == [(ALPHA, LOCAL, 90), (ALPHA, WIKIDATA, 120)]
    organizations = loaded.facets(FacetQuery(EntityClass.ORGANIZATION, (), (FacetDimension.KIND,)))
    assert {(v.subject, v.value) for v in organizations.values} == {(FIRST, "chapter"), (SECOND, "igo")}


def test_event_profiles_relate_events(loaded: GraphStore) -> None:
    every = loaded.event_profiles(None)
    assert [p.iri for p in every] == sorted([ALPHA, BETA])
    alpha = next(p for p in every if p.iri == ALPHA)
    assert alpha.series == (SERIES,)
    assert alpha.organizers == (FIRST,)
    assert alpha.partners == (SECOND,)
    assert set(alpha.places) == {CITY, VENUE}
    assert alpha.countries == (COUNTRY,)
    assert (alpha.start, alpha.end) == (date(2023, 10, 20), date(2023, 10, 22))
    assert alpha.points == ((10.01, 20.02),), "the venue's point wins over the city's"
    assert loaded.event_profiles([BETA, COUNTRY]) == [p for p in every if p.iri == BETA]


def test_edges_come_with_the_graph_stating_them(loaded: GraphStore) -> None:
    edges = loaded.edges([ALPHA], [P.series, P.organizer, P.location])
    assert [(e.source, e.predicate, e.target, e.graph) for e in edges] == [
        (ALPHA, P.location, CITY, LOCAL),
        (ALPHA, P.organizer, FIRST, LOCAL),
        (ALPHA, P.series, SERIES, LOCAL),
    ]
    assert loaded.edges([], [P.series]) == []


def test_organization_links_through_events_and_partnerships(loaded: GraphStore) -> None:
    links = {(link.source, link.target, link.kind, link.via) for link in loaded.organization_links(LinkQuery())}
    co_organizers = {(a, b, v) for a, b, kind, v in links if kind is LinkKind.CO_ORGANIZERS}
    assert {frozenset((a, b)) for a, b, _ in co_organizers} == {frozenset((FIRST, SECOND))}
    assert {v for _, _, v in co_organizers} == {BETA}
    assert (FIRST, SECOND, LinkKind.ORGANIZER_PARTNER, ALPHA) in links
    assert any(kind is LinkKind.PARTNERSHIP and via == PACT for _, _, kind, via in links)
    only_2023 = loaded.organization_links(LinkQuery(events=(Overlaps(date(2023, 1, 1), date(2023, 12, 31)),)))
    assert {link.via for link in only_2023} <= {ALPHA, PACT}


def test_points_take_the_most_specific_level(loaded: GraphStore) -> None:
    events = loaded.points(EntityClass.EVENT, None)
    assert events == {ALPHA: ((10.01, 20.02),), BETA: ((10.0, 20.0),)}
    assert loaded.points(EntityClass.ORGANIZATION, [FIRST, SECOND]) == {FIRST: ((10.0, 20.0),)}


def test_local_entities_leave_out_the_excluded_graph(loaded: GraphStore) -> None:
    entities = {e.iri: e for e in loaded.local_entities(WIKIDATA)}
    assert set(entities) == {COUNTRY, CITY, VENUE, SERIES, ALPHA, BETA, FIRST, SECOND, PACT}
    assert entities[ALPHA].pages == ("https://example.org/wiki/Alpha",)
    assert entities[ALPHA].types == (EntityClass.EVENT.iri,)
    assert entities[ALPHA].qid == "Q9000010"
    assert {e.iri for e in loaded.local_entities(LOCAL)} == {ALPHA, CITY}


def test_value_pairs_put_local_and_wikidata_values_side_by_side(loaded: GraphStore) -> None:
    pairs = loaded.value_pairs(WIKIDATA)
    dates = [(p.entity, p.local_value, p.wikidata_value) for p in pairs if p.property == P.start_date]
    assert dates == [(ALPHA, "2023-10-20", "2023-10-20")]
    [attendance] = [p for p in pairs if p.property == P.attendance]
    assert (attendance.local_graph, attendance.local_text, attendance.local_number, attendance.wikidata_number) == (
        LOCAL,
        "about 90",
        "90",
        "120",
    )


# ---------------------------------------------------------------- writing


def test_replace_swaps_one_source_and_leaves_the_others(loaded: GraphStore) -> None:
    stored = loaded.replace_source(source(LOCAL), typed(ALPHA, EntityClass.EVENT, "Gamma"))
    assert (stored.triples, stored.graph) == (2, LOCAL)
    labels = {f.value for f in loaded.describe([ALPHA])[ALPHA].all(RDFS_LABEL)}
    assert labels == {en("Gamma"), en("Alpha Meetup 2023")}  # the second from the Wikidata graph
    assert BETA not in loaded.describe([BETA])
    assert [s.graph for s in loaded.sources()] == sorted([LOCAL, WIKIDATA])


def test_replace_can_remove_graphs_in_the_same_step(loaded: GraphStore) -> None:
    loaded.replace_sources([(source(OTHER), typed(COUNTRY, EntityClass.PLACE, "Other"))], remove=[WIKIDATA])
    assert [s.graph for s in loaded.sources()] == sorted([LOCAL, OTHER])
    assert {f.graph for f in loaded.describe([ALPHA])[ALPHA].facts} == {LOCAL}


def test_a_failing_write_changes_nothing(loaded: GraphStore) -> None:
    before = (loaded.dataset_version(), loaded.counts(), [s.graph for s in loaded.sources()])

    def triples() -> object:
        yield from typed(BETA, EntityClass.EVENT, "Half written")
        raise RuntimeError("the source failed mid-load")

    with pytest.raises((StoreError, RuntimeError), match="failed mid-load"):
        loaded.replace_sources([(source(OTHER), []), (source(LOCAL), triples())])  # type: ignore[list-item]
    assert (loaded.dataset_version(), loaded.counts(), [s.graph for s in loaded.sources()]) == before


def test_remove_source_drops_its_facts_and_metadata(loaded: GraphStore) -> None:
    loaded.remove_source(WIKIDATA)
    assert [s.graph for s in loaded.sources()] == [LOCAL]
    assert {f.graph for f in loaded.describe([ALPHA])[ALPHA].facts} == {LOCAL}


def test_a_transaction_keeps_only_the_sources_named_and_those_written(loaded: GraphStore) -> None:
    with loaded.transaction(keep=[WIKIDATA]) as load:
        load.replace_source(source(OTHER), [Triple(Iri(BETA), Iri(RDFS_LABEL), en("Beta again"))])
        assert {e.iri for e in load.local_entities(WIKIDATA)} == set(), "reads inside see the new version"
    assert [s.graph for s in loaded.sources()] == sorted([OTHER, WIKIDATA])


def test_a_failed_transaction_leaves_the_data_as_it_was(loaded: GraphStore) -> None:
    before = (loaded.dataset_version(), loaded.counts(), [s.graph for s in loaded.sources()])

    def load_then_fail() -> None:
        with loaded.transaction(keep=[]) as load:
            load.replace_source(source(OTHER), typed(BETA, EntityClass.EVENT, "Never"))
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        load_then_fail()
    assert (loaded.dataset_version(), loaded.counts(), [s.graph for s in loaded.sources()]) == before
