"""The RDF <-> property-graph mapping (store/neo4j/mapping.py), without a server: keys, types, values, round trips."""

from __future__ import annotations

import pytest

from eventgraph.model import (
    EG,
    GEO_WKT,
    RDF_TYPE,
    RDFS_LABEL,
    VOCABULARY,
    XSD_BOOLEAN,
    XSD_DATE,
    XSD_DECIMAL,
    XSD_GYEAR,
    XSD_INTEGER,
    Blank,
    Iri,
    Literal,
    P,
    Term,
    Triple,
)
from eventgraph.store.neo4j.mapping import (
    RELATIONSHIP_PREDICATES,
    canonical_literal,
    decode,
    decode_properties,
    encode,
    predicate_of_key,
    predicate_of_type,
    property_key,
    relationship_type,
)
from eventgraph.store.neo4j.rows import source_rows


def test_every_property_of_the_table_has_a_key_and_a_type_that_map_back() -> None:
    for use in VOCABULARY:
        assert predicate_of_key(property_key(use.iri)) == use.iri
        assert predicate_of_type(relationship_type(use.iri)) == use.iri
    assert relationship_type(P.contained_in) == "CONTAINED_IN"
    assert relationship_type(P.same_as) == "SAME_AS"
    assert property_key(RDFS_LABEL) == "label"


def test_foreign_predicates_keep_their_iri() -> None:
    foreign = "http://example.org/vocab#size"
    assert property_key(foreign) == foreign
    assert relationship_type(foreign) == foreign
    assert predicate_of_key(foreign) == predicate_of_type(foreign) == foreign
    assert property_key(EG + "graph") == EG + "graph", "a reserved key is never a predicate's"


def test_relations_are_relationships_and_literals_are_not() -> None:
    assert {P.organizer, P.location, P.contained_in, P.series, P.party} <= RELATIONSHIP_PREDICATES
    assert not {P.kind, P.start_date, P.page, P.website, RDF_TYPE} & RELATIONSHIP_PREDICATES


@pytest.mark.parametrize(
    ("predicate", "terms", "stored"),
    [
        (P.kind, [Literal("meetup")], {"kind": ["meetup"]}),
        (P.edition_number, [Literal("12", XSD_INTEGER)], {"editionNumber": [12]}),
        (P.start_bound, [Literal("2023-10-20", XSD_DATE)], {"earliestDay": ["2023-10-20"]}),
        (P.page, [Iri("https://example.org/wiki/A")], {"page": ["https://example.org/wiki/A"]}),
        (RDFS_LABEL, [Literal("Alpha", language="en")], {"label": ["Alpha"], "label__type": ["@en"]}),
        (P.start_date, [Literal("2025", XSD_GYEAR)], {"startDate": ["2025"], "startDate__type": [XSD_GYEAR]}),
        (
            P.kind,
            [Literal("a"), Iri("https://example.org/k")],
            {"kind": ["a", "https://example.org/k"], "kind__type": ["", "IRI"]},
        ),
    ],
)
def test_values_are_stored_plainly_where_their_type_is_the_natural_one(
    predicate: str, terms: list[Term], stored: dict[str, list[object]]
) -> None:
    found = encode(predicate, terms)
    assert {k: [str(v) if not isinstance(v, int | str) else v for v in vs] for k, vs in found.items()} == stored
    key = property_key(predicate)
    assert [t for _, t in decode(key, found[key], found.get(key + "__type"))] == terms


def test_mixed_types_under_one_key_round_trip() -> None:
    terms: list[Term] = [
        Literal("7", XSD_INTEGER),
        Literal("true", XSD_BOOLEAN),
        Literal("2023-01-02", XSD_DATE),
        Literal("Point(1 2)", GEO_WKT),
        Literal("plain"),
        Iri("https://example.org/x"),
        Literal("Sept", language="de"),
        Literal("Istanbul", language="id"),  # Indonesian: a language, not the IRI mark
    ]
    props = encode(P.claim_value, terms)
    assert all(isinstance(v, str) for v in props["value"]), "one Neo4j type per list"
    assert [t for _, t in decode_properties(props)] == terms


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        (Literal("74922.00", XSD_DECIMAL), Literal("74922", XSD_DECIMAL)),
        (Literal("-0.50", XSD_DECIMAL), Literal("-0.5", XSD_DECIMAL)),
        (Literal("+007", XSD_INTEGER), Literal("7", XSD_INTEGER)),
        (Literal("1", XSD_BOOLEAN), Literal("true", XSD_BOOLEAN)),
        (Literal("1e3", XSD_DECIMAL), Literal("1e3", XSD_DECIMAL)),
        (Literal("07"), Literal("07")),
        (Literal("伊斯坦堡", language="zh-Hant"), Literal("伊斯坦堡", language="zh-hant")),
    ],
)
def test_numbers_and_booleans_are_kept_in_canonical_form(given: Literal, canonical: Literal) -> None:
    assert canonical_literal(given) == canonical


def test_a_source_becomes_statements_relationships_and_value_nodes() -> None:
    alpha, org, city, role = Iri(EG + "x/alpha"), Iri(EG + "x/org"), Iri(EG + "x/city"), Blank("r1")
    rows = source_rows(
        [
            Triple(alpha, Iri(RDF_TYPE), Iri(EG + "Event")),
            Triple(alpha, Iri(RDFS_LABEL), Literal("Alpha", language="en")),
            Triple(alpha, Iri(P.location), city),
            Triple(alpha, Iri(P.organizing), role),
            Triple(role, Iri(P.organization), org),
            Triple(role, Iri(P.role), Literal("host")),
            Triple(alpha, Iri(P.location), city),  # a repeat counts once
        ]
    )
    assert rows.triples == 6
    assert [(s["iri"], s["labels"]) for s in rows.statements] == [(alpha.value, ["Event"])]
    assert rows.links == [{"s": alpha.value, "type": "LOCATION", "o": city.value}]
    assert rows.to_values == [{"s": alpha.value, "type": "ORGANIZING", "o": "r1"}]
    assert rows.from_values == [{"s": "r1", "type": "ORGANIZATION", "o": org.value}]
    assert rows.values == [{"bnode": "r1", "label": "Participation", "props": {"role": ["host"]}}]
    assert {r["iri"] for r in rows.resources} == {alpha.value, city.value, org.value}


def test_the_digest_follows_the_triples_not_their_order() -> None:
    a = Triple(Iri(EG + "x/a"), Iri(RDFS_LABEL), Literal("A"))
    b = Triple(Iri(EG + "x/b"), Iri(RDFS_LABEL), Literal("B"))
    assert source_rows([a, b]).digest == source_rows([b, a, a]).digest != source_rows([a]).digest
