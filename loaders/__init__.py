"""Ingestion: local sources and Wikidata into the store. Never imported by the api."""
