"""Converting between pyoxigraph terms and the model's plain terms, in one place.

The store uses it at its boundary; loaders that parse RDF with pyoxigraph use it too (loaders -> store).
"""

from __future__ import annotations

import pyoxigraph as ox

from eventgraph import model


def to_ox(term: model.Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, model.Iri):
        return ox.NamedNode(term.value)
    if isinstance(term, model.Blank):
        return ox.BlankNode(term.id)
    if term.language:
        return ox.Literal(term.lexical, language=term.language)
    return ox.Literal(term.lexical, datatype=ox.NamedNode(term.datatype))


def from_ox(term: object) -> model.Term:
    """A pyoxigraph term as a model term; ValueError for anything else (e.g. an RDF 1.2 triple term)."""
    if isinstance(term, ox.NamedNode):
        return model.Iri(term.value)
    if isinstance(term, ox.BlankNode):
        return model.Blank(term.value)
    if isinstance(term, ox.Literal):
        return model.Literal(term.value, term.datatype.value, term.language)
    raise ValueError(f"unsupported RDF term {term!r}")
