// Purpose: the resources other sources than one (the Wikidata graph) describe with an eventgraph class, with their
//   classes and their own pages in those sources, for the Wikidata loader.
// Parameters: $exclude (the graph left out), $sources (the namespace of source graphs), $ontology (class namespace).
// Returns: entity (IRI), types (class IRIs), pages (URLs).
MATCH (s:Source)-[st:STATES]->(e:Resource)
WHERE s.graph STARTS WITH $sources AND s.graph <> $exclude
WITH e, st, [t IN coalesce(st.type, []) WHERE t STARTS WITH $ontology] AS types
WHERE size(types) > 0
RETURN e.iri AS entity, collect(types) AS types, collect(coalesce(st.page, [])) AS pages
