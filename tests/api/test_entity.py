"""/entity/{id}: one entity as JSON-LD, Turtle or an HTML page, chosen by the Accept header."""

from __future__ import annotations

import json
import warnings
from html.parser import HTMLParser

import pytest
import rdflib
from rdflib.compare import isomorphic
from starlette.testclient import TestClient

from eventgraph.model import EG_ID, WD, P
from eventgraph.store.oxigraph import OxigraphStore

TWC_2012 = EG_ID + "turkic-wikimedia-conference-2012"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class _Page(HTMLParser):
    """The links and the visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}  # href -> text of the first link there
        self.pairs: set[tuple[str, str]] = set()
        self.text: list[str] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._href is not None:
            self.links.setdefault(self._href, data)
            self.pairs.add((self._href, data))


def parse_jsonld(text: str) -> rdflib.Graph:
    with warnings.catch_warnings():
        # rdflib 7.6's JSON-LD parser goes through its own deprecated ConjunctiveGraph API
        warnings.filterwarnings("ignore", r"(Dataset|ConjunctiveGraph)[ .].*deprecated", DeprecationWarning)
        return rdflib.Graph().parse(data=text, format="json-ld")


def _page(client: TestClient, short: str) -> _Page:
    response = client.get(f"/entity/{short}", headers={"accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    parsed = _Page()
    parsed.feed(response.text)
    return parsed


def _describe(client: TestClient, iri: str) -> rdflib.Graph:
    response = client.get("/sparql", params={"query": f"DESCRIBE <{iri}>"}, headers={"accept": "application/n-triples"})
    assert response.status_code == 200
    return rdflib.Graph().parse(data=response.text, format="nt")


def test_json_ld_is_the_default_and_holds_what_the_store_holds(client: TestClient) -> None:
    response = client.get("/entity/eg:turkic-wikimedia-conference-2012")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json"
    assert response.headers["vary"] == "Accept"
    document = json.loads(response.text)
    assert document["@context"]["eg"] == "https://w3id.org/eventgraph/ontology#"  # schema/context.jsonld, inline
    graph = parse_jsonld(response.text)
    assert isomorphic(graph, _describe(client, TWC_2012))
    assert (rdflib.URIRef(TWC_2012), rdflib.URIRef(P.location), rdflib.URIRef(WD + "Q35493")) in graph


def test_turtle_by_accept_or_by_format_parameter(client: TestClient) -> None:
    by_accept = client.get("/entity/eg:turkic-wikimedia-conference-2012", headers={"accept": "text/turtle"})
    by_parameter = client.get("/entity/eg:turkic-wikimedia-conference-2012", params={"format": "turtle"})
    assert by_accept.headers["content-type"].startswith("text/turtle")
    assert by_accept.text == by_parameter.text
    graph = rdflib.Graph().parse(data=by_accept.text, format="turtle")
    assert isomorphic(graph, _describe(client, TWC_2012))


def test_html_page_for_people(client: TestClient, loaded_store: OxigraphStore) -> None:
    page = _page(client, "eg:turkic-wikimedia-conference-2012")
    text = " ".join(page.text)
    assert "Turkic Wikimedia Conference 2012" in text
    assert page.links["/entity/Q35493"] == "Almaty"  # relations are links to the related entity's page
    assert page.links["/entity/eg:turkic-wikimedia-conference"] == "Turkic Wikimedia Conference"
    assert page.links["/entity/Q1993710"] == "TURKSOY"
    sources = {s.graph: s for s in loaded_store.sources()}
    stating = {f.graph for f in loaded_store.describe([TWC_2012])[TWC_2012].facts}
    for graph in stating:
        assert (sources[graph].url, sources[graph].title) in page.pairs  # every source that states a fact
    assert "/entity/eg:turkic-wikimedia-conference-2012?format=jsonld" in page.links


def test_html_page_links_to_wikidata_and_lists_what_points_here(client: TestClient) -> None:
    page = _page(client, "Q1993710")
    assert page.links["https://www.wikidata.org/wiki/Q1993710"] == "Q1993710"
    assert page.links["/entity/eg:turkic-wikimedia-conference-2012"] == "Turkic Wikimedia Conference 2012"
    assert "Referenced by" in page.text


def test_values_are_escaped(client: TestClient) -> None:
    response = client.get("/entity/eg:turkic-wikimedia-conference-2012", headers={"accept": "text/html"})
    assert "&quot;Organizers of the 2012 Almaty conference&quot;" in response.text  # a note quoting the page


def test_unknown_ids_and_unacceptable_types(client: TestClient) -> None:
    assert client.get("/entity/Q9000001").status_code == 404
    assert client.get("/entity/not-an-id").status_code == 404
    assert client.get("/entity/eg:turkic-wikimedia-conference-2012", headers={"accept": "image/png"}).status_code == 406


def test_an_alias_id_redirects_to_the_entity(client: TestClient) -> None:
    found = client.get(
        "/sparql",
        params={
            "query": "SELECT ?entity ?alias WHERE { ?entity owl:sameAs ?alias "
            "FILTER(STRSTARTS(STR(?alias), STR(egid:)) && STRSTARTS(STR(?entity), STR(wd:))) "
            "FILTER NOT EXISTS { ?alias ?p ?o } } ORDER BY ?alias LIMIT 1"
        },
    ).json()["results"]["bindings"]
    if not found:
        pytest.skip("no minted alias in the loaded data")
    entity, alias = found[0]["entity"]["value"], found[0]["alias"]["value"]
    response = client.get("/entity/eg:" + alias[len(EG_ID) :], follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/entity/" + entity[len(WD) :]
