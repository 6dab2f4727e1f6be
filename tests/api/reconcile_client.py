"""Requests to /reconcile shaped as OpenRefine sends them, over a real socket to uvicorn on loopback.

OpenRefine (StandardReconConfig, ReconciledDataExtensionJob) POSTs `queries=<JSON>` or `extend=<JSON>` as
`application/x-www-form-urlencoded; charset=UTF-8`, the JSON compact as Jackson writes it and URL-encoded as
Java's URLEncoder does (spaces as '+'); batches are keyed q0, q1, ...; a query has `query`, and when a type is
chosen `type` (one id) with `type_strict: "should"`, `properties` as [{"pid": ..., "v": ...}] (v a text, or
{"id", "name"} for a reconciled cell) and `limit` when set. Its suggest widgets GET with `prefix` (and `type`),
JSONP by default (jQuery adds `callback=`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote_plus

import httpx

from eventgraph.store.protocols import GraphReader
from tests.conformance.audit import live_server

FORM = "application/x-www-form-urlencoded; charset=UTF-8"


def java_url_encode(text: str) -> str:
    """java.net.URLEncoder.encode(text, UTF-8): letters, digits and '.-*_' kept, spaces as '+'."""
    return quote_plus(text, safe="*").replace("~", "%7E")


def jackson(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def openrefine_query(
    text: str, type_id: str | None = None, properties: list[dict[str, Any]] | None = None, limit: int = 0
) -> dict[str, Any]:
    """One query as OpenRefine's ReconQuery serializes it (absent fields left out, as Jackson's NON_* do)."""
    query: dict[str, Any] = {"query": text}
    if type_id is not None:
        query["type"] = type_id
        query["type_strict"] = "should"
    if properties:
        query["properties"] = properties
    if limit:
        query["limit"] = limit
    return query


def batch_text(queries: list[dict[str, Any]]) -> str:
    """`{"q0":...,"q1":...}` written the way StandardReconConfig.batchRecon concatenates it."""
    return "{" + ",".join(f'"q{n}":{jackson(q)}' for n, q in enumerate(queries)) + "}"


class OpenRefineClient:
    def __init__(self, base: str) -> None:
        self.base = base
        self.http = httpx.Client(timeout=30)

    def post_form(self, name: str, value: str, path: str = "/reconcile") -> httpx.Response:
        body = f"{name}={java_url_encode(value)}".encode()
        return self.http.post(self.base + path, content=body, headers={"Content-Type": FORM})

    def reconcile(self, queries: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        """The results of a batch, in query order (asserting the HTTP status and the keys)."""
        response = self.post_form("queries", batch_text(queries))
        assert response.status_code == 200, response.text
        answer = response.json()
        assert sorted(answer) == sorted(f"q{n}" for n in range(len(queries)))
        return [answer[f"q{n}"] for n in range(len(queries))]

    def extend(self, ids: list[str], properties: list[str]) -> dict[str, Any]:
        query = {"ids": ids, "properties": [{"id": p} for p in properties]}
        response = self.post_form("extend", jackson(query))
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer

    def get(self, path: str, **params: str) -> httpx.Response:
        return self.http.get(self.base + path, params=params)


@contextmanager
def openrefine_client(store: GraphReader) -> Iterator[OpenRefineClient]:
    """uvicorn serving the app over `store` on a free loopback port, and a client for it."""
    with live_server(store) as graphql_url:
        client = OpenRefineClient(graphql_url.removesuffix("/graphql"))
        try:
            yield client
        finally:
            client.http.close()
