"""Store round-trips per request: at most the query's depth + 1, reverse links and containment chains included,
whatever the number of rows (issue 10). Counted, not timed: every store method called is one round-trip."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.workload import depth, examples
from eventgraph.store.oxigraph import OxigraphStore
from tests.api.test_connections import ROUND_TRIP
from tests.conftest import CountingReader, data_of

REVERSE = """{ events(first: 100) { nodes { id subEvents { id } partnerships { id } grants { id }
  location { events { id } organizations { id } contains { id } containedIn { contains { id } } } } } }"""
SERIES = """{ eventSeries(first: 100) { nodes { events { id country { id } location { id }
  organizers { organization { events { id } partneredEvents { id } countriesReached { id } } } } } } }"""
PROBES = {
    "round-trip": (ROUND_TRIP, {"first": 100}),
    "reverse-links": (REVERSE, None),
    "series-chains": (SERIES, None),
    **{r.name: (r.text, r.variables) for r in examples()},
}


@pytest.mark.parametrize("name", list(PROBES))
def test_round_trips_are_at_most_depth_plus_one(name: str, loaded_store: OxigraphStore) -> None:
    document, variables = PROBES[name]
    reader = CountingReader(loaded_store)
    data_of(reader, document, variables)
    assert len(reader.calls) <= depth(document) + 1, reader.calls


class WithoutLinkBatches:
    """The store without the `LinkBatches` capability, as a backend that lacks it."""

    def __init__(self, inner: OxigraphStore) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        if name == "lookup":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def snapshot(self) -> WithoutLinkBatches:
        return self


@pytest.mark.parametrize("name", ["round-trip", "reverse-links", "series-chains", "explore-entity"])
def test_a_backend_without_link_batches_gives_the_same_answers(name: str, loaded_store: OxigraphStore) -> None:
    document, variables = PROBES[name]
    assert data_of(WithoutLinkBatches(loaded_store), document, variables) == data_of(loaded_store, document, variables)
