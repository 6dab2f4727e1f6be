// Purpose: which pairs of places lie one inside the other (through CONTAINED_IN, either way), for conflicts.
// Parameters: $pairs (list of [IRI, IRI]).
// Returns: a, b (IRIs), nested (boolean).
UNWIND $pairs AS pair
MATCH (a:Resource {iri: pair[0]}), (b:Resource {iri: pair[1]})
RETURN pair[0] AS a, pair[1] AS b,
  EXISTS { MATCH (a)-[:CONTAINED_IN]->+(b) } OR EXISTS { MATCH (b)-[:CONTAINED_IN]->+(a) } AS nested
