"""Answers derived from one data version: computed once per version and key, recomputed for a new version,
bounded, and never kept from a failed computation; through GraphQL a write is seen at once."""

from __future__ import annotations

from typing import cast

import pytest

from eventgraph.api.context import Context
from eventgraph.api.derived import DERIVED, DerivedCache
from eventgraph.api.http.deadline import with_deadline
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.protocols import GraphReader
from loaders.pipeline import load_local
from tests.conftest import data_of
from tests.research import FIXTURE_DIR


def kept(cache: DerivedCache, version: str, key: object) -> object:
    """What the cache holds for (version, key), or None; a hit counts as a use, as every read does."""

    def absent() -> object:
        raise LookupError(key)

    try:
        return cache.get(version, key, absent)
    except LookupError:
        return None


def test_computed_once_per_version_and_key() -> None:
    cache = DerivedCache(items=8)
    calls: list[str] = []

    def compute(what: str) -> str:
        calls.append(what)
        return what.upper()

    assert cache.get("v1", "a", lambda: compute("a")) == "A"
    assert cache.get("v1", "a", lambda: compute("again")) == "A"
    assert cache.get("v2", "a", lambda: compute("b")) == "B", "another version is another answer"
    assert kept(cache, "v1", "a") == "A"
    assert kept(cache, "v1", "missing") is None
    assert calls == ["a", "b"]


def test_bounded_by_the_items_held_least_recently_used_out() -> None:
    cache = DerivedCache(items=10)
    cache.get("v", 1, lambda: (1,) * 4)
    cache.get("v", 2, lambda: (2,) * 4)
    cache.get("v", 1, lambda: ())  # 1 is now the most recent
    cache.get("v", 3, lambda: (3,) * 4)  # 12 items: the least recent goes
    assert (kept(cache, "v", 1), kept(cache, "v", 2), kept(cache, "v", 3)) == ((1,) * 4, None, (3,) * 4)
    cache.get("v", 4, lambda: (4,) * 50)  # larger than the bound: kept alone, the newest
    assert (kept(cache, "v", 1), kept(cache, "v", 3), kept(cache, "v", 4)) == (None, None, (4,) * 50)


def test_a_read_is_a_use_and_empty_answers_count() -> None:
    cache = DerivedCache(items=10, entries=3)
    cache.get("v", "index", lambda: (0,) * 4)
    cache.get("v", 1, lambda: (1,) * 4)
    assert kept(cache, "v", "index") == (0,) * 4  # read again: the most recent now
    cache.get("v", 2, lambda: (2,) * 4)  # 12 items: the least recently used (1) goes, not the index
    assert (kept(cache, "v", "index"), kept(cache, "v", 1)) == ((0,) * 4, None)
    for n in range(10):  # filters matching nothing: empty answers, each still an entry
        cache.get("v", ("empty", n), tuple)
    assert kept(cache, "v", 2) is None, "at most 3 entries"
    assert [kept(cache, "v", ("empty", n)) for n in range(7, 10)] == [(), (), ()]


def test_an_answer_computed_while_the_data_changed_is_not_kept() -> None:
    """A backend whose reads are not pinned to one version: the answer may hold the newer data."""
    cache = DerivedCache()
    assert cache.get("v1", "k", lambda: "newer data", current=lambda: "v2") == "newer data"
    assert kept(cache, "v1", "k") is None
    assert cache.get("v1", "k", lambda: "v1 data", current=lambda: "v1") == "v1 data"
    assert kept(cache, "v1", "k") == "v1 data"


def test_a_failed_computation_keeps_nothing() -> None:
    cache = DerivedCache()

    def broken() -> str:
        raise RuntimeError("store gone")

    with pytest.raises(RuntimeError):
        cache.get("v", "k", broken)
    assert kept(cache, "v", "k") is None
    assert cache.get("v", "k", lambda: "fine") == "fine"


NETWORK = "{ coOrganization(first: 500) { totalEdges edges { source { id } target { id } weight } } }"


def test_a_write_changes_the_network_at_once() -> None:
    store = OxigraphStore.in_memory()  # a store of its own: the shared research store is read-only
    load_local(store, FIXTURE_DIR)
    before = data_of(store, NETWORK)["coOrganization"]
    assert before["totalEdges"] > 0
    assert data_of(store, NETWORK)["coOrganization"] == before, "the kept network answers the same"
    store.replace_sources([], remove=[s.graph for s in store.sources()])
    assert data_of(store, NETWORK)["coOrganization"] == {"totalEdges": 0, "edges": []}
    DERIVED.clear()


class Twin:
    """Another backend holding the same data: the same dataset version, answers of its own."""

    def __init__(self, inner: OxigraphStore) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def dataset_version(self) -> str:
        return self.inner.dataset_version()


def test_backends_holding_the_same_data_keep_their_own_answers() -> None:
    store = OxigraphStore.in_memory()
    load_local(store, FIXTURE_DIR)
    version = store.dataset_version()
    mine = Context(store=store).derived_version()
    assert mine.endswith(version)
    twin = cast(GraphReader, Twin(store))
    assert Context(store=twin).derived_version() not in (mine, version), "compared backends compute apart"
    assert Context(store=with_deadline(store, 10)).derived_version() == mine, "a request's deadline is no backend"
