"""The store side of facets, profiles, edges and organization links, against the shipped sources."""

from __future__ import annotations

from datetime import date

from eventgraph.model import (
    EG_ID,
    EntityClass,
    FacetDimension,
    FacetQuery,
    HasValue,
    LinkKind,
    LinkQuery,
    OneOf,
    OrganizationLink,
    P,
)
from eventgraph.store import trace
from eventgraph.store.oxigraph import OxigraphStore

WD = "http://www.wikidata.org/entity/"
TWC = EG_ID + "turkic-wikimedia-conference"


def test_facet_rows_keep_every_source_figure(loaded_store: OxigraphStore) -> None:
    rows = loaded_store.facets(
        FacetQuery(EntityClass.EVENT, (HasValue(P.series, (TWC,)),), (FacetDimension.YEAR, FacetDimension.COUNTRY))
    )
    assert rows.subjects == (TWC + "-2012", TWC + "-2023", TWC + "-2025")
    years = {(v.subject[-4:], v.value) for v in rows.values if v.dimension is FacetDimension.YEAR}
    assert years == {("2012", "2012"), ("2023", "2023"), ("2025", "2025")}
    countries = {v.subject[-4:]: v.value for v in rows.values if v.dimension is FacetDimension.COUNTRY}
    assert countries == {"2012": WD + "Q232", "2023": WD + "Q43", "2025": WD + "Q227"}
    figures = {(f.subject[-4:], f.value, f.minimum) for f in rows.attendance}
    assert figures == {("2012", 38, None), ("2023", None, 90), ("2025", None, None)}


def test_profiles(loaded_store: OxigraphStore) -> None:
    [profile] = loaded_store.event_profiles([TWC + "-2012", EG_ID + "no-such-event"])
    assert profile.series == (TWC,)
    assert profile.organizers == (EG_ID + "wikibilim",)
    assert profile.partners == (WD + "Q180", WD + "Q1993710", WD + "Q43449")
    assert profile.places == (WD + "Q35493",)
    assert profile.countries == (WD + "Q232",)
    assert (profile.start, profile.end) == (date(2012, 4, 20), date(2012, 4, 21))
    assert profile.points == ((43.326936, 76.91309),), "Almaty's point: NE 5.0.0 LATITUDE/LONGITUDE (gazetteer)"


def test_edges_in_both_directions_with_their_graphs(loaded_store: OxigraphStore) -> None:
    edges = loaded_store.edges([WD + "Q1993710"], [P.partner, P.party])
    assert {(e.source, e.predicate) for e in edges} == {
        (TWC + "-2012", P.partner),
        (EG_ID + "partnership-turksoy-twc-2012", P.party),
    }
    graphs = {e.graph for e in edges if e.predicate == P.partner}
    assert graphs == {
        "https://w3id.org/eventgraph/source/turkic-wikimedia-conference",
        "https://w3id.org/eventgraph/source/meta-turkic-wikimedia-conference",
    }
    assert loaded_store.edges([], [P.partner]) == []


def test_organization_links_of_one_organization(loaded_store: OxigraphStore) -> None:
    links = loaded_store.organization_links(LinkQuery(organizations=(OneOf((EG_ID + "wmturkic",)),)))
    turkey = EG_ID + "wikimedia-community-user-group-turkey"
    assert OrganizationLink(turkey, EG_ID + "wmturkic", LinkKind.CO_ORGANIZERS, TWC + "-2023") in links
    assert OrganizationLink(EG_ID + "wmturkic", WD + "Q180", LinkKind.ORGANIZER_PARTNER, TWC + "-2023") in links
    assert all(EG_ID + "wmturkic" in (link.source, link.target) for link in links)


def test_queries_are_traced_only_when_asked(loaded_store: OxigraphStore) -> None:
    loaded_store.event_profiles([TWC + "-2012"])
    with trace.tracing() as queries:
        loaded_store.event_profiles([TWC + "-2012"])
        loaded_store.describe([TWC + "-2012"])
    assert [q.operation for q in queries] == ["query", "query", "describe"]
    assert queries[0].query.startswith("# Purpose: compact profiles of events")
    assert queries[1].query.startswith("# Purpose: coordinates of entities")
    assert queries[2].query == "describe(1 IRIs)"
    assert all(q.ms >= 0 for q in queries)
    assert not trace.active()
