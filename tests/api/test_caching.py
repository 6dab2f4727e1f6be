"""ETags keyed on (document, variables, dataset version), 304s, and the in-process response cache."""

from __future__ import annotations

import json

from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.api.http.caching import none_match
from eventgraph.api.http.endpoint import GraphQLEndpoint
from eventgraph.api.http.settings import HttpSettings
from eventgraph.model import EG_SOURCE, RDFS_LABEL, WD, Iri, Literal, SourceInfo, Triple
from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import SOURCES_DIR, load_local
from tests.conftest import CountingReader

DASHBOARD = "/queries/events-by-country-and-year"
QUERY = '{ node(id: "eg:turkic-wikimedia-conference-2023") { id ... on Event { label } } }'
STORE_CALLS = {"describe", "lookup", "referrers", "find", "sources", "counts", "select", "dump"}


def _endpoint(client: TestClient) -> GraphQLEndpoint:
    endpoint = client.app.state.endpoint  # type: ignore[attr-defined]
    assert isinstance(endpoint, GraphQLEndpoint)
    return endpoint


def _loaded() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    load_local(store, SOURCES_DIR)
    return store


def test_a_repeated_get_with_the_etag_is_304(client: TestClient) -> None:
    first = client.get("/graphql", params={"query": QUERY})
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == HttpSettings().cache_control
    again = client.get("/graphql", params={"query": QUERY}, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert client.get("/graphql", params={"query": QUERY}, headers={"if-none-match": '"other"'}).status_code == 200


def test_the_etag_depends_on_variables_and_media_type(client: TestClient) -> None:
    plain = client.get(DASHBOARD).headers["etag"]
    reordered = client.get(DASHBOARD, params={"variables": json.dumps({"year": 2023, "country": "Q43"})})
    other = client.get(DASHBOARD, params={"variables": json.dumps({"year": 2022})})
    modern = client.get(DASHBOARD, headers={"accept": "application/graphql-response+json"})
    assert reordered.headers["etag"] != plain, "explicit variables are part of the key, even when equal to defaults"
    assert len({plain, other.headers["etag"], modern.headers["etag"]}) == 3
    same = client.get(DASHBOARD, params={"variables": json.dumps({"country": "Q43", "year": 2023})})
    assert same.headers["etag"] == reordered.headers["etag"], "variables are compared as canonical JSON"


def test_posts_and_errors_carry_no_etag(client: TestClient) -> None:
    assert "etag" not in client.post("/graphql", json={"query": QUERY}).headers
    failed = client.get("/graphql", params={"query": "{ events(first: 1000) { totalCount } }"})
    assert "etag" not in failed.headers
    assert failed.headers["cache-control"] == "no-store"


def test_the_etag_changes_with_the_data_and_only_with_it() -> None:
    store = _loaded()
    with TestClient(create_app(store)) as client:
        before = client.get(DASHBOARD).headers["etag"]
        load_local(store, SOURCES_DIR)  # a reload that changes nothing (only loadedAt moves)
        assert client.get(DASHBOARD).headers["etag"] == before
        extra = SourceInfo(graph=EG_SOURCE + "test-extra", title="test", url="https://example.org/test", kind="local")
        store.replace_source(extra, [Triple(Iri(WD + "Q9000001"), Iri(RDFS_LABEL), Literal("Synthetic"))])
        changed = client.get(DASHBOARD)
        assert changed.headers["etag"] != before
        assert client.get(DASHBOARD, headers={"if-none-match": before}).status_code == 200


def test_a_cached_persisted_query_does_not_execute_resolvers() -> None:
    reader = CountingReader(_loaded())
    with TestClient(create_app(reader)) as client:
        endpoint = _endpoint(client)
        first = client.get(DASHBOARD)
        assert STORE_CALLS & set(reader.calls), "the first request reads the store"
        executions = endpoint.executions
        reader.calls.clear()
        second = client.get(DASHBOARD)
        assert second.content == first.content
        assert second.headers["etag"] == first.headers["etag"]
        assert endpoint.executions == executions, "answered from the cache"
        assert not STORE_CALLS & set(reader.calls), f"no resolver ran: {reader.calls}"
        assert endpoint.cache.hits == 1


def test_the_response_cache_empties_when_the_dataset_version_changes() -> None:
    store = _loaded()
    with TestClient(create_app(store)) as client:
        endpoint = _endpoint(client)
        client.get(DASHBOARD)
        assert len(endpoint.cache) == 1
        extra = SourceInfo(graph=EG_SOURCE + "test-extra", title="test", url="https://example.org/test", kind="local")
        store.replace_source(extra, [Triple(Iri(WD + "Q9000001"), Iri(RDFS_LABEL), Literal("Synthetic"))])
        runs = endpoint.executions
        client.get(DASHBOARD)
        assert endpoint.executions == runs + 1
        assert endpoint.cache.version == store.dataset_version()


def test_cache_control_and_cache_size_are_settings(loaded_store: OxigraphStore) -> None:
    settings = HttpSettings(cache_control="public, max-age=300", response_cache_size=0)
    with TestClient(create_app(loaded_store, settings=settings)) as client:
        assert client.get(DASHBOARD).headers["cache-control"] == "public, max-age=300"
        client.get(DASHBOARD)
        assert _endpoint(client).executions == 2, "size 0 turns the response cache off"


def test_if_none_match_lists_and_weak_tags() -> None:
    assert none_match('"a", W/"b"', '"b"')
    assert none_match("*", '"b"')
    assert not none_match('"a"', '"b"')
    assert not none_match(None, '"b"')
