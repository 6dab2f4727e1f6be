"""relatedEvents: scored neighbours, each score the sum of its explained components."""

from __future__ import annotations

from typing import Any

import pytest

from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import CountingReader, data_of
from tests.research import research_store

RELATED = """query($id: ID!, $by: [RelatedBy!], $first: Int) { node(id: $id) { ... on Event {
  relatedEvents(by: $by, first: $first) {
    score sameSeries daysApart kmApart event { id } sharedOrganizers { id }
    components { by score explanation } } } } }"""


def related(store: object, event: str, **variables: object) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = data_of(store, RELATED, {"id": event, **variables})["node"]["relatedEvents"]
    return result


def test_scores_with_coordinates() -> None:
    found = related(research_store(), "Q9000511")
    assert [r["event"] for r in found] == [
        {"id": "Q9000512"},
        {"id": "Q9000514"},
        {"id": "Q9000515"},
        {"id": "Q9000513"},
    ]
    meetup = found[0]
    assert (meetup["daysApart"], meetup["kmApart"], meetup["sameSeries"]) == (234, 328.5, True)
    assert meetup["components"] == [
        {"by": "TIME", "score": 0.6093, "explanation": "234 days apart"},
        {"by": "PLACE", "score": 0.6035, "explanation": "329 km apart"},
        {"by": "ORGANIZER", "score": 1.0, "explanation": "1 shared organizer(s): Q9000521"},
        {"by": "SERIES", "score": 1.0, "explanation": "same series: Q9000510"},
    ]
    assert meetup["sharedOrganizers"] == [{"id": "Q9000521"}]
    for row in found:
        assert row["score"] == pytest.approx(sum(c["score"] for c in row["components"]), abs=1e-3)


def test_by_narrows_the_components(loaded_store: OxigraphStore) -> None:
    series_only = related(loaded_store, "eg:turkic-wikimedia-conference-2023", by=["SERIES"])
    assert [r["event"] for r in series_only] == [
        {"id": "eg:turkic-wikimedia-conference-2025"},
        {"id": "eg:turkic-wikimedia-conference-2012"},
    ], "equal scores: nearest in time first"
    same_place = related(loaded_store, "eg:turkic-wikimedia-conference-2023", by=["PLACE", "ORGANIZER"], first=2)
    assert [(r["event"], r["score"], r["daysApart"]) for r in same_place] == [
        ({"id": "eg:wikimedia-cee-meeting-2024"}, 1.5, 71),
        ({"id": "eg:wikidata-trainings-for-turkic-wikimedians-conference-2022"}, 1.5, 293),
    ], "equal scores: nearest in time first"
    assert same_place[0]["components"] == [
        {"by": "PLACE", "score": 1.0, "explanation": "same place: Q406"},
        {
            "by": "ORGANIZER",
            "score": 0.5,
            "explanation": "1 shared organizer(s): eg:wikimedia-community-user-group-turkey",
        },
    ]


def test_related_events_of_a_whole_list_read_the_profiles_once(loaded_store: OxigraphStore) -> None:
    reader = CountingReader(loaded_store)
    data_of(reader, "{ events(first: 30) { nodes { relatedEvents(first: 3) { score event { id } } } } }")
    assert reader.calls.count("event_profiles") == 1
    assert reader.reads().count("describe") == 2
