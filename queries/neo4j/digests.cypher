// Purpose: each source's content digest, to compute the dataset version after a write.
// Parameters: none.
// Returns: graph (named graph IRI), digest (hex), one row per source, by graph.
MATCH (s:Source)
RETURN s.graph AS graph, s.digest AS digest
ORDER BY graph
