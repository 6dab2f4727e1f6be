// Purpose: the value nodes of a source (RDF blank nodes: Citation, Claim, Quantity, Participation, ...) with
//   their literal values; `graph` names the source, `bnode` the blank node's label in it.
// Parameters: $graph (named graph IRI), $rows (list of maps: bnode, label (a node label), props).
// Returns: nothing.
UNWIND $rows AS row
CREATE (v:Value:$(row.label))
SET v = row.props, v.graph = $graph, v.bnode = row.bnode
