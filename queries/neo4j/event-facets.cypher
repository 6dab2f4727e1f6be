// Purpose: what event facets count, per event: earliest days (years), stated and derived countries, regions,
//   kinds, series, organizers, statuses, and each attendance figure with its graph and its claim's preference.
// Parameters: $iris (event IRIs, already filtered).
// Returns: s (IRI), days, countries (stated), located (countries containing the location), regions, kinds,
//   series, organizers, statuses (lists), figures (list of [graph, values, minimums, qualifiers, preferred flags]).
UNWIND $iris AS iri
MATCH (s:Resource {iri: iri})
OPTIONAL MATCH (:Source)-[st:STATES]->(s)
WITH s, collect(st) AS statements
RETURN s.iri AS s,
  reduce(all = [], st IN statements | all + coalesce(st.earliestDay, [])) AS days,
  COLLECT { MATCH (s)-[:COUNTRY]->(c:Resource) RETURN DISTINCT c.iri } AS countries,
  COLLECT { MATCH (s)-[:LOCATION]->(:Resource)-[:CONTAINED_IN]->*(c:Resource)
    WHERE EXISTS { MATCH (:Source)-[k:STATES]->(c) WHERE 'country' IN coalesce(k.placeKind, []) }
    RETURN DISTINCT c.iri } AS located,
  COLLECT { MATCH (s)-[:LOCATION|COUNTRY]->(:Resource)-[:CONTAINED_IN]->*(c:Resource)
    WHERE EXISTS { MATCH (:Source)-[k:STATES]->(c) WHERE 'region' IN coalesce(k.placeKind, []) }
    RETURN DISTINCT c.iri } AS regions,
  reduce(all = [], st IN statements | all + coalesce(st.kind, [])) AS kinds,
  COLLECT { MATCH (s)-[:SERIES]->(c:Resource) RETURN DISTINCT c.iri } AS series,
  COLLECT { MATCH (s)-[:ORGANIZER]->(c:Resource) RETURN DISTINCT c.iri } AS organizers,
  reduce(all = [], st IN statements | all + coalesce(st.status, [])) AS statuses,
  COLLECT { MATCH (s)-[a:ATTENDANCE]->(q:Value)
    RETURN [a.graph, coalesce(q.value, []), coalesce(q.minimum, []), coalesce(q.qualifier, []),
      COLLECT { MATCH (s)-[:CLAIM]->(c:Value)-[:VALUE]->(q)
        WHERE $attendance IN coalesce(c.property, []) UNWIND coalesce(c.preferred, []) AS p RETURN p }] } AS figures
