"""GraphQL over HTTP through the real ASGI app, and one request over a real socket to uvicorn."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.store.oxigraph import OxigraphStore

QUERY = '{ node(id: "eg:turkic-wikimedia-conference-2023") { id ... on Event { location { label } } } }'


def test_post_and_get_answer_the_same(client: TestClient) -> None:
    post = client.post("/graphql", json={"query": QUERY})
    get = client.get("/graphql", params={"query": QUERY})
    assert post.status_code == get.status_code == 200
    assert post.json() == get.json()
    assert post.json()["data"]["node"]["location"]["label"] == "Istanbul"
    assert post.headers["content-type"].startswith("application/")


def test_a_browser_gets_graphiql(client: TestClient) -> None:
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    assert client.get("/", follow_redirects=False).headers["location"] == "/graphql"


def test_malformed_queries_are_errors_not_500(client: TestClient) -> None:
    for body in ({"query": "{ events { "}, {"query": "{ noSuchField }"}, {"nothing": 1}):
        response = client.post("/graphql", json=body)
        assert 400 <= response.status_code < 500 or response.json().get("errors"), body
        assert response.status_code != 500
    broken_json = client.post("/graphql", content=b"{not json", headers={"content-type": "application/json"})
    assert broken_json.status_code == 400


def test_mutations_do_not_exist(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": "mutation { x }"})
    assert response.status_code in (200, 400)
    assert response.json()["errors"]


def test_healthz_reports_counts_once_loaded(client: TestClient) -> None:
    health = client.get("/healthz")
    assert health.status_code == 200
    body = health.json()
    assert body["status"] == "ok"
    assert body["counts"]["Event"] > 0
    assert body["counts"]["triples"] > 0


def test_healthz_is_503_on_an_empty_store(fresh_store: OxigraphStore) -> None:
    with TestClient(create_app(fresh_store)) as client:
        assert client.get("/healthz").status_code == 503


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def live_server(loaded_store: OxigraphStore) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(loaded_store), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_real_socket_round_trip(live_server: str) -> None:
    response = httpx.post(f"{live_server}/graphql", json={"query": QUERY}, timeout=10)
    assert response.status_code == 200
    assert response.json()["data"]["node"]["id"] == "eg:turkic-wikimedia-conference-2023"
