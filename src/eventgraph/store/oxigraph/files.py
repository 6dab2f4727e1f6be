"""RDF files answered in memory with the same SPARQL an endpoint would get: the Wikidata loader's offline run."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from eventgraph.errors import StoreError
from eventgraph.model import EG_SOURCE, Term, Triple
from eventgraph.store.oxigraph.store import OxigraphStore

_GRAPH = ox.NamedNode(EG_SOURCE + "files")  # queried as the union of the graphs, like a store
_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS}


class RdfFiles:
    """`SparqlTerms` over RDF files loaded into one graph of an in-memory store."""

    def __init__(self, *files: Path) -> None:
        store = ox.Store()
        for file in files:
            try:
                store.load(
                    path=str(file), format=_FORMATS.get(file.suffix.lower(), ox.RdfFormat.TURTLE), to_graph=_GRAPH
                )
            except (OSError, SyntaxError, ValueError) as exc:
                raise StoreError(f"cannot read {file}: {exc}") from exc
        self._store = OxigraphStore(store)
        self.label = "file:" + ",".join(str(f) for f in files)

    def select_terms(self, sparql: str) -> list[dict[str, Term]]:
        return self._store.select_terms(sparql)

    def construct(self, sparql: str) -> list[Triple]:
        return self._store.construct(sparql)
