"""Organizations sorted by eventCount, partnersCount or degree: the store's order agrees with the fields."""

from __future__ import annotations

from typing import Any

import pytest

from eventgraph.model import short_id
from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import data_of, run_query
from tests.workbench import BETALAND_GROUP, HEALTH_AGENCY, workbench_store

ORDERED = """query($field: OrganizationOrderField!, $direction: Direction!, $filter: OrganizationFilter) {
  organizations(orderBy: { field: $field, direction: $direction }, filter: $filter, first: 100) {
    totalCount nodes { id label eventCount partnersCount degree } } }"""
FIELDS = {"EVENT_COUNT": "eventCount", "PARTNERS_COUNT": "partnersCount", "DEGREE": "degree"}


def ordered(store: Any, field: str, direction: str, **filter: Any) -> list[dict[str, Any]]:
    variables = {"field": field, "direction": direction, "filter": filter or None}
    nodes: list[dict[str, Any]] = data_of(store, ORDERED, variables)["organizations"]["nodes"]
    return nodes


@pytest.mark.parametrize(
    ("field", "first"),
    [("EVENT_COUNT", BETALAND_GROUP), ("PARTNERS_COUNT", HEALTH_AGENCY), ("DEGREE", BETALAND_GROUP)],
)
def test_descending_puts_the_largest_count_first(field: str, first: str) -> None:
    nodes = ordered(workbench_store(), field, "DESC")
    assert nodes[0]["id"] == short_id(first)
    counts = [n[FIELDS[field]] for n in nodes]
    assert counts == sorted(counts, reverse=True)


def test_the_event_count_leaves_out_the_series_an_organization_organizes() -> None:
    # Wikimedia Alphaland organizes Alphaland Summit 2020 and 2021 and the series Alphaland Summit
    [node] = [n for n in ordered(workbench_store(), "EVENT_COUNT", "ASC") if n["label"] == "Wikimedia Alphaland"]
    assert node["eventCount"] == 2


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_on_the_shipped_data_the_order_agrees_with_each_organizations_own_count(
    loaded_store: OxigraphStore, field: str, direction: str
) -> None:
    """Two mechanisms, one definition: the store's SPARQL counts and the fields' networkx measures."""
    nodes = ordered(loaded_store, field, direction)
    keys = [((-1 if direction == "DESC" else 1) * n[FIELDS[field]], n["label"].casefold()) for n in nodes]
    assert keys == sorted(keys), "by the count, ties by label"
    assert any(n[FIELDS[field]] > 0 for n in nodes)


def test_sorting_by_a_count_keeps_the_filter() -> None:
    nodes = ordered(workbench_store(), "DEGREE", "DESC", kind=["IGO"])
    assert [n["id"] for n in nodes] == [short_id(HEALTH_AGENCY)]


def test_an_unknown_sort_field_is_a_validation_error() -> None:
    response = run_query(workbench_store(), ORDERED, {"field": "POPULARITY", "direction": "DESC"})
    assert response["data"] is None
    assert "POPULARITY" in response["errors"][0]["message"]
