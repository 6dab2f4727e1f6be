"""Choosing and opening the store backend for a location: the one place that names implementations.

A path means the embedded Oxigraph store; a `bolt://` or `neo4j://` URI means the Neo4j backend (`store/neo4j/`).
Only `eventgraph load` creates a store: every other command on a missing or empty location fails with
`StoreMissingError`, whose message says what to do.
"""

from __future__ import annotations

from pathlib import Path

from eventgraph.errors import StoreError, StoreMissingError
from eventgraph.settings import StoreSettings
from eventgraph.store.neo4j import Neo4jStore, is_neo4j_uri
from eventgraph.store.oxigraph import Generations, RdfFiles
from eventgraph.store.protocols import GraphStore, SparqlTerms


def open_store(location: str, *, create: bool = False, settings: StoreSettings | None = None) -> GraphStore:
    """The store at `location`; with `create` (loads only) a missing one is made, else it must hold data.

    `settings` brings the Neo4j credentials and database for a `bolt://` or `neo4j://` location.
    """
    if is_neo4j_uri(location):
        return _open_neo4j(location, create=create, settings=settings or StoreSettings(location))
    if "://" in location:
        raise StoreError(f"no backend for {location!r}: use a directory (the embedded store) or a bolt:// URI")
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


def _open_neo4j(location: str, *, create: bool, settings: StoreSettings) -> GraphStore:
    store = Neo4jStore.connect(location, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database)
    if not create and store.counts().get("triples", 0) == 0:
        store.close()
        raise StoreMissingError(
            f"the Neo4j database at {location} holds no eventgraph data: run `eventgraph load` first"
        )
    return store


def open_rdf_files(*files: Path) -> SparqlTerms:
    """RDF files answered with SPARQL in memory (the Wikidata loader's offline run)."""
    return RdfFiles(*files)


__all__ = ["GraphStore", "open_rdf_files", "open_store"]
