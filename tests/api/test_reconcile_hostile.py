"""Hostile, malformed or huge requests to /reconcile: always a 4xx with a JSON error, never a 5xx or a hang."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from tests.api.reconcile_client import FORM, OpenRefineClient, batch_text, java_url_encode, openrefine_client
from tests.workbench import workbench_store


@pytest.fixture(scope="module")
def refine() -> Iterator[OpenRefineClient]:
    with openrefine_client(workbench_store()) as client:
        yield client


def assert_client_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert isinstance(response.json()["error"], str)
    assert response.headers["access-control-allow-origin"] == "*"


many_queries = batch_text([{"query": f"name {n}"} for n in range(51)])


@pytest.mark.parametrize(
    ("queries", "status"),
    [
        ("{not json", 400),
        ('["a list"]', 400),
        ('{"q0": "text"}', 400),
        ('{"q0": {}}', 400),
        ('{"q0": {"query": 42}}', 400),
        ('{"q0": {"query": "x", "type": "Unicorn"}}', 400),
        ('{"q0": {"query": "x", "type": {"no": "id"}}}', 400),
        ('{"q0": {"query": "x", "properties": [{"pid": "secret", "v": "x"}]}}', 400),
        ('{"q0": {"query": "x", "properties": [{"pid": "country"}]}}', 400),
        ('{"q0": {"query": "x", "properties": [{"pid": "country", "v": [[1]]}]}}', 400),
        ('{"q0": {"query": "x", "properties": "country"}}', 400),
        ('{"q0": {"query": "x", "limit": 0}}', 400),
        ('{"q0": {"query": "x", "limit": 1000}}', 400),
        ('{"q0": {"query": "x", "limit": "5"}}', 400),
        ('{"q0": {"query": "x", "limit": true}}', 400),
        ('{"q0": {"query": "x", "type_strict": "never"}}', 400),
        ('{"q0": {"query": "\\ud800"}}', 400),  # a lone surrogate: no UTF-8 answer could carry it
        ("[" * 100_000 + "]" * 100_000, 400),  # nesting deep enough to exhaust a recursive parser
        (many_queries, 413),
    ],
)
def test_malformed_batches_are_client_errors(refine: OpenRefineClient, queries: str, status: int) -> None:
    assert_client_error(refine.post_form("queries", queries), status)


@pytest.mark.parametrize(
    ("extend", "status"),
    [
        ('{"ids": "Q1", "properties": [{"id": "qid"}]}', 400),
        ('{"ids": ["Q1"], "properties": []}', 400),
        ('{"ids": ["Q1"], "properties": [{"id": "password"}]}', 400),
        ('{"ids": [1], "properties": [{"id": "qid"}]}', 400),
        (json.dumps({"ids": [f"Q{n}" for n in range(101)], "properties": [{"id": "qid"}]}), 413),
    ],
)
def test_malformed_extensions_are_client_errors(refine: OpenRefineClient, extend: str, status: int) -> None:
    assert_client_error(refine.post_form("extend", extend), status)


def test_a_body_past_the_cap_is_413_before_it_is_parsed(refine: OpenRefineClient) -> None:
    body = b"queries=" + b"x" * 1_100_000
    response = refine.http.post(refine.base + "/reconcile", content=body, headers={"Content-Type": FORM})
    assert_client_error(response, 413)


def test_a_streamed_body_past_the_cap_is_413(refine: OpenRefineClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"queries="
        for _ in range(40):
            yield b"y" * 50_000

    response = refine.http.post(refine.base + "/reconcile", content=chunks(), headers={"Content-Type": FORM})
    assert_client_error(response, 413)


def test_other_request_shapes_are_refused(refine: OpenRefineClient) -> None:
    url = refine.base + "/reconcile"
    assert_client_error(refine.http.post(url, json={"queries": {}}), 415)
    assert_client_error(refine.http.post(url, content=b"queries=\xff\xfe", headers={"Content-Type": FORM}), 400)
    both = f"queries={java_url_encode('{}')}&extend={java_url_encode('{}')}".encode()
    assert_client_error(refine.http.post(url, content=both, headers={"Content-Type": FORM}), 400)
    twice = b"queries=%7B%7D&queries=%7B%7D"
    assert_client_error(refine.http.post(url, content=twice, headers={"Content-Type": FORM}), 400)
    many = "&".join(f"p{n}=1" for n in range(30))
    assert_client_error(refine.http.get(f"{url}?{many}"), 400)
    assert refine.http.put(url).status_code == 405


@pytest.mark.parametrize("callback", ["alert(1)//", "a b", "x" * 200, "1abc", "a..b"])
def test_a_callback_that_is_no_function_name_is_refused(refine: OpenRefineClient, callback: str) -> None:
    assert_client_error(refine.get("/reconcile", callback=callback), 400)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/reconcile/suggest/entity", {"prefix": "x" * 201}),
        ("/reconcile/suggest/entity", {"prefix": "a", "cursor": "-1"}),
        ("/reconcile/suggest/entity", {"prefix": "a", "cursor": "99999999999999999999"}),
        ("/reconcile/suggest/entity", {"prefix": "a", "type": "Unicorn"}),
        ("/reconcile/suggest/property", {"prefix": "a", "type": "Unicorn"}),
        ("/reconcile/properties", {"type": "Unicorn"}),
        ("/reconcile/properties", {"type": "Event", "limit": "lots"}),
    ],
)
def test_bad_suggest_and_proposal_parameters_are_400(
    refine: OpenRefineClient, path: str, params: dict[str, str]
) -> None:
    assert_client_error(refine.get(path, **params), 400)


def test_a_huge_cell_finds_nothing_and_spoils_nothing(refine: OpenRefineClient) -> None:
    """A spreadsheet cell longer than any name gets no candidate; the rest of its batch is answered."""
    huge, name = refine.reconcile([{"query": "Wikimedia " * 2000}, {"query": "Wikimedia Alphaland"}])
    assert huge == []
    assert name[0]["id"] == "Q9000611"


@pytest.mark.parametrize("text", ["", "   ", "!!!", "\u0000", "Ω" * 150, "'; DROP GRAPH <x> ; --", "<script>"])
def test_odd_texts_answer_200(refine: OpenRefineClient, text: str) -> None:
    response = refine.post_form(
        "queries", json.dumps({"q0": {"query": text, "properties": [{"pid": "qid", "v": text}]}})
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"q0": []}
    suggest = refine.get("/reconcile/suggest/entity", prefix=text)
    assert suggest.status_code == 200
    preview = refine.get("/reconcile/preview", id=text or "x")
    assert preview.status_code in (400, 404)
