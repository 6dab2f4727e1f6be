"""Event and organization facets: the same filter as the connections, attendance counted once per event."""

from __future__ import annotations

from typing import Any

import pytest

from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import CountingReader, data_of, run_query

FACETS = """query($filter: EventFilter, $by: [EventDimension!]!, $lang: String) {
  eventFacets(filter: $filter, by: $by, lang: $lang) {
    total facets { dimension missing buckets {
      key label count attendanceSum attendanceLowerBoundSum attendanceReported entity { id } } } } }"""


def facets(store: Any, by: list[str], **filter: Any) -> dict[str, Any]:
    result: dict[str, Any] = data_of(store, FACETS, {"filter": filter or None, "by": by})["eventFacets"]
    return result


@pytest.mark.parametrize(
    "filter",
    [{}, {"series": ["Q483279"]}, {"country": ["Q43"]}, {"year": 2023}, {"kind": ["HACKATHON"], "status": ["HELD"]}],
)
def test_facets_honour_the_events_filter(loaded_store: OxigraphStore, filter: dict[str, Any]) -> None:
    total = data_of(loaded_store, "query($f: EventFilter) { events(filter: $f) { totalCount } }", {"f": filter})
    found = facets(loaded_store, ["KIND", "STATUS"], **filter)
    assert found["total"] == total["events"]["totalCount"]
    for facet in found["facets"]:
        assert sum(b["count"] for b in facet["buckets"]) + facet["missing"] == found["total"], "one kind per event"


def test_attendance_sums_use_the_preferred_figure_of_each_event(loaded_store: OxigraphStore) -> None:
    rows = data_of(
        loaded_store,
        """{ events(filter: { series: ["Q483279"] }, first: 50) { nodes {
             attendance { count lowerBound qualifier } } } }""",
    )["events"]["nodes"]
    expected_sum = sum((r["attendance"] or {}).get("count") or 0 for r in rows)
    expected_lower = 0
    for row in rows:
        figure = row["attendance"] or {}
        if figure.get("lowerBound") is not None:
            expected_lower += figure["lowerBound"]
        elif figure.get("qualifier") == "exact":
            expected_lower += figure["count"]
    [status] = facets(loaded_store, ["SERIES"], series=["Q483279"])["facets"]
    [bucket] = status["buckets"]
    assert (bucket["key"], bucket["label"], bucket["entity"]) == ("Q483279", "Wikimania", {"id": "Q483279"})
    assert bucket["attendanceSum"] == expected_sum
    assert bucket["attendanceLowerBoundSum"] == expected_lower
    # Wikimania 2014: two claims (2000 visitors; more than 4,000 attendees, preferred): only the preferred counts
    [year_2014] = [
        b for b in facets(loaded_store, ["YEAR"], series=["Q483279"])["facets"][0]["buckets"] if b["key"] == "2014"
    ]
    assert (year_2014["attendanceSum"], year_2014["attendanceLowerBoundSum"]) == (0, 4000)


def test_buckets_order_and_values(loaded_store: OxigraphStore) -> None:
    found = facets(loaded_store, ["STATUS", "COUNTRY", "YEAR"], series=["eg:turkic-wikimedia-conference"])
    status, country, year = found["facets"]
    assert [(b["key"], b["count"]) for b in status["buckets"]] == [("held", 2), ("planned", 1)]
    assert status["buckets"][0]["entity"] is None
    assert [b["label"] for b in country["buckets"]] == ["Azerbaijan", "Kazakhstan", "Türkiye"]
    assert [b["key"] for b in year["buckets"]] == ["2012", "2023", "2025"]
    assert status["buckets"][1]["attendanceReported"] == 0


def test_organization_facets(loaded_store: OxigraphStore) -> None:
    data = data_of(
        loaded_store,
        """{ organizationFacets(filter: { kind: [IGO] }, by: [KIND, COUNTRY]) {
             total facets { dimension missing buckets { key count attendanceSum } } } }""",
    )["organizationFacets"]
    total = data_of(loaded_store, "{ organizations(filter: { kind: [IGO] }) { totalCount } }")
    assert data["total"] == total["organizations"]["totalCount"]
    kind, _ = data["facets"]
    assert kind["buckets"] == [{"key": "igo", "count": data["total"], "attendanceSum": None}]


def test_dimensions_are_checked(loaded_store: OxigraphStore) -> None:
    for by in ([], ["YEAR", "YEAR"]):
        response = run_query(loaded_store, FACETS, {"by": by})
        assert response["errors"][0]["extensions"]["code"] == "INVALID_ARGUMENT"


def test_facets_cost_one_facets_call_and_one_describe(loaded_store: OxigraphStore) -> None:
    reader = CountingReader(loaded_store)
    facets(reader, ["YEAR", "COUNTRY", "REGION", "KIND", "SERIES", "ORGANIZER", "STATUS"])
    assert reader.reads() == ["facets", "describe"]
