// Purpose: store size for /healthz and the CLI: triples in total and resources per eventgraph class.
// Parameters: $ontology (the class IRIs' namespace).
// Returns: what ("triples" or a class IRI), n (integer).
MATCH (s:Source)
RETURN 'triples' AS what, sum(s.triples) AS n
UNION ALL
MATCH (:Source)-[st:STATES]->(e:Resource)
UNWIND st.type AS class
WITH class, e
WHERE class STARTS WITH $ontology
RETURN class AS what, count(DISTINCT e) AS n
