"""Same answers on both backends: the example queries and the feature tests' own queries, Oxigraph against Neo4j.

The feature tests (researchers' questions, search, facets, networks and paths, dashboards' persisted queries, ...)
are run again here with their `loaded_store` and `client` on Neo4j, holding the same sources as the Oxigraph store
of tests/conftest.py. Every GraphQL document they run goes to both backends and must give identical JSON, ordering
included; and their own assertions must hold on the Neo4j answers.
"""

from __future__ import annotations

import inspect
import itertools
import json
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest
from _pytest.mark.structures import ParameterSet
from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.resources import queries_dir
from eventgraph.store.neo4j import Neo4jStore
from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import SOURCES_DIR, load_local
from tests import conftest as shared
from tests.api import (
    test_caching,
    test_connections,
    test_facets,
    test_meta_answers,
    test_network,
    test_persisted,
    test_related,
    test_researcher_questions,
    test_search,
    test_seed_answers,
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
)
"""The modules whose tests are replayed: researchers, search/facets/network/path features, dashboards."""
SHARED_FIXTURES = frozenset({"loaded_store", "client"})
NOT_REPLAYED = {
    "test_a_reload_changes_the_etag": "writes to the store it is given",
}
"""Tests that cannot run on the shared Neo4j data, with the reason."""
EXAMPLES = sorted(queries_dir("examples").glob("*.graphql"))


def cases() -> Iterator[Any]:
    """One pytest param per replayable feature test (and per parametrize case of it)."""
    for module in FEATURES:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("test_") or function.__module__ != module.__name__ or name in NOT_REPLAYED:
                continue
            marks = [m for m in getattr(function, "pytestmark", []) if m.name == "parametrize"]
            wanted = set(inspect.signature(function).parameters)
            given = {
                n.strip() for m in marks for n in (m.args[0].split(",") if isinstance(m.args[0], str) else m.args[0])
            }
            if not wanted - given <= SHARED_FIXTURES:
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


@pytest.fixture(scope="module")
def neo4j_loaded(neo4j_server: LocalNeo4j) -> Iterator[Neo4jStore]:
    """The shipped local sources in the session's Neo4j: what `loaded_store` holds on Oxigraph."""
    store = Neo4jStore.connect(neo4j_server.uri)
    store.wipe()
    load_local(store, SOURCES_DIR)
    yield store
    store.close()


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


def test_the_replay_covers_the_feature_modules() -> None:
    replayed = {p.values[0].__name__ for p in cases()}
    assert replayed == {m.__name__ for m in FEATURES}
