// Purpose: the dataset version every API process reads (a hash of the sources' digests), in the same transaction
//   as the data it describes.
// Parameters: $version (hex digest), $updatedAt (ISO timestamp).
// Returns: nothing.
MERGE (d:Dataset {name: 'eventgraph'})
SET d.version = $version, d.updatedAt = $updatedAt
