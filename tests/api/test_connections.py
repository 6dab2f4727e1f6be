"""Filters, ordering, cursor pagination, request guards and the round-trip bound."""

from __future__ import annotations

from typing import Any

from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import CountingReader, data_of, run_query

EVENTS = """query($filter: EventFilter, $first: Int, $after: String, $order: EventOrder) {
  events(filter: $filter, first: $first, after: $after, orderBy: $order) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id startDate } } nodes { id } } }"""


def events(store: OxigraphStore, **variables: Any) -> dict[str, Any]:
    result: dict[str, Any] = data_of(store, EVENTS, variables)["events"]
    return result


def test_filters_combine(loaded_store: OxigraphStore) -> None:
    in_turkiye_2023 = events(loaded_store, filter={"country": ["Q43"], "year": 2023})
    ids = [n["id"] for n in in_turkiye_2023["nodes"]]
    assert "eg:turkic-wikimedia-conference-2023" in ids
    assert all(e["node"]["startDate"].startswith("2023") for e in in_turkiye_2023["edges"])
    by_wmturkic = events(
        loaded_store, filter={"organizer": ["eg:wmturkic"], "series": ["eg:turkic-wikimedia-conference"]}
    )
    assert {n["id"] for n in by_wmturkic["nodes"]} >= {"eg:turkic-wikimedia-conference-2023"}
    assert "eg:turkic-wikimedia-conference-2012" not in {n["id"] for n in by_wmturkic["nodes"]}
    nothing = events(loaded_store, filter={"country": ["Q43"], "year": 2012})
    assert nothing["totalCount"] == 0
    assert nothing["nodes"] == []


def test_a_year_dated_event_overlaps_a_range_touching_that_year(loaded_store: OxigraphStore) -> None:
    page = events(
        loaded_store, filter={"series": ["eg:turkic-wikimedia-conference"], "from": "2025-12-01", "to": "2026-01-31"}
    )
    assert [n["id"] for n in page["nodes"]] == ["eg:turkic-wikimedia-conference-2025"]


def test_cursor_pagination_walks_every_result_once(loaded_store: OxigraphStore) -> None:
    total = events(loaded_store, first=0)["totalCount"]
    assert total >= 3
    seen: list[str] = []
    after = None
    while True:
        page = events(loaded_store, first=2, after=after)
        seen += [n["id"] for n in page["nodes"]]
        assert page["totalCount"] == total
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == total == len(set(seen))


def test_order_by_start_date_descending(loaded_store: OxigraphStore) -> None:
    page = events(loaded_store, filter={"series": ["eg:turkic-wikimedia-conference"]}, order={"direction": "DESC"})
    assert [n["id"][-4:] for n in page["nodes"]][:3] == ["2025", "2023", "2012"]


def test_absurd_page_size_is_a_clear_error(loaded_store: OxigraphStore) -> None:
    response = run_query(loaded_store, EVENTS, {"first": 100000})
    [error] = response["errors"]
    assert "between 0 and 100" in error["message"]
    assert error["extensions"]["code"] == "PAGE_SIZE_LIMIT"


def test_bad_cursor_and_bad_id_are_client_errors(loaded_store: OxigraphStore) -> None:
    [error] = run_query(loaded_store, EVENTS, {"after": "not-a-cursor"})["errors"]
    assert error["extensions"]["code"] == "INVALID_CURSOR"
    [error] = run_query(loaded_store, EVENTS, {"filter": {"organizer": ["Wikimedia"]}})["errors"]
    assert "is not an id" in error["message"]
    assert error["extensions"]["code"] == "INVALID_ARGUMENT"


def test_deep_nesting_is_refused(loaded_store: OxigraphStore) -> None:
    inner = "id"
    for _ in range(8):
        inner = f"series {{ events {{ {inner} }} }}"
    response = run_query(loaded_store, f"{{ events(first: 1) {{ nodes {{ {inner} }} }} }}")
    assert any("exceeds maximum operation depth" in e["message"] for e in response["errors"])


def test_too_many_aliases_are_refused(loaded_store: OxigraphStore) -> None:
    query = "{ " + " ".join(f"a{i}: sources {{ id }}" for i in range(40)) + " }"
    response = run_query(loaded_store, query)
    assert any("aliases" in e["message"].lower() for e in response["errors"])


def test_unknown_ids_give_null_not_errors(loaded_store: OxigraphStore) -> None:
    data = data_of(loaded_store, '{ node(id: "eg:no-such-thing") { id } entity(qid: "Q9000001") { id } }')
    assert data == {"node": None, "entity": None}


def test_label_falls_back_through_the_chain(loaded_store: OxigraphStore) -> None:
    data = data_of(
        loaded_store,
        '{ entity(qid: "Q406") { en: label(lang: "en") xx: label(lang: "xx") fb: label(lang: "xx", fallback: ["en"]) '
        "labels { value lang } qid wikidataUrl } }",
    )
    place = data["entity"]
    assert place["en"] == place["xx"] == place["fb"] == "Istanbul"
    assert place["wikidataUrl"] == "https://www.wikidata.org/wiki/Q406"


ROUND_TRIP = """query($first: Int) { events(first: $first) { nodes {
  id location { label contains { id } } country { label } series { label events { id } }
  organizers { organization { label events { id } } } partners { organization { label } } } } }"""


def test_store_round_trips_are_bounded_by_depth_not_rows(loaded_store: OxigraphStore) -> None:
    few, many = CountingReader(loaded_store), CountingReader(loaded_store)
    small = data_of(few, ROUND_TRIP, {"first": 2})
    large = data_of(many, ROUND_TRIP, {"first": 100})
    assert len(large["events"]["nodes"]) > 10 * len(small["events"]["nodes"]) / 2
    assert len(many.calls) <= 20, many.calls
    assert len(many.calls) <= len(few.calls) + 4, (few.calls, many.calls)


def test_a_record_id_still_finds_an_entity_known_by_its_qid(loaded_store: OxigraphStore) -> None:
    data = data_of(loaded_store, '{ node(id: "eg:istanbul") { id ... on Place { qid label } } }')
    assert data["node"] == {"id": "Q406", "qid": "Q406", "label": "Istanbul"}
