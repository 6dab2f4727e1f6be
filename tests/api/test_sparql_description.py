"""GET /sparql without a query: the SPARQL 1.1 Service Description, content-negotiated (a browser gets the form)."""

from __future__ import annotations

import warnings

import pytest
import rdflib
from rdflib.compare import isomorphic
from starlette.testclient import TestClient

from eventgraph.store.oxigraph import OxigraphStore

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = rdflib.Namespace("http://www.w3.org/ns/formats/")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
PARSERS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


def parse(body: bytes, media: str) -> rdflib.Graph:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"(Dataset|ConjunctiveGraph)[ .].*deprecated", DeprecationWarning)
        return rdflib.Graph().parse(data=body, format=PARSERS[media])


def test_without_accept_the_description_is_turtle(client: TestClient, loaded_store: OxigraphStore) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = parse(response.content, "text/turtle")
    (service,) = graph.subjects(rdflib.RDF.type, SD.Service)
    assert str(service) == "http://testserver/sparql"
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.resultFormat, FORMATS.SPARQL_Results_JSON) in graph
    dataset = graph.value(service, SD.defaultDataset)
    assert (dataset, SD.defaultGraph, None) in graph
    names = {graph.value(n, SD.name) for n in graph.objects(dataset, SD.namedGraph)}
    sources = loaded_store.sources()
    assert {rdflib.URIRef(s.graph) for s in sources} <= names
    source = sources[0]
    named = next(
        n for n in graph.objects(dataset, SD.namedGraph) if graph.value(n, SD.name) == rdflib.URIRef(source.graph)
    )
    triples = graph.value(graph.value(named, SD.graph), VOID.triples)
    assert isinstance(triples, rdflib.Literal)
    assert triples.toPython() == source.triples


@pytest.mark.parametrize("media", sorted(PARSERS))
def test_every_serialization_says_the_same(client: TestClient, media: str) -> None:
    reference = parse(client.get("/sparql", headers={"accept": "text/turtle"}).content, "text/turtle")
    response = client.get("/sparql", headers={"accept": f"image/png;q=0.5, {media}"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert response.headers["vary"] == "Accept"
    assert isomorphic(parse(response.content, media), reference)


def test_a_browser_gets_the_form_and_an_unknown_type_is_refused(client: TestClient) -> None:
    page = client.get("/sparql", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200
    assert "<form" in page.text
    refused = client.get("/sparql", headers={"accept": "image/png"})
    assert refused.status_code == 406


def test_parameters_without_a_query_are_still_a_bad_request(client: TestClient) -> None:
    assert client.get("/sparql", params={"format": "json"}).status_code == 400
