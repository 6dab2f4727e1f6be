"""The RDF exports (Turtle, JSON-LD, from the dump) and the dataset version every export states."""

from __future__ import annotations

import json
import re
import warnings
from collections import Counter
from pathlib import Path

import pytest
import rdflib

from eventgraph.errors import ClientError
from eventgraph.exports.build import export
from eventgraph.model import EG_ID, EG_SOURCE, Iri, Literal, SourceInfo, Triple
from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import SOURCES_DIR, load_local

TWC_2012 = EG_ID + "turkic-wikimedia-conference-2012"


def _quads_per_graph(store: OxigraphStore) -> Counter[str]:
    return Counter(line.rsplit(b" ", 2)[-2].decode()[1:-1] for line in store.dump().splitlines() if line.strip())


def _entities(store: OxigraphStore) -> set[str]:
    rows = store.select(
        "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e a ?c } "
        "FILTER(?g != <https://w3id.org/eventgraph/meta> && isIRI(?e) "
        "&& STRSTARTS(STR(?c), 'https://w3id.org/eventgraph/ontology#')) }"
    )
    return {r["e"] for r in rows}


# ---------------------------------------------------------------- the dataset version


def test_version_is_stable_across_reloads_and_changes_with_the_data(tmp_path: Path) -> None:
    with OxigraphStore.open(tmp_path / "store") as store:
        load_local(store, SOURCES_DIR)
        first = store.dataset_version()
        load_local(store, SOURCES_DIR)  # a reload: new load times in the metadata graph, same data
        assert store.dataset_version() == first
    with OxigraphStore.open(tmp_path / "store") as reopened:
        assert reopened.dataset_version() == first
        extra = SourceInfo(graph=EG_SOURCE + "test-extra", title="test", url="https://example.org/", kind="local")
        triple = Triple(Iri(EG_ID + "test-thing"), Iri("http://www.w3.org/2000/01/rdf-schema#label"), Literal("x"))
        reopened.replace_source(extra, [triple])
        assert reopened.dataset_version() != first
        reopened.remove_source(extra.graph)
        assert reopened.dataset_version() == first
    other = OxigraphStore.in_memory()
    load_local(other, SOURCES_DIR)
    assert other.dataset_version() == first  # the same data elsewhere: the same version
    assert re.fullmatch("[0-9a-f]{64}", first)  # sha256, hex


# ---------------------------------------------------------------- formats


def test_unknown_format_is_a_client_error(loaded_store: OxigraphStore) -> None:
    with pytest.raises(ClientError):
        export(loaded_store, "xlsx")


def test_turtle_holds_every_distinct_triple_and_states_version_and_sources(loaded_store: OxigraphStore) -> None:
    built = export(loaded_store, "turtle")
    (file,) = built.files
    text = file.content.decode()
    graph = rdflib.Graph().parse(data=text, format="turtle")
    distinct = loaded_store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(?g != <https://w3id.org/eventgraph/meta>) } }"
    )
    assert len(graph) == int(distinct[0]["n"])
    header = text.split("@prefix", 1)[0]
    assert f"# dataset version: {loaded_store.dataset_version()}" in header
    for source in loaded_store.sources():
        assert f"<{source.graph}> {source.title}" in header


def test_jsonld_parses_into_the_triples_the_store_holds(loaded_store: OxigraphStore) -> None:
    built = export(loaded_store, "jsonld")
    dataset = rdflib.Dataset()
    with warnings.catch_warnings():
        # rdflib 7.6's JSON-LD parser goes through its own deprecated ConjunctiveGraph API
        warnings.filterwarnings("ignore", r"(Dataset|ConjunctiveGraph)[ .].*deprecated", DeprecationWarning)
        dataset.parse(data=built.files[0].content, format="json-ld")
    parsed = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    expected = _quads_per_graph(loaded_store)
    assert {g: n for g, n in parsed.items() if g in expected} == dict(expected)  # every source graph, triple for triple
    assert json.loads(built.files[0].content)["@context"]["eg"] == "https://w3id.org/eventgraph/ontology#"
    schema = rdflib.Namespace("http://schema.org/")
    default = dataset.graph(rdflib.URIRef("urn:x-rdflib:default"))
    version = loaded_store.dataset_version()
    assert (None, schema.version, rdflib.Literal(version)) in default
    parts = set(default.objects(None, schema.hasPart))
    assert parts == {rdflib.URIRef(s.graph) for s in loaded_store.sources()}
