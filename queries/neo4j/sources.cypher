// Purpose: the loaded sources (one per named graph) with their provenance.
// Parameters: none.
// Returns: props (the Source node's properties), one row per source, by graph.
MATCH (s:Source)
RETURN properties(s) AS props
ORDER BY s.graph
