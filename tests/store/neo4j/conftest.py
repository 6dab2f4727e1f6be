"""A Neo4j store on the session's real server, emptied for each test that asks for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventgraph.store.neo4j import Neo4jStore
from tools.local_neo4j import LocalNeo4j


@pytest.fixture
def neo4j_store(neo4j_server: LocalNeo4j) -> Iterator[Neo4jStore]:
    store = Neo4jStore.connect(neo4j_server.uri)
    store.wipe()
    yield store
    store.close()
