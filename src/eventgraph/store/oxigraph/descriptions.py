"""Entity descriptions kept between requests, for one version of the data.

Describing is the hottest read of a request: a map page of 83 events reads ~300 entities, each a scan of its
quads and one `Fact` per quad (about a third of the page's time). What is served is an immutable generation,
and a `Resource` is immutable, so a description built for one request answers the next ones as well. The cache
is bounded (least recently used first out) and emptied by every write; a description computed while a write
was under way is not kept (`epoch` tells the two apart).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from eventgraph.model import Resource

DEFAULT_SIZE = 20_000
"""Entities kept: every entity of the shipped data ~40 times over; at x100 data, the ones requests read most."""

Key = tuple[str, frozenset[str]]
"""(IRI, the blank-node predicates left unexpanded)."""


class DescriptionCache:
    """IRI -> description (None: the store holds nothing about it), least recently used dropped first."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self._size = size
        self._entries: OrderedDict[Key, Resource | None] = OrderedDict()
        self._lock = threading.Lock()
        self.epoch = 0
        """Incremented by every write: a description read before it is not stored after it."""

    def get(self, key: Key) -> tuple[bool, Resource | None]:
        """(found, description)."""
        with self._lock:
            if key not in self._entries:
                return False, None
            self._entries.move_to_end(key)
            return True, self._entries[key]

    def put(self, key: Key, value: Resource | None, epoch: int) -> None:
        """Keep `value`, read at `epoch`, unless the data changed since."""
        if self._size <= 0:
            return
        with self._lock:
            if epoch != self.epoch:
                return
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every description (the data changed)."""
        with self._lock:
            self.epoch += 1
            self._entries.clear()
