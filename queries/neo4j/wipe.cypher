// Purpose: empty the database of everything this backend writes (tests; `eventgraph` never calls it on its own).
// Parameters: none.
// Returns: nothing.
MATCH (n)
WHERE n:Resource OR n:Value OR n:Source OR n:Dataset
DETACH DELETE n
