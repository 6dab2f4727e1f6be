"""The typed reads of the research and report features on Neo4j: criteria, facets, profiles, networks, points.

Each function sends one or two queries of `queries/neo4j/` and shapes the rows into the same records, in the same
order, as the embedded backend gives (the contract suite and the differential test hold them to it).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Protocol

from eventgraph.errors import StoreError
from eventgraph.model import (
    EG,
    EG_SOURCE,
    VOCABULARY,
    AttendanceFigure,
    Blank,
    Criterion,
    EntityClass,
    EventProfile,
    FacetDimension,
    FacetQuery,
    FacetRows,
    FacetValue,
    GraphEdge,
    HasLiteral,
    HasValue,
    InPlace,
    Iri,
    LinkKind,
    LinkQuery,
    LocalEntity,
    Near,
    OneOf,
    OrganizationLink,
    Overlaps,
    P,
    ReferencedAtLeast,
    ValuePair,
)
from eventgraph.store.geo import Point, distance_km, parse_wkt
from eventgraph.store.neo4j.mapping import decode_properties, predicate_of_type, property_key, relationship_type


class Runner(Protocol):
    """What these functions need of the store: run one query file with parameters."""

    def _run(self, name: str, **params: Any) -> list[dict[str, Any]]: ...


_PLACE_TYPES = sorted(
    {
        relationship_type(u.iri)
        for u in VOCABULARY
        if u.relation and u.targets == (EntityClass.PLACE,) and "Place" not in u.on
    }
)
"""The relationships placing a resource (location, venue, country, seat, operating area), from the vocabulary."""
ORGANIZATION_DIMENSIONS = (FacetDimension.KIND, FacetDimension.COUNTRY, FacetDimension.REGION)


# ---------------------------------------------------------------- criteria


def _criteria_params(criteria: Sequence[Criterion]) -> dict[str, Any]:
    params: dict[str, Any] = {
        "values": [],
        "paths": [],
        "literals": [],
        "places": [],
        "placeTypes": _PLACE_TYPES,
        "after": [],
        "before": [],
        "dated": False,
        "referenced": [],
        "oneOf": [],
    }
    for c in criteria:
        if isinstance(c, HasValue):
            params["paths" if c.transitive else "values"].append(
                {"type": relationship_type(c.predicate), "iris": list(c.iris)}
            )
        elif isinstance(c, HasLiteral):
            params["literals"].append({"key": property_key(c.predicate), "values": list(c.values)})
        elif isinstance(c, InPlace):
            params["places"].append(list(c.iris))
        elif isinstance(c, Overlaps):
            if c.start is not None:
                params["after"].append(c.start)
            if c.end is not None:
                params["before"].append(c.end)
            if c.start is None and c.end is None:
                params["dated"] = True
        elif isinstance(c, ReferencedAtLeast):
            params["referenced"].append({"type": relationship_type(c.predicate), "minimum": int(c.minimum)})
        elif isinstance(c, OneOf):
            params["oneOf"].append(list(c.iris))
        elif isinstance(c, Near):
            raise StoreError("a Near criterion must be resolved to OneOf first")
    return params


def _resolve_near(run: Runner, entity_class: EntityClass, criteria: Sequence[Criterion]) -> tuple[Criterion, ...]:
    """The criteria with every `Near` replaced by the `OneOf` of the resources it matches."""
    if not any(isinstance(c, Near) for c in criteria):
        return tuple(criteria)
    found = points(run, entity_class, None)
    resolved: list[Criterion] = []
    for c in criteria:
        if isinstance(c, Near):
            centre = (c.latitude, c.longitude)
            within = sorted(s for s, pts in found.items() if any(distance_km(centre, p) <= c.km for p in pts))
            resolved.append(OneOf(tuple(within)))
        else:
            resolved.append(c)
    return tuple(resolved)


def matching(run: Runner, entity_class: EntityClass, criteria: Sequence[Criterion]) -> list[str]:
    """The IRIs of the resources of a class matching all criteria, sorted."""
    params = _criteria_params(_resolve_near(run, entity_class, criteria))
    return sorted(row["s"] for row in run._run("match", **{"class": entity_class.value}, **params))


def sort_keys(run: Runner, iris: Sequence[str]) -> list[dict[str, Any]]:
    """Labels and earliest days of these resources, for `find` to order by."""
    return run._run("sort-keys", iris=list(iris))


def organization_measures(run: Runner, iris: Sequence[str]) -> dict[str, dict[str, int]]:
    """For each of these organizations: its events, partners and degree (`eventgraph.store.pages.MEASURED`)."""
    rows = run._run("organization-measures", iris=list(iris))
    return {row["s"]: {name: int(row[name] or 0) for name in ("events", "partners", "degree")} for row in rows}


# ---------------------------------------------------------------- names


def names(run: Runner) -> Iterable[tuple[str, str, str, str, str | None]]:
    """(IRI, class IRI, field, name, language) of every name of every classed resource, without repeats."""
    found: dict[tuple[str, str, str, str, str | None], None] = {}
    fields = {"label": "label", "altLabel": "alias", "shortName": "alias"}
    for row in run._run("names", ontology=EG):
        for props in row["statements"]:
            wanted = {k: v for k, v in props.items() if k.split("__")[0] in fields}
            for predicate, term in decode_properties(wanted):
                if isinstance(term, Iri | Blank):
                    continue
                field = fields.get(property_key(predicate))
                if field is None:
                    continue
                for class_iri in dict.fromkeys(row["classes"]):
                    found.setdefault((row["s"], class_iri, field, term.lexical, term.language or ""), None)
    return list(found)


# ---------------------------------------------------------------- facets


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None and str(value) else None
    except ValueError:
        return None


def _text(value: object) -> str:
    if hasattr(value, "iso_format"):
        return str(value.iso_format())
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def facet_rows(run: Runner, query: FacetQuery) -> FacetRows:
    """The matching resources, their values for the wanted dimensions and, for events, their attendance figures."""
    if query.entity_class not in (EntityClass.EVENT, EntityClass.ORGANIZATION):
        raise StoreError(f"no facets for {query.entity_class.value}")
    if query.entity_class is EntityClass.ORGANIZATION and not set(query.dimensions) <= set(ORGANIZATION_DIMENSIONS):
        raise StoreError("organizations have the facets kind, country and region")
    subjects = matching(run, query.entity_class, query.criteria)
    wanted = set(query.dimensions)
    found: dict[FacetValue, None] = {}
    attendance: list[AttendanceFigure] = []

    def add(subject: str, dimension: FacetDimension, values: Iterable[object]) -> None:
        if dimension in wanted:
            for value in values:
                if value is not None and _text(value):
                    found.setdefault(FacetValue(subject, dimension, _text(value)), None)

    if query.entity_class is EntityClass.ORGANIZATION:
        for row in run._run("organization-facets", iris=subjects):
            add(row["s"], FacetDimension.KIND, row["kinds"])
            add(row["s"], FacetDimension.COUNTRY, row["countries"])
            add(row["s"], FacetDimension.REGION, row["regions"])
    else:
        for row in run._run("event-facets", iris=subjects, attendance=P.attendance):
            s = row["s"]
            years = [day.year for day in row["days"] if hasattr(day, "year")]
            add(s, FacetDimension.YEAR, [min(years)] if years else [])
            add(s, FacetDimension.COUNTRY, row["countries"] or row["located"])
            add(s, FacetDimension.REGION, row["regions"])
            add(s, FacetDimension.KIND, row["kinds"])
            add(s, FacetDimension.SERIES, row["series"])
            add(s, FacetDimension.ORGANIZER, row["organizers"])
            add(s, FacetDimension.STATUS, row["statuses"])
            for graph, values, minimums, qualifiers, preferred in row["figures"]:
                for value, minimum, qualifier, flag in itertools.product(
                    values or [None], minimums or [None], qualifiers or [None], preferred or [None]
                ):
                    attendance.append(
                        AttendanceFigure(
                            s,
                            graph,
                            _int(value),
                            _int(minimum),
                            None if qualifier is None else _text(qualifier),
                            flag is True,
                        )
                    )
    ordered = sorted(found, key=lambda v: (v.dimension.value, v.subject, v.value))
    attendance.sort(key=lambda f: (f.subject, f.graph, f.value or 0, f.minimum or 0))
    return FacetRows(tuple(subjects), tuple(ordered), tuple(dict.fromkeys(attendance)))


# ---------------------------------------------------------------- profiles and points


def _days(values: Iterable[object]) -> list[date]:
    found = []
    for value in values:
        text = _text(value)
        try:
            found.append(date.fromisoformat(text))
        except ValueError:
            continue
    return found


def event_profiles(run: Runner, iris: Sequence[str] | None) -> list[EventProfile]:
    """Profiles of these events (of every event when `iris` is None), sorted by IRI; unknown IRIs are absent."""
    rows = run._run("event-profiles", iris=None if iris is None else list(iris))
    where = points(run, EntityClass.EVENT, [row["s"] for row in rows]) if rows else {}
    profiles = []
    for row in sorted(rows, key=lambda r: str(r["s"])):
        starts, ends = _days(row["starts"]), _days(row["ends"])
        profiles.append(
            EventProfile(
                iri=row["s"],
                series=tuple(sorted(row["series"])),
                organizers=tuple(sorted(row["organizers"])),
                partners=tuple(sorted(row["partners"])),
                places=tuple(sorted(row["places"])),
                countries=tuple(sorted(row["countries"] or row["located"])),
                start=min(starts) if starts else None,
                end=max(ends) if ends else None,
                points=where.get(row["s"], ()),
            )
        )
    return profiles


def points(run: Runner, entity_class: EntityClass, iris: Sequence[str] | None) -> dict[str, tuple[Point, ...]]:
    """The points of each resource of the class at its most specific level (only of `iris` when given)."""
    best: dict[str, tuple[int, list[Point]]] = {}
    rows = run._run("points", **{"class": entity_class.value}, iris=None if iris is None else list(iris))
    for row in rows:
        level = int(row["level"])
        for wkt in row["coordinates"]:
            point = parse_wkt(str(wkt))
            if point is None:
                continue
            current = best.get(row["s"])
            if current is None or level < current[0]:
                best[row["s"]] = (level, [point])
            elif level == current[0] and point not in current[1]:
                current[1].append(point)
    return {s: tuple(sorted(found)) for s, (_, found) in best.items()}


# ---------------------------------------------------------------- networks


def edges(run: Runner, iris: Sequence[str], predicates: Sequence[str]) -> list[GraphEdge]:
    """Every relationship of one of `predicates` with one of `iris` at either end, sorted."""
    if not iris or not predicates:
        return []
    types = {relationship_type(p): p for p in predicates}
    rows = run._run("edges", iris=list(dict.fromkeys(iris)), types=sorted(types))
    found = {
        GraphEdge(r["source"], types.get(r["type"], predicate_of_type(r["type"])), r["target"], r["graph"])
        for r in rows
    }
    return sorted(found, key=lambda e: (e.source, e.predicate, e.target, e.graph))


def organization_links(run: Runner, query: LinkQuery) -> list[OrganizationLink]:
    """Links between organizations through shared events and partnerships, sorted."""
    events = matching(run, EntityClass.EVENT, query.events) if query.events else None
    organizations = matching(run, EntityClass.ORGANIZATION, query.organizations)
    rows = run._run(
        "organization-links",
        events=events,
        organizations=organizations,
        related=events,
    )
    kinds = {k.value: k for k in LinkKind}
    found = {OrganizationLink(r["source"], r["target"], kinds[r["kind"]], r["via"]) for r in rows}
    return sorted(found, key=lambda link: (link.source, link.target, link.kind.value, link.via))


# ---------------------------------------------------------------- reports and loaders


def local_entities(run: Runner, exclude_graph: str) -> list[LocalEntity]:
    """The classed resources every source but `exclude_graph` describes, with their pages."""
    found = []
    for row in run._run("local-entities", exclude=exclude_graph, sources=EG_SOURCE, ontology=EG):
        types = sorted({t for group in row["types"] for t in group})
        pages = tuple(dict.fromkeys(p for group in row["pages"] for p in group))
        found.append(LocalEntity(row["entity"], tuple(types), tuple(sorted(pages))))
    return sorted(found, key=lambda e: e.iri)


_COMPARED = [
    "startDate",
    "endDate",
    "founded",
    "firstYear",
    "attendance",
    "participants",
    "location",
    "country",
    "containedIn",
    "basedIn",
    "parentOrganization",
    "series",
    "editionNumber",
    "coordinates",
    "kind",
    "organizationKind",
    "placeKind",
]


def value_pairs(run: Runner, wikidata_graph: str) -> list[ValuePair]:
    """Single-valued facts the Wikidata graph and another source both state, side by side."""
    iris = {name: EG + name for name in _COMPARED}
    types = sorted({relationship_type(i) for i in iris.values()})
    raw: list[tuple[str, str, str, tuple[str, Any], tuple[str, Any]]] = []
    for row in run._run("value-pairs", wikidata=wikidata_graph, sources=EG_SOURCE, types=types):
        local_graph = row["localGraph"]
        sides: dict[str, dict[str, list[tuple[str, Any]]]] = {
            wikidata_graph: defaultdict(list),
            local_graph: defaultdict(list),
        }
        for graph, props in ((wikidata_graph, row["wikidata"]), (local_graph, row["local"])):
            for predicate, term in decode_properties(props):
                if predicate in iris.values():
                    sides[graph][predicate].append(("literal", term))
        for rel_type, graph, target in row["links"]:
            sides[graph][predicate_of_type(rel_type)].append(("iri", target))
        for rel_type, graph, bnode, text, value, minimum, maximum in row["values"]:
            sides[graph][predicate_of_type(rel_type)].append(("node", (bnode, text, value, minimum, maximum)))
        for predicate in iris.values():
            for ours in sides[local_graph].get(predicate, []):
                for theirs in sides[wikidata_graph].get(predicate, []):
                    raw.append((row["entity"], predicate, local_graph, ours, theirs))
    pairs = [(_lexical(o), _lexical(t)) for _, _, _, o, t in raw if o[0] == "iri" and t[0] == "iri"]
    nested = {
        (r["a"], r["b"]): bool(r["nested"])
        for r in (run._run("nested-places", pairs=[list(p) for p in set(pairs)]) if pairs else [])
    }
    found = []
    for entity, predicate, local_graph, ours, theirs in raw:
        for local_text, local_number, local_min, local_max in _node_fields(ours):
            for wikidata_text, wikidata_number, _, _ in _node_fields(theirs):
                found.append(
                    ValuePair(
                        entity=entity,
                        property=predicate,
                        local_graph=local_graph,
                        local_value=_lexical(ours),
                        wikidata_value=_lexical(theirs),
                        local_text=local_text,
                        local_number=local_number,
                        local_min=local_min,
                        local_max=local_max,
                        wikidata_text=wikidata_text,
                        wikidata_number=wikidata_number,
                        nested=nested.get((_lexical(ours), _lexical(theirs)), False)
                        if ours[0] == theirs[0] == "iri"
                        else False,
                    )
                )
    return sorted(
        dict.fromkeys(found), key=lambda p: (p.entity, p.property, p.local_graph, p.local_value, p.wikidata_value)
    )


def _lexical(side: tuple[str, Any]) -> str:
    kind, value = side
    if kind == "iri":
        return str(value)
    if kind == "node":
        return str(value[0])
    term = value
    return str(term.value if isinstance(term, Iri) else term.id if isinstance(term, Blank) else term.lexical)


def _node_fields(side: tuple[str, Any]) -> list[tuple[str | None, str | None, str | None, str | None]]:
    if side[0] != "node":
        return [(None, None, None, None)]
    _, text, value, minimum, maximum = side[1]
    return [
        tuple(None if x is None else _text(x) for x in combo)  # type: ignore[misc]
        for combo in itertools.product(text or [None], value or [None], minimum or [None], maximum or [None])
    ]
