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
    FindQuery,
    Page,
    Resource,
    SourceInfo,
)
from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import SOURCES_DIR, load_local
from tests.deploy.image import install_like_the_dockerfile
from tools.local_neo4j import LocalNeo4j, LocalNeo4jError, missing_tools, start, stop

ROOT = Path(__file__).resolve().parents[1]


class CountingReader:
    """A GraphReader that counts store round-trips, to prove DataLoaders batch; other calls pass through."""

    def __init__(self, inner: OxigraphStore) -> None:
        self.inner = inner
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)
        if name.startswith("_") or not callable(method):
            return method

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            return method(*args, **kwargs)

        return counted

    def snapshot(self) -> CountingReader:
        return self

    def reads(self) -> list[str]:
        """The calls, a level's `lookup` (a backend with `LinkBatches`) counted as the `describe` it replaces."""
        return ["describe" if c == "lookup" else c for c in self.calls]

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


def run_query(
    store: Any, document: str, variables: dict[str, Any] | None = None, operation_name: str | None = None
) -> dict[str, Any]:
    """Execute a document in-process; return the response as a client would see it."""
    result = asyncio.run(
        build_schema().execute(
            document, variable_values=variables, context_value=Context(store=store), operation_name=operation_name
        )
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


@pytest.fixture(scope="session")
def image_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean venv holding eventgraph as the Dockerfile installs it (its RUN steps, run here without Docker)."""
    return install_like_the_dockerfile(tmp_path_factory.mktemp("image"))
