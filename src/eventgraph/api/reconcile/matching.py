"""Reconciliation: candidates from the store's name index, scored, with `match` only for an unambiguous exact name.

For each query the name index is searched with the query text and a few variants of it (`similarity.probes`),
every name found is compared with the text (`similarity.similarity`), and the best candidates are described in
one store call for the whole batch. Scores run from 0 to 100:

    score = 100 x name similarity - 25 x conditions contradicted - 5 x conditions the entity has no value for

`match` is true for the first candidate only, and only when it is the one candidate whose name (a label, alias or
short name in any language, folded for case, diacritics and punctuation) equals the query text and that no
condition contradicts. A query text that is an id of this service ('Q180', 'eg:...') finds that entity, exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventgraph.api.reconcile.conditions import agrees
from eventgraph.api.reconcile.requests import MAX_TEXT, ReconQuery
from eventgraph.api.reconcile.similarity import probes, similarity
from eventgraph.api.reconcile.values import PropertyValue, ValueReader, description, entity_class, label
from eventgraph.api.reconcile.vocabulary import type_json
from eventgraph.model import EntityClass, Resource, SearchQuery, iri_of, short_id
from eventgraph.store.protocols import GraphReader
from eventgraph.store.search import fold

PROBE_HITS = 30
"""Names read from the index per probe text."""
KEEP = 10
"""Candidates per query scored in full beyond its `limit` (every exact one is kept too)."""
CONTRADICTED = 25.0
UNKNOWN = 5.0


@dataclass
class Candidate:
    iri: str
    similarity: float = 0.0
    exact: bool = False
    rank: float = 0.0  # the index's own score, to break ties
    entity_class: EntityClass | None = None


@dataclass(frozen=True, slots=True)
class Scored:
    resource: Resource
    entity_class: EntityClass
    similarity: float
    exact: bool
    agreement: dict[str, bool | None] = field(default_factory=dict)

    @property
    def contradicted(self) -> int:
        return sum(1 for found in self.agreement.values() if found is False)

    @property
    def score(self) -> float:
        unknown = sum(1 for found in self.agreement.values() if found is None)
        return round(max(0.0, 100 * self.similarity - CONTRADICTED * self.contradicted - UNKNOWN * unknown), 1)


class Matcher:
    """Reconciles a batch of queries against one store."""

    def __init__(self, store: GraphReader) -> None:
        self.store = store
        self.values = ValueReader(store)

    def candidates(self, query: ReconQuery) -> list[Candidate]:
        """The candidates worth describing: the best `limit` + `KEEP` by name, and every exact one."""
        text = (query.text or "").strip()
        folded = fold(text)
        if not folded or len(text) > MAX_TEXT:
            return []
        found: dict[str, Candidate] = {}
        own = iri_of(text)
        if own is not None:
            found[own] = Candidate(own, 1.0, True, 2.0)
        for probe in probes(folded):
            for hit in self.store.search(SearchQuery(probe, query.classes, None, PROBE_HITS)):
                candidate = found.setdefault(hit.iri, Candidate(hit.iri))
                name = fold(hit.matched.lexical)
                candidate.similarity = max(candidate.similarity, similarity(folded, name))
                candidate.exact = candidate.exact or name == folded
                candidate.rank = max(candidate.rank, hit.score)
                candidate.entity_class = hit.entity_class
        ranked = sorted(found.values(), key=lambda c: (-c.similarity, -c.rank, c.iri))
        keep = query.limit + KEEP
        return [c for n, c in enumerate(ranked) if n < keep or c.exact]

    def run(self, batch: Mapping[str, ReconQuery]) -> dict[str, list[dict[str, Any]]]:
        """The reconciliation result batch: for each key, its candidates best first."""
        pools = {key: self.candidates(query) for key, query in batch.items()}
        iris = sorted({c.iri for pool in pools.values() for c in pool})
        resources = self.store.describe(iris) if iris else {}
        conditioned = {c.iri for key, pool in pools.items() if batch[key].conditions for c in pool}
        pids = {c.pid for query in batch.values() for c in query.conditions}
        values = self.values.read([resources[i] for i in sorted(conditioned) if i in resources], pids)
        return {key: self._result(batch[key], pools[key], resources, values) for key in batch}

    def _result(
        self,
        query: ReconQuery,
        pool: Sequence[Candidate],
        resources: Mapping[str, Resource],
        values: Mapping[str, Mapping[str, list[PropertyValue]]],
    ) -> list[dict[str, Any]]:
        scored = []
        for candidate in pool:
            resource = resources.get(candidate.iri)
            cls = entity_class(resource) if resource is not None else None
            if resource is None or cls is None or (query.classes and cls not in query.classes):
                continue
            agreement = {c.pid: agrees(c, values.get(candidate.iri, {}).get(c.pid, [])) for c in query.conditions}
            scored.append(Scored(resource, cls, candidate.similarity, candidate.exact, agreement))
        scored.sort(key=lambda s: (-s.score, -s.similarity, label(s.resource).casefold(), s.resource.iri))
        unambiguous = [s for s in scored if s.exact and not s.contradicted]
        matched = scored[0] if len(unambiguous) == 1 and scored and scored[0] is unambiguous[0] else None
        return [_candidate_json(s, s is matched) for s in scored[: query.limit]]


def _candidate_json(scored: Scored, match: bool) -> dict[str, Any]:
    features: list[dict[str, Any]] = [
        {"id": "name_similarity", "value": round(scored.similarity, 4)},
        {"id": "exact_name", "value": scored.exact},
    ]
    features += [{"id": f"property:{p}", "value": v} for p, v in scored.agreement.items() if v is not None]
    found: dict[str, Any] = {
        "id": short_id(scored.resource.iri),
        "name": label(scored.resource),
        "type": [type_json(scored.entity_class)],
        "score": scored.score,
        "match": match,
        "features": features,
    }
    text = description(scored.resource)
    if text:
        found["description"] = text
    return found
