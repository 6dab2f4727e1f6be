"""Researcher questions answered from the Meta-wiki reference records (issue 3)."""

from __future__ import annotations

from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import data_of

WIKIMANIA = """{ node(id: "Q483279") { ... on EventSeries { events {
  id startDate location { label } attendance { text count lowerBound }
  claims(field: "attendance") { value preferred citations { url } } } } } }"""


def test_wikimania_editions_in_order_with_city_and_attendance(loaded_store: OxigraphStore) -> None:
    events = data_of(loaded_store, WIKIMANIA)["node"]["events"]
    starts = [e["startDate"] for e in events]
    assert starts == sorted(starts), "editions come in date order"
    by_id = {e["id"]: e for e in events}
    assert by_id["eg:wikimania-2016"]["location"]["label"] == "Esino Lario"
    assert by_id["eg:wikimania-2024"]["location"]["label"] == "Katowice"
    assert by_id["eg:wikimania-2024"]["attendance"]["count"] == 2227


def test_conflicting_attendance_shows_both_claims_with_sources(loaded_store: OxigraphStore) -> None:
    by_id = {e["id"]: e for e in data_of(loaded_store, WIKIMANIA)["node"]["events"]}
    london = by_id["eg:wikimania-2014"]
    claims = {c["value"]: c for c in london["claims"]}
    assert set(claims) == {"more than 4,000 attendees", "2000 visitors"}
    assert london["attendance"]["text"] == next(v for v, c in claims.items() if c["preferred"])
    assert all(c["citations"][0]["url"].startswith("https://") for c in claims.values())
    assert london["attendance"]["lowerBound"] == 4000
    nairobi = {c["value"] for c in by_id["eg:wikimania-2025"]["claims"]}
    assert any("2,676" in v for v in nairobi)
    assert any("2,376" in v for v in nairobi)


def test_womens_camp_2023_keeps_both_cities(loaded_store: OxigraphStore) -> None:
    data = data_of(
        loaded_store,
        """{ events(filter: { year: 2023 }, first: 100) { nodes { id label location { label }
             claims(field: "location") { value preferred entity { label } } } } }""",
    )
    [camp] = [e for e in data["events"]["nodes"] if e["id"].startswith("eg:wikiwomencamp-2023")]
    cities = {c["entity"]["label"] for c in camp["claims"]}
    assert cities == {"New Delhi", "Gurugram"}
    assert camp["location"]["label"] in cities


def test_cee_meeting_host_countries(loaded_store: OxigraphStore) -> None:
    data = data_of(loaded_store, '{ node(id: "Q18694077") { ... on EventSeries { events { id country { label } } } } }')
    countries = {e["country"]["label"] for e in data["node"]["events"] if e["country"]}
    assert {"Serbia", "Ukraine", "Georgia", "North Macedonia", "Türkiye"} <= countries


def test_affiliates_that_organized_more_than_one_event(loaded_store: OxigraphStore) -> None:
    data = data_of(
        loaded_store, "{ organizations(filter: { minEvents: 2 }, first: 100) { totalCount nodes { id eventCount } } }"
    )
    counts = {n["id"]: n["eventCount"] for n in data["organizations"]["nodes"]}
    assert all(n >= 2 for n in counts.values())
    assert counts["eg:wmturkic"] >= 2
    assert counts["Q8288"] >= 2
    everyone = data_of(loaded_store, "{ organizations(first: 100) { totalCount nodes { eventCount } } }")
    assert sum(1 for n in everyone["organizations"]["nodes"] if n["eventCount"] >= 2) == len(counts)


def test_grants_requested_per_series_with_currency(loaded_store: OxigraphStore) -> None:
    data = data_of(loaded_store, "{ eventSeries(first: 50) { nodes { id grantTotals { currency amount grants } } } }")
    totals = {n["id"]: {t["currency"]: t for t in n["grantTotals"]} for n in data["eventSeries"]["nodes"]}
    turkic = totals["eg:turkic-wikimedia-conference"]
    assert turkic["USD"]["amount"] == "61740"
    assert turkic["USD"]["grants"] == 1
    assert all(len(currency) == 3 for series in totals.values() for currency in series)
