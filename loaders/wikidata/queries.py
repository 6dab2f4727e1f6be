"""Query text from `queries/wikidata/*.rq`, with ids filled into its empty `VALUES ?var { }` blocks.

The files stay valid, parseable SPARQL on their own (an empty VALUES block matches nothing); the loader
only ever inserts terms it serialized itself, never raw user text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from eventgraph.model import XSD_STRING, Iri, Literal, Term

T = TypeVar("T")

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query ready to send; `name` is its file name, carried into logs, the cache and errors."""

    name: str
    text: str


@cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def query_text(directory: Path, name: str) -> str:
    """The text of `<directory>/<name>.rq`."""
    return _read(directory / f"{name}.rq")


def bind(directory: Path, name: str, values: Mapping[str, Sequence[Term]]) -> NamedQuery:
    """Fill each `VALUES ?var { }` block named in `values`; every block must exist in the file."""
    text = query_text(directory, name)
    for var, terms in values.items():
        pattern = re.compile(r"VALUES\s+\?" + re.escape(var) + r"\s*\{\s*\}")
        match = pattern.search(text)
        if match is None:
            raise ValueError(f"{name}.rq has no empty 'VALUES ?{var} {{ }}' block")
        rendered = " ".join(sparql_term(t) for t in terms)
        text = f"{text[: match.start()]}VALUES ?{var} {{ {rendered} }}{text[match.end() :]}"
    return NamedQuery(name, text)


def valid_iri(value: str) -> bool:
    """Whether `value` can be written as a SPARQL IRIREF (absolute, none of the forbidden characters)."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value)) and not _IRI_FORBIDDEN.search(value)


def sparql_term(term: Term) -> str:
    if isinstance(term, Iri):
        if not valid_iri(term.value):
            raise ValueError(f"not a valid IRI: {term.value!r}")
        return f"<{term.value}>"
    if isinstance(term, Literal):
        escaped = (
            term.lexical.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        if term.language:
            return f'"{escaped}"@{term.language}'
        if term.datatype and term.datatype != XSD_STRING:
            return f'"{escaped}"^^<{term.datatype}>'
        return f'"{escaped}"'
    raise ValueError("blank nodes cannot be sent in VALUES")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most `size` items."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
