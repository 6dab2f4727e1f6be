"""Answers derived from one data version, kept while that version is served.

A version's data never changes (`GraphReader.dataset_version` is a content hash), so what is computed from it
alone (a co-organization network, per filter) is computed once, by the first request that needs it, instead of
on every request. The cache is keyed by the version (qualified by the backend: `Context.derived_version`), so a
load switching the data makes every entry unreachable at once; bounded by the items its values hold (a network's
edges) and by its entries, least recently used out, so explorers trying many filters cannot grow it; and a
computation that failed, or during which the version changed, keeps nothing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sized
from typing import Any, TypeVar

T = TypeVar("T")

DERIVED_ITEMS = 100_000
"""Items kept per process, over all values: at x100 (8,300 events) the whole co-organization network is 8,600
edges; a filtered network is a part of it."""

DERIVED_ENTRIES = 1_000
"""Values kept per process, however small (filters matching nothing answer empty networks)."""


def weight(value: object) -> int:
    """The items a value holds: its length when it has one (at least 1), else 1."""
    return max(1, len(value)) if isinstance(value, Sized) else 1


class DerivedCache:
    """(data version, key) -> a value computed from that version alone."""

    def __init__(self, items: int = DERIVED_ITEMS, entries: int = DERIVED_ENTRIES) -> None:
        self.items = items
        self.entries = entries
        self._entries: OrderedDict[tuple[str, Hashable], tuple[Any, int]] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    def get(self, version: str, key: Hashable, compute: Callable[[], T], current: Callable[[], str] | None = None) -> T:
        """The kept value, or `compute()`'s, kept (two requests racing may both compute; one is kept) unless
        `current()`, the version read again after computing, says the data changed meanwhile (a backend whose
        reads are not pinned to one version: the value may hold the newer data, not `version`'s)."""
        entry = (version, key)
        with self._lock:
            if entry in self._entries:
                self._entries.move_to_end(entry)
                found: T = self._entries[entry][0]
                return found
        value = compute()
        if current is not None and current() != version:
            return value
        size = weight(value)
        with self._lock:
            if entry in self._entries:
                self._held -= self._entries.pop(entry)[1]
            self._entries[entry] = (value, size)
            self._held += size
            while (self._held > self.items or len(self._entries) > self.entries) and len(self._entries) > 1:
                # the least recently used go; the newest stays, however large
                self._held -= self._entries.popitem(last=False)[1][1]
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._held = 0


DERIVED = DerivedCache()
"""The process's cache: every request of every worker thread shares it."""
