"""The counts `find` sorts organizations by, read with SPARQL (queries/store/organization-measures.rq).

The ordering and paging themselves are backend-neutral: `eventgraph.store.pages`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from eventgraph.errors import StoreError
from eventgraph.model import Criterion, EntityClass, FindQuery
from eventgraph.store.oxigraph.find_sparql import criteria_patterns
from eventgraph.store.oxigraph.sparql_text import Select, fill
from eventgraph.store.pages import MEASURED


def organization_measures(select: Select, criteria: Sequence[Criterion]) -> dict[str, dict[str, int]]:
    """For each organization matching `criteria` (Near already resolved): its counts by variable name."""
    rows = select(fill("store/organization-measures.rq", criteria=criteria_patterns(criteria)))
    return {row["s"]: {name: int(row.get(name) or 0) for name in MEASURED.values()} for row in rows}


def measures_for(select: Select, query: FindQuery) -> Mapping[str, Mapping[str, int]]:
    """The counts `query` sorts by (nothing for label and start); counts sort organizations only."""
    if query.sort not in MEASURED:
        return {}
    if query.entity_class is not EntityClass.ORGANIZATION:
        raise StoreError(f"sorting by {query.sort.value} is for organizations, not {query.entity_class.value}")
    return organization_measures(select, query.criteria)
