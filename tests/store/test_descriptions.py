"""Descriptions kept between requests: the next read answers from memory, a write is seen at once, the cache
stays within its bound, and a description read while a write was under way is not kept; the list of sources
likewise until the next write."""

from __future__ import annotations

from eventgraph.model import EG_SOURCE, RDFS_LABEL, Iri, Literal, Resource, SourceInfo, Triple
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.oxigraph.descriptions import DescriptionCache

ITEM = "http://www.wikidata.org/entity/Q9000001"
SOURCE = SourceInfo(graph=EG_SOURCE + "synthetic", title="synthetic", url="https://example.org/s", kind="local")


def labelled(label: str) -> list[Triple]:
    return [Triple(Iri(ITEM), Iri(RDFS_LABEL), Literal(label, language="en"))]


def label_of(store: OxigraphStore) -> str | None:
    found = store.describe([ITEM]).get(ITEM)
    return found.literal(RDFS_LABEL) if found is not None else None


def test_a_second_read_is_the_same_description_and_a_write_replaces_it() -> None:
    store = OxigraphStore.in_memory()
    store.replace_sources([(SOURCE, labelled("before"))])
    first = store.describe([ITEM])[ITEM]
    assert store.describe([ITEM])[ITEM] is first, "read again from memory"
    store.replace_sources([(SOURCE, labelled("after"))])
    assert label_of(store) == "after"
    store.remove_source(SOURCE.graph)
    assert label_of(store) is None
    with store.transaction() as building:
        building.replace_sources([(SOURCE, labelled("rebuilt"))])
    assert label_of(store) == "rebuilt"


def test_an_unknown_iri_is_remembered_as_unknown_until_a_write() -> None:
    store = OxigraphStore.in_memory()
    assert store.describe([ITEM]) == {}
    store.replace_sources([(SOURCE, labelled("now known"))])
    assert label_of(store) == "now known"


def test_the_least_recently_read_go_first() -> None:
    cache = DescriptionCache(size=2)
    for name in ("a", "b"):
        cache.put((name, frozenset()), Resource(name), cache.epoch)
    assert cache.get(("a", frozenset()))[0]  # a is now the most recent
    cache.put(("c", frozenset()), Resource("c"), cache.epoch)
    assert [cache.get((n, frozenset()))[0] for n in ("a", "b", "c")] == [True, False, True]


def test_a_description_read_before_a_write_is_not_kept_after_it() -> None:
    cache = DescriptionCache()
    epoch = cache.epoch
    cache.clear()  # a write happened while the description was being read
    cache.put(("a", frozenset()), Resource("a"), epoch)
    assert cache.get(("a", frozenset())) == (False, None)


def test_the_sources_are_read_once_until_a_write() -> None:
    store = OxigraphStore.in_memory()
    store.replace_sources([(SOURCE, labelled("first"))])
    first = store.sources()
    assert [s.graph for s in first] == [SOURCE.graph]
    reads: list[str] = []
    select = store._select

    def counted(sparql: str) -> list[dict[str, str]]:
        reads.append(sparql)
        return select(sparql)

    store._select = counted  # type: ignore[method-assign]
    assert store.sources() == first
    assert reads == [], "answered from memory"
    other = SourceInfo(graph=EG_SOURCE + "other", title="other", url="https://example.org/o", kind="local")
    store.replace_sources([(other, labelled("second"))])
    assert sorted(s.graph for s in store.sources()) == sorted([SOURCE.graph, other.graph])
    store.remove_source(SOURCE.graph)
    assert [s.graph for s in store.sources()] == [other.graph]
