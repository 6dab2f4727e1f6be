// Purpose: what organization facets count, per organization: its kinds and the countries and regions it is based
//   or operates in (at any depth: a city's country counts).
// Parameters: $iris (organization IRIs, already filtered).
// Returns: s (IRI), kinds, countries, regions (lists).
UNWIND $iris AS iri
MATCH (s:Resource {iri: iri})
OPTIONAL MATCH (:Source)-[st:STATES]->(s)
WITH s, collect(st) AS statements
RETURN s.iri AS s,
  reduce(all = [], st IN statements | all + coalesce(st.organizationKind, [])) AS kinds,
  COLLECT { MATCH (s)-[:BASED_IN|OPERATING_AREA]->(:Resource)-[:CONTAINED_IN]->*(c:Resource)
    WHERE EXISTS { MATCH (:Source)-[k:STATES]->(c) WHERE 'country' IN coalesce(k.placeKind, []) }
    RETURN DISTINCT c.iri } AS countries,
  COLLECT { MATCH (s)-[:BASED_IN|OPERATING_AREA]->(:Resource)-[:CONTAINED_IN]->*(c:Resource)
    WHERE EXISTS { MATCH (:Source)-[k:STATES]->(c) WHERE 'region' IN coalesce(k.placeKind, []) }
    RETURN DISTINCT c.iri } AS regions
