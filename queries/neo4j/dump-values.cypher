// Purpose: every value node (blank node) with its literal values, for the RDF dump.
// Parameters: none.
// Returns: graph, bnode, props.
MATCH (v:Value)
RETURN v.graph AS graph, v.bnode AS bnode, properties(v) AS props
