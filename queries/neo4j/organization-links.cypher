// Purpose: organization-to-organization links: organizers of one event, an organizer and a partner of one event, the
//   parties of one partnership; at least one end is one of the organizations given.
// Parameters: $events (event IRIs, or null for every event), $organizations (IRIs of the matching organizations),
//   $related (event IRIs a partnership must name through relatedEvent, or null for no such condition).
// Returns: source, target (organization IRIs; for organizer-partner the source organized), kind, via (IRI).
CALL () {
  MATCH (via:Resource:Event)-[:ORGANIZER]->(a:Resource), (via)-[:ORGANIZER]->(b:Resource)
  WHERE ($events IS NULL OR via.iri IN $events) AND a.iri < b.iri
  RETURN a.iri AS source, b.iri AS target, 'co-organizers' AS kind, via.iri AS via
  UNION
  MATCH (via:Resource:Event)-[:ORGANIZER]->(a:Resource), (via)-[:PARTNER]->(b:Resource)
  WHERE ($events IS NULL OR via.iri IN $events) AND a.iri <> b.iri
  RETURN a.iri AS source, b.iri AS target, 'organizer-partner' AS kind, via.iri AS via
  UNION
  MATCH (via:Resource:Partnership)-[:PARTY]->(a:Resource), (via)-[:PARTY]->(b:Resource)
  WHERE a.iri < b.iri
    AND ($related IS NULL OR EXISTS { MATCH (via)-[:RELATED_EVENT]->(r:Resource) WHERE r.iri IN $related })
  RETURN a.iri AS source, b.iri AS target, 'partnership' AS kind, via.iri AS via
}
WITH source, target, kind, via
WHERE source IN $organizations OR target IN $organizations
RETURN DISTINCT source, target, kind, via
