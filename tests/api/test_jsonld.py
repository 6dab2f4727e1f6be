"""JSON-LD answers: the same data with @context, @id and @type, parsed back into triples with rdflib."""

from __future__ import annotations

import warnings

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from starlette.testclient import TestClient

from eventgraph.api.http.jsonld import GQL
from eventgraph.model import EG, iri_of
from eventgraph.store.oxigraph import OxigraphStore

EGNS = Namespace(EG)
EVENT_ID = "eg:turkic-wikimedia-conference-2023"
EVENT = URIRef(iri_of(EVENT_ID) or "")
LD = {"accept": "application/ld+json"}
QUERY = """
query ($id: ID!) {
  node(id: $id) {
    ... on Event {
      label kind status startDate
      location { id label }
      organizers { role organization { id label } }
      venueAlias: location { id }
    }
  }
}
"""


def _parse(text: str) -> Graph:
    with warnings.catch_warnings():
        # rdflib 7.6's JSON-LD parser goes through its own deprecated ConjunctiveGraph API
        warnings.filterwarnings("ignore", r"(Dataset|ConjunctiveGraph)[ .].*deprecated", DeprecationWarning)
        return Graph().parse(data=text, format="json-ld")


def _graph(client: TestClient, query: str, variables: dict[str, str]) -> tuple[Graph, dict[str, object]]:
    response = client.post("/graphql", json={"query": query, "variables": variables}, headers=LD)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    body = response.json()
    assert "@context" in body
    assert "errors" not in body
    return _parse(response.text), body


def test_entities_get_their_iris_and_ontology_properties(client: TestClient, loaded_store: OxigraphStore) -> None:
    graph, body = _graph(client, QUERY, {"id": EVENT_ID})
    node = body["data"]["node"]  # type: ignore[index]
    assert node["@id"] == str(EVENT)
    assert node["label"] == "Turkic Wikimedia Conference 2023", "the same data, keys unchanged"
    place = URIRef(iri_of(node["location"]["id"]) or "")
    assert (EVENT, RDF.type, EGNS.Event) in graph
    assert (EVENT, RDFS.label, Literal("Turkic Wikimedia Conference 2023")) in graph
    assert (EVENT, EGNS.location, place) in graph
    assert (place, RDFS.label, Literal("Istanbul")) in graph
    assert (EVENT, EGNS.kind, Literal("conference")) in graph, "enum values are written as stored"
    stored = loaded_store.select(f"SELECT DISTINCT ?o WHERE {{ <{EVENT}> <{EG}location> ?o }}")
    assert [row["o"] for row in stored] == [str(place)], "the same triple the store holds"
    organizers = set(graph.objects(None, EGNS.organization))
    assert URIRef(iri_of("eg:wmturkic") or "") in organizers


def test_aliases_and_plumbing_stay_in_the_graphql_vocabulary(client: TestClient) -> None:
    graph, _ = _graph(client, QUERY, {"id": EVENT_ID})
    assert (EVENT, URIRef(GQL + "venueAlias"), None) in graph
    assert (None, URIRef(GQL + "data"), None) in graph
    assert not [p for p in graph.predicates(EVENT, None) if str(p) == GQL + "label"]


def test_inverse_lists_become_reverse_properties(client: TestClient) -> None:
    query = "query ($id: ID!) { node(id: $id) { ... on Organization { id kind events { id } } } }"
    graph, _ = _graph(client, query, {"id": "eg:wmturkic"})
    organization = URIRef(iri_of("eg:wmturkic") or "")
    assert (EVENT, EGNS.organizer, organization) in graph
    assert (organization, EGNS.organizationKind, Literal("user-group")) in graph


def test_a_persisted_query_answers_in_json_ld_too(client: TestClient) -> None:
    response = client.get("/queries/series-editions", headers=LD)
    graph = _parse(response.text)
    assert (EVENT, EGNS.series, URIRef(iri_of("eg:turkic-wikimedia-conference") or "")) in graph


def test_the_context_is_served(client: TestClient) -> None:
    context = client.get("/graphql/context.jsonld").json()["@context"]
    assert context["Event"]["@id"] == "eg:Event"
