"""/reconcile over real HTTP, with requests shaped as OpenRefine sends them, on the synthetic affiliates fixture."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.api.reconcile_client import (
    FORM,
    OpenRefineClient,
    batch_text,
    java_url_encode,
    openrefine_client,
    openrefine_query,
)
from tests.workbench import workbench_store


@pytest.fixture(scope="module")
def refine() -> Iterator[OpenRefineClient]:
    with openrefine_client(workbench_store()) as client:
        yield client


def top(result: list[dict[str, Any]]) -> tuple[str, bool]:
    return result[0]["id"], result[0]["match"]


def test_the_manifest_declares_version_0_2_and_every_service_it_offers(refine: OpenRefineClient) -> None:
    response = refine.get("/reconcile")
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    manifest = response.json()
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == refine.base + "/entity/"
    assert manifest["schemaSpace"] == "https://w3id.org/eventgraph/ontology#"
    assert {t["id"] for t in manifest["defaultTypes"]} >= {"Organization", "Event"}
    assert "{{id}}" in manifest["view"]["url"]
    assert "{{id}}" in manifest["preview"]["url"]
    assert manifest["batchSize"] == 50
    # every advertised service answers where the manifest says
    assert refine.http.get(manifest["view"]["url"].replace("{{id}}", "Q9000611")).status_code == 200
    assert refine.http.get(manifest["preview"]["url"].replace("{{id}}", "Q9000611")).status_code == 200
    for kind in ("entity", "type", "property"):
        suggest = manifest["suggest"][kind]
        assert refine.http.get(suggest["service_url"] + suggest["service_path"], params={"prefix": "a"}).is_success
    propose = manifest["extend"]["propose_properties"]
    assert refine.http.get(propose["service_url"] + propose["service_path"], params={"type": "Event"}).is_success


def test_the_manifest_as_jsonp(refine: OpenRefineClient) -> None:
    response = refine.get("/reconcile", callback="jQuery3600_1700000000")
    assert response.headers["content-type"].startswith("application/javascript")
    assert re.fullmatch(r"/\*\*/jQuery3600_1700000000\(\{.*\}\);", response.text, re.DOTALL)


def test_a_batch_of_ten_as_openrefine_sends_it(refine: OpenRefineClient) -> None:
    results = refine.reconcile(
        [
            openrefine_query("Wikimedia Alphaland", "Organization"),
            openrefine_query("WIKIMEDIA alphaland"),  # case, no type chosen
            openrefine_query("Wikimedia Alfaland", "Organization"),  # misspelt: a candidate, no match
            openrefine_query("wikimedians of betaland", "Organization"),  # an alias
            openrefine_query("WMAL", "Organization"),  # a short name
            openrefine_query("Alphaland Summit 2021", "Event"),
            openrefine_query("Alphaland Summit"),  # the series, not an edition
            openrefine_query("Q9000612"),  # an id of this service
            openrefine_query("Betaländ", "Place"),  # the German label
            openrefine_query("Nothing of the kind", "Organization"),
        ]
    )
    assert top(results[0]) == ("Q9000611", True)
    assert top(results[1]) == ("Q9000611", True)
    assert top(results[2]) == ("Q9000611", False)
    assert 80 < results[2][0]["score"] < 100
    assert top(results[3]) == ("Q9000612", True)
    assert top(results[4]) == ("Q9000611", True)
    assert top(results[5]) == ("Q9000622", True)
    assert [c["id"] for c in results[5][1:]] == ["Q9000621"], "the other edition, far below; no series (type Event)"
    assert results[5][1]["score"] < 70
    assert top(results[6]) == ("Q9000631", True)
    assert top(results[7]) == ("Q9000612", True)
    assert top(results[8]) == ("Q9000602", True)
    assert results[9] == []


def test_candidates_carry_what_openrefine_reads(refine: OpenRefineClient) -> None:
    [result] = refine.reconcile([openrefine_query("Alphaland Summit", limit=3)])
    assert 1 <= len(result) <= 3
    for candidate in result:
        assert set(candidate) >= {"id", "name", "type", "score", "match", "features"}
        assert all(set(t) == {"id", "name"} for t in candidate["type"])
        assert isinstance(candidate["score"], float)
        assert 0 <= candidate["score"] <= 100
        assert all(isinstance(f["value"], bool | float | int) for f in candidate["features"])
    scores = [c["score"] for c in result]
    assert scores == sorted(scores, reverse=True)
    assert [c["match"] for c in result] == [True] + [False] * (len(result) - 1)


def test_namesakes_are_never_a_match_unless_a_property_tells_them_apart(refine: OpenRefineClient) -> None:
    alone, by_name, by_reconciled_cell, both = refine.reconcile(
        [
            openrefine_query("Open Knowledge Circle", "Organization"),
            openrefine_query("Open Knowledge Circle", "Organization", [{"pid": "country", "v": "betaland"}]),
            openrefine_query(
                "open knowledge circle", "Organization", [{"pid": "country", "v": {"id": "Q9000601", "name": "A"}}]
            ),
            openrefine_query(
                "Open Knowledge Circle", "Organization", [{"pid": "country", "v": ["Alphaland", "Betaland"]}]
            ),
        ]
    )
    assert sorted(c["id"] for c in alone) == ["Q9000613", "eg:open-knowledge-circle-alphaland"]
    assert [c["score"] for c in alone] == [100.0, 100.0]
    assert not any(c["match"] for c in alone), "two exact namesakes: ambiguous"
    assert [(c["id"], c["match"], c["score"]) for c in by_name] == [
        ("Q9000613", True, 100.0),
        ("eg:open-knowledge-circle-alphaland", False, 75.0),  # its country contradicts
    ]
    assert top(by_reconciled_cell) == ("eg:open-knowledge-circle-alphaland", True)
    assert not any(c["match"] for c in both), "a condition both satisfy does not tell them apart"


@pytest.mark.parametrize(
    ("condition", "score", "match"),
    [
        ({"pid": "founded", "v": "2012"}, 100.0, True),  # compatible precision: '2012' and '2012-05'
        ({"pid": "founded", "v": "2012-05-17T00:00:00Z"}, 100.0, True),  # a date cell as OpenRefine sends it
        ({"pid": "founded", "v": 2013}, 75.0, False),
        ({"pid": "shortName", "v": "wmal"}, 100.0, True),
        ({"pid": "qid", "v": "Q9000611"}, 100.0, True),
        ({"pid": "eventCount", "v": 2}, 100.0, True),
        ({"pid": "startDate", "v": "2020"}, 95.0, True),  # an organization has no start date: unknown, -5
    ],
)
def test_conditions_raise_or_lower_the_score(
    refine: OpenRefineClient, condition: dict[str, Any], score: float, match: bool
) -> None:
    [result] = refine.reconcile([openrefine_query("Wikimedia Alphaland", "Organization", [condition])])
    assert (result[0]["id"], result[0]["score"], result[0]["match"]) == ("Q9000611", score, match)


def test_data_extension_answers_every_id_and_property(refine: OpenRefineClient) -> None:
    answer = refine.extend(
        ["Q9000611", "Q9000621", "eg:open-knowledge-circle-alphaland", "Q9999999"],
        ["qid", "country", "founded", "eventCount", "organizers", "startDate"],
    )
    assert [m["id"] for m in answer["meta"]] == ["qid", "country", "founded", "eventCount", "organizers", "startDate"]
    assert {m["id"]: m.get("type") for m in answer["meta"]}["country"] == {"id": "Place", "name": "Place"}
    rows = answer["rows"]
    assert rows["Q9000611"] == {
        "qid": [{"str": "Q9000611"}],
        "country": [{"id": "Q9000601", "name": "Alphaland"}],
        "founded": [{"str": "2012-05"}],  # as precise as the source: never widened to a day
        "eventCount": [{"int": 2}],
        "organizers": [],
        "startDate": [],
    }
    assert rows["Q9000621"]["organizers"] == [  # by name
        {"id": "Q9000612", "name": "Betaland Wikimedians"},
        {"id": "Q9000611", "name": "Wikimedia Alphaland"},
    ]
    assert rows["Q9000621"]["startDate"] == [{"str": "2020-06-01"}]
    assert rows["eg:open-knowledge-circle-alphaland"]["qid"] == []
    assert rows["Q9999999"] == {p: [] for p in rows["Q9000611"]}, "an unknown id: every property, no value"


def test_property_proposals_follow_the_type(refine: OpenRefineClient) -> None:
    organization = refine.get("/reconcile/properties", type="Organization", limit="3").json()
    assert organization == {
        "type": "Organization",
        "limit": 3,
        "properties": [
            {"id": "qid", "name": "Wikidata QID"},
            {"id": "country", "name": "Country"},
            {"id": "kind", "name": "Kind"},
        ],
    }
    event = {p["id"] for p in refine.get("/reconcile/properties", type="Event").json()["properties"]}
    assert {"startDate", "series", "organizers"} <= event
    assert "founded" not in event


def test_suggest_entities_types_and_properties(refine: OpenRefineClient) -> None:
    entities = refine.get("/reconcile/suggest/entity", prefix="alpha", type="Event").json()["result"]
    assert [e["id"] for e in entities] == ["Q9000621", "Q9000622"]
    assert entities[0]["notable"] == [{"id": "Event", "name": "Event"}]
    by_id = refine.get("/reconcile/suggest/entity", prefix="Q9000615").json()["result"]
    assert by_id[0]["id"] == "Q9000615"
    types = refine.get("/reconcile/suggest/type", prefix="ser").json()["result"]
    assert types == [{"id": "EventSeries", "name": "Event series"}]
    properties = refine.get("/reconcile/suggest/property", prefix="coun").json()["result"]
    assert [p["id"] for p in properties] == ["country"]
    jsonp = refine.get("/reconcile/suggest/entity", prefix="beta", callback="cb")
    assert jsonp.text.startswith("/**/cb({")
    assert "Q9000602" in jsonp.text


def test_the_preview_is_a_small_page_that_runs_nothing(refine: OpenRefineClient) -> None:
    response = refine.get("/reconcile/preview", id="Q9000621")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert "Alphaland Summit 2020" in response.text
    assert "<script" not in response.text
    assert "<th>Start date</th><td>2020-06-01</td>" in response.text
    assert refine.get("/reconcile/preview", id="Q9999999").status_code == 404
    assert refine.get("/reconcile/preview").status_code == 400


def test_a_cors_preflight_is_answered(refine: OpenRefineClient) -> None:
    response = refine.http.options(
        refine.base + "/reconcile",
        headers={"Origin": "https://refine.example", "Access-Control-Request-Method": "POST"},
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "POST" in response.headers["access-control-allow-methods"]


@pytest.mark.parametrize(
    ("cell", "type_id", "record"),
    [
        # meta-affiliates.yaml: label "Wikimedians of the Levant User Group", aliases [Wikimedia Levant]
        ("WIKIMEDIA LEVANT", "Organization", "eg:wikimedians-of-the-levant-user-group"),
        # meta-affiliates.yaml: label "Wikimedians of Turkic Languages User Group", short_name WMTurkic
        ("wmturkic", "Organization", "eg:wmturkic"),
        # turkic-wikimedia-conference.yaml: the 2023 edition, one of three editions with the same name but the year
        ("Turkic Wikimedia Conference 2023", "Event", "eg:turkic-wikimedia-conference-2023"),
    ],
)
def test_names_the_shipped_sources_state_reconcile_to_their_record(
    client: TestClient, cell: str, type_id: str, record: str
) -> None:
    expected = client.post("/graphql", json={"query": f'{{ node(id: "{record}") {{ id }} }}'}).json()
    body = "queries=" + java_url_encode(batch_text([openrefine_query(cell, type_id)]))
    response = client.post("/reconcile", content=body.encode(), headers={"Content-Type": FORM})
    assert top(response.json()["q0"]) == (expected["data"]["node"]["id"], True)


def test_a_batch_by_get_answers_as_by_post(refine: OpenRefineClient) -> None:
    queries = batch_text([openrefine_query("wmal", "Organization")])
    by_get = refine.get("/reconcile", queries=queries)
    assert by_get.status_code == 200
    assert by_get.json() == refine.post_form("queries", queries).json()
    extend = '{"ids":["Q9000611"],"properties":[{"id":"shortName"}]}'
    assert refine.get("/reconcile", extend=extend).json()["rows"] == {"Q9000611": {"shortName": [{"str": "WMAL"}]}}
