// Purpose: the entity-to-entity relationships of some types touching a set of resources, in either direction, with
//   the graph stating each (networks and paths).
// Parameters: $iris (resource IRIs), $types (relationship types).
// Returns: source, type, target (IRIs and the type), graph.
UNWIND $iris AS iri
MATCH (e:Resource {iri: iri})
CALL (e) {
  MATCH (e)-[r]->(t:Resource) WHERE type(r) IN $types RETURN e.iri AS source, type(r) AS type, t.iri AS target, r.graph AS graph
  UNION
  MATCH (e)<-[r]-(t:Resource) WHERE type(r) IN $types RETURN t.iri AS source, type(r) AS type, e.iri AS target, r.graph AS graph
}
RETURN DISTINCT source, type, target, graph
