// Purpose: one Source node per named graph of the RDF model (its provenance).
// Parameters: none.
// Returns: nothing.
CREATE CONSTRAINT source_graph IF NOT EXISTS FOR (s:Source) REQUIRE s.graph IS UNIQUE
