"""Answers derived from one data version, kept while that version is served.

A version's data never changes (`GraphReader.dataset_version` is a content hash), so what is computed from it
alone (the related-events index, a co-organization network) is computed once, by the first request that needs
it, instead of on every request. The cache is bounded (least recently used out) and keyed by the version, so a
load switching the data makes every entry unreachable at once; a failed computation keeps nothing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

DERIVED_ENTRIES = 64
"""Kept per process: a few kinds of derived answer, each for a handful of filters."""


class DerivedCache:
    """(data version, key) -> a value computed from that version alone."""

    def __init__(self, size: int = DERIVED_ENTRIES) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[str, Hashable], Any] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, version: str, key: Hashable) -> Any:
        """The kept value, or None (for values that need an awaited read before they can be computed)."""
        with self._lock:
            return self._entries.get((version, key))

    def get(self, version: str, key: Hashable, compute: Callable[[], T]) -> T:
        """The kept value, or `compute()`'s, kept (two requests racing may both compute; one is kept)."""
        entry = (version, key)
        with self._lock:
            if entry in self._entries:
                self._entries.move_to_end(entry)
                found: T = self._entries[entry]
                return found
        value = compute()
        with self._lock:
            self._entries[entry] = value
            self._entries.move_to_end(entry)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


DERIVED = DerivedCache()
"""The process's cache: every request of every worker thread shares it."""
