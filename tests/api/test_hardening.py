"""Issue 14's table, row by row: each request sent over a real socket to the served app, as `eventgraph serve`
configures uvicorn, with the answer the last column asks for (rows 8, 9, 11, 12 and 15 live elsewhere)."""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    get_named_type,
)

from eventgraph.api.http.settings import HttpSettings
from eventgraph.api.schema import build_schema
from eventgraph.store.oxigraph import OxigraphStore
from tests.conformance.audit import live_server

GRAPHQL_RESPONSE = "application/graphql-response+json"
MODERN = {"accept": GRAPHQL_RESPONSE}
INJECTION = "eg:x> } ; DROP ALL"
SETTINGS = HttpSettings(header_timeout=0.5, body_timeout=0.5, execution_timeout=8)


@pytest.fixture(scope="module")
def base(loaded_store: OxigraphStore) -> Iterator[str]:
    with live_server(loaded_store, SETTINGS) as url:
        yield url.removesuffix("/graphql")


@pytest.fixture
def http(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=20) as client:
        yield client


def _code(response: httpx.Response) -> str:
    code: str = response.json()["errors"][0]["extensions"]["code"]
    return code


def _post_raw(http: httpx.Client, body: bytes, accept: str = GRAPHQL_RESPONSE) -> httpx.Response:
    return http.post("/graphql", content=body, headers={"content-type": "application/json", "accept": accept})


# ---------------------------------------------------------------- row 1: fragments spreading fragments


def fragment_bomb(fragments: int = 40, *, alias: bool = True, nest: bool = False) -> str:
    """Each fragment spreads the next one twice: 2^fragments expanded paths in 1-2 KB of text."""
    parts = ["query Bomb { eventSeries(first: 1) { nodes { ...F0 } } }"]
    for i in range(fragments):
        spread = f"...F{i + 1} ...F{i + 1}" if i < fragments - 1 else ""
        field = "a: __typename" if alias else "__typename"
        body = f"events {{ series {{ {field} {spread} }} }}" if nest else f"{field} {spread}"
        parts.append(f"fragment F{i} on EventSeries {{ {body} }}")
    return "\n".join(parts)


def test_row1_a_fragment_bomb_with_aliases_is_refused_at_once(http: httpx.Client) -> None:
    document = fragment_bomb()
    assert len(document) < 2_500
    response = http.post("/graphql", json={"query": document}, headers=MODERN, timeout=10)
    assert response.status_code == 400
    assert _code(response) == "ALIAS_LIMIT"
    assert response.json()["errors"][0]["message"] == f"{2**40 - 1} aliases found. Allowed: 30"


def test_row1_a_fragment_bomb_that_nests_is_refused_for_depth(http: httpx.Client) -> None:
    response = http.post("/graphql", json={"query": fragment_bomb(alias=False, nest=True)}, headers=MODERN, timeout=10)
    assert response.status_code == 400
    assert _code(response) == "DEPTH_LIMIT"
    assert "'Bomb' exceeds maximum operation depth of 12" in response.json()["errors"][0]["message"]


def test_row1_a_harmless_fragment_bomb_is_answered(http: httpx.Client) -> None:
    response = http.post("/graphql", json={"query": fragment_bomb(alias=False)}, timeout=10)
    assert response.status_code == 200
    assert response.json()["data"]["eventSeries"]["nodes"][0]["__typename"] == "EventSeries"


# ---------------------------------------------------------------- row 2: big documents


def test_row2_a_5mb_document_is_refused_before_it_is_read(http: httpx.Client) -> None:
    document = "{ " + "__typename " * (5 * 2**20 // 11) + "}"
    response = http.post("/graphql", json={"query": document}, headers=MODERN)
    assert response.status_code == 413
    assert _code(response) == "PAYLOAD_TOO_LARGE"
    assert response.headers["connection"] == "close"


def test_row2_a_document_under_the_body_limit_stops_at_the_token_limit(http: httpx.Client) -> None:
    document = "{ " + "__typename " * (200_000 // 11) + "}"
    response = http.post("/graphql", json={"query": document}, headers=MODERN)
    assert response.status_code == 400
    assert _code(response) == "TOKEN_LIMIT"
    assert "more than 3000 tokens" in response.json()["errors"][0]["message"]


def test_row2_the_body_limit_holds_on_every_route(http: httpx.Client) -> None:
    big = b"x" * (SETTINGS.max_body_bytes + 1)
    for path in ("/sparql", "/healthz", "/entity/Q1", "/no-such-route"):
        response = http.post(path, content=big, headers={"content-type": "application/sparql-query"})
        assert response.status_code == 413, path
        assert response.text.startswith("PAYLOAD_TOO_LARGE: "), path


# ---------------------------------------------------------------- row 3: lone surrogates

SURROGATE_BODIES = {
    "argument": b'{"query": "{ node(id: \\"\\ud800\\") { id } }"}',
    "cursor": b'{"query": "{ events(after: \\"\\ud800\\") { totalCount } }"}',
    "variable": b'{"query": "query($i: ID!) { node(id: $i) { id } }", "variables": {"i": "\\ud800"}}',
    "variable name": b'{"query": "{ __typename }", "variables": {"\\udfff": 1}}',
    "operationName": b'{"query": "query A { __typename }", "operationName": "\\ud800"}',
    "document": b'{"query": "{ __typename } # \\ud800"}',
    "extensions": b'{"query": "{ __typename }", "extensions": {"x": ["\\udbff"]}}',
}


@pytest.mark.parametrize("where", sorted(SURROGATE_BODIES))
def test_row3_a_lone_surrogate_anywhere_is_a_400(http: httpx.Client, where: str) -> None:
    for accept in (GRAPHQL_RESPONSE, "application/json"):
        response = _post_raw(http, SURROGATE_BODIES[where], accept)
        assert response.status_code == 400, (where, accept)
        assert _code(response) == "INVALID_UNICODE"


def test_row3_a_lone_surrogate_in_get_parameters_is_a_400(http: httpx.Client) -> None:
    response = http.get("/graphql", params={"query": "{ __typename }", "variables": '{"a": "\\ud800"}'})
    assert response.status_code == 400
    assert _code(response) == "INVALID_UNICODE"
    sparql = http.post(
        "/sparql", content=b"ASK { ?s ?p '\xed\xa0\x80' }", headers={"content-type": "application/sparql-query"}
    )
    assert sparql.status_code == 400
    assert sparql.text.startswith("INVALID_UNICODE: ")


def test_row3_a_surrogate_pair_is_text(http: httpx.Client) -> None:
    pair = b'{"query": "query($i: ID!) { node(id: $i) { id } }", "variables": {"i": "eg:\\ud83d\\ude00"}}'
    response = _post_raw(http, pair, "application/json")
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_ARGUMENT"


# ---------------------------------------------------------------- row 4: deep JSON


def test_row4_json_nested_100000_deep_is_a_400(http: httpx.Client) -> None:
    deep = b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
    response = _post_raw(http, deep)
    assert response.status_code == 400
    assert _code(response) == "INVALID_JSON"


@pytest.mark.parametrize("parameter", ["variables", "extensions"])
def test_row4_get_parameters_nested_5000_deep_are_a_400(http: httpx.Client, parameter: str) -> None:
    deep = '{"a": ' + "[" * 5_000 + "]" * 5_000 + "}"
    response = http.get("/graphql", params={"query": "{ __typename }", parameter: deep})
    assert response.status_code == 400
    assert _code(response) == "INVALID_JSON"
    assert "nested deeper than 32 levels" in response.json()["errors"][0]["message"]


# ---------------------------------------------------------------- row 5: operationName


def test_row5_an_operation_name_naming_no_operation_is_a_request_error(http: httpx.Client) -> None:
    body = {"query": "query A { __typename }", "operationName": "B"}
    modern = http.post("/graphql", json=body, headers=MODERN)
    legacy = http.post("/graphql", json=body, headers={"accept": "application/json"})
    over_get = http.get("/graphql", params=body, headers=MODERN)
    # the GraphQL-over-HTTP rule for request errors: 4xx under its own media type, 200 under legacy JSON
    assert (modern.status_code, legacy.status_code, over_get.status_code) == (400, 200, 400)
    for response in (modern, legacy, over_get):
        assert "data" not in response.json()
        assert _code(response) == "OPERATION_RESOLUTION_FAILURE"
    several = http.post("/graphql", json={"query": "query A { __typename } query B { __typename }"}, headers=MODERN)
    assert several.status_code == 400
    assert _code(several) == "OPERATION_RESOLUTION_FAILURE"


# ---------------------------------------------------------------- row 6: ids that cannot be IRIs


def _id_positions() -> list[tuple[str, str, dict[str, Any]]]:
    """(root field, argument path, variables) for every place of the Query type that takes an ID."""
    query_type = build_schema()._schema.query_type
    assert query_type is not None
    cases = []
    for name, field in query_type.fields.items():
        for arg_name, arg in field.args.items():
            for path, value in _with_injection(arg.type):
                variables = {a: _filler(t.type) for a, t in field.args.items() if isinstance(t.type, GraphQLNonNull)}
                variables[arg_name] = value
                cases.append((name, f"{arg_name}{path}", variables))
    return cases


def _with_injection(type_: GraphQLInputType, depth: int = 0) -> Iterator[tuple[str, Any]]:
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(inner, GraphQLList):
        for path, value in _with_injection(inner.of_type, depth):
            yield path, [value]
    elif isinstance(inner, GraphQLScalarType) and inner.name == "ID":
        yield "", INJECTION
    elif isinstance(inner, GraphQLInputObjectType) and depth < 3:
        for name, field in inner.fields.items():
            for path, value in _with_injection(field.type, depth + 1):
                required = {n: _filler(f.type) for n, f in inner.fields.items() if isinstance(f.type, GraphQLNonNull)}
                yield f".{name}{path}", {**required, name: value}


def _filler(type_: GraphQLInputType) -> Any:
    """A harmless valid value for a required argument."""
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(inner, GraphQLList):
        return [_filler(inner.of_type)]
    named = get_named_type(inner)
    if isinstance(named, GraphQLEnumType):
        return next(iter(named.values))
    if isinstance(named, GraphQLInputObjectType):
        return {n: _filler(f.type) for n, f in named.fields.items() if isinstance(f.type, GraphQLNonNull)}
    return {"Int": 1, "Float": 1.0, "Boolean": True, "ID": "Q9000001"}.get(named.name, "x")


ID_POSITIONS = _id_positions()


def test_row6_every_id_taking_argument_is_covered() -> None:
    covered = {(field, path.split(".")[0]) for field, path, _ in ID_POSITIONS}
    assert {
        ("node", "id"),
        ("events", "filter"),
        ("grants", "event"),
        ("network", "seeds"),
        ("path", "from"),
    } <= covered


@pytest.mark.parametrize(("field", "path", "variables"), ID_POSITIONS, ids=[f"{f}({p})" for f, p, _ in ID_POSITIONS])
def test_row6_an_id_that_cannot_be_an_iri_is_invalid_argument(
    http: httpx.Client, field: str, path: str, variables: dict[str, Any]
) -> None:
    query_type = build_schema()._schema.query_type
    assert query_type is not None
    definition = query_type.fields[field]
    declared = ", ".join(f"${name}: {definition.args[name].type}" for name in variables)
    passed = ", ".join(f"{name}: ${name}" for name in variables)
    document = f"query({declared}) {{ {field}({passed}) {{ __typename }} }}"
    response = http.post("/graphql", json={"query": document, "variables": variables})
    assert response.status_code == 200
    errors = response.json()["errors"]
    assert [e["extensions"]["code"] for e in errors] == ["INVALID_ARGUMENT"], errors
    assert "is not an id" in errors[0]["message"]


def test_row6_the_entity_route_refuses_such_ids_with_404(http: httpx.Client) -> None:
    response = http.get("/entity/" + INJECTION.replace(" ", "%20").replace(">", "%3E"))
    assert response.status_code == 404
    assert response.text.startswith("NOT_FOUND: ")


# ---------------------------------------------------------------- row 7: client errors in the log


def test_row7_a_client_error_logs_one_warning_line_without_traceback(
    http: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    document = '{ a: events(first: 1000) { totalCount } b: events(after: "zzz") { totalCount } }'
    with caplog.at_level(logging.INFO):
        response = http.post("/graphql", json={"query": document})
        time.sleep(0.2)  # the server thread logs after answering
    assert response.status_code == 200
    assert sorted(e["extensions"]["code"] for e in response.json()["errors"]) == ["INVALID_CURSOR", "PAGE_SIZE_LIMIT"]
    ours = [r for r in caplog.records if r.name.startswith("eventgraph") or r.name.startswith("strawberry")]
    assert [r.levelno for r in ours] == [logging.WARNING, logging.WARNING], [r.getMessage() for r in ours]
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in ours)
    assert {r.getMessage().split()[1] for r in ours} == {"PAGE_SIZE_LIMIT", "INVALID_CURSOR"}
    assert sum(len(r.getMessage()) for r in ours) < 600


def test_row7_an_unexpected_error_is_masked_with_a_code(
    http: httpx.Client, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch, loaded_store: OxigraphStore
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a store secret: /var/lib/x")

    monkeypatch.setattr(loaded_store, "find", broken)
    with caplog.at_level(logging.ERROR):
        response = http.post("/graphql", json={"query": "{ events { totalCount } }"})
        time.sleep(0.2)
    error = response.json()["errors"][0]
    assert (response.status_code, error["extensions"]["code"]) == (200, "INTERNAL_SERVER_ERROR")
    assert "secret" not in response.text
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)


# ---------------------------------------------------------------- row 13: slow clients


def _raw(base: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=5)


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_row13_a_half_sent_request_head_is_answered_408_and_closed(base: str) -> None:
    with _raw(base) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        answer = _read_all(sock)  # returns once the server closes; the socket's own timeout is 5 s
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"REQUEST_TIMEOUT" in answer


def _read_response(sock: socket.socket) -> bytes:
    """One whole response with a content-length, read from a kept-alive connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(
        next(line.split(b":")[1] for line in head.lower().split(b"\r\n") if line.startswith(b"content-length"))
    )
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


def test_row13_a_trickled_next_request_on_a_kept_alive_connection_is_closed(base: str) -> None:
    with _raw(base) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _read_response(sock).startswith(b"HTTP/1.1 200 ")
        sock.sendall(b"G")  # one byte of a next request, then nothing
        rest = _read_all(sock)
    assert rest.startswith(b"HTTP/1.1 408 ")


def test_row13_a_slow_body_is_answered_408_and_closed(base: str) -> None:
    with _raw(base) as sock:
        sock.sendall(
            b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
        )
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b'"REQUEST_TIMEOUT"' in answer
    assert b"connection: close" in answer.lower()


# ---------------------------------------------------------------- row 14: response headers


def test_row14_html_pages_carry_hardened_headers(http: httpx.Client) -> None:
    browser = {"accept": "text/html"}
    pages = {
        "graphiql": http.get("/graphql", headers=browser),
        "sparql form": http.get("/sparql", headers=browser),
        "entity": http.get("/entity/eg:turkic-wikimedia-conference-2012", headers=browser),
    }
    for name, page in pages.items():
        assert page.status_code == 200, name
        assert page.headers["content-type"].startswith("text/html"), name
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy, name
        assert "frame-ancestors 'none'" in policy, name
        assert "unsafe-eval" not in policy, name
        scripts = [d for d in policy.split(";") if d.strip().startswith("script-src")]
        assert all(
            d.split()[1:] and all(s in ("'self'",) or s.startswith("'sha256-") for s in d.split()[1:]) for d in scripts
        )
        assert page.headers["x-content-type-options"] == "nosniff", name
        assert page.headers["x-frame-options"] == "DENY", name
        assert "server" not in page.headers, name


def test_row14_every_answer_has_nosniff_and_no_server_header(http: httpx.Client) -> None:
    for response in (http.get("/healthz"), http.post("/graphql", json={"query": "{ __typename }"}), http.get("/x")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "server" not in response.headers


# ---------------------------------------------------------------- row 10: each switch closes its feature


@pytest.fixture(scope="module")
def closed(loaded_store: OxigraphStore) -> Iterator[str]:
    settings = HttpSettings(graphiql=False, introspection=False, sparql=False, explain=False)
    with live_server(loaded_store, settings) as url:
        yield url.removesuffix("/graphql")


def test_row10_graphiql_introspection_sparql_and_explain_each_close(closed: str) -> None:
    with httpx.Client(base_url=closed, timeout=20) as http:
        page = http.get("/graphql", headers={"accept": "text/html"})
        assert (page.status_code, _code(page)) == (403, "DISABLED")
        assert http.get("/graphiql/graphiql.min.js").status_code == 404
        schema = http.post("/graphql", json={"query": "{ __schema { types { name } } }"}, headers=MODERN)
        assert schema.status_code == 400
        assert "introspection" in schema.json()["errors"][0]["message"].lower()
        assert http.post("/graphql", json={"query": "{ __typename }"}).json() == {"data": {"__typename": "Query"}}
        sparql = http.get("/sparql", params={"query": "ASK {}"})
        assert (sparql.status_code, sparql.text.split(":")[0]) == (403, "DISABLED")
        explained = http.post("/graphql", json={"query": "{ __typename }", "extensions": {"explain": True}})
        assert (explained.status_code, _code(explained)) == (403, "DISABLED")


def test_row10_everything_is_open_by_default(http: httpx.Client) -> None:
    assert http.get("/graphql", headers={"accept": "text/html"}).status_code == 200
    assert http.post("/graphql", json={"query": "{ __schema { queryType { name } } }"}).status_code == 200
    assert http.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    explained = http.post("/graphql", json={"query": "{ __typename }", "extensions": {"explain": True}})
    assert "explain" in explained.json()["extensions"]


# ---------------------------------------------------------------- what already held keeps holding


def test_guards_that_held_still_hold(http: httpx.Client) -> None:
    deep = "{ eventSeries { nodes { " + "events { series { " * 6 + "label" + " } }" * 6 + " } } }"
    aliases = "{ " + " ".join(f"a{i}: __typename" for i in range(31)) + " }"
    cycle = (
        "query { eventSeries { nodes { ...A } } } fragment A on EventSeries { ...B } fragment B on EventSeries { ...A }"
    )
    for document, code in ((deep, "DEPTH_LIMIT"), (aliases, "ALIAS_LIMIT"), (cycle, "GRAPHQL_VALIDATION_FAILED")):
        response = http.post("/graphql", json={"query": document}, headers=MODERN)
        assert response.status_code == 400, document
        assert _code(response) == code
    batch = http.post(
        "/graphql", content=json.dumps([{"query": "{ __typename }"}]), headers={"content-type": "application/json"}
    )
    assert batch.status_code == 400
    assert http.put("/graphql", json={"query": "{ __typename }"}).status_code == 405
    assert http.get("/graphiql/../../pyproject.toml").status_code == 404
    assert (
        http.post("/sparql", content=b"DROP ALL", headers={"content-type": "application/sparql-update"}).status_code
        == 403
    )
