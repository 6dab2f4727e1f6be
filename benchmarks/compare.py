"""Comparing answers with their golden copy, where some lists have no defined order.

Lists that the api builds from the store's iteration order (an entity's organizers, labels, citations...) come
out in a different order from one process to the next today; so do pages whose sort key ties. The golden copy
records, per request, the paths of those lists (found by taking the answers in several processes); they are
compared as multisets, every other list element by element.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

Path = str
"""A list's place in an answer: keys joined by '.', '[]' for any index (`data.node.events[].organizers`)."""

STORE_ORDER = frozenset(
    {
        "labels",
        "aliases",
        "pages",
        "citations",
        "claims",
        "organizers",
        "partners",
        "languages",
        "grants",
        "partnerships",
        "operatingArea",
        "memberOf",
        "organizations",
        "topics",
        "rounds",
        "committee",
        "participantLimits",
    }
)
"""Fields whose resolvers list values in the store's order (no sort): unordered wherever they appear, whether or
not the processes that took the golden copy happened to show it."""


def _unordered(path: Path, unordered: frozenset[Path]) -> bool:
    return path in unordered or path.rsplit(".", 1)[-1] in STORE_ORDER


def canonical(value: Any, unordered: frozenset[Path], path: Path = "") -> Any:
    """`value` with the lists at `unordered` paths sorted (by their canonical JSON), recursively."""
    if isinstance(value, dict):
        return {k: canonical(v, unordered, f"{path}.{k}" if path else k) for k, v in value.items()}
    if isinstance(value, list):
        items = [canonical(v, unordered, path + "[]") for v in value]
        if _unordered(path, unordered):
            items.sort(key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
        return items
    return value


def unstable_lists(a: Any, b: Any, unordered: frozenset[Path], path: Path = "") -> set[Path]:
    """Paths of lists that differ between `a` and `b` once the lists at `unordered` are sorted.

    A list whose elements differ is reported, not its elements: sorting it may be all it takes.
    """
    found: set[Path] = set()
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a.keys() | b.keys():
            found |= unstable_lists(a.get(key), b.get(key), unordered, f"{path}.{key}" if path else key)
    elif isinstance(a, list) and isinstance(b, list) and canonical(a, unordered, path) != canonical(b, unordered, path):
        inner: set[Path] = set()
        if len(a) == len(b):
            for x, y in zip(a, b, strict=True):
                inner |= unstable_lists(x, y, unordered, path + "[]")
        found |= inner or {path}
        if inner and canonical(a, unordered | inner, path) != canonical(b, unordered | inner, path):
            found.add(path)
    return found


def unordered_paths(runs: Iterable[Any]) -> frozenset[Path]:
    """The list paths whose order differs between any of `runs` (answers to one request in several processes)."""
    runs = list(runs)
    unordered: frozenset[Path] = frozenset()
    while True:
        found: set[Path] = set()
        for other in runs[1:]:
            found |= unstable_lists(runs[0], other, unordered)
        if not found - unordered:
            return unordered
        unordered |= found
