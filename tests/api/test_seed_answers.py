"""Real answers from the transcribed seed pages, through the GraphQL schema."""

from __future__ import annotations

from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import data_of

TURKIC_2023 = """
query { node(id: "eg:turkic-wikimedia-conference-2023") {
  ... on Event {
    label startDate endDate status kind
    attendance { text count lowerBound qualifier }
    location { id label qid kind }
    country { id label }
    series { id label }
    organizers { organization { id label shortName kind } }
  } } }
"""


def test_turkic_2023_is_in_istanbul_organized_by_both_user_groups(loaded_store: OxigraphStore) -> None:
    event = data_of(loaded_store, TURKIC_2023)["node"]
    assert (event["startDate"], event["endDate"]) == ("2023-10-20", "2023-10-22")
    assert event["location"]["qid"] == "Q406"
    assert event["location"]["label"] == "Istanbul"
    assert event["country"]["id"] == "Q43"
    assert event["attendance"] == {"text": "90+", "count": None, "lowerBound": 90, "qualifier": "at-least"}
    assert event["series"]["id"] == "eg:turkic-wikimedia-conference"
    organizers = {o["organization"]["id"] for o in event["organizers"]}
    assert {"eg:wmturkic", "eg:wikimedia-community-user-group-turkey"} <= organizers


def test_turkic_editions_come_in_order_with_partial_dates(loaded_store: OxigraphStore) -> None:
    data = data_of(
        loaded_store,
        """{ node(id: "eg:turkic-wikimedia-conference") { ... on EventSeries {
             events { id startDate datesText status attendance { text lowerBound count } location { label } } } } }""",
    )
    events = [e for e in data["node"]["events"] if e["id"].startswith("eg:turkic-wikimedia-conference-")]
    assert [e["id"][-4:] for e in events] == ["2012", "2023", "2025"]
    first, _, planned = events
    assert first["attendance"]["count"] == 38
    assert first["location"]["label"] == "Almaty"
    assert planned["startDate"] == "2025", "a year stays a year"
    assert planned["status"] == "PLANNED"
    assert planned["attendance"]["text"] == "TBA"
    assert planned["attendance"]["count"] is None
    assert planned["location"]["label"] == "Baku"


def test_turksoy_and_partners_of_2012(loaded_store: OxigraphStore) -> None:
    data = data_of(
        loaded_store,
        """{ node(id: "eg:turkic-wikimedia-conference-2012") { ... on Event {
             partners { organization { id label kind } } } } }""",
    )
    partners = {p["organization"]["id"]: p["organization"]["kind"] for p in data["node"]["partners"]}
    assert {"Q180", "Q43449", "Q1993710"} <= set(partners)
    assert partners["Q1993710"] == "IGO"


def test_hackathon_series_participant_range_and_staff_limit(loaded_store: OxigraphStore) -> None:
    data = data_of(
        loaded_store,
        """{ node(id: "eg:wikimedia-hackathon") { ... on EventSeries {
             firstYear typicalMonths typicalLengthDays typicalRegion
             participants { text lowerBound upperBound }
             participantLimits { group maximum since } } } }""",
    )
    series = data["node"]
    assert series["firstYear"] == "2011"
    assert (series["participants"]["lowerBound"], series["participants"]["upperBound"]) == (200, 250)
    assert series["typicalLengthDays"] == 3
    [limit] = series["participantLimits"]
    assert (limit["maximum"], limit["since"]) == (50, "2018")


def test_both_grant_rounds_have_their_deadlines(loaded_store: OxigraphStore) -> None:
    data = data_of(
        loaded_store,
        """{ grantPrograms { id funder { id } categories { label }
             rounds { label proposalDeadline milestones { kind start end } } } }""",
    )
    [program] = [p for p in data["grantPrograms"] if p["id"] == "eg:conference-and-event-grants"]
    assert program["funder"]["id"] == "Q180"
    assert len(program["categories"]) == 3
    deadlines = sorted(r["proposalDeadline"] for r in program["rounds"])
    assert deadlines == ["2021-02-08", "2021-09-27"]
    announcements = sorted(
        m["start"] for r in program["rounds"] for m in r["milestones"] if m["kind"] == "announcement"
    )
    assert announcements == ["2021-04-02", "2021-11-19"]
