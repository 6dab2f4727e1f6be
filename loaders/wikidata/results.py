"""SPARQL responses as model terms: JSON result sets and Turtle graphs, checked as they are parsed.

A response that does not parse (truncated by a dropped connection, an HTML error page with status 200)
raises `MalformedResponseError`, which the client treats as a transient failure and retries.
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox

from eventgraph import model

Row = dict[str, model.Term]


class MalformedResponseError(ValueError):
    """The body is not the SPARQL results or RDF that was asked for."""


def parse_json_results(body: str) -> list[Row]:
    """SPARQL 1.1 JSON results to rows of model terms."""
    try:
        data = json.loads(body)
        names = data["head"]["vars"]
        bindings = data["results"]["bindings"]
        if not isinstance(names, list) or not isinstance(bindings, list):
            raise TypeError("vars and bindings must be lists")
        return [{name: _json_term(value) for name, value in binding.items()} for binding in bindings]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise MalformedResponseError(f"malformed or truncated JSON results: {exc}") from exc


def _json_term(value: dict[str, str]) -> model.Term:
    kind = value["type"]
    if kind == "uri":
        return model.Iri(value["value"])
    if kind == "bnode":
        return model.Blank(value["value"])
    if kind in ("literal", "typed-literal"):
        language = value.get("xml:lang")
        if language:
            return model.Literal(value["value"], model.RDF_LANG_STRING, language)
        return model.Literal(value["value"], value.get("datatype", model.XSD_STRING))
    raise TypeError(f"unknown term type {kind!r}")


def parse_turtle(body: str) -> list[model.Triple]:
    """A Turtle graph (a CONSTRUCT answer) as model triples."""
    try:
        return [_triple(t) for t in ox.parse(body.encode("utf-8"), format=ox.RdfFormat.TURTLE)]
    except (SyntaxError, ValueError) as exc:
        raise MalformedResponseError(f"malformed or truncated Turtle: {exc}") from exc


def _term(term: object) -> model.Term:
    """A parsed pyoxigraph term as a model term (the loader parses answers; the store has its own conversion)."""
    if isinstance(term, ox.NamedNode):
        return model.Iri(term.value)
    if isinstance(term, ox.BlankNode):
        return model.Blank(term.value)
    if isinstance(term, ox.Literal):
        return model.Literal(term.value, term.datatype.value, term.language)
    raise ValueError(f"unsupported RDF term {term!r}")


def _triple(value: Any) -> model.Triple:
    subject = _term(value.subject)
    if isinstance(subject, model.Literal):
        raise ValueError("a literal as subject")
    return model.Triple(subject, model.Iri(value.predicate.value), _term(value.object))
