"""The graph in Neo4j is one a Cypher user wants, and its guarantees hold on a real server."""

from __future__ import annotations

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import ConstraintError
from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.store.neo4j import Neo4jStore
from tests.store.contract.data import (
    ALPHA,
    CITY,
    COUNTRY,
    FIRST,
    LOCAL,
    SERIES,
    WIKIDATA,
    local_graph,
    source,
    wikidata_graph,
)
from tools.local_neo4j import LocalNeo4j


@pytest.fixture
def loaded(neo4j_store: Neo4jStore) -> Neo4jStore:
    neo4j_store.replace_sources([(source(LOCAL), local_graph()), (source(WIKIDATA, "wikidata"), wikidata_graph())])
    return neo4j_store


def cypher(server: LocalNeo4j, text: str, **params: object) -> list[dict[str, object]]:
    with GraphDatabase.driver(server.uri, auth=None) as driver:
        records, _, _ = driver.execute_query(text, params)
    return [r.data() for r in records]


def test_entities_have_a_label_per_class_and_relations_a_type_with_their_source(
    loaded: Neo4jStore, neo4j_server: LocalNeo4j
) -> None:
    organizers = cypher(
        neo4j_server,
        "MATCH (e:Event {iri: $alpha})-[r:ORGANIZER]->(o:Organization) RETURN o.label AS org, r.graph AS graph",
        alpha=ALPHA,
    )
    assert organizers == [{"org": "First Contract Org", "graph": LOCAL}]
    inside = cypher(
        neo4j_server,
        "MATCH (:Event {iri: $alpha})-[:LOCATION]->(:Place)-[:CONTAINED_IN*0..]->(p:Place {qid: 'Q9000001'}) "
        "RETURN p.iri AS country",
        alpha=ALPHA,
    )
    assert inside == [{"country": COUNTRY}]
    assert cypher(neo4j_server, "MATCH (s:EventSeries) RETURN s.iri AS iri") == [{"iri": SERIES}]


def test_roles_claims_and_quantities_are_nodes_with_their_source(loaded: Neo4jStore, neo4j_server: LocalNeo4j) -> None:
    roles = cypher(
        neo4j_server,
        "MATCH (:Event {iri: $alpha})-[:ORGANIZING]->(p:Participation)-[:ORGANIZATION]->(o) "
        "RETURN o.iri AS org, p.role AS role, p.graph AS graph",
        alpha=ALPHA,
    )
    assert roles == [{"org": FIRST, "role": ["host"], "graph": LOCAL}]
    figures = cypher(
        neo4j_server,
        "MATCH (:Event {iri: $alpha})-[r:ATTENDANCE]->(q:Quantity) RETURN q.value AS value, r.graph AS graph "
        "ORDER BY graph",
        alpha=ALPHA,
    )
    assert figures == [{"value": [90], "graph": LOCAL}, {"value": [120], "graph": WIKIDATA}]


def test_what_each_source_states_is_on_its_states_relationship(loaded: Neo4jStore, neo4j_server: LocalNeo4j) -> None:
    stated = cypher(
        neo4j_server,
        "MATCH (s:Source)-[st:STATES]->(:Event {iri: $alpha}) RETURN s.graph AS graph, st.startDate AS start, "
        "st.kind AS kind ORDER BY graph",
        alpha=ALPHA,
    )
    assert [(row["graph"], str(row["start"][0]), row["kind"]) for row in stated] == [  # type: ignore[index]
        (LOCAL, "2023-10-20", ["meetup"]),
        (WIKIDATA, "2023-10-20", None),
    ]


def test_iri_and_qid_are_unique(loaded: Neo4jStore, neo4j_server: LocalNeo4j) -> None:
    constraints = cypher(neo4j_server, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type")
    unique: set[tuple[tuple[str, ...], tuple[str, ...]]] = {
        (tuple(c["labelsOrTypes"]), tuple(c["properties"]))  # type: ignore[arg-type]
        for c in constraints
        if c["type"] == "UNIQUENESS"
    }
    assert {(("Resource",), ("iri",)), (("Resource",), ("qid",))} <= unique
    with pytest.raises(ConstraintError):
        cypher(neo4j_server, "CREATE (:Resource {iri: 'urn:x:other', qid: 'Q9000002'})")
    assert cypher(neo4j_server, "MATCH (r:Resource {qid: 'Q9000002'}) RETURN r.iri AS iri") == [{"iri": CITY}]


def test_sparql_answers_501_with_a_clear_message(loaded: Neo4jStore) -> None:
    with TestClient(create_app(loaded)) as client:
        response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"})
    assert response.status_code == 501
    assert "SPARQL" in response.text
    assert response.status_code != 500


def test_processes_on_one_neo4j_agree_on_the_version_and_etags(loaded: Neo4jStore, neo4j_server: LocalNeo4j) -> None:
    other = Neo4jStore.connect(neo4j_server.uri)  # another API process: its own driver and connections
    try:
        assert other.dataset_version() == loaded.dataset_version()
        with TestClient(create_app(loaded)) as one, TestClient(create_app(other)) as two:
            first, second = one.get("/queries/series-editions"), two.get("/queries/series-editions")
            assert first.headers["etag"] == second.headers["etag"]
            loaded.replace_source(source(LOCAL), local_graph()[:-3])
            assert two.get("/queries/series-editions").headers["etag"] != second.headers["etag"]
        assert other.dataset_version() == loaded.dataset_version()
    finally:
        other.close()
