// Purpose: triples from a resource to one of the source's value nodes (CITATION, ATTENDANCE, CLAIM, ORGANIZING, ...).
// Parameters: $graph (named graph IRI), $rows (list of maps: s (subject IRI), type (relationship type), o (bnode)).
// Returns: nothing.
UNWIND $rows AS row
MATCH (a:Resource {iri: row.s})
MATCH (b:Value {graph: $graph, bnode: row.o})
CREATE (a)-[r:$(row.type)]->(b)
SET r.graph = $graph
