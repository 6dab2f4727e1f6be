"""`during`, `near` and `in` on EventFilter: partial dates, distances from coordinates, places at any level."""

from __future__ import annotations

from typing import Any

import pytest

from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import data_of, run_query
from tests.research import research_store

EVENTS = "query($f: EventFilter) { events(filter: $f, first: 50) { totalCount nodes { id } } }"
TWC = "eg:turkic-wikimedia-conference"


def ids(store: Any, **filter: Any) -> list[str]:
    return [n["id"] for n in data_of(store, EVENTS, {"f": filter})["events"]["nodes"]]


@pytest.mark.parametrize(
    ("during", "expected"),
    [
        ({"from": "2025-06", "to": "2025-06"}, ["2025"]),  # dated "2025": overlaps any span touching 2025
        ({"from": "2025-12-31"}, ["2025"]),
        ({"to": "2012"}, ["2012"]),
        ({"from": "2012-04-21", "to": "2012-04-21"}, ["2012"]),  # the last day of a two-day event
        ({"from": "2012-04-22", "to": "2023-10-19"}, []),
        ({"from": "2023", "to": "2025"}, ["2023", "2025"]),
    ],
)
def test_during_handles_partial_dates(loaded_store: OxigraphStore, during: dict[str, str], expected: list[str]) -> None:
    found = ids(loaded_store, series=[TWC], during=during)
    assert [i[-4:] for i in found] == expected


@pytest.mark.parametrize(
    ("during", "message"),
    [({}, "give from, to or both"), ({"from": "2025-13"}, "month 13"), ({"from": "2026", "to": "2025"}, "after")],
)
def test_bad_ranges_are_refused(loaded_store: OxigraphStore, during: dict[str, str], message: str) -> None:
    response = run_query(loaded_store, EVENTS, {"f": {"during": during}})
    assert response["errors"][0]["extensions"]["code"] == "INVALID_ARGUMENT"
    assert message in response["errors"][0]["message"]


def test_in_takes_a_place_at_any_level(loaded_store: OxigraphStore) -> None:
    assert [i[-4:] for i in ids(loaded_store, series=[TWC], **{"in": "Q43"})] == ["2023"]
    assert [i[-4:] for i in ids(loaded_store, series=[TWC], **{"in": "Q35493"})] == ["2012"]
    assert ids(loaded_store, **{"in": "Q406"}) == ids(loaded_store, country=["Q406"])


def test_near_uses_the_venue_else_the_city() -> None:
    store = research_store()
    assert ids(store, near={"latitude": 10.0, "longitude": 20.0, "km": 1}) == ["Q9000511"]
    assert ids(store, near={"latitude": 10.01, "longitude": 20.02, "km": 1}) == ["Q9000514"]
    assert ids(store, near={"latitude": 10.0, "longitude": 20.0, "km": 700}) == [
        "Q9000514",
        "Q9000511",
        "Q9000512",
        "Q9000513",
    ]
    within = ids(store, near={"latitude": 10.0, "longitude": 20.0, "km": 500}, kind=["MEETUP"])
    assert within == ["Q9000512"], "near combines with the other conditions"


@pytest.mark.parametrize(
    "near",
    [
        {"latitude": 91, "longitude": 0, "km": 10},
        {"latitude": 0, "longitude": -181, "km": 10},
        {"latitude": 0, "longitude": 0, "km": 0},
        {"latitude": 0, "longitude": 0, "km": 30000},
    ],
)
def test_bad_circles_are_refused(near: dict[str, float]) -> None:
    response = run_query(research_store(), EVENTS, {"f": {"near": near}})
    assert response["errors"][0]["extensions"]["code"] == "INVALID_ARGUMENT"
