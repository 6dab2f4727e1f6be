// Purpose: triples from a value node to another (a Claim's VALUE quantity, a Claim's CITATION, ...).
// Parameters: $graph (named graph IRI), $rows (list of maps: s (bnode), type (relationship type), o (bnode)).
// Returns: nothing.
UNWIND $rows AS row
MATCH (a:Value {graph: $graph, bnode: row.s})
MATCH (b:Value {graph: $graph, bnode: row.o})
CREATE (a)-[r:$(row.type)]->(b)
SET r.graph = $graph
