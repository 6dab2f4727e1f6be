// Purpose: compact profiles of events for relating and measuring them: series, organizers, partners, places,
//   countries (stated, else those containing the location) and the earliest and latest possible days.
// Parameters: $iris (event IRIs, or null for every event).
// Returns: s (IRI), series, organizers, partners, places, countries, located (lists of IRIs), starts, ends (dates).
MATCH (s:Resource:Event)
WHERE $iris IS NULL OR s.iri IN $iris
OPTIONAL MATCH (:Source)-[st:STATES]->(s)
WITH s, collect(st) AS statements
RETURN s.iri AS s,
  COLLECT { MATCH (s)-[:SERIES]->(c:Resource) RETURN DISTINCT c.iri } AS series,
  COLLECT { MATCH (s)-[:ORGANIZER]->(c:Resource) RETURN DISTINCT c.iri } AS organizers,
  COLLECT { MATCH (s)-[:PARTNER]->(c:Resource) RETURN DISTINCT c.iri } AS partners,
  COLLECT { MATCH (s)-[:LOCATION|VENUE]->(c:Resource) RETURN DISTINCT c.iri } AS places,
  COLLECT { MATCH (s)-[:COUNTRY]->(c:Resource) RETURN DISTINCT c.iri } AS countries,
  COLLECT { MATCH (s)-[:LOCATION]->(:Resource)-[:CONTAINED_IN]->*(c:Resource)
    WHERE EXISTS { MATCH (:Source)-[k:STATES]->(c) WHERE 'country' IN coalesce(k.placeKind, []) }
    RETURN DISTINCT c.iri } AS located,
  reduce(all = [], st IN statements | all + coalesce(st.earliestDay, [])) AS starts,
  reduce(all = [], st IN statements | all + coalesce(st.latestDay, [])) AS ends
