"""The one fixture of the contract suite: every store backend, empty, for each test to fill with its own data.

A new backend joins the suite by adding a param here (its factory); every test then holds it to the same answers.
The Neo4j leg runs on the session's real Neo4j (`neo4j_server` in tests/conftest.py), emptied before each test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eventgraph.store.neo4j import Neo4jStore
from eventgraph.store.oxigraph import Generations, OxigraphStore
from eventgraph.store.protocols import GraphStore
from tools.local_neo4j import LocalNeo4j

Factory = Callable[[Path], GraphStore]

BACKENDS: dict[str, Factory] = {
    "oxigraph-memory": lambda _: OxigraphStore.in_memory(),
    "oxigraph-disk": lambda tmp: Generations(tmp / "store"),  # generations: every write builds a new one
}


def empty_neo4j(server: LocalNeo4j) -> Neo4jStore:
    """A store on the session's real Neo4j, emptied first (the tests share one server)."""
    store = Neo4jStore.connect(server.uri)
    store.wipe()
    return store


@pytest.fixture(params=[*sorted(BACKENDS), "neo4j"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "neo4j":
        store: GraphStore = empty_neo4j(request.getfixturevalue("neo4j_server"))
    else:
        store = BACKENDS[request.param](tmp_path)
    yield store
    close = getattr(store, "close", None)
    if close is not None:
        close()
