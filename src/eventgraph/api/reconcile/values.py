"""The values of the service's properties for a set of entities, read in a bounded number of store calls.

Data extension, reconciliation conditions and previews all read values here, so a column added in OpenRefine
shows exactly what a condition on that property compares with. Values are the plain GraphQL fields' values:
the preferred one where sources disagree, dates as precise as the source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from eventgraph.api import facts
from eventgraph.api.reconcile.vocabulary import BY_ID
from eventgraph.model import (
    RDFS_LABEL,
    SCHEMA_DESCRIPTION,
    SKOS_ALT_LABEL,
    EntityClass,
    FacetDimension,
    FacetQuery,
    HasValue,
    OneOf,
    P,
    Resource,
    qid_of,
    short_id,
)
from eventgraph.store.protocols import GraphReader
from eventgraph.store.search import fold

_CLASSES = {c.iri: c for c in EntityClass}
_KIND = {
    EntityClass.EVENT: P.kind,
    EntityClass.EVENT_SERIES: P.kind,
    EntityClass.ORGANIZATION: P.org_kind,
    EntityClass.PLACE: P.place_kind,
}
_DIRECT_TEXT = {"shortName": P.short_name, "founded": P.founded, "startDate": P.start_date, "endDate": P.end_date}
_DIRECT_ENTITY = {"series": P.series, "location": P.location}
_CHAIN = facts.language_chain(None)


@dataclass(frozen=True, slots=True)
class Linked:
    """An entity as a property value: its IRI, its label, and all its names folded (to compare a name with)."""

    iri: str
    name: str
    names: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        return short_id(self.iri)


PropertyValue = Linked | str | int


def entity_class(resource: Resource) -> EntityClass | None:
    """The resource's class (the first by IRI, as the GraphQL types pick it)."""
    for type_iri in sorted(resource.types):
        if type_iri in _CLASSES:
            return _CLASSES[type_iri]
    return None


def label(resource: Resource) -> str:
    return facts.label(resource, _CHAIN) or short_id(resource.iri)


def description(resource: Resource) -> str | None:
    picked = facts.pick_language(facts.lang_strings(resource, SCHEMA_DESCRIPTION), _CHAIN)
    return picked.lexical if picked else None


def names(resource: Resource) -> frozenset[str]:
    """Every label, alias and short name of the resource, folded, in any language."""
    texts = [lit.lexical for p in (RDFS_LABEL, SKOS_ALT_LABEL, P.short_name) for lit in resource.literals(p)]
    return frozenset(f for f in map(fold, texts) if f)


def qid(resource: Resource) -> str | None:
    own = qid_of(resource.iri)
    if own:
        return own
    return next((q for q in map(qid_of, resource.iris(P.same_as)) if q), None)


class ValueReader:
    """Reads property values of entities already described (`resources`), batching what needs the store."""

    def __init__(self, store: GraphReader) -> None:
        self.store = store

    def read(self, resources: Sequence[Resource], pids: Iterable[str]) -> dict[str, dict[str, list[PropertyValue]]]:
        """For each resource's IRI, for each property id, its values (an empty list when it has none)."""
        wanted = list(dict.fromkeys(pids))
        rows: dict[str, dict[str, list[PropertyValue]]] = {r.iri: {p: [] for p in wanted} for r in resources}
        linked: dict[str, dict[str, list[str]]] = defaultdict(dict)  # iri -> pid -> IRIs to name
        classes = {r.iri: entity_class(r) for r in resources}
        for resource in resources:
            row, cls = rows[resource.iri], classes[resource.iri]
            for pid in wanted:
                if pid == "qid":
                    row[pid] = [q for q in [qid(resource)] if q]
                elif pid == "kind" and cls in _KIND:
                    row[pid] = [t for t in [facts.text(resource, _KIND[cls])] if t]
                elif pid == "website":
                    row[pid] = [w for w in [facts.iri(resource, P.website) or facts.text(resource, P.website)] if w]
                elif pid in _DIRECT_TEXT and cls in _classes_of(pid):
                    row[pid] = [t for t in [facts.text(resource, _DIRECT_TEXT[pid])] if t]
                elif pid in _DIRECT_ENTITY and cls in _classes_of(pid):
                    linked[resource.iri][pid] = [i for i in [facts.iri(resource, _DIRECT_ENTITY[pid])] if i]
                elif pid == "organizers" and cls in _classes_of(pid):
                    linked[resource.iri][pid] = resource.iris(P.organizer)
        if "country" in wanted:
            for iri, found in self._countries(classes).items():
                linked[iri]["country"] = found
        if "eventCount" in wanted:
            for iri, count in self._event_counts(classes).items():
                rows[iri]["eventCount"] = [count]
        named = self._linked({i for by_pid in linked.values() for iris in by_pid.values() for i in iris})
        for iri, by_pid in linked.items():
            for pid, iris in by_pid.items():
                entities = [named.get(i) or Linked(i, short_id(i)) for i in iris]
                ordered: list[Linked] = sorted(entities, key=lambda v: (v.name.casefold(), v.iri))  # RDF has no order
                rows[iri][pid] = list(ordered)
        return rows

    def _countries(self, classes: Mapping[str, EntityClass | None]) -> dict[str, list[str]]:
        """Countries as the facets count them (one store call per class that has them)."""
        found: dict[str, list[str]] = {}
        for cls in (EntityClass.EVENT, EntityClass.ORGANIZATION):
            iris = tuple(sorted(i for i, c in classes.items() if c is cls))
            if not iris:
                continue
            rows = self.store.facets(FacetQuery(cls, (OneOf(iris),), (FacetDimension.COUNTRY,)))
            for iri in iris:
                found[iri] = []
            for value in rows.values:
                found[value.subject].append(value.value)
        return found

    def _event_counts(self, classes: Mapping[str, EntityClass | None]) -> dict[str, int]:
        """Events organized, as the `eventCount` field counts them (one store call)."""
        organizations = tuple(sorted(i for i, c in classes.items() if c is EntityClass.ORGANIZATION))
        if not organizations:
            return {}
        query = FacetQuery(EntityClass.EVENT, (HasValue(P.organizer, organizations),), (FacetDimension.ORGANIZER,))
        counts = dict.fromkeys(organizations, 0)
        for value in self.store.facets(query).values:
            if value.value in counts:
                counts[value.value] += 1
        return counts

    def _linked(self, iris: set[str]) -> dict[str, Linked]:
        """The entities that are values, with their names (one store call)."""
        if not iris:
            return {}
        return {i: Linked(i, label(r), names(r)) for i, r in self.store.describe(sorted(iris)).items()}


def _classes_of(pid: str) -> tuple[EntityClass, ...]:
    return BY_ID[pid].classes
