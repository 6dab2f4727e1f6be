// Purpose: inverse navigation: for each resource, the resources pointing at it through one relationship type.
// Parameters: $iris (resource IRIs), $type (relationship type, e.g. SERIES).
// Returns: iri, subjects (distinct IRIs), one row per IRI given that names a resource.
UNWIND $iris AS iri
MATCH (e:Resource {iri: iri})
OPTIONAL MATCH (s:Resource)-[r:$($type)]->(e)
RETURN iri, collect(DISTINCT s.iri) AS subjects
