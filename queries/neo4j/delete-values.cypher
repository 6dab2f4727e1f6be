// Purpose: drop the value nodes (and their relationships) of one source, before it is rewritten or removed.
// Parameters: $graph (the source's named graph IRI).
// Returns: nothing.
MATCH (v:Value {graph: $graph})
DETACH DELETE v
