// Purpose: what `find` orders resources by: English labels, any labels, earliest days (sources by graph IRI).
// Parameters: $iris (resource IRIs).
// Returns: s (IRI), labels (English labels), others (all labels), days (earliestDay dates).
UNWIND $iris AS iri
MATCH (s:Resource {iri: iri})
OPTIONAL MATCH (src:Source)-[st:STATES]->(s)
WITH s, src, st ORDER BY src.graph
WITH s, collect(st) AS statements
RETURN s.iri AS s,
  reduce(all = [], st IN statements | all + [i IN range(0, size(coalesce(st.label, [])) - 1)
    WHERE coalesce(st.label__type[i], '') = '@en' | st.label[i]]) AS labels,
  reduce(all = [], st IN statements | all + coalesce(st.label, [])) AS others,
  reduce(all = [], st IN statements | all + coalesce(st.earliestDay, [])) AS days
