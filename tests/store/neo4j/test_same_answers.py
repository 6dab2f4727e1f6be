"""Same answers on both backends: the example queries and the feature tests' own queries, Oxigraph against Neo4j.

The feature tests (researchers' questions, search, facets, networks and paths, dashboards' persisted queries, the
explorer, people and the other model extensions, ...) are run again here with their `loaded_store` and `client` on
Neo4j, holding the same sources as the Oxigraph store of tests/conftest.py; the tests that build their own small
store (`store` fixture) get a Neo4j twin holding the same triples. Every GraphQL document they run goes to both
backends and must give identical JSON, ordering included; and their own assertions must hold on the Neo4j answers.
"""

from __future__ import annotations

import inspect
import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pyoxigraph as ox
import pytest
from _pytest.mark.structures import ParameterSet
from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.model import Triple
from eventgraph.resources import queries_dir
from eventgraph.store.neo4j import Neo4jStore
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.oxigraph.terms import from_ox
from loaders.pipeline import SOURCES_DIR, load_local
from tests import conftest as shared
from tests import test_coverage
from tests.api import (
    test_caching,
    test_claims,
    test_connections,
    test_explore,
    test_facets,
    test_meta_answers,
    test_model_extensions,
    test_network,
    test_persisted,
    test_related,
    test_researcher_questions,
    test_search,
    test_seed_answers,
    test_shipped_affiliates,
    test_shipped_model_extensions,
    test_time_place,
)
from tools.local_neo4j import LocalNeo4j

FEATURES: tuple[ModuleType, ...] = (
    test_researcher_questions,
    test_search,
    test_facets,
    test_network,
    test_time_place,
    test_related,
    test_connections,
    test_seed_answers,
    test_meta_answers,
    test_persisted,
    test_caching,
    test_explore,
    test_claims,
    test_shipped_model_extensions,
    test_shipped_affiliates,
)
"""The modules whose tests are replayed on the shipped data: researchers, search/facets/network/path features,
dashboards, the explorer, claims, people and the other model extensions."""
SMALL_STORES: tuple[ModuleType, ...] = (test_model_extensions, test_coverage)
"""Modules whose tests build a small store of their own (`store` fixture): replayed on a Neo4j twin of it."""
SHARED_FIXTURES = frozenset({"loaded_store", "client"})
NOT_REPLAYED = {
    "test_a_reload_changes_the_etag": "writes to the store it is given",
}
"""Tests that cannot run on the shared Neo4j data, with the reason."""
EXAMPLES = sorted(queries_dir("examples").glob("*.graphql"))


def cases(modules: tuple[ModuleType, ...] = FEATURES, fixtures: frozenset[str] = SHARED_FIXTURES) -> Iterator[Any]:
    """One pytest param per replayable feature test (and per parametrize case of it)."""
    for module in modules:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("test_") or function.__module__ != module.__name__ or name in NOT_REPLAYED:
                continue
            marks = [m for m in getattr(function, "pytestmark", []) if m.name == "parametrize"]
            wanted = set(inspect.signature(function).parameters)
            given = {
                n.strip() for m in marks for n in (m.args[0].split(",") if isinstance(m.args[0], str) else m.args[0])
            }
            if not wanted - given <= fixtures or not wanted & fixtures - {"tmp_path"}:
                continue
            for combination in itertools.product(*(_expanded(m) for m in marks)):
                arguments: dict[str, Any] = {}
                for part in combination:
                    arguments.update(part)
                label = "-".join(str(getattr(v, "stem", v))[:24] for v in arguments.values())
                yield pytest.param(
                    module,
                    function,
                    arguments,
                    id=f"{module.__name__.rsplit('.', 1)[-1]}::{name}" + (f"[{label}]" if label else ""),
                )


def _expanded(mark: pytest.Mark) -> list[dict[str, Any]]:
    names = [n.strip() for n in mark.args[0].split(",")] if isinstance(mark.args[0], str) else list(mark.args[0])
    found = []
    for value in mark.args[1]:
        values = value.values if isinstance(value, ParameterSet) else value
        found.append(dict(zip(names, values if len(names) > 1 else [values], strict=True)))
    return found


_LOADED: dict[str, tuple[Neo4jStore, str]] = {}
"""The Neo4j store holding the shipped sources, with its dataset version (the small-store tests replace the data)."""


@pytest.fixture(scope="module", autouse=True)
def _close_the_loaded_store() -> Iterator[None]:
    yield
    for store, _ in _LOADED.values():
        store.close()
    _LOADED.clear()


@pytest.fixture
def neo4j_loaded(neo4j_server: LocalNeo4j) -> Neo4jStore:
    """The shipped local sources in the session's Neo4j: what `loaded_store` holds on Oxigraph."""
    if neo4j_server.uri in _LOADED:
        store, version = _LOADED[neo4j_server.uri]
        if store.dataset_version() == version:
            return store
        store.close()
    store = Neo4jStore.connect(neo4j_server.uri)
    store.wipe()
    load_local(store, SOURCES_DIR)
    _LOADED[neo4j_server.uri] = (store, store.dataset_version())
    return store


def twin_of(reference: OxigraphStore, twin: Neo4jStore) -> Neo4jStore:
    """`twin`, emptied and given exactly the sources and triples `reference` holds."""
    by_graph: dict[str, list[Triple]] = defaultdict(list)
    for quad in ox.parse(reference.dump(), format=ox.RdfFormat.N_QUADS):
        triple = Triple(from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))  # type: ignore[arg-type]
        by_graph[quad.graph_name.value].append(triple)
    twin.wipe()
    twin.replace_sources([(source, by_graph[source.graph]) for source in reference.sources()])
    return twin


class Twins:
    """The same documents on both stores; the Oxigraph answer is the reference."""

    def __init__(self, reference: OxigraphStore, other: Neo4jStore) -> None:
        self.reference, self.other = reference, other
        self.compared = 0

    def run_query(self, store: Any, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        answer = shared.run_query(store, document, variables)
        if store is self.other or getattr(store, "inner", None) is self.other:  # or a counting wrapper of it
            expected = shared.run_query(self.reference, document, variables)
            assert json.dumps(answer, sort_keys=False) == json.dumps(expected, sort_keys=False), document
            self.compared += 1
        return answer

    def data_of(self, store: Any, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.run_query(store, document, variables)
        assert "errors" not in response, response.get("errors")
        data = response["data"]
        assert isinstance(data, dict)
        return data


class TwinClient:
    """Each request to both apps; JSON answers of /graphql and /queries must be identical (ETags aside)."""

    def __init__(self, reference: TestClient, other: TestClient, twins: Twins) -> None:
        self.reference, self.other, self.twins = reference, other, twins

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        answer = self.other.request(method, url, **kwargs)
        conditional = any(h.lower().startswith("if-") for h in (kwargs.get("headers") or {}))
        if not conditional and url.startswith(("/graphql", "/queries")):
            expected = self.reference.request(method, url, **kwargs)
            assert answer.status_code == expected.status_code, url
            if "json" in expected.headers.get("content-type", ""):
                assert answer.json() == expected.json(), (url, kwargs)
                self.twins.compared += 1
        return answer

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> Any:
        return self.request("POST", url, **kwargs)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        attribute: Callable[..., Any] = getattr(self.other, name)
        return attribute


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_query_answers_the_same(path: Any, loaded_store: OxigraphStore, neo4j_loaded: Neo4jStore) -> None:
    document = path.read_text(encoding="utf-8")
    expected = shared.run_query(loaded_store, document)
    assert "errors" not in expected
    assert json.dumps(shared.run_query(neo4j_loaded, document)) == json.dumps(expected)


@pytest.mark.parametrize(("module", "function", "arguments"), list(cases()))
def test_feature_tests_answer_the_same_on_neo4j(
    module: ModuleType,
    function: Callable[..., None],
    arguments: dict[str, Any],
    loaded_store: OxigraphStore,
    client: TestClient,
    neo4j_loaded: Neo4jStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    twins = Twins(loaded_store, neo4j_loaded)
    for name in ("run_query", "data_of"):
        if hasattr(module, name):
            monkeypatch.setattr(module, name, getattr(twins, name))
    wanted = inspect.signature(function).parameters
    with TestClient(create_app(neo4j_loaded)) as other:
        fixtures = {"loaded_store": neo4j_loaded, "client": TwinClient(client, other, twins)}
        function(**{k: v for k, v in fixtures.items() if k in wanted}, **arguments)


@pytest.mark.parametrize(
    ("module", "function", "arguments"), list(cases(SMALL_STORES, frozenset({"store", "tmp_path"})))
)
def test_small_store_tests_answer_the_same_on_a_neo4j_twin(
    module: ModuleType,
    function: Callable[..., None],
    arguments: dict[str, Any],
    tmp_path: Path,
    neo4j_server: LocalNeo4j,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "reference").mkdir()
    reference = inspect.unwrap(module.store)(tmp_path / "reference")
    twin = twin_of(reference, Neo4jStore.connect(neo4j_server.uri))
    try:
        twins = Twins(reference, twin)
        for name in ("run_query", "data_of"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, getattr(twins, name))
        wanted = inspect.signature(function).parameters
        fixtures = {"store": twin, "tmp_path": tmp_path}
        function(**{k: v for k, v in fixtures.items() if k in wanted}, **arguments)
    finally:
        twin.close()


def test_the_replay_covers_the_feature_modules() -> None:
    replayed = {p.values[0].__name__ for p in cases()}
    assert replayed == {m.__name__ for m in FEATURES}
    small = {p.values[0].__name__ for p in cases(SMALL_STORES, frozenset({"store", "tmp_path"}))}
    assert small == {m.__name__ for m in SMALL_STORES}
