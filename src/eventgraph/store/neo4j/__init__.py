"""The Neo4j backend (scale-out): everything that imports the `neo4j` driver lives in this package."""

from eventgraph.store.neo4j.store import Neo4jStore, is_neo4j_uri

__all__ = ["Neo4jStore", "is_neo4j_uri"]
