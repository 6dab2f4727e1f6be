// Purpose: triples from a value node to an entity (a Participation's ORGANIZATION, ...).
// Parameters: $graph (named graph IRI), $rows (list of maps: s (bnode), type (relationship type), o (IRI)).
// Returns: nothing.
UNWIND $rows AS row
MATCH (a:Value {graph: $graph, bnode: row.s})
MATCH (b:Resource {iri: row.o})
CREATE (a)-[r:$(row.type)]->(b)
SET r.graph = $graph
