"""Every named example in queries/examples runs as written (with its default variables) and answers right."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import ROOT, data_of

EXAMPLES = sorted((ROOT / "queries" / "examples").glob("*.graphql"))


def series_editions(data: dict[str, Any]) -> None:
    events = data["node"]["events"]
    assert [e["startDate"][:4] for e in events if e["id"].startswith("eg:turkic-wikimedia-conference-")] == [
        "2012",
        "2023",
        "2025",
    ]
    assert events[0]["country"]["id"] == "Q232"


def events_by_country_and_year(data: dict[str, Any]) -> None:
    ids = [n["id"] for n in data["events"]["nodes"]]
    assert "eg:turkic-wikimedia-conference-2023" in ids
    assert data["events"]["totalCount"] == len(ids)


def affiliate_events_with_partners(data: dict[str, Any]) -> None:
    events = {e["id"]: e for e in data["node"]["events"]}
    partners = {p["organization"]["id"] for p in events["eg:turkic-wikimedia-conference-2023"]["partners"]}
    assert "Q180" in partners


# The explorer's documents (web/explore/src/*.js asks for them by name under /queries).


def explore_search(data: dict[str, Any]) -> None:
    first = data["search"][0]
    assert (first["entity"]["id"], first["type"]) == ("eg:turkic-wikimedia-conference", "EVENT_SERIES")


def explore_entity(data: dict[str, Any]) -> None:
    event = data["node"]
    assert (event["__typename"], event["location"]["id"], event["country"]["id"]) == ("Event", "Q406", "Q43")
    assert "eg:wmturkic" in {o["organization"]["id"] for o in event["organizers"]}
    assert event["series"]["id"] == "eg:turkic-wikimedia-conference"


def explore_network(data: dict[str, Any]) -> None:
    network = data["network"]
    assert network["nodes"][0]["id"] == "eg:wmturkic", "the seed comes first"
    edges = {(e["relation"], e["sourceId"], e["targetId"]) for e in network["edges"]}
    assert ("ORGANIZER", "eg:turkic-wikimedia-conference-2023", "eg:wmturkic") in edges


def explore_co_organization(data: dict[str, Any]) -> None:
    pairs = {(e["source"]["id"], e["target"]["id"]): e for e in data["coOrganization"]["edges"]}
    turksoy = pairs[("Q1993710", "eg:wikibilim")]
    assert "eg:turkic-wikimedia-conference-2012" in {e["id"] for e in turksoy["events"]}


def explore_timeline(data: dict[str, Any]) -> None:
    series = {s["id"]: s for s in data["eventSeries"]["nodes"]}
    editions = series["eg:turkic-wikimedia-conference"]["events"]
    twc = [e["startDate"][:4] for e in editions if e["id"].startswith("eg:turkic-wikimedia-conference-")]
    assert twc == ["2012", "2023", "2025"]


def explore_map(data: dict[str, Any]) -> None:
    events = {e["id"]: e for e in data["events"]["nodes"]}
    assert events["eg:turkic-wikimedia-conference-2023"]["location"]["id"] == "Q406"


def explore_facets(data: dict[str, Any]) -> None:
    facets = {f["dimension"]: f for f in data["eventFacets"]["facets"]}
    assert "Q43" in {b["key"] for b in facets["COUNTRY"]["buckets"]}
    assert "conference" in {b["key"] for b in facets["KIND"]["buckets"]}
    kinds = {f["dimension"]: f for f in data["organizationFacets"]["facets"]}["KIND"]
    assert "igo" in {b["key"] for b in kinds["buckets"]}


CHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "series-editions": series_editions,
    "events-by-country-and-year": events_by_country_and_year,
    "affiliate-events-with-partners": affiliate_events_with_partners,
    "explore-search": explore_search,
    "explore-entity": explore_entity,
    "explore-network": explore_network,
    "explore-co-organization": explore_co_organization,
    "explore-timeline": explore_timeline,
    "explore-map": explore_map,
    "explore-facets": explore_facets,
}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_answers(path: Path, loaded_store: OxigraphStore) -> None:
    assert path.stem in CHECKS, f"add a check for the new example {path.name}"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "each example opens with a comment saying what it answers"
    CHECKS[path.stem](data_of(loaded_store, text))
