"""Choosing and opening the store backend for a location: the one place that names implementations.

A path means the embedded Oxigraph store; a `bolt://` or `neo4j://` URI is for the Neo4j backend (added by its own
package). Only `eventgraph load` creates a store: every other command on a missing or empty location fails with
`StoreMissingError`, whose message says what to do.
"""

from __future__ import annotations

from pathlib import Path

from eventgraph.errors import StoreError, StoreMissingError
from eventgraph.store.oxigraph import Generations, RdfFiles
from eventgraph.store.protocols import GraphStore, SparqlTerms


def open_store(location: str, *, create: bool = False) -> GraphStore:
    """The store at `location`; with `create` (loads only) a missing one is made, else it must hold data."""
    if "://" in location:
        raise StoreError(f"no backend for {location!r}: use a directory (the embedded store)")
    path = Path(location)
    store = Generations(path)
    if create:
        return store
    if not path.is_dir():
        raise StoreMissingError(
            f"no store at {path}: run `eventgraph load` first, or point --store / EVENTGRAPH_STORE at one"
        )
    if not store.exists():
        raise StoreMissingError(f"the store at {path} is empty: run `eventgraph load` first")
    store.snapshot()  # opens (and checks) the current generation now, so a damaged store fails here, in one line
    return store


def open_rdf_files(*files: Path) -> SparqlTerms:
    """RDF files answered with SPARQL in memory (the Wikidata loader's offline run)."""
    return RdfFiles(*files)


__all__ = ["GraphStore", "open_rdf_files", "open_store"]
