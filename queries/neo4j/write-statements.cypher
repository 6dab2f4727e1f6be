// Purpose: what one source states about each resource: a STATES relationship from the Source holding the literal
//   values (label, startDate, kind, ...; lists, with `<key>__type` where a value is not of its natural type).
// Parameters: $graph (named graph IRI), $rows (list of maps: iri, props).
// Returns: nothing.
MATCH (s:Source {graph: $graph})
UNWIND $rows AS row
MATCH (e:Resource {iri: row.iri})
CREATE (s)-[st:STATES]->(e)
SET st = row.props
