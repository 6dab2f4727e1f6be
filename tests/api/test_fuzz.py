"""Fuzzing over a real socket: every root field's arguments (drawn from the schema's own types) and the HTTP
parameters of every route. Whatever is sent: no 5xx, every GraphQL error has a code and none is an internal
error, /healthz stays live.

Derandomized with a fixed number of examples, so CI runs the same requests every time in a few seconds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    get_named_type,
    is_leaf_type,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventgraph.api.http.settings import HttpSettings
from eventgraph.api.schema import build_schema
from eventgraph.store.oxigraph import OxigraphStore
from tests.conformance.audit import live_server

_QUERY_TYPE = build_schema()._schema.query_type
assert _QUERY_TYPE is not None
QUERY_TYPE: GraphQLObjectType = _QUERY_TYPE
FUZZ = settings(
    max_examples=30,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NASTY = [
    "",
    " ",
    "eg:x> } ; DROP ALL",
    'eg:"quoted"',
    "Q1 } UNION { ?s ?p ?o",
    "\\",
    "\x00",
    "\u2028",
    "\ufffe",
    "😀",
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "Q" + "9" * 40,
    "eg:" + "a" * 3000,
    "SERVICE <http://127.0.0.1:1/>",
]
TEXT = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.text(alphabet="eg:Q0123456789-", max_size=20))
KNOWN_IDS = ["Q406", "Q35493", "eg:turkic-wikimedia-conference", "eg:turkic-wikimedia-conference-2012"]
IRI_BREAKERS = [
    "eg:x> } ; DROP ALL",
    "eg:a b",
    "eg:{x}",
    "eg:a|b",
    "eg:%zz",
    "eg:a#b#c",
    "Q1>",
    "http://www.wikidata.org/entity/Q1> .",
    "https://w3id.org/eventgraph/id/a\\b",
    "eg:\ufffe",
]
IDS = st.one_of(st.sampled_from(KNOWN_IDS), st.sampled_from(IRI_BREAKERS), st.sampled_from(IRI_BREAKERS), TEXT)


def values(type_: GraphQLInputType, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values for an input type: mostly well-typed, sometimes not (which must be a 4xx, never a 5xx)."""
    if isinstance(type_, GraphQLNonNull):
        return st.one_of(values(type_.of_type, depth), st.just(None)) if depth == 0 else values(type_.of_type, depth)
    nullable = st.none()
    if isinstance(type_, GraphQLList):
        inner = values(type_.of_type, depth + 1)
        return nullable | st.lists(inner, max_size=4) | inner
    if isinstance(type_, GraphQLEnumType):
        return nullable | st.sampled_from(sorted(type_.values)) | TEXT
    if isinstance(type_, GraphQLInputObjectType):
        if depth > 3:
            return nullable
        fields = {name: values(field.type, depth + 1) for name, field in type_.fields.items()}
        return nullable | st.fixed_dictionaries({}, optional=fields) | TEXT
    assert isinstance(type_, GraphQLScalarType)
    scalar: dict[str, st.SearchStrategy[Any]] = {
        "Int": st.one_of(st.integers(-(2**40), 2**40), st.sampled_from([0, -1, 100, 101, 2**31 - 1, 2**31])),
        "Float": st.floats(allow_nan=False, allow_infinity=False),
        "Boolean": st.booleans(),
        "ID": IDS,
    }
    return nullable | scalar.get(type_.name, TEXT) | st.integers(-5, 5)


def selection(type_: GraphQLOutputType, depth: int = 0) -> str:
    """A selection reading every argument-free leaf of the type and one level of its object fields."""
    named = get_named_type(type_)
    if is_leaf_type(named):
        return ""
    if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
        return "{ __typename }"
    parts = ["__typename"]
    for name, field in named.fields.items():
        if any(isinstance(a.type, GraphQLNonNull) and a.default_value is None for a in field.args.values()):
            continue
        if is_leaf_type(get_named_type(field.type)):
            parts.append(name)
        elif depth < 1:
            parts.append(f"{name} {selection(field.type, depth + 1)}")
    return "{ " + " ".join(parts) + " }"


@pytest.fixture(scope="module")
def http(loaded_store: OxigraphStore) -> Iterator[httpx.Client]:
    settings_ = HttpSettings(sparql_timeout=2, execution_timeout=10)
    with (
        live_server(loaded_store, settings_) as url,
        httpx.Client(base_url=url.removesuffix("/graphql"), timeout=60) as c,
    ):
        yield c
        assert c.get("/healthz").status_code == 200


def _check(response: httpx.Response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:500])
    json_answer = response.headers.get("content-type", "").startswith(("application/json", "application/graphql"))
    if json_answer and response.request.method != "HEAD":
        for error in response.json().get("errors", []):
            assert "code" in error.get("extensions", {}), error
            assert error["extensions"]["code"] != "INTERNAL_SERVER_ERROR", error  # a bug met by client input


ROOT_FIELDS = sorted(QUERY_TYPE.fields)


@pytest.mark.parametrize("field", ROOT_FIELDS)
def test_graphql_arguments(http: httpx.Client, field: str) -> None:
    definition = QUERY_TYPE.fields[field]
    declared = ", ".join(f"${name}: {arg.type}" for name, arg in definition.args.items())
    passed = ", ".join(f"{name}: ${name}" for name in definition.args)
    document = (
        f"query Fuzz({declared}) {{ {field}({passed}) {selection(definition.type)} }}"
        if definition.args
        else f"{{ {field} {selection(definition.type)} }}"
    )
    arguments = st.fixed_dictionaries({name: values(arg.type) for name, arg in definition.args.items()})

    @FUZZ
    @given(arguments)
    def run(variables: dict[str, Any]) -> None:
        _check(http.post("/graphql", json={"query": document, "variables": variables}))

    run()
    assert http.get("/healthz").status_code == 200


HEADER = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60).map(str.strip)
ACCEPT = st.one_of(
    st.sampled_from(["*/*", "text/html", "application/json", "application/graphql-response+json", "text/csv"]),
    HEADER,
)
JSONISH = st.one_of(TEXT, st.builds(json.dumps, st.recursive(st.none() | st.integers() | TEXT, st.lists, max_leaves=8)))


@FUZZ
@given(
    params=st.dictionaries(st.sampled_from(["query", "variables", "operationName", "extensions", "x"]), JSONISH),
    accept=ACCEPT,
)
def test_graphql_over_get(http: httpx.Client, params: dict[str, str], accept: str) -> None:
    _check(http.get("/graphql", params=params, headers={"accept": accept}))


@FUZZ
@given(
    body=st.one_of(st.binary(max_size=300), JSONISH.map(str.encode)),
    content_type=st.one_of(
        st.sampled_from(["application/json", "application/json; charset=latin-1", "text/plain", ""]), HEADER
    ),
    accept=ACCEPT,
)
def test_graphql_over_post(http: httpx.Client, body: bytes, content_type: str, accept: str) -> None:
    _check(http.post("/graphql", content=body, headers={"content-type": content_type, "accept": accept}))


SPARQL = st.one_of(
    TEXT,
    st.builds(
        "SELECT * WHERE {{ ?s ?p {} }} LIMIT {}".format, st.sampled_from(["?o", "'x'", "<urn:x>"]), st.integers()
    ),
    st.sampled_from(["ASK {}", "DESCRIBE <urn:x>", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3", "SELECT ?s WHERE {"]),
)


@FUZZ
@given(
    query=SPARQL,
    extra=st.dictionaries(st.sampled_from(["format", "default-graph-uri", "named-graph-uri", "update"]), TEXT),
    accept=ACCEPT,
    post=st.booleans(),
)
def test_sparql_parameters(http: httpx.Client, query: str, extra: dict[str, str], accept: str, post: bool) -> None:
    if post:
        response = http.post("/sparql", data={"query": query, **extra}, headers={"accept": accept})
    else:
        response = http.get("/sparql", params={"query": query, **extra}, headers={"accept": accept})
    _check(response)


@FUZZ
@given(
    route=st.sampled_from(["/entity/", "/export/", "/queries/", "/graphiql/", "/explore/", "/reconcile/", "/"]),
    segment=st.one_of(IDS, TEXT),
    fmt=st.one_of(st.none(), TEXT),
    accept=ACCEPT,
    method=st.sampled_from(["GET", "GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD"]),
)
def test_route_parameters(
    http: httpx.Client, route: str, segment: str, fmt: str | None, accept: str, method: str
) -> None:
    keys = ("format", "lang", "network", "filter", "queries", "extend", "prefix", "callback")
    params = dict.fromkeys(keys, fmt) if fmt is not None else {}
    _check(http.request(method, route + quote(segment, safe=""), params=params, headers={"accept": accept}))
