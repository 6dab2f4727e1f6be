"""Exports researchers' tools open, built over the store contract so they work on any backend.

`bundle` holds the files of one export; `rdf` the Turtle and JSON-LD exports (from the dump capability);
`entities` reads the graph through the typed contract methods; `graphml`, `gexf` and `tables` write it;
`quickstatements` proposes Wikidata edits; `build` chooses by format.
"""
