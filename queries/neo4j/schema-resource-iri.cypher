// Purpose: one node per IRI: the uniqueness constraint on Resource.iri (created on first load; also its index).
// Parameters: none.
// Returns: nothing.
CREATE CONSTRAINT resource_iri IF NOT EXISTS FOR (r:Resource) REQUIRE r.iri IS UNIQUE
