"""Facet rows: every entity matching a filter with the values it is counted under, in one query.

The store reads the values; the api counts them and picks one attendance figure per event by the
preferred-value rule, so facets and the `attendance` field can never disagree.
"""

from __future__ import annotations

from eventgraph.errors import StoreError
from eventgraph.model import AttendanceFigure, EntityClass, FacetDimension, FacetQuery, FacetRows, FacetValue
from eventgraph.store.oxigraph.find_sparql import criteria_patterns
from eventgraph.store.oxigraph.points import resolve_near
from eventgraph.store.oxigraph.sparql_text import Select, fill, literal

_FILES = {EntityClass.EVENT: "store/event-facets.rq", EntityClass.ORGANIZATION: "store/organization-facets.rq"}
ORGANIZATION_DIMENSIONS = (FacetDimension.KIND, FacetDimension.COUNTRY, FacetDimension.REGION)
_DIMENSIONS = {d.value: d for d in FacetDimension}


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


def facet_rows(select: Select, query: FacetQuery) -> FacetRows:
    """The matching entities, their values for the wanted dimensions and, for events, their attendance figures."""
    name = _FILES.get(query.entity_class)
    if name is None:
        raise StoreError(f"no facets for {query.entity_class.value}")
    if query.entity_class is EntityClass.ORGANIZATION and not set(query.dimensions) <= set(ORGANIZATION_DIMENSIONS):
        raise StoreError("organizations have the facets kind, country and region")
    criteria = resolve_near(select, query.entity_class, query.criteria)
    wanted = ["*", *(d.value for d in query.dimensions)]
    if query.entity_class is EntityClass.EVENT:
        wanted.append("attendance")
    dimensions = f"FILTER(?dim IN ({', '.join(literal(w) for w in dict.fromkeys(wanted))}))"
    subjects: dict[str, None] = {}
    years: dict[str, int] = {}
    found: dict[FacetValue, None] = {}
    attendance: list[AttendanceFigure] = []
    for row in select(fill(name, criteria=criteria_patterns(criteria), dimensions=dimensions)):
        subject, dim = row["s"], row.get("dim", "*")
        subjects.setdefault(subject, None)
        if dim == "attendance":
            figure = AttendanceFigure(
                subject,
                row.get("graph", ""),
                _int(row.get("value")),
                _int(row.get("minimum")),
                row.get("qualifier"),
                row.get("preferred") == "true",
            )
            attendance.append(figure)
        elif dim == FacetDimension.YEAR.value:
            year = _int(row.get("value"))
            if year is not None:  # several sources may bound the start differently: the earliest year counts
                years[subject] = min(year, years.get(subject, year))
        elif dim in _DIMENSIONS and row.get("value"):
            found.setdefault(FacetValue(subject, _DIMENSIONS[dim], row["value"]), None)
    year_values = [FacetValue(s, FacetDimension.YEAR, str(y)) for s, y in years.items()]
    ordered = sorted([*found, *year_values], key=lambda v: (v.dimension.value, v.subject, v.value))
    attendance.sort(key=lambda f: (f.subject, f.graph, f.value or 0, f.minimum or 0))
    return FacetRows(tuple(sorted(subjects)), tuple(ordered), tuple(dict.fromkeys(attendance)))
