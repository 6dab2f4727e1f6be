// Purpose: one node per Wikidata item: the uniqueness constraint on Resource.qid (absent on minted IRIs).
// Parameters: none.
// Returns: nothing.
CREATE CONSTRAINT resource_qid IF NOT EXISTS FOR (r:Resource) REQUIRE r.qid IS UNIQUE
