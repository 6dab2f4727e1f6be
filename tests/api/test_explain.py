"""The `explain` request extension: the store queries a request ran, with their timings."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.testclient import TestClient

from eventgraph.api.context import Context
from eventgraph.api.schema import build_schema
from eventgraph.store.oxigraph import OxigraphStore

QUERY = """{ events(filter: { series: ["eg:turkic-wikimedia-conference"] }) { nodes { id location { label } } }
  eventFacets(by: [YEAR]) { total } }"""


def execute(store: OxigraphStore, extensions: dict[str, Any] | None) -> Any:
    return asyncio.run(
        build_schema().execute(QUERY, context_value=Context(store=store), operation_extensions=extensions)
    )


def test_explain_lists_the_store_queries_in_order(loaded_store: OxigraphStore) -> None:
    result = execute(loaded_store, {"explain": True})
    assert result.errors is None
    report = result.extensions["explain"]
    # the class's sort keys are read once per dataset version, by whichever request comes first
    queries = [q for q in report["queries"] if not q["query"].startswith("# Purpose: the sort keys")]
    operations = [q["operation"] for q in queries]
    assert operations == ["query", "query", "lookup", "lookup"], "find, facets, then one lookup per level"
    find, facets = queries[0], queries[1]
    assert find["query"].startswith("# Purpose: the entities of one class matching a set of criteria")
    assert "turkic-wikimedia-conference" in find["query"]
    assert find["rows"] == 3
    assert facets["query"].startswith("# Purpose: what event facets count")
    assert report["count"] == len(report["queries"])
    assert all(q["ms"] >= 0 for q in report["queries"])
    assert report["totalMs"] >= report["storeMs"] >= 0


def test_nothing_is_recorded_unless_asked(loaded_store: OxigraphStore) -> None:
    for extensions in (None, {}, {"explain": False}, {"explain": "yes"}):
        result = execute(loaded_store, extensions)
        assert result.errors is None
        assert "explain" not in (result.extensions or {})


def test_explain_over_http_is_reported_and_never_cached(client: TestClient) -> None:
    query = '{ node(id: "eg:turkic-wikimedia-conference-2023") { id } }'
    explained = client.post("/graphql", json={"query": query, "extensions": {"explain": True}})
    assert explained.status_code == 200
    assert explained.json()["extensions"]["explain"], "the store queries that ran are listed"
    get = client.get("/graphql", params={"query": query, "extensions": '{"explain": true}'})
    assert "etag" not in get.headers
    assert get.json()["extensions"]["explain"]
    plain = client.post("/graphql", json={"query": query})
    assert "extensions" not in plain.json()
