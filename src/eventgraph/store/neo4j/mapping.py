"""The RDF <-> property graph mapping of the Neo4j backend (docs/decisions/0004-neo4j-mapping.md).

Pure functions, no driver: which predicate is a relationship and of which type, which property key holds a
predicate's values, and how an RDF term becomes a Neo4j property value and back, losslessly. Values are always
lists (RDF is multi-valued); `<key>__type` lists the type of each value only where it is not the natural one
(a language tag, a datatype Neo4j has no type for, an IRI where text is usual).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from eventgraph.model import (
    EG,
    ENTITY_REFERENCES,
    RDF_LANG_STRING,
    RDF_TYPE,
    RDFS_LABEL,
    SCHEMA_DESCRIPTION,
    SKOS_ALT_LABEL,
    VOCABULARY,
    WD,
    XSD_BOOLEAN,
    XSD_DATE,
    XSD_DECIMAL,
    XSD_INTEGER,
    XSD_STRING,
    Blank,
    EntityClass,
    Iri,
    Literal,
    Shape,
    Term,
)

IRI_MARK = "IRI"
"""The type of a value that is an IRI where the key usually holds text (never `@...`: `@id` is Indonesian)."""
TYPE_SUFFIX = "__type"
RESERVED = frozenset({"graph", "bnode", "iri", "qid"})
"""Keys the backend itself uses (on value nodes: `graph`, `bnode`; on resources: `iri`, `qid`)."""

_CANONICAL = frozenset({XSD_INTEGER, XSD_DECIMAL, XSD_BOOLEAN})
_WELL_KNOWN = {RDF_TYPE: "type", RDFS_LABEL: "label", SKOS_ALT_LABEL: "altLabel", SCHEMA_DESCRIPTION: "description"}
_IRI_SHAPES = frozenset({Shape.URL, Shape.TERM})

RELATIONSHIP_PREDICATES: frozenset[str] = frozenset(u.iri for u in VOCABULARY if u.shape in ENTITY_REFERENCES)
"""Predicates whose IRI values are entities: each such triple is a relationship between two resources."""

_IRI_VALUED: frozenset[str] = frozenset(
    {RDF_TYPE} | {u.iri for u in VOCABULARY if u.shape in _IRI_SHAPES} | RELATIONSHIP_PREDICATES
)
"""Predicates whose values are IRIs: a stored string under their key is an IRI unless typed otherwise."""

CLASS_LABELS: tuple[str, ...] = tuple(c.value for c in EntityClass)
"""Node labels of the entity classes, beside `Resource` on every IRI node."""

_VALUE_LABELS = {
    "citation": "Citation",
    "claim": "Claim",
    "attendance": "Quantity",
    "participants": "Quantity",
    "value": "Quantity",
    "organizing": "Participation",
    "partnering": "Participation",
    "amount": "MonetaryAmount",
    "milestone": "Milestone",
    "committeeSeat": "Seat",
    "participantLimit": "Limit",
    "category": "Category",
}


def _local(iri: str) -> str | None:
    return iri[len(EG) :] if iri.startswith(EG) and re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", iri[len(EG) :]) else None


def property_key(predicate: str) -> str:
    """The property key of a predicate's values: `label`, `startDate`, ...; the full IRI for foreign predicates."""
    if predicate in _WELL_KNOWN:
        return _WELL_KNOWN[predicate]
    local = _local(predicate)
    if local is None or local in RESERVED or local in _WELL_KNOWN.values() or local.endswith(TYPE_SUFFIX):
        return predicate
    return local


def predicate_of_key(key: str) -> str:
    """Inverse of `property_key`."""
    for predicate, name in _WELL_KNOWN.items():
        if key == name:
            return predicate
    return key if ":" in key else EG + key


def relationship_type(predicate: str) -> str:
    """`organizer` -> ORGANIZER, `containedIn` -> CONTAINED_IN, owl:sameAs -> SAME_AS; a foreign IRI stays itself."""
    local = _local(predicate)
    if local is None:
        for use in VOCABULARY:
            if use.iri == predicate:
                local = use.name
                break
    if local is None:
        return predicate
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", local).upper()


_TYPES_BACK: dict[str, str] = {}


def predicate_of_type(rel_type: str) -> str:
    """Inverse of `relationship_type`."""
    if ":" in rel_type:
        return rel_type
    if not _TYPES_BACK:
        for use in VOCABULARY:
            _TYPES_BACK.setdefault(relationship_type(use.iri), use.iri)
    found = _TYPES_BACK.get(rel_type)
    if found is not None:
        return found
    head, *rest = rel_type.lower().split("_")
    return EG + head + "".join(part.capitalize() for part in rest)


def value_label(predicate: str) -> str:
    """The node label of a blank node reached through `predicate` (a citation, a claim, a quantity, ...)."""
    local = _local(predicate) or ""
    return _VALUE_LABELS.get(local, "Value")


def qid(iri: str) -> str | None:
    """The QID of a Wikidata entity IRI (the `qid` property, unique like `iri`)."""
    rest = iri[len(WD) :] if iri.startswith(WD) else ""
    return rest if rest[:1] == "Q" and rest[1:].isdigit() else None


# ---------------------------------------------------------------- values


def canonical_literal(term: Term) -> Term:
    """A literal of xsd:integer, xsd:decimal or xsd:boolean in its canonical form (`74922.00` -> `74922`), and a
    language tag in lower case (`zh-Hant` -> `zh-hant`), as Oxigraph stores them, so both backends hold, count and
    answer the same triples; any other term as it is."""
    if isinstance(term, Literal) and term.language is not None and term.language != term.language.lower():
        return Literal(term.lexical, RDF_LANG_STRING, term.language.lower())
    if not isinstance(term, Literal) or term.datatype not in _CANONICAL:
        return term
    text = term.lexical
    if term.datatype == XSD_INTEGER and re.fullmatch(r"[+-]?[0-9]+", text):
        return Literal(str(int(text)), XSD_INTEGER)
    if term.datatype == XSD_BOOLEAN and text in ("1", "0"):
        return Literal("true" if text == "1" else "false", XSD_BOOLEAN)
    if term.datatype == XSD_DECIMAL and re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", text):
        value = Decimal(text)
        if value == 0:
            return Literal("0", XSD_DECIMAL)
        shown = format(value, "f")
        return Literal(shown.rstrip("0").rstrip(".") if "." in shown else shown, XSD_DECIMAL)
    return term


def _natural(term: Term, predicate: str) -> Any | None:
    """The term as a plain Neo4j value when its type follows from that value and the predicate, else None."""
    if isinstance(term, Iri):
        return term.value if predicate in _IRI_VALUED else None
    if not isinstance(term, Literal):
        return None
    if term.datatype == XSD_STRING:
        return None if predicate in _IRI_VALUED else term.lexical
    if term.datatype == XSD_INTEGER and re.fullmatch(r"-?(0|[1-9][0-9]*)", term.lexical):
        return int(term.lexical)
    if term.datatype == XSD_BOOLEAN and term.lexical in ("true", "false"):
        return term.lexical == "true"
    if term.datatype == XSD_DATE and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", term.lexical):
        try:
            return date.fromisoformat(term.lexical)
        except ValueError:
            return None
    return None


def _mark(term: Term) -> str:
    if isinstance(term, Iri):
        return IRI_MARK
    assert isinstance(term, Literal)
    if term.language is not None:
        return "@" + term.language
    return term.datatype


def _lexical(term: Term) -> str:
    return term.value if isinstance(term, Iri) else term.lexical if isinstance(term, Literal) else term.id


def encode(predicate: str, terms: Sequence[Term]) -> dict[str, list[Any]]:
    """The properties holding these values of one predicate: `{key: values}` and, if needed, `{key__type: types}`.

    Blank nodes are not values: they become nodes of their own (see `eventgraph.store.neo4j.rows`).
    """
    key = property_key(predicate)
    naturals = [_natural(t, predicate) for t in terms]
    if all(n is not None for n in naturals) and len({type(n) for n in naturals}) == 1:
        return {key: naturals}
    values = [_lexical(t) for t in terms]
    types = ["" if isinstance(n, str) else _mark(t) for n, t in zip(naturals, terms, strict=True)]
    return {key: values, key + TYPE_SUFFIX: types}


def decode(key: str, values: Iterable[Any], types: Sequence[str] | None = None) -> list[tuple[str, Term]]:
    """Inverse of `encode`: (predicate, term) pairs, in stored order."""
    predicate = predicate_of_key(key)
    found: list[tuple[str, Term]] = []
    for n, value in enumerate(values):
        mark = types[n] if types is not None else ""
        found.append((predicate, _term(predicate, value, mark)))
    return found


def _term(predicate: str, value: Any, mark: str) -> Term:
    if mark == IRI_MARK:
        return Iri(str(value))
    if mark.startswith("@"):
        return Literal(str(value), RDF_LANG_STRING, mark[1:])
    if mark:
        return Literal(str(value), mark)
    if isinstance(value, bool):
        return Literal("true" if value else "false", XSD_BOOLEAN)
    if isinstance(value, int):
        return Literal(str(value), XSD_INTEGER)
    if isinstance(value, str):
        return Iri(value) if predicate in _IRI_VALUED else Literal(value)
    if hasattr(value, "iso_format"):  # neo4j.time.Date
        return Literal(value.iso_format(), XSD_DATE)
    if isinstance(value, date):
        return Literal(value.isoformat(), XSD_DATE)
    raise TypeError(f"no RDF term for a stored {type(value).__name__}")


def decode_properties(props: dict[str, Any]) -> list[tuple[str, Term]]:
    """Every (predicate, term) a property map holds (a STATES relationship, a value node), reserved keys left out."""
    found: list[tuple[str, Term]] = []
    for key, values in props.items():
        if key in RESERVED or key.endswith(TYPE_SUFFIX):
            continue
        found.extend(decode(key, values if isinstance(values, list) else [values], props.get(key + TYPE_SUFFIX)))
    return found


def blank(label: str) -> Blank:
    """The blank node a value node stands for."""
    return Blank(label)
