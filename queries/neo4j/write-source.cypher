// Purpose: the Source node of a named graph, with its provenance (title, url, kind, ...), triple count and digest.
// Parameters: $graph (named graph IRI), $props (map: graph, title, url, kind, loadedAt, triples, digest and the
//   optional retrieved, licence, endpoint, extra).
// Returns: nothing.
MERGE (s:Source {graph: $graph})
SET s = $props
