"""/sparql over HTTP: the SPARQL 1.1 Protocol, read-only, with a time limit and a result cap."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from starlette.applications import Starlette
from starlette.testclient import TestClient

from eventgraph.api.linked_data import accepted, linked_data_routes
from eventgraph.errors import SparqlTimeoutError
from eventgraph.model import EG_ID, EG_SOURCE, Iri, Literal, SourceInfo, Triple
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.oxigraph.sparql_endpoint import SparqlEndpoint, uses_service
from eventgraph.store.protocols import SparqlLimits

TWC_2012 = EG_ID + "turkic-wikimedia-conference-2012"
LOCATION = (
    f"SELECT ?place ?label WHERE {{ <{TWC_2012}> eg:location ?place . ?place rdfs:label ?label "
    'FILTER(LANG(?label) = "en") }'
)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def limited(loaded_store: OxigraphStore) -> Iterator[TestClient]:
    """An app with a 1 s limit and a 5-row cap, over the shared loaded store."""
    app = Starlette(routes=linked_data_routes(loaded_store, SparqlLimits(timeout_s=1.0, max_rows=5)))
    with TestClient(app) as test_client:
        yield test_client


def _rows(body: bytes, fmt: ox.QueryResultsFormat) -> list[dict[str, str]]:
    """Parse a results document (with pyoxigraph, which refuses lossy CSV): the check that it is well-formed."""
    if fmt == ox.QueryResultsFormat.CSV:
        return [{k: v for k, v in row.items() if v} for row in csv.DictReader(io.StringIO(body.decode()))]
    parsed = ox.parse_query_results(body, format=fmt)
    assert isinstance(parsed, ox.QuerySolutions)
    names = [v.value for v in parsed.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in parsed]


def test_select_over_get_in_json(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": LOCATION})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    body = response.json()
    assert body["head"]["vars"] == ["place", "label"]
    assert _rows(response.content, ox.QueryResultsFormat.JSON) == [
        {"place": "http://www.wikidata.org/entity/Q35493", "label": "Almaty"}
    ]


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/csv", ox.QueryResultsFormat.CSV),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ],
)
def test_select_over_post_in_every_result_format(client: TestClient, accept: str, fmt: ox.QueryResultsFormat) -> None:
    response = client.post(
        "/sparql", content=LOCATION, headers={"content-type": "application/sparql-query", "accept": accept}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert _rows(response.content, fmt) == [{"place": "http://www.wikidata.org/entity/Q35493", "label": "Almaty"}]


def test_form_post_and_format_parameter(client: TestClient) -> None:
    response = client.post("/sparql", data={"query": LOCATION, "format": "csv"})
    assert response.status_code == 200
    assert response.text.splitlines() == ["place,label", "http://www.wikidata.org/entity/Q35493,Almaty"]


def test_ask(client: TestClient) -> None:
    yes = client.get("/sparql", params={"query": f"ASK {{ <{TWC_2012}> a eg:Event }}"})
    no = client.get("/sparql", params={"query": f"ASK {{ <{TWC_2012}> a eg:Place }}"})
    assert yes.status_code == no.status_code == 200
    assert yes.json() == {"head": {}, "boolean": True}
    assert no.json()["boolean"] is False


def test_construct_answers_turtle(client: TestClient, loaded_store: OxigraphStore) -> None:
    query = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a eg:Event ; rdfs:label ?l }"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    expected = loaded_store.select(
        "PREFIX eg: <https://w3id.org/eventgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?e ?l WHERE { GRAPH ?g { ?e a eg:Event } "
        "GRAPH ?h { ?e rdfs:label ?l } } }"
    )
    assert len(graph) == int(expected[0]["n"]) > 0
    assert (
        rdflib.URIRef(TWC_2012),
        rdflib.RDFS.label,
        rdflib.Literal("Turkic Wikimedia Conference 2012", lang="en"),
    ) in graph


def test_describe_answers_turtle_or_ntriples(client: TestClient) -> None:
    turtle = client.get("/sparql", params={"query": f"DESCRIBE <{TWC_2012}>"})
    ntriples = client.get(
        "/sparql", params={"query": f"DESCRIBE <{TWC_2012}>"}, headers={"accept": "application/n-triples"}
    )
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert ntriples.headers["content-type"].startswith("application/n-triples")
    a = rdflib.Graph().parse(data=turtle.text, format="turtle")
    b = rdflib.Graph().parse(data=ntriples.text, format="nt")
    assert len(a) == len(b) > 20


def test_default_graph_is_the_union_of_sources_and_each_source_is_a_named_graph(
    client: TestClient, loaded_store: OxigraphStore
) -> None:
    graphs = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}).json()
    named = {b["g"]["value"] for b in graphs["results"]["bindings"]}
    assert named == {s.graph for s in loaded_store.sources()} | {"https://w3id.org/eventgraph/meta"}
    in_default = client.get(
        "/sparql", params={"query": "ASK { ?source eg:tripleCount ?n }"}
    ).json()  # metadata lives in its own graph only
    assert in_default["boolean"] is False
    one = f"{EG_SOURCE}turkic-wikimedia-conference"
    scoped = client.get(
        "/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "default-graph-uri": one},
    ).json()
    assert int(scoped["results"]["bindings"][0]["n"]["value"]) == next(
        s.triples for s in loaded_store.sources() if s.graph == one
    )


def test_updates_are_refused(client: TestClient, loaded_store: OxigraphStore) -> None:
    before = loaded_store.dataset_version()
    insert = f"INSERT DATA {{ <{TWC_2012}> <http://www.w3.org/2000/01/rdf-schema#label> 'x' }}"
    as_form = client.post("/sparql", data={"update": insert})
    as_body = client.post("/sparql", content=insert, headers={"content-type": "application/sparql-update"})
    as_query = client.get("/sparql", params={"query": insert})
    as_get = client.get("/sparql", params={"update": insert})
    assert as_form.status_code == as_body.status_code == as_get.status_code == 403
    assert "read-only" in as_form.text
    assert as_query.status_code == 400
    assert loaded_store.dataset_version() == before


def test_bad_requests_are_4xx(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "SELECT ?x WHERE {"}).status_code == 400
    assert client.get("/sparql", params={"format": "json"}).status_code == 400  # no query (bare GET: the description)
    assert client.get("/sparql", headers={"accept": "text/html"}).status_code == 200  # a form for people
    assert client.post("/sparql", content=b"x", headers={"content-type": "text/plain"}).status_code == 415
    construct_as_csv = client.get(
        "/sparql", params={"query": "CONSTRUCT WHERE { ?s a eg:Event }"}, headers={"accept": "text/csv"}
    )
    assert construct_as_csv.status_code == 406
    long = client.get("/sparql", params={"query": "ASK {}" + " " * 20_001})
    assert long.status_code == 413


def test_service_is_refused_but_the_word_in_a_string_is_fine(client: TestClient) -> None:
    remote = client.get(
        "/sparql", params={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}
    )
    assert remote.status_code == 400
    assert "SERVICE" in remote.text
    harmless = client.get("/sparql", params={"query": 'SELECT * WHERE { BIND("service" AS ?x) } # SERVICE'})
    assert harmless.status_code == 200
    assert uses_service("select * { service silent <x:y> {} }")
    assert not uses_service("SELECT ?service WHERE { ?service schema:serviceType <urn:SERVICE> }")


def test_results_are_capped_and_say_so(limited: TestClient) -> None:
    response = limited.get("/sparql", params={"query": "SELECT ?e WHERE { ?e a eg:Event }"})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 5
    assert response.headers["x-sparql-maxrows"] == "5"
    small = limited.get("/sparql", params={"query": "SELECT ?e WHERE { ?e a eg:Event } LIMIT 2"})
    assert "x-sparql-maxrows" not in small.headers


def test_a_runaway_query_is_stopped_at_its_time_limit(limited: TestClient) -> None:
    limited.get("/sparql", params={"query": "ASK {}"})  # the worker is up and holds the data
    started = time.monotonic()
    response = limited.get("/sparql", params={"query": RUNAWAY})
    elapsed = time.monotonic() - started
    assert response.status_code == 400  # the query's cost is the client's: never a 5xx
    assert response.text.startswith("TIMEOUT: ")
    assert "limit of 1 s" in response.text
    assert elapsed < 4
    after = limited.get("/sparql", params={"query": f"ASK {{ <{TWC_2012}> a eg:Event }}"})
    assert after.json()["boolean"] is True  # a fresh worker took over


def _worker_pids() -> set[int]:
    """Our live worker processes, from /proc."""
    pids = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z" and b"serve_fd" in cmdline:
            pids.add(int(stat.parent.name))
    return pids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see processes")
def test_the_runaway_worker_process_is_killed() -> None:
    data = b'<urn:a> <urn:p> "1" <urn:g> .\n<urn:b> <urn:p> "2" <urn:g> .\n'
    others = _worker_pids()  # workers of the shared store's endpoint
    endpoint = SparqlEndpoint(lambda: "v1", lambda: data, workers=1)
    try:
        answer = endpoint.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", [], SparqlLimits())
        assert json.loads(answer.body)["results"]["bindings"][0]["n"]["value"] == "2"
        ours = _worker_pids() - others
        assert len(ours) == 1
        explode = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(40)) + " }"
        with pytest.raises(SparqlTimeoutError):
            endpoint.run(explode, [], SparqlLimits(timeout_s=0.5))
        assert not (ours & _worker_pids())  # killed and reaped, not left running
    finally:
        endpoint.close()


def test_accept_headers_are_ranked() -> None:
    assert accepted("text/csv;q=0.5, application/sparql-results+json, */*;q=0.1") == [
        "application/sparql-results+json",
        "text/csv",
        "*/*",
    ]
    assert accepted("text/html;q=0, text/turtle") == ["text/turtle"]
    assert accepted(None) == []


def test_workers_see_a_reload(fresh_store: OxigraphStore) -> None:
    source = SourceInfo(graph=EG_SOURCE + "test-reload", title="test", url="https://example.org/", kind="local")
    label = Iri("http://www.w3.org/2000/01/rdf-schema#label")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?o }"

    def labels() -> int:
        answer = fresh_store.sparql(count, ["application/sparql-results+json"], SparqlLimits())
        return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])

    fresh_store.replace_source(source, [Triple(Iri(EG_ID + "test-a"), label, Literal("a"))])
    assert labels() == 1
    fresh_store.replace_source(
        source, [Triple(Iri(EG_ID + "test-a"), label, Literal("a")), Triple(Iri(EG_ID + "test-b"), label, Literal("b"))]
    )
    assert labels() == 2
    fresh_store.close()
