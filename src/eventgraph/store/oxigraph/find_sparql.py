"""SPARQL graph patterns for `FindQuery` criteria.

User input never reaches the query as text: IRIs become validated `NamedNode`s and dates typed
`xsd:date` literals before they are written into VALUES blocks and FILTERs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pyoxigraph as ox

from eventgraph.errors import StoreError
from eventgraph.model import (
    EG,
    VOCABULARY,
    XSD_DATE,
    Criterion,
    EntityClass,
    HasLiteral,
    HasValue,
    InPlace,
    Near,
    OneOf,
    Overlaps,
    ReferencedAtLeast,
)

_PLACE_LINKS = "|".join(
    dict.fromkeys(
        f"<{u.iri}>" for u in VOCABULARY if u.relation and u.targets == (EntityClass.PLACE,) and "Place" not in u.on
    )
)
"""The properties placing an entity (location, venue, country, seat, operating area), from the vocabulary table."""


def _iri(value: str) -> str:
    return str(ox.NamedNode(value))


def _day(value: date) -> str:
    return str(ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD_DATE)))


def criteria_patterns(criteria: Sequence[Criterion]) -> str:
    """One block of patterns, all criteria joined (AND); variables are numbered per criterion."""
    blocks = []
    for n, criterion in enumerate(criteria):
        var = f"?c{n}"
        if isinstance(criterion, HasValue):
            values = " ".join(_iri(i) for i in criterion.iris)
            path = _iri(criterion.predicate) + ("+" if criterion.transitive else "")
            blocks.append(f"?s {path} {var} . VALUES {var} {{ {values} }}")
        elif isinstance(criterion, HasLiteral):
            values = " ".join(str(ox.Literal(v)) for v in criterion.values)
            blocks.append(f"?s {_iri(criterion.predicate)} {var} . VALUES {var} {{ {values} }}")
        elif isinstance(criterion, InPlace):
            values = " ".join(_iri(i) for i in criterion.iris)
            blocks.append(f"?s {_PLACE_LINKS} {var}p . {var}p <{EG}containedIn>* {var} . VALUES {var} {{ {values} }}")
        elif isinstance(criterion, Overlaps):
            parts = []
            if criterion.start is not None:
                parts.append(f"?s <{EG}latestDay> {var}e . FILTER({var}e >= {_day(criterion.start)})")
            if criterion.end is not None:
                parts.append(f"?s <{EG}earliestDay> {var}s . FILTER({var}s <= {_day(criterion.end)})")
            if not parts:
                parts.append(f"?s <{EG}earliestDay> {var}s .")
            blocks.append(" ".join(parts))
        elif isinstance(criterion, ReferencedAtLeast):
            blocks.append(
                f"{{ SELECT ?s WHERE {{ {var}x {_iri(criterion.predicate)} ?s }} "
                f"GROUP BY ?s HAVING (COUNT(DISTINCT {var}x) >= {int(criterion.minimum)}) }}"
            )
        elif isinstance(criterion, OneOf):
            blocks.append(f"VALUES ?s {{ {' '.join(_iri(i) for i in criterion.iris)} }}")
        elif isinstance(criterion, Near):
            raise StoreError("a Near criterion must be resolved to OneOf first (eventgraph.store.points.resolve_near)")
    return "\n  ".join(blocks)
