"""Related events' ranking shortcuts: the best kept without sorting every candidate gives the full sort's order,
ties included, and the profile sets are reused only while the store hands the same profiles."""

from __future__ import annotations

import random

from eventgraph.api.related import _best, _Scored, _Sets
from eventgraph.api.types.related import RelatedBy
from eventgraph.model import (
    EG_SOURCE,
    RDF_TYPE,
    EntityClass,
    EventProfile,
    Iri,
    Literal,
    P,
    SourceInfo,
    Triple,
    short_id,
)
from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import load_local
from tests.api.test_related import related
from tests.research import FIXTURE_DIR


def scored(iri: str, total: float, days: int | None) -> _Scored:
    profile = _Sets.of(EventProfile(iri=iri))
    return _Scored(profile, ((RelatedBy.TIME, total),), days, None, total)


def full_sort(candidates: list[_Scored]) -> list[_Scored]:
    return sorted(candidates, key=lambda s: (-s.total, s.days if s.days is not None else 10**9, short_id(s.other.iri)))


def test_the_best_are_the_full_sorts_first_whatever_the_ties() -> None:
    rng = random.Random(7)
    for _ in range(200):
        candidates = [
            scored(
                f"http://www.wikidata.org/entity/Q{9000001 + rng.randrange(500)}",
                rng.choice([0.5, 0.75, 1.0, 1.5]),
                rng.choice([None, 0, 30, 365]),
            )
            for _ in range(rng.randrange(0, 60))
        ]
        for limit in (0, 1, 3, 10, 100):
            assert _best(candidates, limit) == full_sort(candidates)[:limit]


def test_a_write_is_seen_by_the_next_request() -> None:
    """The sets of the first request are not reused once the store's profiles change."""
    store = OxigraphStore.in_memory()  # a copy of its own: research_store() is shared and read-only
    load_local(store, FIXTURE_DIR)
    before = related(store, "Q9000511")
    assert before
    graphs = [s.graph for s in store.sources()]
    store.replace_sources([], remove=graphs)
    alone = SourceInfo(graph=EG_SOURCE + "alone", title="alone", url="https://example.org/a", kind="local")
    event = Iri("http://www.wikidata.org/entity/Q9000511")
    store.replace_sources(
        [
            (
                alone,
                [
                    Triple(event, Iri(RDF_TYPE), Iri(EntityClass.EVENT.iri)),
                    Triple(event, Iri(P.start_date), Literal("2020")),
                ],
            )
        ]
    )
    assert related(store, "Q9000511") == [], "the event has no neighbour left"
