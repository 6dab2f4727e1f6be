"""One order for the facts of a described resource, whatever order a backend reads them in.

RDF has no order, and each backend reads in its own (Oxigraph: its index order; Neo4j: storage order), so lists
the api builds from facts (organizers, partners, labels) would differ between backends. Every backend returns
facts sorted by predicate, then source graph, then value.
"""

from __future__ import annotations

from collections.abc import Iterable

from eventgraph.model import Blank, Fact, Iri, Term


def term_key(term: Term) -> tuple[int, str, str]:
    """IRIs, then literals (by text, datatype and language), then blank nodes."""
    if isinstance(term, Iri):
        return (0, term.value, "")
    if isinstance(term, Blank):
        return (2, term.id, "")
    return (1, term.lexical, term.datatype + "@" + (term.language or ""))


def canonical(facts: Iterable[Fact]) -> tuple[Fact, ...]:
    """The facts sorted by (predicate, graph, value)."""
    return tuple(sorted(facts, key=lambda f: (f.predicate, f.graph, term_key(f.value))))
