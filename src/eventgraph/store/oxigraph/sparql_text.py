"""Filling the placeholders of query files with validated terms (never with raw user text)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox

from eventgraph.resources import load_query

Select = Callable[[str], list[dict[str, str]]]
"""A backend's read-only SELECT: query text in, rows of plain strings out."""


def iri(value: str) -> str:
    """`<value>`, or ValueError when `value` is no IRI (so nothing else can slip into the query)."""
    return str(ox.NamedNode(value))


def literal(value: str) -> str:
    return str(ox.Literal(value))


def values(variable: str, iris: Iterable[str]) -> str:
    """A VALUES block binding `?variable` to these IRIs (an empty block matches nothing)."""
    return f"VALUES ?{variable} {{ {' '.join(iri(i) for i in dict.fromkeys(iris))} }}"


def fill(name: str, **parts: str) -> str:
    """The query file `queries/<name>` with each `#{part}` comment line replaced by its patterns."""
    text = load_query(name)
    for key, block in parts.items():
        marker = "#{" + key + "}"
        if marker not in text:
            raise KeyError(f"{name} has no {marker} placeholder")
        text = text.replace(marker, block)
    return text
