"""GraphQL over HTTP through the real ASGI app, and one request over a real socket to uvicorn."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.api.http.settings import HttpSettings
from eventgraph.store.oxigraph import OxigraphStore
from tests.conformance.audit import live_server as server_on_loopback

GRAPHQL_RESPONSE = "application/graphql-response+json"

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


@pytest.fixture
def live_server(loaded_store: OxigraphStore) -> Iterator[str]:
    with server_on_loopback(loaded_store) as url:
        yield url.removesuffix("/graphql")


def test_real_socket_round_trip(live_server: str) -> None:
    response = httpx.post(f"{live_server}/graphql", json={"query": QUERY}, timeout=10)
    assert response.status_code == 200
    assert response.json()["data"]["node"]["id"] == "eg:turkic-wikimedia-conference-2023"


# ---------------------------------------------------------------- GraphQL over HTTP, to the letter


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json"),
        ("application/ld+json", "application/ld+json"),
    ],
)
def test_the_answer_uses_the_accepted_media_type(client: TestClient, accept: str | None, media: str) -> None:
    headers = {"accept": accept} if accept else {}
    response = client.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media}; charset=utf-8"


def test_an_unacceptable_accept_header_is_406(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": "{ __typename }"}, headers={"accept": "text/csv"})
    assert response.status_code == 406


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [
        ("{ events { ", None, "GRAPHQL_PARSE_FAILED"),
        ("{ noSuchField }", None, "GRAPHQL_VALIDATION_FAILED"),
        ("query Q($id: ID!) { node(id: $id) { id } }", {"id": None}, "BAD_USER_INPUT"),
    ],
)
def test_request_errors_are_400_under_graphql_response_json_and_200_under_json(
    client: TestClient, query: str, variables: dict[str, None] | None, code: str
) -> None:
    body = {"query": query, "variables": variables}
    modern = client.post("/graphql", json=body, headers={"accept": GRAPHQL_RESPONSE})
    legacy = client.post("/graphql", json=body, headers={"accept": "application/json"})
    assert (modern.status_code, legacy.status_code) == (400, 200)
    for response in (modern, legacy):
        assert "data" not in response.json(), "a request error has no data entry"
        assert response.json()["errors"][0]["extensions"]["code"] == code


def test_a_field_error_keeps_data_and_status_200(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        json={"query": "{ events(first: 1000) { totalCount } sources { title } }"},
        headers={"accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"]["events"] is None
    assert body["data"]["sources"], "the other root field keeps its data"
    assert body["errors"][0]["extensions"]["code"] == "PAGE_SIZE_LIMIT"
    assert body["errors"][0]["path"] == ["events"]
    assert response.headers["cache-control"] == "no-store"


def test_a_mutation_over_get_is_405(client: TestClient) -> None:
    response = client.get("/graphql", params={"query": "mutation { x }"}, headers={"accept": GRAPHQL_RESPONSE})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


@pytest.mark.parametrize(
    ("content", "headers", "status"),
    [
        (b'{"query": "{ __typename }"}', {}, 415),
        (b'{"query": "{ __typename }"}', {"content-type": "text/plain"}, 415),
        (b"", {"content-type": "application/json"}, 400),
        (b"[1]", {"content-type": "application/json"}, 400),
        (b'{"query": 0}', {"content-type": "application/json"}, 400),
        (b'{"query": "{ __typename }", "variables": "x"}', {"content-type": "application/json"}, 400),
    ],
)
def test_malformed_posts_are_refused(client: TestClient, content: bytes, headers: dict[str, str], status: int) -> None:
    assert client.post("/graphql", content=content, headers=headers).status_code == status


def test_cors_is_off_by_default(client: TestClient) -> None:
    response = client.get("/graphql", params={"query": "{ __typename }"}, headers={"origin": "https://dash.example"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_answers_a_browser_preflight_for_allowed_origins(loaded_store: OxigraphStore) -> None:
    settings = HttpSettings(cors_origins=("https://dash.example",))
    with TestClient(create_app(loaded_store, settings=settings)) as cors_client:
        preflight = cors_client.options(
            "/graphql",
            headers={
                "origin": "https://dash.example",
                "access-control-request-method": "POST",
                "access-control-request-headers": "content-type",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://dash.example"
        assert "POST" in preflight.headers["access-control-allow-methods"]
        assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
        refused = cors_client.options(
            "/graphql",
            headers={"origin": "https://evil.example", "access-control-request-method": "POST"},
        )
        assert refused.status_code == 400
        simple = cors_client.get(
            "/graphql", params={"query": "{ __typename }"}, headers={"origin": "https://dash.example"}
        )
        assert simple.headers["access-control-allow-origin"] == "https://dash.example"
        assert "etag" in simple.headers["access-control-expose-headers"].lower()


def test_settings_come_from_the_environment() -> None:
    settings = HttpSettings.from_env(
        {
            "EVENTGRAPH_TRUSTED_DOCUMENTS_ONLY": "true",
            "EVENTGRAPH_CORS_ORIGINS": "https://a.example, https://b.example",
            "EVENTGRAPH_CACHE_CONTROL": "public, max-age=60",
            "EVENTGRAPH_REQUEST_TIMEOUT": "2.5",
        }
    )
    assert settings.trusted_documents_only
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.cache_control == "public, max-age=60"
    assert settings.request_timeout == 2.5
    assert HttpSettings.from_env({}) == HttpSettings()
