"""The co-organization network alone, from the CLI and over HTTP, read back and compared with the GraphQL field."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.cli import main
from loaders.pipeline import load_local
from tests.conftest import data_of
from tests.exports.test_graph_exports import FIXTURE_DIR, as_gexf_12, fixture_store, schema

FIELD = """query($filter: OrganizationFilter, $events: EventFilter) {
  coOrganization(filter: $filter, events: $events, first: 500) {
    nodes { id } edges { weight source { id } target { id } }
  }
}"""


def graphql_network(events: dict[str, Any] | None, organizations: dict[str, Any] | None = None) -> dict[str, Any]:
    data = data_of(fixture_store(), FIELD, {"filter": organizations, "events": events})
    network: dict[str, Any] = data["coOrganization"]
    return network


def pairs(network: dict[str, Any]) -> dict[frozenset[str], int]:
    return {frozenset((e["source"]["id"], e["target"]["id"])): e["weight"] for e in network["edges"]}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    from eventgraph.store.oxigraph import OxigraphStore

    path = tmp_path_factory.mktemp("co-organization") / "store"
    with OxigraphStore.open(path) as store:
        load_local(store, FIXTURE_DIR)
    return str(path)


def test_cli_writes_the_network_the_graphql_field_answers(store_dir: str, tmp_path: Path) -> None:
    events = {"series": ["Q9000620"]}
    argv = ["export", "--store", store_dir, "--format", "gexf", "--network", "co-organization", "--out", str(tmp_path)]
    assert main([*argv, "--events", json.dumps(events)]) == 0
    written = (tmp_path / "co-organization.gexf").read_bytes()
    graph = nx.read_gexf(io.BytesIO(written), version="1.3")
    expected = graphql_network(events)
    assert set(graph.nodes) == {n["id"] for n in expected["nodes"]}
    assert {frozenset((u, v)): d["weight"] for u, v, d in graph.edges(data=True)} == pairs(expected)
    assert not graph.is_directed()
    # Alpha and Beta organized Sample Summit 2031 together; Gamma sponsored it and partners with Alpha
    assert graph.edges["Q9000611", "Q9000613"]["kinds"] == "organizer-partner partnership"
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["network"] == "co-organization"
    assert manifest["events"] == events
    assert manifest["dataset_version"] == fixture_store().dataset_version()
    assert list(schema("gexf.xsd").iter_errors(as_gexf_12(written.decode()))) == []


def test_filters_narrow_the_export_as_they_narrow_the_field(store_dir: str, tmp_path: Path) -> None:
    whole, narrow = graphql_network(None), graphql_network({"year": 2033})
    assert len(pairs(narrow)) < len(pairs(whole))  # the fixture makes them differ, so the filter is really applied
    for events, out in ((None, tmp_path / "all"), ({"year": 2033}, tmp_path / "2033")):
        argv = ["export", "--store", store_dir, "--format", "graphml", "--network", "co-organization"]
        assert main([*argv, "--out", str(out), *(["--events", json.dumps(events)] if events else [])]) == 0
        graph = nx.read_graphml(out / "co-organization.graphml")
        assert {frozenset((u, v)) for u, v in graph.edges} == set(pairs(graphql_network(events)))


def test_http_serves_the_same_network_with_its_filters() -> None:
    events = {"series": ["Q9000620"]}
    with TestClient(create_app(fixture_store())) as client:
        response = client.get("/export/gexf", params={"network": "co-organization", "events": json.dumps(events)})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/gexf+xml")
        graph = nx.read_gexf(io.BytesIO(response.content), version="1.3")
        assert {frozenset((u, v)) for u, v in graph.edges} == set(pairs(graphql_network(events)))
        again = client.get(
            "/export/gexf",
            params={"network": "co-organization", "events": json.dumps(events)},
            headers={"if-none-match": response.headers["etag"]},
        )
        assert again.status_code == 304
        other = client.get("/export/gexf", params={"network": "co-organization", "events": '{"year": 2033}'})
        assert other.headers["etag"] != response.headers["etag"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"network": "friendship"}, "no network"),
        ({"network": "co-organization", "events": "{not json"}, "not JSON"),
        ({"network": "co-organization", "events": "[1]"}, "JSON object"),
        ({"network": "co-organization", "events": '{"year": "soon"}'}, "Int"),
        ({"network": "co-organization", "filter": '{"colour": "red"}'}, "colour"),
    ],
)
def test_bad_network_requests_are_client_errors(params: dict[str, str], message: str) -> None:
    with TestClient(create_app(fixture_store())) as client:
        response = client.get("/export/gexf", params=params)
    assert response.status_code == 400
    assert message in response.text


def test_the_network_has_no_csv_form() -> None:
    with TestClient(create_app(fixture_store())) as client:
        response = client.get("/export/csv", params={"network": "co-organization"})
    assert response.status_code == 400
