// Purpose: every relationship between resources and value nodes (not the STATES ones), for the RDF dump.
// Parameters: none.
// Returns: graph, subject (IRI, or null), subjectNode (bnode, or null), type, object (IRI, or null),
//   objectNode (bnode, or null).
MATCH (a)-[r]->(b)
WHERE (a:Resource OR a:Value) AND (b:Resource OR b:Value) AND r.graph IS NOT NULL
RETURN r.graph AS graph, a.iri AS subject, a.bnode AS subjectNode, type(r) AS type, b.iri AS object,
  b.bnode AS objectNode
