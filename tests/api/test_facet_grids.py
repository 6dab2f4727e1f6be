"""Two-dimensional facets: cells, margins and filters, on the synthetic affiliates fixture."""

from __future__ import annotations

from typing import Any

from tests.conftest import data_of, run_query
from tests.workbench import workbench_store

EVENT_GRID = """query($rows: EventDimension!, $columns: EventDimension!, $filter: EventFilter) {
  eventFacetGrid(rows: $rows, columns: $columns, filter: $filter) {
    total rows { dimension missing buckets { key label count } } columns { missing buckets { key count } }
    cells { row column count attendanceSum attendanceLowerBoundSum attendanceReported } } }"""
ORGANIZATION_GRID = """query($rows: OrganizationDimension!, $columns: OrganizationDimension!) {
  organizationFacetGrid(rows: $rows, columns: $columns) {
    total rows { buckets { key count } missing } columns { buckets { key label count } missing }
    cells { row column count attendanceSum } } }"""


def grid(document: str, **variables: Any) -> dict[str, Any]:
    result: dict[str, Any] = data_of(workbench_store(), document, variables)
    found: dict[str, Any] = next(iter(result.values()))
    return found


def test_events_per_country_and_year_in_one_request() -> None:
    found = grid(EVENT_GRID, rows="COUNTRY", columns="YEAR")
    assert found["total"] == 4
    assert [(b["key"], b["label"], b["count"]) for b in found["rows"]["buckets"]] == [
        ("Q9000601", "Alphaland", 3),
        ("Q9000602", "Betaland", 1),
    ]
    assert [(c["row"], c["column"], c["count"]) for c in found["cells"]] == [
        ("Q9000601", "2020", 1),
        ("Q9000601", "2021", 1),
        ("Q9000601", "2022", 1),
        ("Q9000602", "2021", 1),
    ]
    # attendance as the one-dimensional facets sum it: '150' and '40' are exact, '90+' only a lower bound
    sums = {(c["row"], c["column"]): (c["attendanceSum"], c["attendanceLowerBoundSum"]) for c in found["cells"]}
    assert sums == {
        ("Q9000601", "2020"): (150, 150),
        ("Q9000601", "2021"): (0, 90),
        ("Q9000601", "2022"): (0, 0),
        ("Q9000602", "2021"): (40, 40),
    }


def test_each_cell_counts_what_the_events_filter_finds_for_its_two_keys() -> None:
    found = grid(EVENT_GRID, rows="COUNTRY", columns="YEAR")
    for cell in found["cells"]:
        events = data_of(
            workbench_store(),
            "query($f: EventFilter) { events(filter: $f) { totalCount } }",
            {"f": {"country": [cell["row"]], "year": int(cell["column"])}},
        )
        assert events["events"]["totalCount"] == cell["count"], cell


def test_the_margins_are_the_one_dimensional_facets() -> None:
    found = grid(EVENT_GRID, rows="ORGANIZER", columns="KIND")
    facets = data_of(
        workbench_store(), "{ eventFacets(by: [ORGANIZER, KIND]) { facets { missing buckets { key label count } } } }"
    )["eventFacets"]["facets"]
    assert found["rows"]["buckets"] == facets[0]["buckets"]
    assert [(b["key"], b["count"]) for b in found["columns"]["buckets"]] == [
        (b["key"], b["count"]) for b in facets[1]["buckets"]
    ]
    # an event with two organizers falls in two cells: the Summit 2020 (Wikimedia Alphaland, Betaland Wikimedians)
    conference = [c for c in found["cells"] if c["column"] == "conference"]
    assert sorted((c["row"], c["count"]) for c in conference) == [("Q9000611", 2), ("Q9000612", 1)]


def test_the_grid_takes_the_events_filter() -> None:
    found = grid(EVENT_GRID, rows="YEAR", columns="SERIES", filter={"kind": ["CONFERENCE"]})
    assert found["total"] == 2
    assert [(c["row"], c["column"], c["count"]) for c in found["cells"]] == [
        ("2020", "Q9000631", 1),
        ("2021", "Q9000631", 1),
    ]


def test_organizations_per_kind_and_country() -> None:
    found = grid(ORGANIZATION_GRID, rows="KIND", columns="COUNTRY")
    assert found["total"] == 6
    assert sorted((c["row"], c["column"], c["count"]) for c in found["cells"]) == [
        ("chapter", "Q9000601", 1),
        ("user-group", "Q9000601", 1),
        ("user-group", "Q9000602", 3),  # two based there, one operating there
    ]
    assert found["columns"]["missing"] == 1, "the IGO has no country"
    assert all(c["attendanceSum"] is None for c in found["cells"])


def test_the_same_dimension_twice_is_an_invalid_argument() -> None:
    response = run_query(workbench_store(), EVENT_GRID, {"rows": "YEAR", "columns": "YEAR"})
    assert response["data"] == {"eventFacetGrid": None}
    assert response["errors"][0]["extensions"]["code"] == "INVALID_ARGUMENT"
