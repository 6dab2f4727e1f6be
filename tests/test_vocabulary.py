"""The vocabulary table of `eventgraph.model` against the ontology, shapes and JSON-LD context; its views."""

from __future__ import annotations

import json
from typing import Any

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH, SKOS

from eventgraph.api.http.jsonld import CONTEXT
from eventgraph.api.linked_data import _INBOUND
from eventgraph.api.types.enums import EventKind, OrganizationKind, PlaceKind
from eventgraph.api.types.network import Relation
from eventgraph.model import EG, RELATIONS, VOCABULARY, EntityClass, Shape, Use, Vocabulary, property_iri
from eventgraph.resources import schema_file
from loaders.local_schema import FIELDS

EGNS = Namespace(EG)
_PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property}
_JSONLD_TYPES = {
    Shape.REF: "@id",
    Shape.REFS: "@id",
    Shape.URL: "@id",
    Shape.INT: "xsd:integer",
    Shape.DAY: "xsd:date",
    Shape.BOOLEAN: "xsd:boolean",
    Shape.COORDINATES: "geo:wktLiteral",
    Shape.TERM: "@vocab",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(schema_file("eventgraph.ttl"), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(schema_file("shapes.ttl"), format="turtle")


@pytest.fixture(scope="module")
def export_context() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_file("context.jsonld").read_text(encoding="utf-8"))["@context"]
    return loaded


def _ours() -> set[str]:
    return {u.iri for u in VOCABULARY if u.iri.startswith(EG)}


def test_every_property_of_the_table_is_declared_in_the_ontology_and_back(ontology: Graph) -> None:
    declared = {
        str(s)
        for kind in _PROPERTY_TYPES
        for s in ontology.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(EG)
    }
    declared.discard(EG + "allowedValues")  # links a property to its concept scheme: about the ontology itself
    assert sorted(_ours() - declared) == [], "in model.VOCABULARY, not in schema/eventgraph.ttl"
    assert sorted(declared - _ours()) == [], "in schema/eventgraph.ttl, not in model.VOCABULARY"


@pytest.mark.parametrize("vocabulary", list(Vocabulary), ids=lambda v: v.name)
def test_each_closed_vocabulary_is_its_concept_scheme(ontology: Graph, vocabulary: Vocabulary) -> None:
    scheme = URIRef(vocabulary.scheme)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology, f"{vocabulary.scheme} is no concept scheme"
    notations = {str(ontology.value(c, SKOS.notation)) for c in ontology.subjects(SKOS.inScheme, scheme)}
    assert notations == set(vocabulary.values)


def _sh_in(shapes: Graph, cls: str, name: str) -> set[str] | None:
    for node_shape in shapes.subjects(SH.targetClass, EGNS[cls]):
        for prop in shapes.objects(node_shape, SH.property):
            if shapes.value(prop, SH.path) == EGNS[name] and (listed := shapes.value(prop, SH["in"])) is not None:
                return {str(v) for v in Collection(shapes, listed)}
    return None


CHOICES = [(u, cls) for u in VOCABULARY if u.vocabulary and u.shape is Shape.CHOICE for cls in u.on]


@pytest.mark.parametrize(("use", "cls"), CHOICES, ids=[f"{c}.{u.name}" for u, c in CHOICES])
def test_the_shapes_allow_exactly_the_vocabulary(shapes: Graph, use: Use, cls: str) -> None:
    allowed = _sh_in(shapes, cls, use.name)
    if allowed is None:
        pytest.skip(f"no shape with sh:in for {cls} eg:{use.name} (checked where it is nested)")
    assert use.vocabulary is not None
    assert allowed == set(use.vocabulary.values)


def test_every_property_is_a_term_of_the_export_context_with_its_type(export_context: dict[str, Any]) -> None:
    wrong = []
    for use in VOCABULARY:
        if not use.iri.startswith(EG):
            continue
        term = export_context.get(use.name)
        expected_type = _JSONLD_TYPES.get(use.shape)
        found_id = term if isinstance(term, str) else (term or {}).get("@id")
        found_type = (term or {}).get("@type") if isinstance(term, dict) else None
        if found_id != "eg:" + use.name or (expected_type and found_type != expected_type):
            wrong.append((use.name, term, expected_type))
    assert wrong == []
    listed = {k for k, v in export_context.items() if k[:1].islower() and str(v).find("eg:") >= 0}
    assert sorted(listed - {u.name for u in VOCABULARY}) == [], "context terms the table lacks"


def test_the_views_are_made_from_the_table() -> None:
    assert [m.value for m in Relation] == list(RELATIONS)
    assert all(m.predicate == property_iri(m.value) for m in Relation)
    assert set(_INBOUND) == {property_iri(n) for n in RELATIONS}
    assert [m.value for m in EventKind] == list(Vocabulary.EVENT_KINDS.values)
    assert [m.value for m in OrganizationKind] == list(Vocabulary.ORGANIZATION_KINDS.values)
    assert [m.value for m in PlaceKind] == list(Vocabulary.PLACE_KINDS.values)
    for use in VOCABULARY:
        for cls in use.on:
            if use.source and cls in {c.value for c in EntityClass} and use.source not in {"note", "pages"}:
                assert FIELDS[EntityClass(cls)][use.source].predicate == use.iri
            if use.graphql and cls in CONTEXT["@context"]:
                assert use.graphql in CONTEXT["@context"][cls]["@context"], (cls, use.graphql)


def test_a_new_row_shows_up_in_every_view(monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding a property is one row: the views that are computed from the table pick it up."""
    from eventgraph.api.http import jsonld
    from loaders import local_schema

    row = Use(
        "sampleRelation", Shape.REF, ("Event",), "sample_relation", "sampleRelation", targets=(EntityClass.PLACE,)
    )
    monkeypatch.setattr("eventgraph.model.VOCABULARY", (*VOCABULARY, row))
    monkeypatch.setattr(local_schema, "VOCABULARY", (*VOCABULARY, row))
    monkeypatch.setattr(jsonld, "VOCABULARY", (*VOCABULARY, row))
    assert local_schema._fields()[EntityClass.EVENT]["sample_relation"].predicate == EG + "sampleRelation"
    assert jsonld._terms("Event")["sampleRelation"] == {"@id": "eg:sampleRelation", "@type": "@id"}
    assert row.relation
