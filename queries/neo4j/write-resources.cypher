// Purpose: the Resource nodes a source names (as subjects or as related entities), created once per IRI.
// Parameters: $rows (list of maps: iri, qid (null when not a Wikidata item)).
// Returns: nothing.
UNWIND $rows AS row
MERGE (e:Resource {iri: row.iri})
  ON CREATE SET e.qid = row.qid
