// Purpose: drop what one source states about each resource, and the source itself.
// Parameters: $graph (the source's named graph IRI).
// Returns: touched (the IRIs of the resources it described: their labels are recomputed).
MATCH (s:Source {graph: $graph})
OPTIONAL MATCH (s)-[st:STATES]->(e:Resource)
WITH s, collect(st) AS statements, collect(e.iri) AS touched
FOREACH (st IN statements | DELETE st)
DELETE s
RETURN touched
