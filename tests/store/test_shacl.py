"""The contract files under schema/: shapes catch broken data, and ontology, shapes, context and code agree."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from eventgraph.errors import StoreError
from eventgraph.model import EG, RDFS_LABEL, EntityClass, P
from eventgraph.quantities import Qualifier
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.shacl import ValidationReport, Violation, validate
from loaders import local_schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema"
SHAPES = SCHEMA / "shapes.ttl"
ONTOLOGY = SCHEMA / "eventgraph.ttl"
CONTEXT = SCHEMA / "context.jsonld"
DATA = ROOT / "tests" / "data" / "shacl"

STRUCTURED_CLASSES = (
    "Quantity",
    "Organizing",
    "Partnering",
    "Claim",
    "Citation",
    "Milestone",
    "MonetaryAmount",
    "GrantCategory",
    "ParticipantLimit",
    "CommitteeSeat",
    "Source",
    "PartyRole",
    "Involvement",
    "Figure",
    "QualifiedDate",
)
# Written by OxigraphStore._metadata into the store's metadata graph; not in model.P.
STORE_METADATA = ("title", "sourceKind", "tripleCount", "loadedAt", "retrieved", "licence", "endpoint", "extra")
# The only Wikidata ids the ontology may name: shared/reference/wikidata-ids.md, verified tables 1a (properties)
# and 1b (classes), plus the places/orgs classes used for SKOS matches.
VERIFIED_WIKIDATA = {
    "P17", "P131", "P159", "P179", "P276", "P361", "P373", "P463", "P571", "P580", "P582", "P625", "P664", "P749",
    "P856", "P859", "P1132", "P1545", "P1813", "P2541", "P2936",
    "Q1656682", "Q15275719", "Q43229", "Q625994", "Q46855", "Q16022392", "Q110799181", "Q22337472", "Q245065",
    "Q79913", "Q515", "Q6256",
}  # fmt: skip


def nquads(path: Path, *, graphs: set[str] | None = None) -> bytes:
    """A TriG fixture as the N-Quads the store's dump() returns (optionally only some named graphs)."""
    quads = ox.parse(path.read_bytes(), format=ox.RdfFormat.TRIG)
    kept = [q for q in quads if graphs is None or getattr(q.graph_name, "value", None) in graphs]
    data = ox.serialize(kept, format=ox.RdfFormat.N_QUADS)
    assert isinstance(data, bytes)
    return data


def check(path: Path) -> ValidationReport:
    return validate(nquads(path), SHAPES)


def graph_of(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def eg(local: str) -> URIRef:
    return URIRef(EG + local)


# ---------------------------------------------------------------- validation


def test_valid_dataset_conforms_with_only_the_untyped_reference_warned() -> None:
    report = check(DATA / "valid.trig")
    assert report.conforms, report.format()
    assert report.errors == ()
    assert [(w.focus, w.path, w.severity) for w in report.warnings] == [("Q9000003", "rdf:type", "Warning")]


def test_shapes_hold_for_the_union_of_named_graphs() -> None:
    # Q9000005 is typed in the local graph and labelled only in the Wikidata graph.
    local_only = validate(nquads(DATA / "valid.trig", graphs={"https://w3id.org/eventgraph/source/test-local"}), SHAPES)
    assert not local_only.conforms
    assert [(v.focus, v.path) for v in local_only.errors] == [("Q9000005", "rdfs:label")]


@pytest.mark.parametrize(
    ("fixture", "focus", "path"),
    [
        ("missing-label", "Q9000010", "rdfs:label"),
        ("bad-kind", "Q9000011", "eg:kind"),
        ("wrong-datatype", "Q9000012", "eg:startDate"),
        ("ill-typed-date", "eg:test-bad-day", "eg:startDate"),
        ("wrong-class-reference", "Q9000013", "eg:location"),
        ("quantity-without-text", "Q9000015 eg:attendance [ ]", "eg:text"),
        ("bad-amount", "eg:test-bad-grant eg:amount [ ]", "eg:currency"),
        ("milestone-without-start", "eg:test-bad-round eg:milestone [ ]", "eg:startDate"),
        ("bad-coordinates", "Q9000016", "eg:coordinates"),
        ("partnership-without-party", "eg:test-bad-partnership", "eg:party"),
        ("bad-claim", "Q9000017 eg:claim [ ]", "eg:value"),
        ("bad-claim", "Q9000017 eg:claim [ ]", "eg:preferred"),
    ],
)
def test_broken_data_fails_naming_focus_and_path(fixture: str, focus: str, path: str) -> None:
    report = check(DATA / "broken" / f"{fixture}.trig")
    assert not report.conforms
    assert (focus, path) in {(v.focus, v.path) for v in report.errors}, report.format()


def test_every_bad_amount_field_is_reported_with_its_value() -> None:
    report = check(DATA / "broken" / "bad-amount.trig")
    found = {(v.path, v.value) for v in report.errors}
    assert found == {("eg:value", '"61,740"'), ("eg:currency", '"usd"'), ("eg:amountKind", '"granted"')}


def test_values_are_shown_with_short_datatypes_and_ids() -> None:
    kind = check(DATA / "broken" / "bad-kind.trig").errors[0]
    assert (kind.value, kind.constraint) == ('"party"', "In")
    date = check(DATA / "broken" / "wrong-datatype.trig").errors[0]
    assert date.value is not None
    assert date.value.endswith("^^xsd:dateTime")
    reference = check(DATA / "broken" / "wrong-class-reference.trig").errors[0]
    assert reference.value == "Q9000014"


def test_nested_results_are_not_repeated() -> None:
    # A failed sh:node / sh:or also yields nested detail results; the report keeps the top-level one only.
    report = check(DATA / "broken" / "wrong-class-reference.trig")
    assert len(report.violations) == 1


def test_report_format_is_one_line_per_result() -> None:
    report = ValidationReport(
        conforms=False,
        violations=(
            Violation("Q9000011", "eg:kind", "kind must be one of the event kinds", "Violation", '"party"', "In"),
            Violation("Q9000003", "rdf:type", "referenced entity has no type", "Warning"),
        ),
    )
    assert report.format().splitlines() == [
        "SHACL: 1 violations, 1 warnings",
        'Violation: Q9000011 eg:kind: kind must be one of the event kinds (value: "party")',
        "Warning: Q9000003 rdf:type: referenced entity has no type",
    ]
    assert ValidationReport(conforms=True).format() == "SHACL: conforms (0 warnings)"


def test_unparseable_nquads_raise_store_error() -> None:
    with pytest.raises(StoreError, match="N-Quads"):
        validate(b"<http://example.org/a> this is not n-quads .\n", SHAPES)


def test_shipped_sources_conform(loaded_store: OxigraphStore) -> None:
    report = validate(loaded_store.dump(), SHAPES)
    assert report.conforms, report.format()


# ---------------------------------------------------------------- the schema files


@pytest.mark.parametrize("path", sorted(SCHEMA.glob("*.ttl")), ids=lambda p: p.name)
def test_schema_turtle_parses(path: Path) -> None:
    assert len(graph_of(path)) > 0


def _model_terms() -> set[str]:
    terms = {value for name, value in vars(P).items() if not name.startswith("_") and isinstance(value, str)}
    return terms | {c.iri for c in EntityClass} | {EG + name for name in STRUCTURED_CLASSES}


def test_ontology_defines_every_model_term() -> None:
    ontology = graph_of(ONTOLOGY)
    declared_kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property}
    for term in sorted(_model_terms()):
        iri = URIRef(term)
        if term.startswith(EG):
            assert set(ontology.objects(iri, RDF.type)) & declared_kinds, f"{term} is not declared"
            assert ontology.value(iri, RDFS.label) is not None, f"{term} has no rdfs:label"
            assert ontology.value(iri, RDFS.comment) is not None, f"{term} has no rdfs:comment"
        else:
            assert (iri, None, None) in ontology or (None, None, iri) in ontology, f"{term} is not mentioned"


def test_ontology_declares_no_property_the_code_lacks() -> None:
    ontology = graph_of(ONTOLOGY)
    known = _model_terms() | {EG + name for name in STORE_METADATA} | {EG + "allowedValues"}
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property, OWL.Class)
    declared = {str(s) for kind in kinds for s in ontology.subjects(RDF.type, kind) if str(s).startswith(EG)}
    assert declared - known == set()


def test_ontology_names_only_verified_wikidata_ids() -> None:
    ontology = graph_of(ONTOLOGY)
    prefixes = (
        "http://www.wikidata.org/entity/",
        "http://www.wikidata.org/prop/direct/",
        "http://www.wikidata.org/prop/",
    )
    used = {
        str(node).rsplit("/", 1)[1]
        for triple in ontology
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(prefixes)
    }
    assert used
    assert used <= VERIFIED_WIKIDATA


def _shape_enums(shapes: Graph) -> dict[str, set[tuple[str, ...]]]:
    enums: dict[str, set[tuple[str, ...]]] = {}
    for shape, listed in shapes.subject_objects(SH["in"]):
        path = shapes.value(shape, SH.path)
        values = tuple(str(v) for v in Collection(shapes, listed))
        enums.setdefault(str(path), set()).add(values)
    return enums


def test_enumerations_agree_across_loader_shapes_and_ontology() -> None:
    expected: dict[str, set[tuple[str, ...]]] = {
        P.kind: {local_schema.EVENT_KINDS},
        P.status: {local_schema.EVENT_STATUSES, local_schema.PARTNERSHIP_STATUSES},
        P.format: {local_schema.EVENT_FORMATS},
        P.org_kind: {local_schema.ORG_KINDS},
        P.recognition_status: {local_schema.RECOGNITION},
        P.place_kind: {local_schema.PLACE_KINDS},
        P.milestone_kind: {local_schema.MILESTONE_KINDS},
        P.amount_kind: {local_schema.AMOUNT_KINDS},
        P.qualifier: {tuple(q.value for q in Qualifier)},
    }
    in_shapes = _shape_enums(graph_of(SHAPES))
    ontology = graph_of(ONTOLOGY)
    for predicate, lists in expected.items():
        as_sets = {frozenset(values) for values in lists}
        assert {frozenset(values) for values in in_shapes[predicate]} == as_sets, predicate
        schemes = ontology.objects(URIRef(predicate), eg("allowedValues"))
        notations = {
            frozenset(str(n) for c in ontology.subjects(SKOS.inScheme, s) for n in ontology.objects(c, SKOS.notation))
            for s in schemes
        }
        assert notations == as_sets, predicate


def test_shapes_use_only_ontology_terms() -> None:
    shapes, ontology = graph_of(SHAPES), graph_of(ONTOLOGY)
    used: set[Node] = set()
    for predicate in (SH.path, SH["class"], SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf):
        used |= {o for o in shapes.objects(None, predicate) if str(o).startswith(EG)}
    assert used
    undefined = {str(term) for term in used if (term, RDF.type, None) not in ontology}
    assert undefined == set()


def test_shapes_target_every_entity_and_structured_class() -> None:
    shapes = graph_of(SHAPES)
    targeted = {str(o) for o in shapes.objects(None, SH.targetClass)}
    assert {c.iri for c in EntityClass} | {EG + name for name in STRUCTURED_CLASSES} <= targeted


# ---------------------------------------------------------------- JSON-LD context


def _context() -> dict[str, object]:
    document = json.loads(CONTEXT.read_text(encoding="utf-8"))
    context = document["@context"]
    assert isinstance(context, dict)
    return context


def test_context_has_a_term_for_every_ontology_property() -> None:
    context = _context()
    mapped = set()
    for definition in context.values():
        iri = definition.get("@id") if isinstance(definition, dict) else definition
        if isinstance(iri, str) and iri.startswith("eg:"):
            mapped.add(EG + iri[3:])
    eg_terms = {t for t in _model_terms() if t.startswith(EG)}
    assert eg_terms <= mapped
    assert {"eg", "wd", "schema", "rdfs", "skos", "xsd"} <= set(context)


def test_context_expands_a_document_to_ontology_triples() -> None:
    document = {
        "@context": _context(),
        "id": "wd:Q9000001",
        "type": "Event",
        "label": {"en": "Test Conference 2023", "tr": "Test Konferansı 2023"},
        "startDate": {"@value": "2023-10", "@type": "xsd:gYearMonth"},
        "location": "wd:Q9000002",
        "venue": "egid:test-venue",
        "editionNumber": 3,
        "attendance": {"text": "90+", "minimum": 90, "qualifier": "at-least"},
        "claim": {"property": "attendance", "value": "90+", "preferred": True},
    }
    # pyoxigraph's JSON-LD parser: an implementation independent of the code under test
    triples = [quad.triple for quad in ox.parse(json.dumps(document).encode(), format=ox.RdfFormat.JSON_LD)]
    graph = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    event = URIRef("http://www.wikidata.org/entity/Q9000001")
    assert (event, RDF.type, eg("Event")) in graph
    labels = {(str(o), o.language) for o in graph.objects(event, URIRef(RDFS_LABEL)) if isinstance(o, Literal)}
    assert labels == {("Test Conference 2023", "en"), ("Test Konferansı 2023", "tr")}
    start = graph.value(event, eg("startDate"))
    assert isinstance(start, Literal)
    assert (str(start), str(start.datatype)) == ("2023-10", "http://www.w3.org/2001/XMLSchema#gYearMonth")
    assert graph.value(event, eg("location")) == URIRef("http://www.wikidata.org/entity/Q9000002")
    assert graph.value(event, eg("venue")) == URIRef("https://w3id.org/eventgraph/id/test-venue")
    claim = graph.value(event, eg("claim"))
    assert graph.value(claim, eg("property")) == eg("attendance")
    quantity = graph.value(event, eg("attendance"))
    assert str(graph.value(quantity, eg("text"))) == "90+"
