"""The loader's queries run in-process over a Wikidata-format file (the shipped snapshot): no HTTP at all.

This is how a fresh machine gets Wikidata-linked data offline: the very same `.rq` files, answered by any
`SparqlTerms` capability of the store contract (the composition root hands one over, e.g. the Oxigraph backend's
`RdfFiles` over the snapshot file) instead of an endpoint.
"""

from __future__ import annotations

import logging

from eventgraph import model
from eventgraph.errors import StoreError, WikidataQueryError
from eventgraph.store.protocols import SparqlTerms
from loaders.wikidata.client import QueryStats
from loaders.wikidata.queries import NamedQuery
from loaders.wikidata.results import Row

logger = logging.getLogger(__name__)


class LocalExecutor:
    """`SparqlExecutor` over an in-process SPARQL engine holding the snapshot."""

    def __init__(self, engine: SparqlTerms, label: str = "snapshot") -> None:
        self._engine = engine
        self.endpoint = label
        self.stats = QueryStats()

    def select(self, query: NamedQuery) -> list[Row]:
        self.stats.queries += 1
        try:
            rows = self._engine.select_terms(query.text)
        except StoreError as exc:
            raise WikidataQueryError(str(exc), query_name=f"{query.name}.rq") from exc
        logger.info("%s.rq: %d results (snapshot)", query.name, len(rows))
        return rows

    def construct(self, query: NamedQuery) -> list[model.Triple]:
        self.stats.queries += 1
        try:
            return self._engine.construct(query.text)
        except StoreError as exc:
            raise WikidataQueryError(str(exc), query_name=f"{query.name}.rq") from exc
