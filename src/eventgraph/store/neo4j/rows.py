"""One source's triples as the rows the Neo4j writer sends: resources, statements, value nodes, relationships.

Also the source's content digest (the dataset version is a hash of the digests of all sources), computed here
from the triples themselves, so it is the same whichever process or replica loaded them.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from eventgraph.model import RDF_TYPE, Blank, Iri, Term, Triple
from eventgraph.store.neo4j.mapping import (
    CLASS_LABELS,
    RELATIONSHIP_PREDICATES,
    canonical_literal,
    encode,
    qid,
    relationship_type,
    value_label,
)

_CLASS_IRIS = {f"https://w3id.org/eventgraph/ontology#{name}": name for name in CLASS_LABELS}


@dataclass(slots=True)
class SourceRows:
    """What one source adds to the graph; every list is sent with UNWIND in chunks."""

    triples: int
    digest: str
    resources: list[dict[str, Any]] = field(default_factory=list)  # {iri, qid}
    statements: list[dict[str, Any]] = field(default_factory=list)  # {iri, props, labels}
    values: list[dict[str, Any]] = field(default_factory=list)  # {bnode, label, props}
    links: list[dict[str, Any]] = field(default_factory=list)  # resource -> resource {s, type, o}
    to_values: list[dict[str, Any]] = field(default_factory=list)  # resource -> value {s, type, o}
    from_values: list[dict[str, Any]] = field(default_factory=list)  # value -> resource {s, type, o}
    between_values: list[dict[str, Any]] = field(default_factory=list)  # value -> value {s, type, o}


def nquad_term(term: Term) -> str:
    """A term in N-Triples syntax (escaped), for the digest."""
    if isinstance(term, Iri):
        return f"<{term.value}>"
    if isinstance(term, Blank):
        return f"_:{term.id}"
    text = term.lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if term.language is not None:
        return f'"{text}"@{term.language}'
    if term.datatype == "http://www.w3.org/2001/XMLSchema#string":
        return f'"{text}"'
    return f'"{text}"^^<{term.datatype}>'


def nquad(subject: Term, predicate: Term, obj: Term, graph: str) -> str:
    """One N-Quads line."""
    return f"{nquad_term(subject)} {nquad_term(predicate)} {nquad_term(obj)} <{graph}> .\n"


def digest(triples: Iterable[Triple]) -> str:
    """sha256 of the sorted N-Triples lines: equal for equal triples whatever their order."""
    lines = sorted(f"{nquad_term(t.subject)} {nquad_term(t.predicate)} {nquad_term(t.object)} .\n" for t in triples)
    hashed = hashlib.sha256()
    for line in lines:
        hashed.update(line.encode("utf-8"))
    return hashed.hexdigest()


def source_rows(triples: Iterable[Triple]) -> SourceRows:
    """Group a source's (distinct) triples by what they become in Neo4j."""
    unique = list(dict.fromkeys(Triple(t.subject, t.predicate, canonical_literal(t.object)) for t in triples))
    literal_values: dict[Iri | Blank, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    resources: dict[str, None] = {}
    labels: dict[str, str] = {}  # blank node -> its node label, from the first predicate reaching it
    rows = SourceRows(len(unique), digest(unique))
    for triple in unique:
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if isinstance(subject, Iri):
            resources.setdefault(subject.value, None)
            literal_values.setdefault(subject, defaultdict(list))  # a statement even for relations only
        if isinstance(obj, Blank):
            labels.setdefault(obj.id, value_label(predicate))
            literal_values.setdefault(obj, defaultdict(list))
            target = rows.to_values if isinstance(subject, Iri) else rows.between_values
            target.append({"s": _key(subject), "type": relationship_type(predicate), "o": obj.id})
        elif isinstance(obj, Iri) and predicate in RELATIONSHIP_PREDICATES:
            resources.setdefault(obj.value, None)
            target = rows.links if isinstance(subject, Iri) else rows.from_values
            target.append({"s": _key(subject), "type": relationship_type(predicate), "o": obj.value})
        else:
            literal_values[subject][predicate].append(obj)
    rows.resources = [{"iri": iri, "qid": qid(iri)} for iri in resources]
    for owner, by_predicate in literal_values.items():
        props: dict[str, list[Any]] = {}
        for predicate, terms in by_predicate.items():
            props.update(encode(predicate, terms))
        if isinstance(owner, Iri):
            types = by_predicate.get(RDF_TYPE, [])
            classes = sorted({_CLASS_IRIS[t.value] for t in types if isinstance(t, Iri) and t.value in _CLASS_IRIS})
            rows.statements.append({"iri": owner.value, "props": props, "labels": classes})
        else:
            rows.values.append({"bnode": owner.id, "label": labels.get(owner.id, "Value"), "props": props})
    return rows


def _key(node: Iri | Blank) -> str:
    return node.value if isinstance(node, Iri) else node.id
