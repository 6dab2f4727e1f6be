"""Answers derived from one data version, kept while that version is served.

A version's data never changes (`GraphReader.dataset_version` is a content hash), so what is computed from it
alone (the related-events index, a co-organization network) is computed once, by the first request that needs
it, instead of on every request. The cache is keyed by the version, so a load switching the data makes every
entry unreachable at once, and bounded by the items its values hold (an index's events, a network's edges; least
recently used out), so explorers trying many filters cannot grow it; a failed computation keeps nothing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sized
from typing import Any, TypeVar

T = TypeVar("T")

DERIVED_ITEMS = 100_000
"""Items kept per process, over all values: at x100 (8,300 events) the related-events index and the whole
co-organization network are ~17,000; a filtered network is a part of it."""


def weight(value: object) -> int:
    """The items a value holds: its length when it has one, else 1."""
    return len(value) if isinstance(value, Sized) else 1


class DerivedCache:
    """(data version, key) -> a value computed from that version alone."""

    def __init__(self, items: int = DERIVED_ITEMS) -> None:
        self.items = items
        self._entries: OrderedDict[tuple[str, Hashable], tuple[Any, int]] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    def peek(self, version: str, key: Hashable) -> Any:
        """The kept value, or None (for values that need an awaited read before they can be computed)."""
        with self._lock:
            found = self._entries.get((version, key))
            return found[0] if found is not None else None

    def get(self, version: str, key: Hashable, compute: Callable[[], T]) -> T:
        """The kept value, or `compute()`'s, kept (two requests racing may both compute; one is kept)."""
        entry = (version, key)
        with self._lock:
            if entry in self._entries:
                self._entries.move_to_end(entry)
                found: T = self._entries[entry][0]
                return found
        value = compute()
        size = weight(value)
        with self._lock:
            if entry in self._entries:
                self._held -= self._entries.pop(entry)[1]
            self._entries[entry] = (value, size)
            self._held += size
            while self._held > self.items and len(self._entries) > 1:  # the newest stays, however large
                self._held -= self._entries.popitem(last=False)[1][1]
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._held = 0


DERIVED = DerivedCache()
"""The process's cache: every request of every worker thread shares it."""
