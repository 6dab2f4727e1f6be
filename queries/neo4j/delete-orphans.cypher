// Purpose: drop the resources no source describes or refers to any more (after a source was replaced or removed).
// Parameters: none.
// Returns: nothing.
MATCH (e:Resource)
WHERE NOT EXISTS { (e)--() }
DELETE e
