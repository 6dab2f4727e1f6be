"""Batch look-ups for dashboards and scripts: `nodes(ids:)` and `entities(qids:)`, null in place, in one batch."""

from __future__ import annotations

from typing import Any

from tests.conftest import CountingReader, data_of, run_query
from tests.workbench import workbench_store

NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { label } } }"
ENTITIES = "query($qids: [String!]!) { entities(qids: $qids) { id label } }"


def test_nodes_answer_in_the_order_asked_with_null_in_place() -> None:
    ids = ["Q9000612", "eg:circle-meetup-2022", "Q9999999", "not an id", "eg:wikimedia-alphaland", "Q9000612"]
    nodes = data_of(workbench_store(), NODES, {"ids": ids})["nodes"]
    assert nodes == [
        {"id": "Q9000612", "label": "Betaland Wikimedians"},
        {"id": "eg:circle-meetup-2022", "label": "Circle Meetup 2022"},
        None,
        None,
        {"id": "Q9000611", "label": "Wikimedia Alphaland"},  # a record id known by its QID, like `node`
        {"id": "Q9000612", "label": "Betaland Wikimedians"},
    ]


def test_entities_by_qid_answer_in_order_with_null_in_place() -> None:
    found = data_of(workbench_store(), ENTITIES, {"qids": ["Q9000621", "Q9999999", "Q9000601"]})["entities"]
    assert found == [
        {"id": "Q9000621", "label": "Alphaland Summit 2020"},
        None,
        {"id": "Q9000601", "label": "Alphaland"},
    ]


def test_a_batch_costs_a_bounded_number_of_store_calls() -> None:
    reader = CountingReader(workbench_store())
    ids = [f"Q90006{n:02d}" for n in range(1, 40)] + ["eg:wikimedia-alphaland", "eg:betaland-wikimedians"]
    nodes = data_of(reader, NODES, {"ids": ids})["nodes"]
    assert sum(n is not None for n in nodes) == 13 + 2  # the fixture's QIDs and two record ids
    assert reader.reads().count("describe") <= 2
    assert reader.calls.count("referrers") <= 1


def test_more_ids_than_the_page_cap_is_an_error_that_leaves_other_fields() -> None:
    document = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } one: node(id: "Q9000611") { id } }'
    response: dict[str, Any] = run_query(workbench_store(), document, {"ids": ["Q9000611"] * 101})
    assert response["data"] == {"nodes": None, "one": {"id": "Q9000611"}}
    [error] = response["errors"]
    assert error["extensions"]["code"] == "INVALID_ARGUMENT"
    assert "at most 100" in error["message"]


def test_a_text_that_is_no_qid_is_an_error() -> None:
    response = run_query(workbench_store(), ENTITIES, {"qids": ["Q9000611", "Alphaland"]})
    assert response["data"] == {"entities": None}
    assert "'Alphaland' is not a Wikidata item id" in response["errors"][0]["message"]
