// Purpose: every name of every resource of an eventgraph class (labels, aliases, short names), for the search index.
// Parameters: $ontology (the class IRIs' namespace).
// Returns: s (IRI), classes (its eventgraph class IRIs), statements (the properties of each STATES relationship:
//   the caller reads label, altLabel and shortName from them).
MATCH (:Source)-[st:STATES]->(e:Resource)
WITH e, collect(properties(st)) AS statements
WITH e, statements, reduce(all = [], st IN statements | all + [t IN coalesce(st.type, []) WHERE t STARTS WITH $ontology]) AS classes
WHERE size(classes) > 0
RETURN e.iri AS s, classes, statements
