"""Networks: neighbourhoods with provenance, paths, co-organization, organization measures, round trips."""

from __future__ import annotations

import pytest

from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import CountingReader, data_of, run_query

TWC = "eg:turkic-wikimedia-conference"
NETWORK = """query($seeds: [ID!]!, $depth: Int!, $relations: [Relation!], $first: Int) {
  network(seeds: $seeds, depth: $depth, relations: $relations, first: $first) {
    depth truncated nodes { id } edges { relation sourceId targetId sources { id } } } }"""


def test_the_neighbourhood_of_an_edition(loaded_store: OxigraphStore) -> None:
    data = data_of(loaded_store, NETWORK, {"seeds": [f"{TWC}-2012"], "depth": 1})["network"]
    assert (data["depth"], data["truncated"]) == (1, False)
    assert data["nodes"][0] == {"id": f"{TWC}-2012"}, "seeds first"
    assert {n["id"] for n in data["nodes"]} == {
        f"{TWC}-2012",
        TWC,
        "eg:wikibilim",
        "eg:partnership-turksoy-twc-2012",
        "Q180",
        "Q1993710",
        "Q43449",
        "Q35493",
        "Q232",
    }
    relations = {(e["relation"], e["sourceId"], e["targetId"]) for e in data["edges"]}
    assert ("RELATED_EVENT", "eg:partnership-turksoy-twc-2012", f"{TWC}-2012") in relations
    assert ("ORGANIZER", f"{TWC}-2012", "eg:wikibilim") in relations
    [organizer] = [e for e in data["edges"] if e["relation"] == "ORGANIZER"]
    assert organizer["sources"] == [{"id": "meta-turkic-wikimedia-conference"}]


def test_relations_depth_and_the_cap(loaded_store: OxigraphStore) -> None:
    partners = data_of(loaded_store, NETWORK, {"seeds": [f"{TWC}-2012"], "depth": 1, "relations": ["PARTNER"]})
    assert [n["id"] for n in partners["network"]["nodes"]] == [f"{TWC}-2012", "Q180", "Q1993710", "Q43449"]
    deeper = data_of(loaded_store, NETWORK, {"seeds": [f"{TWC}-2012"], "depth": 2, "relations": ["SERIES"]})
    assert {n["id"] for n in deeper["network"]["nodes"]} == {TWC, f"{TWC}-2012", f"{TWC}-2023", f"{TWC}-2025"}
    assert deeper["network"]["depth"] == 2
    cut = data_of(loaded_store, NETWORK, {"seeds": [f"{TWC}-2012"], "depth": 2, "first": 3})["network"]
    assert cut["truncated"] is True
    assert len(cut["nodes"]) == 3
    assert all({e["sourceId"], e["targetId"]} <= {n["id"] for n in cut["nodes"]} for e in cut["edges"])
    alone = data_of(loaded_store, NETWORK, {"seeds": [f"{TWC}-2012"], "depth": 0})["network"]
    assert (alone["nodes"], alone["edges"], alone["depth"]) == ([{"id": f"{TWC}-2012"}], [], 0)


@pytest.mark.parametrize(
    "variables", [{"seeds": [], "depth": 1}, {"seeds": ["nonsense"], "depth": 1}, {"seeds": ["Q1"], "depth": 9}]
)
def test_bad_network_arguments(loaded_store: OxigraphStore, variables: dict[str, object]) -> None:
    response = run_query(loaded_store, NETWORK, variables)
    assert response["errors"][0]["extensions"]["code"] == "INVALID_ARGUMENT"


def test_a_network_costs_one_edges_call_per_level(loaded_store: OxigraphStore) -> None:
    reader = CountingReader(loaded_store)
    data_of(reader, NETWORK, {"seeds": [f"{TWC}-2012"], "depth": 3, "first": 500})
    assert reader.calls.count("edges") == 3
    assert reader.reads().count("describe") == 1
    assert set(reader.reads()) == {"edges", "describe", "sources"}


PATH = """query($from: ID!, $to: ID!, $hops: Int!, $relations: [Relation!]) {
  path(from: $from, to: $to, maxHops: $hops, relations: $relations) { length nodes { id } edges { relation } } }"""


def test_all_shortest_paths_and_none_beyond_max_hops(loaded_store: OxigraphStore) -> None:
    found = data_of(loaded_store, PATH, {"from": "eg:wmturkic", "to": "Q1993710", "hops": 4})["path"]
    assert [[n["id"] for n in p["nodes"]] for p in found] == [
        ["eg:wmturkic", "Q232", f"{TWC}-2012", "Q1993710"],
        ["eg:wmturkic", TWC, f"{TWC}-2012", "Q1993710"],
    ]
    assert [[e["relation"] for e in p["edges"]] for p in found] == [
        ["OPERATING_AREA", "COUNTRY", "PARTNER"],
        ["ORGANIZER", "SERIES", "PARTNER"],
    ]
    assert data_of(loaded_store, PATH, {"from": "eg:wmturkic", "to": "Q1993710", "hops": 2})["path"] == []
    only_partners = {"from": "eg:wmturkic", "to": "Q1993710", "hops": 6, "relations": ["PARTNER"]}
    assert data_of(loaded_store, PATH, only_partners)["path"] == []
    same = data_of(loaded_store, PATH, {"from": "Q43", "to": "Q43", "hops": 1})["path"]
    assert same == [{"length": 0, "nodes": [{"id": "Q43"}], "edges": []}]


def test_a_path_search_costs_at_most_one_edges_call_per_hop(loaded_store: OxigraphStore) -> None:
    reader = CountingReader(loaded_store)
    data_of(reader, PATH, {"from": "eg:wmturkic", "to": "Q1993710", "hops": 4})
    assert reader.calls.count("edges") == 3
    assert reader.reads().count("describe") == 1


MEASURES = """query($first: Int) { organizations(first: $first) { nodes {
  id degree partnersCount countriesReached { id } eventsPerYear { year count } } } }"""


def test_organization_measures(loaded_store: OxigraphStore) -> None:
    data = data_of(
        loaded_store,
        """{ wmturkic: node(id: "eg:wmturkic") { ...m } turksoy: node(id: "Q1993710") { ...m }
             wikibilim: node(id: "eg:wikibilim") { ...m } }
           fragment m on Organization { degree partnersCount countriesReached { id } eventsPerYear { year count } }""",
    )
    assert data["wmturkic"] == {
        "degree": 2,  # Wikimedia Community User Group Turkey (co-organizer 2023), Wikimedia Foundation (partner 2023)
        "partnersCount": 1,
        "countriesReached": [{"id": "Q43"}],
        "eventsPerYear": [{"year": 2022, "count": 1}, {"year": 2023, "count": 1}],
    }
    assert data["turksoy"] == {
        "degree": 2,  # WikiBilim (organized 2012; shared partnership), the Wikimedia Foundation (shared partnership)
        "partnersCount": 2,
        "countriesReached": [{"id": "Q232"}],
        "eventsPerYear": [],
    }
    assert data["wikibilim"]["eventsPerYear"] == [{"year": 2012, "count": 1}]
    assert data["wikibilim"]["partnersCount"] == data["wikibilim"]["degree"] == 3


def test_measures_of_a_list_cost_the_same_for_5_or_50_organizations(loaded_store: OxigraphStore) -> None:
    calls = []
    for first in (5, 50):
        reader = CountingReader(loaded_store)
        data_of(reader, MEASURES, {"first": first})
        calls.append(sorted(reader.calls))
    assert calls[0] == calls[1]
    assert calls[1].count("organization_links") == 1
    assert calls[1].count("event_profiles") == 1
