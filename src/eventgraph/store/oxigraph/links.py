"""One level of a query in one call (the `LinkBatches` capability): inverse links and containment chains from
the store's indexes (a pattern lookup per IRI, no query to parse or plan), then everything found described."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pyoxigraph as ox

from eventgraph.model import Lookup, LookupAnswer, Resource

IsDataGraph = Callable[[object], bool]


def _node(value: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(value)
    except ValueError:
        return None


def inbound(
    store: ox.Store, is_data: IsDataGraph, links: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], list[str]]:
    """For each (target, predicate): the IRIs stating `predicate` with the target as value, each once."""
    result: dict[tuple[str, str], list[str]] = {}
    for target, predicate in dict.fromkeys(links):
        node, pred = _node(target), _node(predicate)
        if node is None or pred is None:
            continue
        subjects: dict[str, None] = {}
        for quad in store.quads_for_pattern(None, pred, node, None):
            if isinstance(quad.subject, ox.NamedNode) and is_data(quad.graph_name):
                subjects.setdefault(quad.subject.value, None)
        result[(target, predicate)] = sorted(subjects)  # as `referrers`: one order for every backend
    return result


def ancestors(store: ox.Store, is_data: IsDataGraph, iris: Sequence[str], predicate: str) -> Mapping[str, list[str]]:
    """For each IRI, everything reachable through `predicate` links, breadth first (nearest first), each once;
    a level in the order of the one before, each node's targets by (graph, IRI)."""
    pred = _node(predicate)
    result: dict[str, list[str]] = {}
    if pred is None:
        return result
    for start in dict.fromkeys(iris):
        node = _node(start)
        if node is None:
            continue
        found: dict[str, None] = {}
        frontier = [node]
        while frontier:
            following = []
            for current in frontier:
                steps = sorted(  # by (graph, IRI), as `describe` lists them: the order of `describe` steps
                    (quad.graph_name.value, quad.object.value)  # type: ignore[union-attr]
                    for quad in store.quads_for_pattern(current, pred, None, None)
                    if isinstance(quad.object, ox.NamedNode) and is_data(quad.graph_name)
                )
                for _, target in steps:
                    if target not in found and target != start:
                        found[target] = None
                        following.append(ox.NamedNode(target))
            frontier = following
        result[start] = list(found)
    return result


def lookup(
    request: Lookup,
    is_data: IsDataGraph,
    store: ox.Store,
    describe: Callable[[Sequence[str], frozenset[str]], Mapping[str, Resource]],
) -> LookupAnswer:
    """The chains and inverse links first, then one description of everything asked for or found."""
    found_inbound = inbound(store, is_data, request.inbound)
    chains: dict[tuple[str, str], list[str]] = {}
    by_predicate: dict[str, list[str]] = {}
    for start, predicate in request.ancestors:
        by_predicate.setdefault(predicate, []).append(start)
    for predicate, starts in by_predicate.items():
        for start, chain in ancestors(store, is_data, starts, predicate).items():
            chains[(start, predicate)] = chain
    wanted = [*request.describe, *(s for group in found_inbound.values() for s in group)]
    wanted += [i for (start, _), chain in chains.items() for i in (start, *chain)]
    described = describe(list(dict.fromkeys(wanted)), frozenset(request.unexpanded))
    return LookupAnswer(described, found_inbound, chains)
