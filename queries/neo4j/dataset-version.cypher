// Purpose: the current dataset version (ETags, caches), as the last committed load wrote it.
// Parameters: none.
// Returns: version (hex digest; no row on a store never loaded).
MATCH (d:Dataset {name: 'eventgraph'})
RETURN d.version AS version
