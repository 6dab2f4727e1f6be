"""Partial results: a field that cannot be resolved is null with a coded error; the rest of the data stays."""

from __future__ import annotations

import time

from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.api.http.settings import HttpSettings
from eventgraph.model import SourceInfo
from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import CountingReader


class SlowSources(CountingReader):
    """A backend whose `sources()` takes longer than the request's budget."""

    def sources(self) -> list[SourceInfo]:
        time.sleep(0.3)
        return super().sources()


def test_a_backend_timeout_keeps_what_was_read(loaded_store: OxigraphStore) -> None:
    reader = SlowSources(loaded_store)
    with TestClient(create_app(reader, settings=HttpSettings(request_timeout=0.1))) as client:
        response = client.post("/graphql", json={"query": "{ sources { title } events(first: 2) { totalCount } }"})
    body = response.json()
    assert response.status_code == 200
    assert body["data"]["sources"], "read before the budget ran out"
    assert body["data"]["events"] is None
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [(["events"], "TIMEOUT")]
    assert "find" not in reader.calls, "no store call starts after the deadline"


def test_unknown_ids_are_null_not_errors(client: TestClient) -> None:
    body = client.post("/graphql", json={"query": '{ node(id: "Q9000001") { id } }'}).json()
    assert body == {"data": {"node": None}}
