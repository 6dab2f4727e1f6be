// Purpose: find a value node (an RDF blank node: citation, claim, quantity, role, ...) by its source and label,
//   and all value nodes of a source when it is replaced.
// Parameters: none.
// Returns: nothing.
CREATE INDEX value_key IF NOT EXISTS FOR (v:Value) ON (v.graph, v.bnode)
