// Purpose: per organization, the counts `find` can sort organizations by: the events it organized, the organizations
//   linked to it as partners, and the organizations linked to it at all in the co-organization network (degree).
// Parameters: $iris (organization IRIs, already filtered).
// Returns: s (IRI), events, partners, degree (integers).
UNWIND $iris AS iri
MATCH (s:Resource {iri: iri})
WITH s,
  COLLECT {
    MATCH (v:Resource:Event)-[:ORGANIZER]->(s), (v)-[:PARTNER]->(l:Resource) WHERE l <> s RETURN l.iri AS l
    UNION
    MATCH (v:Resource:Event)-[:PARTNER]->(s), (v)-[:ORGANIZER]->(l:Resource) WHERE l <> s RETURN l.iri AS l
    UNION
    MATCH (v:Resource:Partnership)-[:PARTY]->(s), (v)-[:PARTY]->(l:Resource) WHERE l <> s RETURN l.iri AS l
  } AS partners,
  COLLECT {
    MATCH (v:Resource:Event)-[:ORGANIZER]->(s), (v)-[:ORGANIZER]->(l:Resource) WHERE l <> s RETURN l.iri AS l
  } AS coOrganizers
RETURN s.iri AS s,
  COUNT { MATCH (e:Resource:Event)-[:ORGANIZER]->(s) RETURN DISTINCT e } AS events,
  size(partners) AS partners,
  size(reduce(all = [], l IN partners + coOrganizers | CASE WHEN l IN all THEN all ELSE all + l END)) AS degree
