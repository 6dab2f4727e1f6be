"""GraphML, GEXF and CSV read back (networkx, csv and joins) and compared with the GraphQL answer for the same data.

The mechanism is tested on the synthetic fixture in tests/data/exports (its README says what it holds); the XML
documents are validated against the GraphML 1.0 and GEXF 1.2 schemas that `make xsd` takes from JGraphT's jar.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, cast

import networkx as nx
import pytest
import xmlschema

from eventgraph.api.types.network import Relation
from eventgraph.errors import StoreError
from eventgraph.exports.build import FORMATS, export
from eventgraph.exports.entities import RELATIONS
from eventgraph.exports.tables import relation_file, type_file
from eventgraph.model import (
    EntityClass,
    EventProfile,
    FacetQuery,
    FacetRows,
    FindQuery,
    GraphEdge,
    LinkQuery,
    OrganizationLink,
    Page,
    Resource,
    SearchHit,
    SearchQuery,
    SourceInfo,
)
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.protocols import GraphReader
from loaders.pipeline import load_local
from tests.conftest import ROOT, data_of

FIXTURE_DIR = ROOT / "tests" / "data" / "exports"
XSD_DIR = ROOT / "var" / "xsd"
GEXF_12 = ("http://www.gexf.net/1.2draft", "1.2")


@cache
def fixture_store() -> OxigraphStore:
    """The synthetic fixture alone, in memory (read-only for tests)."""
    store = OxigraphStore.in_memory()
    load_local(store, FIXTURE_DIR)
    return store


class NoDumpReader:
    """The contract's typed methods only: no `dump`, `select` or `sparql`, as a backend without those capabilities."""

    def __init__(self, inner: OxigraphStore) -> None:
        self.inner = inner

    def describe(self, iris: Sequence[str]) -> Mapping[str, Resource]:
        return self.inner.describe(iris)

    def referrers(self, iris: Sequence[str], predicate: str) -> Mapping[str, list[str]]:
        return self.inner.referrers(iris, predicate)

    def find(self, query: FindQuery) -> Page:
        return self.inner.find(query)

    def sources(self) -> list[SourceInfo]:
        return self.inner.sources()

    def counts(self) -> Mapping[str, int]:
        return self.inner.counts()

    def search(self, query: SearchQuery) -> list[SearchHit]:
        return self.inner.search(query)

    def facets(self, query: FacetQuery) -> FacetRows:
        return self.inner.facets(query)

    def event_profiles(self, iris: Sequence[str] | None) -> list[EventProfile]:
        return self.inner.event_profiles(iris)

    def edges(self, iris: Sequence[str], predicates: Sequence[str]) -> list[GraphEdge]:
        return self.inner.edges(iris, predicates)

    def organization_links(self, query: LinkQuery) -> list[OrganizationLink]:
        return self.inner.organization_links(query)

    def dataset_version(self) -> str:
        return self.inner.dataset_version()

    def snapshot(self) -> NoDumpReader:
        return self


def schema(name: str) -> xmlschema.XMLSchema:
    path = XSD_DIR / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: `make xsd` installs it")
        pytest.skip(f"{path} is missing: run `make xsd`")
    return xmlschema.XMLSchema(str(path))


def as_gexf_12(text: str) -> str:
    """A GEXF 1.3 document renamed to 1.2 (namespace, version), to check it against the 1.2 schema."""
    return (
        text.replace('xmlns="http://gexf.net/1.3"', f'xmlns="{GEXF_12[0]}"')
        .replace('version="1.3"', f'version="{GEXF_12[1]}"')
        .replace("http://gexf.net/1.3/gexf.xsd", GEXF_12[0] + "/gexf.xsd")
    )


# ---------------------------------------------------------------- the GraphQL answer to compare with

_CLASS_FIELDS = {
    EntityClass.EVENT: "events",
    EntityClass.EVENT_SERIES: "eventSeries",
    EntityClass.ORGANIZATION: "organizations",
    EntityClass.PARTNERSHIP: "partnerships",
    EntityClass.PLACE: "places",
}


def graphql_nodes(store: Any) -> set[str]:
    """Every entity id the GraphQL connections list (the fixture has no grants or languages)."""
    fields = " ".join(f"{f}: {f}(first: 100) {{ totalCount nodes {{ id }} }}" for f in _CLASS_FIELDS.values())
    data = data_of(store, "{ " + fields + " }")
    ids = set()
    for name in _CLASS_FIELDS.values():
        assert data[name]["totalCount"] == len(data[name]["nodes"])
        ids |= {n["id"] for n in data[name]["nodes"]}
    return ids


def graphql_edges(store: Any, seeds: set[str]) -> set[tuple[str, str, str]]:
    """Every relation between those entities, as the `network` field answers from all of them at depth 1."""
    data = data_of(
        store,
        "query($seeds: [ID!]!) { network(seeds: $seeds, depth: 1, first: 500) "
        "{ edges { relation sourceId targetId } } }",
        {"seeds": sorted(seeds)},
    )
    return {(e["sourceId"], Relation.__members__[e["relation"]].value, e["targetId"]) for e in data["network"]["edges"]}


# ---------------------------------------------------------------- GraphML


def test_graphml_is_valid_against_the_graphml_schema_and_a_broken_copy_is_not() -> None:
    text = export(fixture_store(), "graphml").files[0].content.decode()
    graphml = schema("graphml.xsd")
    assert list(graphml.iter_errors(text)) == []
    first_edge = text.index("<edge id=")
    second_edge = text.index("<edge id=", first_edge + 1)
    duplicate_id = text[first_edge : text.index('"', first_edge + 10) + 1]
    broken = text[:second_edge] + duplicate_id + text[text.index('"', second_edge + 10) + 1 :]
    assert list(graphml.iter_errors(broken)), "two edges with one id must fail the schema's uniqueness constraint"


def test_graphml_reads_back_with_the_graphql_nodes_and_edges_and_typed_values() -> None:
    store = fixture_store()
    built = export(store, "graphml")
    graph = nx.read_graphml(io.BytesIO(built.files[0].content))
    nodes = graphql_nodes(store)
    assert set(graph.nodes) == nodes
    read_edges = {(u, d["relation"], v) for u, v, d in graph.edges(data=True)}
    assert read_edges == graphql_edges(store, nodes)
    assert graph.number_of_edges() == len(read_edges) == built.notes["edges"]  # one edge per relation triple
    assert graph.graph["dataset_version"] == store.dataset_version()
    summit = graph.nodes["Q9000621"]
    assert summit["type"] == "Event"
    assert summit["label"] == "Sample Summit 2031"
    assert summit["editionNumber"] == 1  # typed: attr.type long
    assert summit["attendance.value"] == 120
    assert graph.nodes["Q9000602"]["latitude"] == pytest.approx(12.5)  # typed: double
    assert graph.has_edge("Q9000621", "Q9000611")


def test_graph_exports_need_only_the_typed_contract_methods() -> None:
    reader = cast(GraphReader, NoDumpReader(fixture_store()))
    for fmt in ("graphml", "gexf", "csv"):
        assert export(reader, fmt).files == export(fixture_store(), fmt).files, fmt
    with pytest.raises(StoreError, match="no RDF dump"):
        export(reader, "turtle")
    from starlette.testclient import TestClient

    from eventgraph.api.app import create_app

    with TestClient(create_app(reader)) as client:
        assert client.get("/export/graphml").status_code == 200
        assert client.get("/export/turtle").status_code == 501
        assert client.get("/export/gexf", params={"network": "co-organization"}).status_code == 200


def test_every_export_is_byte_stable_for_the_same_data() -> None:
    other = OxigraphStore.in_memory()
    load_local(other, FIXTURE_DIR)
    for fmt in FORMATS:
        assert export(other, fmt).files == export(fixture_store(), fmt).files, fmt


def test_the_exported_relations_are_those_of_the_network_field() -> None:
    assert sorted(RELATIONS) == sorted(r.value for r in Relation)


# ---------------------------------------------------------------- GEXF


def test_gexf_is_gexf_13_valid_against_the_schema_it_shares_with_12() -> None:
    text = export(fixture_store(), "gexf").files[0].content.decode()
    assert 'xmlns="http://gexf.net/1.3"' in text
    assert 'version="1.3"' in text
    assert '<meta lastmodifieddate="2030-01-15">' in text  # the fixture's retrieved date
    gexf = schema("gexf.xsd")
    assert list(gexf.iter_errors(as_gexf_12(text))) == []
    broken = as_gexf_12(text).replace('defaultedgetype="directed"', 'defaultedgetype="sideways"')
    assert list(gexf.iter_errors(broken))


def test_gexf_reads_back_with_the_graphql_nodes_and_edges() -> None:
    store = fixture_store()
    graph = nx.read_gexf(io.BytesIO(export(store, "gexf").files[0].content), version="1.3")
    nodes = graphql_nodes(store)
    assert set(graph.nodes) == nodes
    assert {(u, d["relation"], v) for u, v, d in graph.edges(data=True)} == graphql_edges(store, nodes)
    assert graph.nodes["Q9000621"]["editionNumber"] == 1
    assert graph.nodes["Q9000621"]["label"] == "Sample Summit 2031"
    assert store.dataset_version() in export(store, "gexf").files[0].content.decode()


# ---------------------------------------------------------------- CSV


def _read(built_files: Any) -> dict[str, list[dict[str, str]]]:
    return {f.name: list(csv.DictReader(io.StringIO(f.content.decode()))) for f in built_files}


def test_csv_has_a_file_per_type_and_per_relation_whose_ids_join() -> None:
    store = fixture_store()
    built = export(store, "csv")
    files = _read(built.files)
    entities: dict[str, str] = {}
    for entity_class in EntityClass:
        rows = files[type_file(entity_class)]
        entities.update({row["id"]: entity_class.value for row in rows})
    assert set(entities) == graphql_nodes(store)
    joined = set()
    for relation in RELATIONS:
        for row in files[relation_file(relation)]:
            assert entities[row["source"]] == row["source_type"]  # the ids join the type files
            assert entities[row["target"]] == row["target_type"]
            joined.add((row["source"], relation, row["target"]))
    assert joined == graphql_edges(store, set(entities))
    events = {row["id"]: row for row in files["event.csv"]}
    assert events["Q9000621"]["startDate"] == "2031-05-10"
    assert events["Q9000621"]["location"] == "Q9000602"
    assert {row["dataset_version"] for row in files["sources.csv"]} == {store.dataset_version()}


def test_csv_over_http_is_a_zip_with_the_manifest(tmp_path: Path) -> None:
    from zipfile import ZipFile

    from starlette.testclient import TestClient

    from eventgraph.api.app import create_app

    with TestClient(create_app(fixture_store())) as client:
        response = client.get("/export/csv")
    assert response.status_code == 200
    assert response.headers["eventgraph-dataset-version"] == fixture_store().dataset_version()
    (tmp_path / "out.zip").write_bytes(response.content)
    names = set(ZipFile(tmp_path / "out.zip").namelist())
    assert {"event.csv", relation_file("organizer"), "sources.csv", "manifest.json"} <= names
