"""The researcher questions of issue 5, answered through GraphQL with exact expected results.

They run against the shipped sources (`loaded_store`): coordinates and names in Cyrillic and Arabic script come from
the gazetteer linking (loaders/sources/gazetteer-natural-earth.yaml, Natural Earth rows with Wikidata labels).
"""

from __future__ import annotations

from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import data_of

TWC = "eg:turkic-wikimedia-conference"


def test_which_affiliates_co_organized_the_turkic_wikimedia_conference_editions(loaded_store: OxigraphStore) -> None:
    data = data_of(
        loaded_store,
        """{ coOrganization(events: { series: ["eg:turkic-wikimedia-conference"] }) {
             totalEdges edges { source { id } target { id } weight kinds events { id } partnerships { id } } } }""",
    )["coOrganization"]
    edges = {(e["source"]["id"], e["target"]["id"]): e for e in data["edges"]}
    co_organizers = [pair for pair, e in edges.items() if "CO_ORGANIZERS" in e["kinds"]]
    assert co_organizers == [("eg:wikimedia-community-user-group-turkey", "eg:wmturkic")]
    together = edges[("eg:wikimedia-community-user-group-turkey", "eg:wmturkic")]
    assert (together["weight"], together["events"]) == (1, [{"id": f"{TWC}-2023"}])
    # affiliate-to-IGO: WikiBilim organized 2012, TURKSOY contributed to it and is a party to its partnership
    turksoy = edges[("Q1993710", "eg:wikibilim")]
    assert turksoy["kinds"] == ["ORGANIZER_PARTNER", "PARTNERSHIP"]
    assert (turksoy["weight"], turksoy["partnerships"]) == (2, [{"id": "eg:partnership-turksoy-twc-2012"}])
    assert set(edges) == {
        ("eg:wikimedia-community-user-group-turkey", "eg:wmturkic"),
        ("Q1993710", "eg:wikibilim"),
        ("Q180", "eg:wikibilim"),
        ("Q180", "Q1993710"),
        ("Q180", "eg:wikimedia-community-user-group-turkey"),
        ("Q180", "eg:wmturkic"),
        ("Q43449", "eg:wikibilim"),
    }
    assert data["totalEdges"] == 7
    organizers = data_of(
        loaded_store,
        """{ eventFacets(filter: { series: ["eg:turkic-wikimedia-conference"] }, by: [ORGANIZER]) {
             facets { missing buckets { key count } } } }""",
    )["eventFacets"]["facets"][0]
    assert organizers["buckets"] == [
        {"key": "eg:wikibilim", "count": 1},
        {"key": "eg:wikimedia-community-user-group-turkey", "count": 1},
        {"key": "eg:wmturkic", "count": 1},
    ]
    assert organizers["missing"] == 1, "the 2025 edition names no organizer yet"


def test_events_within_500_km_of_a_city(loaded_store: OxigraphStore) -> None:
    # Istanbul's point as the gazetteer states it (NE 5.0.0 NE_ID 1159151579: LATITUDE=41.106942, LONGITUDE=29.008056),
    # read from the graph and used as the centre; events take their venue's point, else their city's.
    centre = data_of(loaded_store, '{ node(id: "Q406") { ... on Place { coordinates { latitude longitude } } } }')
    point = centre["node"]["coordinates"]
    assert point == {"latitude": 41.106942, "longitude": 29.008056}
    near = data_of(
        loaded_store,
        """query($lat: Float!, $lon: Float!) {
             events(filter: { near: { latitude: $lat, longitude: $lon, km: 500 } }, first: 100) { nodes { id } } }""",
        {"lat": point["latitude"], "lon": point["longitude"]},
    )["events"]["nodes"]
    # the events held in Istanbul itself, by place rather than by distance:
    in_istanbul = data_of(loaded_store, '{ events(filter: { in: "Q406" }, first: 50) { nodes { id } } }')
    held_there = [n["id"] for n in in_istanbul["events"]["nodes"]]
    assert {
        "eg:wikidata-trainings-for-turkic-wikimedians-conference-2022",
        f"{TWC}-2023",
        "eg:wikimedia-cee-meeting-2024",
        "eg:wikimedia-hackathon-2025",
    } <= set(held_there)
    found = [n["id"] for n in near]
    assert set(held_there) <= set(found)
    assert f"{TWC}-2025" not in found, "Baku is about 1,750 km from Istanbul"
    assert f"{TWC}-2012" not in found, "so is Almaty, further still"


def test_events_per_year_for_a_series(loaded_store: OxigraphStore) -> None:
    data = data_of(
        loaded_store,
        """{ eventFacets(filter: { series: ["eg:turkic-wikimedia-conference"] }, by: [YEAR]) {
             total facets { dimension missing buckets { key count attendanceSum attendanceLowerBoundSum } } } }""",
    )["eventFacets"]
    assert data["total"] == 3
    [years] = data["facets"]
    assert years["dimension"] == "YEAR"
    assert years["missing"] == 0
    assert years["buckets"] == [
        {"key": "2012", "count": 1, "attendanceSum": 38, "attendanceLowerBoundSum": 38},
        {"key": "2023", "count": 1, "attendanceSum": 0, "attendanceLowerBoundSum": 90},
        {"key": "2025", "count": 1, "attendanceSum": 0, "attendanceLowerBoundSum": 0},
    ]


def test_the_path_between_the_turkic_conference_2012_and_turksoy(loaded_store: OxigraphStore) -> None:
    data = data_of(
        loaded_store,
        """{ path(from: "eg:turkic-wikimedia-conference-2012", to: "Q1993710") {
             length nodes { id } edges { relation sourceId targetId sources { id } } } }""",
    )
    assert data["path"] == [
        {
            "length": 1,
            "nodes": [{"id": f"{TWC}-2012"}, {"id": "Q1993710"}],
            "edges": [
                {
                    "relation": "PARTNER",
                    "sourceId": f"{TWC}-2012",
                    "targetId": "Q1993710",
                    "sources": [{"id": "meta-turkic-wikimedia-conference"}, {"id": "turkic-wikimedia-conference"}],
                }
            ],
        }
    ]
    through_the_partnership = data_of(
        loaded_store,
        """{ path(from: "eg:turkic-wikimedia-conference-2012", to: "Q1993710", relations: [PARTY, RELATED_EVENT]) {
             length nodes { id } edges { relation } } }""",
    )["path"]
    assert through_the_partnership == [
        {
            "length": 2,
            "nodes": [{"id": f"{TWC}-2012"}, {"id": "eg:partnership-turksoy-twc-2012"}, {"id": "Q1993710"}],
            "edges": [{"relation": "RELATED_EVENT"}, {"relation": "PARTY"}],
        }
    ]


SEARCH = """query($text: String!, $lang: String) { search(text: $text, lang: $lang) {
  entity { id } matched { value lang } field match } }"""


def test_search_in_latin_script(loaded_store: OxigraphStore) -> None:
    for text in ("turkiye", "TÜRKIYE", "Türkiye"):
        first = data_of(loaded_store, SEARCH, {"text": text})["search"][0]
        assert first == {
            "entity": {"id": "Q43"},
            "matched": {"value": "Türkiye", "lang": "en"},
            "field": "LABEL",
            "match": "EXACT",
        }
    for text in ("istanbul", "İSTANBUL", "ıstanbul"):
        first = data_of(loaded_store, SEARCH, {"text": text})["search"][0]
        assert (first["entity"]["id"], first["match"]) == ("Q406", "EXACT")


def test_search_in_cyrillic_and_arabic_script(loaded_store: OxigraphStore) -> None:
    # The gazetteer's Wikidata labels for Istanbul (Q406): ru "Стамбул", ar "إسطنبول".
    for text in ("Стамбул", "СТАМБУЛ"):
        [first, *_] = data_of(loaded_store, SEARCH, {"text": text})["search"]
        assert first == {
            "entity": {"id": "Q406"},
            "matched": {"value": "Стамбул", "lang": "ru"},
            "field": "LABEL",
            "match": "EXACT",
        }
    for text in ("إسطنبول", "اسطنبول"):  # with and without the hamza under the alef
        [first, *_] = data_of(loaded_store, SEARCH, {"text": text})["search"]
        assert first == {
            "entity": {"id": "Q406"},
            "matched": {"value": "إسطنبول", "lang": "ar"},
            "field": "LABEL",
            "match": "EXACT",
        }
    russian_only = data_of(loaded_store, SEARCH, {"text": "Стамбул", "lang": "ar"})["search"]
    assert russian_only == [], "a language narrows the names searched"
