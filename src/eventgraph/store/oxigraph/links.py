"""Inverse links and containment chains for many IRIs in one call (the `LinkBatches` capability), from the
store's indexes: a pattern lookup per IRI, no query to parse or plan."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pyoxigraph as ox

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
        result[(target, predicate)] = list(subjects)
    return result


def ancestors(store: ox.Store, is_data: IsDataGraph, iris: Sequence[str], predicate: str) -> Mapping[str, list[str]]:
    """For each IRI, everything reachable through `predicate` links, breadth first (nearest first), each once."""
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
                for quad in store.quads_for_pattern(current, pred, None, None):
                    target = quad.object
                    if not isinstance(target, ox.NamedNode) or target.value in found or target.value == start:
                        continue
                    if is_data(quad.graph_name):
                        found[target.value] = None
                        following.append(target)
            frontier = following
        result[start] = list(found)
    return result
