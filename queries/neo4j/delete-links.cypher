// Purpose: drop the resource-to-resource relationships one source states, before it is rewritten or removed.
// Parameters: $graph (the source's named graph IRI).
// Returns: nothing.
MATCH (:Source {graph: $graph})-[:STATES]->(:Resource)-[r]->(:Resource)
WHERE r.graph = $graph
DELETE r
