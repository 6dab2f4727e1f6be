// Purpose: coordinates of resources of one class with the level they come from: their own (0), their venue's (1),
//   their location's (2), their seat's (3); callers keep the lowest level each has.
// Parameters: $class (node label), $iris (IRIs, or null for every resource of the class).
// Returns: s (IRI), level (0-3), coordinates (the WKT texts at that level).
MATCH (s:Resource:$($class))
WHERE $iris IS NULL OR s.iri IN $iris
CALL (s) {
  MATCH (:Source)-[st:STATES]->(s) UNWIND coalesce(st.coordinates, []) AS wkt RETURN 0 AS level, wkt
  UNION
  MATCH (s)-[:VENUE]->(:Resource)<-[st:STATES]-(:Source) UNWIND coalesce(st.coordinates, []) AS wkt
  RETURN 1 AS level, wkt
  UNION
  MATCH (s)-[:LOCATION]->(:Resource)<-[st:STATES]-(:Source) UNWIND coalesce(st.coordinates, []) AS wkt
  RETURN 2 AS level, wkt
  UNION
  MATCH (s)-[:BASED_IN]->(:Resource)<-[st:STATES]-(:Source) UNWIND coalesce(st.coordinates, []) AS wkt
  RETURN 3 AS level, wkt
}
RETURN s.iri AS s, level, collect(DISTINCT wkt) AS coordinates
