// Purpose: entity-to-entity triples of a source as relationships (ORGANIZER, LOCATION, CONTAINED_IN, ...), each
//   with the source's graph as its provenance.
// Parameters: $graph (named graph IRI), $rows (list of maps: s (subject IRI), type (relationship type), o (IRI)).
// Returns: nothing.
UNWIND $rows AS row
MATCH (a:Resource {iri: row.s})
MATCH (b:Resource {iri: row.o})
CREATE (a)-[r:$(row.type)]->(b)
SET r.graph = $graph
