// Purpose: one level of a GraphQL query in one round trip (the LinkBatches capability): the subjects of inverse
//   links, the relationships reachable from containment-chain starts, and the description of everything asked for
//   or found (as describe.cypher), with the value nodes of unselected relationship types left undescribed.
// Parameters: $describe (resource IRIs); $inbound (list of [target IRI, relationship type]); $ancestors (list of
//   [start IRI, relationship type]); $unexpanded (relationship types whose value nodes come back without
//   properties, links or values).
// Returns: one row: inbound (list of [target IRI, type, subject IRI]); reached (IRIs of every resource reachable
//   from a start through its type, the starts included); edges (list of [type, from IRI, graph, to IRI]: every
//   relationship of that type leaving a reached resource for a resource; the caller walks them breadth first);
//   resources (list of maps with describe.cypher's columns: iri, statements, links, values).
CALL () {
  UNWIND $inbound AS pair
  MATCH (s:Resource)-[r]->(:Resource {iri: pair[0]})
  WHERE type(r) = pair[1]
  RETURN collect(DISTINCT [pair[0], pair[1], s.iri]) AS inbound
}
CALL () {
  UNWIND $ancestors AS pair
  MATCH (start:Resource {iri: pair[0]})
  MATCH p = (start)-[rs*0..]->(n:Resource)
  WHERE all(x IN rs WHERE type(x) = pair[1]) AND all(m IN nodes(p) WHERE m:Resource)
  WITH DISTINCT pair[1] AS type, n
  OPTIONAL MATCH (n)-[r]->(m:Resource)
  WHERE type(r) = type
  RETURN collect(DISTINCT n.iri) AS reached,
    collect(CASE WHEN r IS NULL THEN null ELSE [type, n.iri, r.graph, m.iri] END) AS edges
}
CALL (inbound, reached) {
  UNWIND $describe + [x IN inbound | x[2]] + reached AS iri
  WITH DISTINCT iri
  MATCH (e:Resource {iri: iri})
  RETURN collect({
    iri: e.iri,
    statements: [(s:Source)-[st:STATES]->(e) | [s.graph, properties(st)]],
    links: [(e)-[r]->(t:Resource) | [type(r), r.graph, t.iri]],
    values: [(e)-[r]->(v1:Value) | CASE WHEN type(r) IN $unexpanded THEN [type(r), r.graph, v1.bnode, null, [], []]
      ELSE [type(r), r.graph, v1.bnode, properties(v1),
      [(v1)-[r1]->(t1:Resource) | [type(r1), t1.iri]],
      [(v1)-[r1]->(v2:Value) | CASE WHEN type(r1) IN $unexpanded THEN [type(r1), v2.graph, v2.bnode, null, [], []]
        ELSE [type(r1), v2.graph, v2.bnode, properties(v2),
        [(v2)-[r2]->(t2:Resource) | [type(r2), t2.iri]],
        [(v2)-[r2]->(v3:Value) | CASE WHEN type(r2) IN $unexpanded THEN [type(r2), v3.graph, v3.bnode, null, [], []]
          ELSE [type(r2), v3.graph, v3.bnode, properties(v3),
          [(v3)-[r3]->(t3:Resource) | [type(r3), t3.iri]],
          [(v3)-[r3]->(v4:Value) | [type(r3), v4.graph, v4.bnode, null, [], []]]] END]] END]] END]
  }) AS resources
}
RETURN inbound, reached, edges, resources
