// Purpose: what the Wikidata graph and each other source state about the same resources, for `eventgraph conflicts`:
//   both statements, both sets of relationships and value nodes of the compared properties.
// Parameters: $wikidata (the Wikidata graph), $sources (namespace of source graphs), $types (relationship types
//   compared).
// Returns: entity, localGraph, wikidata, local (STATES properties), links (list of [type, graph, IRI]), values
//   (list of [type, graph, bnode, text, value, minimum, maximum]).
MATCH (w:Source {graph: $wikidata})-[ws:STATES]->(e:Resource)<-[ls:STATES]-(l:Source)
WHERE l.graph STARTS WITH $sources AND l.graph <> $wikidata
RETURN e.iri AS entity, l.graph AS localGraph, properties(ws) AS wikidata, properties(ls) AS local,
  [(e)-[r]->(t:Resource) WHERE r.graph IN [$wikidata, l.graph] AND type(r) IN $types | [type(r), r.graph, t.iri]]
    AS links,
  [(e)-[r]->(v:Value) WHERE r.graph IN [$wikidata, l.graph] AND type(r) IN $types |
    [type(r), r.graph, v.bnode, coalesce(v.text, []), coalesce(v.value, []), coalesce(v.minimum, []),
      coalesce(v.maximum, [])]] AS values
