// Purpose: every literal value each source states about each resource, for the RDF dump (exports, SHACL).
// Parameters: none.
// Returns: graph, subject (IRI), props (the STATES properties).
MATCH (s:Source)-[st:STATES]->(e:Resource)
RETURN s.graph AS graph, e.iri AS subject, properties(st) AS props
