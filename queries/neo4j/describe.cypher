// Purpose: everything the sources state about some resources: the literal values on each source's STATES
//   relationship, the relationships to other resources, and the value nodes (blank nodes) three levels deep.
// Parameters: $iris (resource IRIs).
// Returns: iri; statements (list of [graph, properties]); links (list of [type, graph, target IRI]); values (list
//   of [type, graph, bnode, properties, links, values] where links are [type, target IRI] and values nest the same
//   way, the third level giving only [type, bnode] of its own values).
UNWIND $iris AS iri
MATCH (e:Resource {iri: iri})
RETURN e.iri AS iri,
  [(s:Source)-[st:STATES]->(e) | [s.graph, properties(st)]] AS statements,
  [(e)-[r]->(t:Resource) | [type(r), r.graph, t.iri]] AS links,
  [(e)-[r]->(v1:Value) | [type(r), r.graph, v1.bnode, properties(v1),
    [(v1)-[r1]->(t1:Resource) | [type(r1), t1.iri]],
    [(v1)-[r1]->(v2:Value) | [type(r1), v2.graph, v2.bnode, properties(v2),
      [(v2)-[r2]->(t2:Resource) | [type(r2), t2.iri]],
      [(v2)-[r2]->(v3:Value) | [type(r2), v3.graph, v3.bnode, properties(v3),
        [(v3)-[r3]->(t3:Resource) | [type(r3), t3.iri]],
        [(v3)-[r3]->(v4:Value) | [type(r3), v4.graph, v4.bnode, null, [], []]]]]]]]] AS values
