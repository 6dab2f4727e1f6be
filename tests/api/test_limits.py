"""docs/limits.md is the code's table of limits, every `first` has a row, and the limits hold as documented."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLObjectType
from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.api.limits import limits, render
from eventgraph.api.schema import build_schema
from tests.conftest import ROOT, run_query
from tests.workbench import workbench_store

GRAPHQL_RESPONSE = "application/graphql-response+json"


def test_the_checked_in_doc_is_the_table_of_the_code() -> None:
    checked_in = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    assert checked_in == render(), "run `.venv/bin/python -m eventgraph.api.limits > docs/limits.md`"


def test_every_field_that_takes_first_has_a_row() -> None:
    schema = build_schema()._schema
    paged = {
        f"{name}.{field}"
        for name, gtype in schema.type_map.items()
        if isinstance(gtype, GraphQLObjectType)
        for field, definition in gtype.fields.items()
        if "first" in definition.args
    }
    documented = {field for row in limits() for field in row.fields}
    assert paged == documented


def error_codes(document: str) -> list[Any]:
    response = run_query(workbench_store(), document)
    return [e.get("extensions", {}).get("code") for e in response.get("errors", [])]


@pytest.mark.parametrize(
    ("document", "code"),
    [
        ("{ events(first: 100) { nodes { id } } }", None),
        ("{ events(first: 101) { nodes { id } } }", "PAGE_SIZE_LIMIT"),
        ('{ search(text: "alpha", first: 101) { score } }', "PAGE_SIZE_LIMIT"),
        ('{ network(seeds: ["Q9000611"], first: 500) { truncated } }', None),
        ('{ network(seeds: ["Q9000611"], first: 501) { truncated } }', "PAGE_SIZE_LIMIT"),
        ("{ coOrganization(first: 501) { totalEdges } }", "PAGE_SIZE_LIMIT"),
        ('{ path(from: "Q9000611", to: "Q9000612", first: 51) { length } }', "PAGE_SIZE_LIMIT"),
        ('{ node(id: "Q9000621") { ... on Event { relatedEvents(first: 101) { score } } } }', "PAGE_SIZE_LIMIT"),
        ('{ network(seeds: ["Q9000611"], depth: 5) { truncated } }', "INVALID_ARGUMENT"),
        ('{ path(from: "Q9000611", to: "Q9000612", maxHops: 7) { length } }', "INVALID_ARGUMENT"),
        ('{ search(text: "' + "a" * 201 + '") { score } }', "INVALID_ARGUMENT"),
    ],
)
def test_page_sizes_and_arguments_hold_at_their_documented_values(document: str, code: str | None) -> None:
    assert error_codes(document) == ([code] if code else [])


def test_request_guards_refuse_the_whole_request() -> None:
    client = TestClient(create_app(workbench_store()))
    nested = "id"
    for _ in range(8):
        nested = f"series {{ events {{ {nested} }} }}"
    deep = f'{{ node(id: "Q9000621") {{ ... on Event {{ {nested} }} }} }}'  # 17 fields deep
    aliased = "{ " + " ".join(f'a{n}: node(id: "Q9000611") {{ id }}' for n in range(31)) + " }"
    wordy = "{ " + "__typename " * 3000 + "}"  # 3002 tokens
    for document in (deep, aliased, wordy):
        response = client.post("/graphql", json={"query": document}, headers={"accept": GRAPHQL_RESPONSE})
        assert response.status_code == 400, document
        assert "data" not in response.json()
