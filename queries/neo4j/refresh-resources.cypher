// Purpose: after a write, make each touched resource's class labels (Event, Place, ...) the union of the classes its
//   sources state, and its `label` property the first English label (else any), sources taken by graph IRI.
// Parameters: $iris (resource IRIs), $classes (every class label), $ontology (the class IRIs' namespace).
// Returns: nothing.
UNWIND $iris AS iri
MATCH (e:Resource {iri: iri})
OPTIONAL MATCH (s:Source)-[st:STATES]->(e)
WITH e, st ORDER BY s.graph
WITH e, collect(st) AS statements
WITH e, statements,
  [c IN $classes WHERE any(st IN statements WHERE $ontology + c IN coalesce(st.type, []))] AS classes,
  [st IN statements | [i IN range(0, size(coalesce(st.label, [])) - 1)
    WHERE coalesce(st.label__type[i], '') = '@en' | st.label[i]]] AS english,
  [st IN statements | coalesce(st.label, [])] AS any
REMOVE e:$($classes)
SET e:$(classes)
SET e.label = coalesce(head(reduce(all = [], l IN english | all + l)), head(reduce(all = [], l IN any | all + l)))
