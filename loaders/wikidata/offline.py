"""The loader's queries run in-process over a Wikidata-format file (the shipped snapshot): no HTTP at all.

This is how a fresh machine gets Wikidata-linked data offline: the very same `.rq` files, answered by an
in-memory pyoxigraph store instead of an endpoint.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pyoxigraph as ox

from eventgraph import model
from eventgraph.errors import WikidataQueryError
from eventgraph.store.ox_terms import from_ox
from loaders.wikidata.client import QueryStats
from loaders.wikidata.queries import NamedQuery
from loaders.wikidata.results import Row

logger = logging.getLogger(__name__)
PROJECT = Path(__file__).resolve().parents[2]


class LocalExecutor:
    """`SparqlExecutor` over RDF files loaded into an in-memory store (default graph)."""

    def __init__(self, *files: Path) -> None:
        self._store = ox.Store()
        for file in files:
            try:
                self._store.load(path=str(file), format=_format(file))
            except (OSError, SyntaxError, ValueError) as exc:
                raise WikidataQueryError(f"cannot read {file}: {exc}", query_name="(snapshot)") from exc
        # a name, not a server path: the endpoint is published in the provenance (sources, exports, /sparql)
        self.endpoint = "file:" + ",".join(_public_name(f) for f in files)
        self.stats = QueryStats()

    def _query(self, query: NamedQuery) -> object:
        self.stats.queries += 1
        try:
            return self._store.query(query.text)
        except (SyntaxError, ValueError, OSError) as exc:
            raise WikidataQueryError(str(exc), query_name=f"{query.name}.rq") from exc

    def select(self, query: NamedQuery) -> list[Row]:
        solutions = self._query(query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise WikidataQueryError("not a SELECT query", query_name=f"{query.name}.rq")
        names = [v.value for v in solutions.variables]
        rows: list[Row] = []
        for solution in solutions:
            row: Row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = from_ox(term)
            rows.append(row)
        logger.info("%s.rq: %d results (snapshot)", query.name, len(rows))
        return rows

    def construct(self, query: NamedQuery) -> list[model.Triple]:
        triples = self._query(query)
        if not isinstance(triples, ox.QueryTriples):
            raise WikidataQueryError("not a CONSTRUCT query", query_name=f"{query.name}.rq")
        result = []
        for triple in triples:
            subject = from_ox(triple.subject)
            if isinstance(subject, model.Literal):
                continue
            result.append(model.Triple(subject, model.Iri(triple.predicate.value), from_ox(triple.object)))
        return result


def _public_name(file: Path) -> str:
    """The file's path inside the project (loaders/snapshots/wikidata.ttl) or, outside it, its name alone."""
    resolved = file.resolve()
    return resolved.relative_to(PROJECT).as_posix() if resolved.is_relative_to(PROJECT) else resolved.name


def _format(file: Path) -> ox.RdfFormat:
    suffix = file.suffix.lower()
    formats = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS}
    return formats.get(suffix, ox.RdfFormat.TURTLE)
