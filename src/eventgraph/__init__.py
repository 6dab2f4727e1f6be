"""eventgraph: the Wikimedia movement's events, affiliates, places and partners as a GraphQL knowledge graph."""

__version__ = "0.1.0"
