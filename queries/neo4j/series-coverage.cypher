// Purpose: data coverage per event series: how many editions have a date, a place, an organizer and an attendance.
// Parameters: none.
// Returns: series (IRI), labels (its English labels), editions, dated, placed, organized, attended (integers).
MATCH (series:Resource:EventSeries)
OPTIONAL MATCH (event:Resource)-[:SERIES]->(series)
WITH series, collect(DISTINCT event) AS events
RETURN series.iri AS series,
  COLLECT { MATCH (src:Source)-[st:STATES]->(series) WITH src, st ORDER BY src.graph
    UNWIND range(0, size(coalesce(st.label, [])) - 1) AS i WITH st, i WHERE coalesce(st.label__type[i], '') = '@en'
    RETURN st.label[i] } AS labels,
  size(events) AS editions,
  size([e IN events WHERE EXISTS { MATCH (:Source)-[st:STATES]->(e) WHERE size(coalesce(st.startDate, [])) > 0 }])
    AS dated,
  size([e IN events WHERE EXISTS { MATCH (e)-[:LOCATION|VENUE|COUNTRY]->(:Resource) }]) AS placed,
  size([e IN events WHERE EXISTS { MATCH (e)-[:ORGANIZER]->(:Resource) }]) AS organized,
  size([e IN events WHERE EXISTS { MATCH (e)-[:ATTENDANCE]->() }]) AS attended
