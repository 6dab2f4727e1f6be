"""The `search` root field: typed results, narrowing, limits and argument errors."""

from __future__ import annotations

from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import CountingReader, data_of, run_query

SEARCH = """query($text: String!, $types: [EntityType!], $first: Int) {
  search(text: $text, types: $types, first: $first) {
    type score match field matched { value lang } entity { id label ... on Organization { shortName } } } }"""


def test_results_are_typed_and_ranked(loaded_store: OxigraphStore) -> None:
    results = data_of(loaded_store, SEARCH, {"text": "wmturkic"})["search"]
    first = results[0]
    assert first["entity"] == {
        "id": "eg:wmturkic",
        "label": "Wikimedians of Turkic Languages User Group",
        "shortName": "WMTurkic",
    }
    assert (first["type"], first["field"], first["match"]) == ("ORGANIZATION", "ALIAS", "EXACT")
    ranked = data_of(loaded_store, SEARCH, {"text": "turkic", "first": 20})["search"]
    scores = [r["score"] for r in ranked]
    assert scores == sorted(scores, reverse=True)
    assert {r["match"] for r in ranked} <= {"PREFIX", "TOKEN"}
    assert ranked[0]["match"] == "PREFIX"


def test_types_and_first_narrow_the_results(loaded_store: OxigraphStore) -> None:
    events = data_of(loaded_store, SEARCH, {"text": "turkic", "types": ["EVENT"], "first": 50})["search"]
    assert events
    assert {r["type"] for r in events} == {"EVENT"}
    assert f"{'eg:turkic-wikimedia-conference-2012'}" in {r["entity"]["id"] for r in events}
    assert len(data_of(loaded_store, SEARCH, {"text": "wiki", "first": 3})["search"]) == 3


def test_bad_arguments_are_client_errors(loaded_store: OxigraphStore) -> None:
    for variables in ({"text": "   "}, {"text": "x" * 201}, {"text": "wiki", "first": 1000}):
        response = run_query(loaded_store, SEARCH, variables)
        assert response["data"] == {"search": None}
        assert response["errors"][0]["extensions"]["code"] in {"INVALID_ARGUMENT", "PAGE_SIZE_LIMIT"}


def test_search_costs_one_search_and_one_describe(loaded_store: OxigraphStore) -> None:
    reader = CountingReader(loaded_store)
    data_of(reader, SEARCH, {"text": "wiki", "first": 20})
    assert reader.reads() == ["search", "describe"]
