"""The `LinkBatches` capability: a backend's `lookup` answers what `describe` and `referrers` answer step by step.

The expected answer is composed here the way the api's loaders compose it for a backend without the capability
(`Loaders._one_kind_at_a_time`): one `referrers` per inbound pair, chains walked one `describe` per step, everything
found described, and the value nodes of `unexpanded` predicates left undescribed. The data adds to the contract
data a place with two parents in two sources (the graph order disagrees with the IRI order), a containment cycle,
an inverse link from a value node and a citation two levels down.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventgraph.model import (
    EG_ID,
    EG_SOURCE,
    XSD_INTEGER,
    Blank,
    EntityClass,
    Literal,
    Lookup,
    LookupAnswer,
    P,
    Resource,
    Triple,
)
from eventgraph.store.protocols import GraphStore, LinkBatches
from tests.store.contract.data import (
    ALPHA,
    BETA,
    CITY,
    COUNTRY,
    FIRST,
    LOCAL,
    SECOND,
    SERIES,
    VENUE,
    WIKIDATA,
    local_graph,
    source,
    t,
    typed,
    wikidata_graph,
)

ATLAS = EG_SOURCE + "contract-atlas"
"""A source whose graph sorts before the local one."""
REGION = EG_ID + "contract-region"
"""Sorts after CITY by IRI, but is stated in a graph that sorts before CITY's."""
MISSING = EG_ID + "contract-missing"


def atlas_graph() -> list[Triple]:
    figure, citation = Blank("contract-atlas-figure"), Blank("contract-atlas-citation")
    return [
        *typed(REGION, EntityClass.PLACE, "Region of Tests"),
        t(VENUE, P.contained_in, REGION),
        t(REGION, P.contained_in, COUNTRY),
        t(COUNTRY, P.contained_in, VENUE),  # a cycle: chains stop at what they have already found
        t(ALPHA, P.participants, figure),
        t(figure, P.value, Literal("40", XSD_INTEGER)),
        t(figure, P.citation, citation),
        t(citation, P.text, Literal("the atlas, page 4")),
    ]


@pytest.fixture
def linked(backend: GraphStore) -> GraphStore:
    backend.replace_sources(
        [
            (source(LOCAL), local_graph()),
            (source(WIKIDATA, "wikidata"), wikidata_graph()),
            (source(ATLAS), atlas_graph()),
        ]
    )
    return backend


def _bare(resource: Resource, unexpanded: frozenset[str]) -> Resource:
    """The resource with the value nodes of `unexpanded` predicates undescribed, at every level."""
    facts = tuple(
        replace(f, node=None if f.predicate in unexpanded else _bare(f.node, unexpanded)) if f.node else f
        for f in resource.facts
    )
    return Resource(resource.iri, facts)


def _walk(store: GraphStore, start: str, predicate: str) -> list[str]:
    """A chain as a backend without the capability gives it: one `describe` per step, nearest first."""
    found: dict[str, None] = {}
    frontier = [start]
    while frontier:
        described = store.describe(frontier)
        following = [i for node in frontier if node in described for i in described[node].iris(predicate)]
        frontier = [i for i in dict.fromkeys(following) if i not in found and i != start]
        found.update(dict.fromkeys(frontier))
    return list(found)


def composed(store: GraphStore, request: Lookup) -> LookupAnswer:
    """The answer to `request` from the core contract alone."""
    inbound = {(target, p): store.referrers([target], p).get(target, []) for target, p in request.inbound}
    chains = {(start, p): _walk(store, start, p) for start, p in request.ancestors}
    wanted = [*request.describe, *(s for group in inbound.values() for s in group)]
    wanted += [i for (start, _), chain in chains.items() for i in (start, *chain)]
    unexpanded = frozenset(request.unexpanded)
    described = store.describe(list(dict.fromkeys(wanted)))
    return LookupAnswer({iri: _bare(r, unexpanded) for iri, r in described.items()}, inbound, chains)


REQUESTS = {
    "describe only": Lookup(describe=(ALPHA, BETA, MISSING, "not an iri")),
    "inverse links": Lookup(
        inbound=(
            (CITY, P.location),
            (CITY, P.contained_in),
            (SERIES, P.series),
            (FIRST, P.organizer),
            (FIRST, P.organization),  # only a value node points at FIRST this way: no subject
            (COUNTRY, P.organizer),
            (MISSING, P.series),
        )
    ),
    "chains": Lookup(
        ancestors=((VENUE, P.contained_in), (CITY, P.contained_in), (REGION, P.contained_in), (MISSING, P.contained_in))
    ),
    "a whole level": Lookup(
        describe=(ALPHA, SECOND),
        inbound=((SERIES, P.series), (FIRST, P.party), (SERIES, P.series)),
        ancestors=((VENUE, P.contained_in), (ALPHA, P.series)),
        unexpanded=(P.citation, P.organizing),
    ),
    "a citation two levels down, undescribed": Lookup(describe=(ALPHA,), unexpanded=(P.citation,)),
}


def links(store: GraphStore) -> LinkBatches:
    """The reader the api asks (a request's snapshot: an on-disk generation's store) as `LinkBatches`."""
    reader = store.snapshot()
    assert isinstance(reader, LinkBatches), "each backend of the suite offers lookup, so the suite runs on it"
    return reader


def test_every_backend_of_the_suite_has_the_capability(backend: GraphStore) -> None:
    links(backend)


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_lookup_answers_what_describe_and_referrers_answer(linked: GraphStore, name: str) -> None:
    request = REQUESTS[name]
    answer, expected = links(linked).lookup(request), composed(linked, request)
    assert dict(answer.resources) == dict(expected.resources)
    for pair, subjects in expected.inbound.items():
        assert answer.inbound.get(pair, []) == subjects, pair
    for pair, chain in expected.ancestors.items():
        assert answer.ancestors.get(pair, []) == chain, pair


def test_chains_are_nearest_first_in_the_order_descriptions_give(linked: GraphStore) -> None:
    answer = links(linked).lookup(Lookup(ancestors=((VENUE, P.contained_in), (CITY, P.contained_in))))
    assert answer.ancestors[(VENUE, P.contained_in)] == [REGION, CITY, COUNTRY]  # the atlas graph sorts first
    assert answer.ancestors[(CITY, P.contained_in)] == [COUNTRY, VENUE, REGION]
    assert {VENUE, REGION, CITY, COUNTRY} <= set(answer.resources)


def test_unexpanded_value_nodes_come_back_undescribed(linked: GraphStore) -> None:
    full = links(linked).lookup(Lookup(describe=(ALPHA,))).resources[ALPHA]
    bare = links(linked).lookup(Lookup(describe=(ALPHA,), unexpanded=(P.citation,))).resources[ALPHA]
    [figure] = full.nodes(P.participants)
    [citation] = figure.nodes(P.citation)
    assert citation.literal(P.text) == "the atlas, page 4"
    [bare_figure] = bare.nodes(P.participants)
    assert bare_figure.literal(P.value) == "40"
    assert bare_figure.nodes(P.citation) == []
    assert [f.value for f in bare_figure.all(P.citation)] == [f.value for f in figure.all(P.citation)]
