"""Shared fixtures: the real embedded store (in memory), loaded from the shipped sources, and clients."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.api.context import Context
from eventgraph.api.schema import build_schema
from eventgraph.model import (
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
from eventgraph.store.protocols import SparqlAnswer, SparqlLimits
from loaders.pipeline import SOURCES_DIR, load_local
from tools.local_neo4j import LocalNeo4j, LocalNeo4jError, missing_tools, start, stop

ROOT = Path(__file__).resolve().parents[1]


class CountingReader:
    """A GraphReader that counts store round-trips, to prove DataLoaders batch."""

    def __init__(self, inner: OxigraphStore) -> None:
        self.inner = inner
        self.calls: list[str] = []

    def describe(self, iris: Sequence[str]) -> Mapping[str, Resource]:
        self.calls.append("describe")
        return self.inner.describe(iris)

    def referrers(self, iris: Sequence[str], predicate: str) -> Mapping[str, list[str]]:
        self.calls.append("referrers")
        return self.inner.referrers(iris, predicate)

    def find(self, query: FindQuery) -> Page:
        self.calls.append("find")
        return self.inner.find(query)

    def sources(self) -> list[SourceInfo]:
        self.calls.append("sources")
        return self.inner.sources()

    def counts(self) -> Mapping[str, int]:
        self.calls.append("counts")
        return self.inner.counts()

    def select(self, sparql: str) -> list[dict[str, str]]:
        self.calls.append("select")
        return self.inner.select(sparql)

    def dump(self) -> bytes:
        self.calls.append("dump")
        return self.inner.dump()

    def dataset_version(self) -> str:
        self.calls.append("dataset_version")
        return self.inner.dataset_version()

    def sparql(
        self,
        query: str,
        accept: Sequence[str],
        limits: SparqlLimits,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> SparqlAnswer:
        self.calls.append("sparql")
        return self.inner.sparql(query, accept, limits, default_graphs, named_graphs)

    def search(self, query: SearchQuery) -> list[SearchHit]:
        self.calls.append("search")
        return self.inner.search(query)

    def facets(self, query: FacetQuery) -> FacetRows:
        self.calls.append("facets")
        return self.inner.facets(query)

    def event_profiles(self, iris: Sequence[str] | None) -> list[EventProfile]:
        self.calls.append("event_profiles")
        return self.inner.event_profiles(iris)

    def edges(self, iris: Sequence[str], predicates: Sequence[str]) -> list[GraphEdge]:
        self.calls.append("edges")
        return self.inner.edges(iris, predicates)

    def organization_links(self, query: LinkQuery) -> list[OrganizationLink]:
        self.calls.append("organization_links")
        return self.inner.organization_links(query)


@pytest.fixture(scope="session")
def loaded_store() -> OxigraphStore:
    """The shipped local sources in an in-memory store (read-only for tests: do not write to it)."""
    store = OxigraphStore.in_memory()
    load_local(store, SOURCES_DIR)
    return store


@pytest.fixture
def fresh_store() -> OxigraphStore:
    return OxigraphStore.in_memory()


@pytest.fixture(scope="session")
def client(loaded_store: OxigraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(loaded_store)) as test_client:
        yield test_client


def run_query(store: Any, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """Execute a document in-process; return the response as a client would see it."""
    result = asyncio.run(
        build_schema().execute(document, variable_values=variables, context_value=Context(store=store))
    )
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = [e.formatted for e in result.errors]
    return response


def data_of(store: Any, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """Execute and insist on no errors."""
    response = run_query(store, document, variables)
    assert "errors" not in response, response.get("errors")
    data = response["data"]
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    """A real Neo4j 5.26 from Maven jars (tools/local_neo4j.py) on an ephemeral port, for the Neo4j leg.

    Skipped with the reason where Java or Maven is missing or the server cannot start; under CI=true that fails.
    """
    reason = f"Neo4j leg not run: {' and '.join(missing_tools())} not on PATH (it needs Java 17+ and Maven)"
    server = None
    if not missing_tools():
        home = tmp_path_factory.mktemp("neo4j")
        try:
            server = start(home, 0, lib=ROOT / "var" / "neo4j" / "lib")
        except LocalNeo4jError as exc:
            reason = f"Neo4j leg not run: {exc}"
    if server is None:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    yield server
    stop(server.home)
