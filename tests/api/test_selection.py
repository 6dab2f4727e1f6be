"""Blank nodes no selected field reads are not expanded by the store: citations only when `citations` is asked."""

from __future__ import annotations

from typing import Any

from graphql import parse

from eventgraph.api.selection import field_names
from eventgraph.model import EntityClass, FindQuery, Lookup, LookupAnswer, P
from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import data_of

QUERY = """query($with: Boolean!) { events(first: 5) { nodes { id ...Cited @include(if: $with) } } }
fragment Cited on Event { citations { url } }"""


class Recording:
    """The store, recording every `Lookup` it is sent."""

    def __init__(self, inner: OxigraphStore) -> None:
        self.inner = inner
        self.lookups: list[Lookup] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def snapshot(self) -> Recording:
        return self

    def lookup(self, request: Lookup) -> LookupAnswer:
        self.lookups.append(request)
        return self.inner.lookup(request)


def test_field_names_reach_into_fragments() -> None:
    assert {"events", "nodes", "id", "citations", "url"} <= field_names(parse(QUERY))


def test_citations_are_expanded_only_when_a_citations_field_is_in_the_document(loaded_store: OxigraphStore) -> None:
    plain = Recording(loaded_store)
    data_of(plain, "{ events(first: 5) { nodes { id label attendance { text } } } }")
    assert plain.lookups
    assert all(r.unexpanded == (P.citation,) for r in plain.lookups)
    cited = Recording(loaded_store)
    data = data_of(cited, QUERY, {"with": True})
    assert all(r.unexpanded == () for r in cited.lookups)
    assert any(n["citations"] for n in data["events"]["nodes"]), "the shipped events cite their pages"


def test_an_unexpanded_citation_keeps_its_fact_and_source(loaded_store: OxigraphStore) -> None:
    [event] = loaded_store.find(FindQuery(EntityClass.EVENT, limit=1)).iris
    full = loaded_store.lookup(Lookup(describe=(event,))).resources[event]
    bare = loaded_store.lookup(Lookup(describe=(event,), unexpanded=(P.citation,))).resources[event]
    assert [(f.predicate, f.graph) for f in full.facts] == [(f.predicate, f.graph) for f in bare.facts]
    assert full.nodes(P.citation)
    assert not bare.nodes(P.citation)
