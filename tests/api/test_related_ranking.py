"""Related events' ranking shortcuts: the best kept without sorting every candidate gives the full sort's order,
ties included; the candidates the index visits give the answer of scoring every event; and the index is reused
only while the store hands the same profiles."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

from eventgraph.api.related import ALL, _best, _candidates, _score, _Scored
from eventgraph.api.related_index import EventSets, RelatedIndex
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
    profile = EventSets.of(EventProfile(iri=iri))
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


def random_profile(rng: random.Random, n: int) -> EventProfile:
    """An event with a few of a small pool's series, organizers, places and countries, maybe dates, maybe points:
    undated, an end before the start and year-long spans included, so every branch of the walk is taken."""
    qid = f"http://www.wikidata.org/entity/Q{9000001 + n}"
    pool = [f"http://www.wikidata.org/entity/Q{9100001 + i}" for i in range(12)]
    start = end = None
    shape = rng.random()
    if shape > 0.1:
        start = date(2010, 1, 1) + timedelta(days=rng.randrange(0, 4000))
        end = start + timedelta(days=rng.choice([0, 0, 1, 3, 30, 365]))
        if shape > 0.95:
            start, end = end + timedelta(days=5), start  # an end before the start, as sources sometimes say
    points = tuple((rng.uniform(-60, 60), rng.uniform(-170, 170)) for _ in range(rng.choice([0, 0, 1, 2])))
    return EventProfile(
        iri=qid,
        series=tuple(rng.sample(pool[:3], rng.choice([0, 0, 1]))),
        organizers=tuple(rng.sample(pool[3:9], rng.choice([0, 1, 2]))),
        places=tuple(rng.sample(pool[9:11], rng.choice([0, 0, 1]))),
        countries=tuple(rng.sample(pool[11:], rng.choice([0, 1]))),
        start=start,
        end=end,
        points=points,
    )


def test_the_index_finds_what_scoring_every_event_finds() -> None:
    rng = random.Random(11)
    bys = [list(c) for r in (1, 2, 4) for c in itertools.combinations(ALL, r)]
    for _ in range(12):
        index = RelatedIndex([random_profile(rng, n) for n in range(rng.randrange(1, 120))])
        for own in index.events:
            by = rng.choice(bys)
            everyone = [s for other in index.events if other.iri != own.iri and (s := _score(own, other, by))]
            for limit in (1, 5, 20):
                assert _best(_candidates(index, own, by, limit), limit) == full_sort(everyone)[:limit], (own, by)


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
