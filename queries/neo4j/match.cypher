// Purpose: the resources of one class matching all criteria of a filter (find, facets, organization links).
// Parameters: $class (node label), $values (HasValue: list of {type, iris}), $paths (transitive HasValue: list of
//   {type, iris}), $literals (HasLiteral: list of {key, values}), $places (InPlace: list of IRI lists),
//   $placeTypes (relationship types placing a resource), $after (dates: a latestDay on or after each),
//   $before (dates: an earliestDay on or before each), $dated (boolean: needs an earliestDay), $referenced (list of
//   {type, minimum}), $oneOf (list of IRI lists).
// Returns: s (IRI), one row per matching resource.
MATCH (s:Resource:$($class))
WHERE all(c IN $values WHERE EXISTS { MATCH (s)-[:$(c.type)]->(t:Resource) WHERE t.iri IN c.iris })
  AND all(c IN $paths WHERE EXISTS { MATCH (s)-[:$(c.type)]->+(t:Resource) WHERE t.iri IN c.iris })
  AND all(c IN $literals WHERE EXISTS {
    MATCH (:Source)-[st:STATES]->(s)
    WHERE any(i IN range(0, size(coalesce(st[c.key], [])) - 1)
      WHERE st[c.key][i] IN c.values AND coalesce(st[c.key + '__type'][i], '') = '') })
  AND all(c IN $places WHERE EXISTS {
    MATCH (s)-[r]->(:Resource)-[:CONTAINED_IN]->*(p:Resource) WHERE type(r) IN $placeTypes AND p.iri IN c })
  AND all(d IN $after WHERE EXISTS {
    MATCH (:Source)-[st:STATES]->(s) WHERE any(day IN coalesce(st.latestDay, []) WHERE day >= d) })
  AND all(d IN $before WHERE EXISTS {
    MATCH (:Source)-[st:STATES]->(s) WHERE any(day IN coalesce(st.earliestDay, []) WHERE day <= d) })
  AND (NOT $dated OR EXISTS { MATCH (:Source)-[st:STATES]->(s) WHERE size(coalesce(st.earliestDay, [])) > 0 })
  AND all(c IN $referenced WHERE COUNT { MATCH (x)-[:$(c.type)]->(s) RETURN DISTINCT x } >= c.minimum)
  AND all(c IN $oneOf WHERE s.iri IN c)
RETURN s.iri AS s
