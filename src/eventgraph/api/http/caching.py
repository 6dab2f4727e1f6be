"""Caching keyed on the data, not on time: ETags from (document, variables, dataset version) and a response cache.

The dataset version is a content hash of the store (see `GraphReader.dataset_version`), so an ETag survives a
reload that changed nothing and changes with one that did. The response cache keeps persisted-query answers of the
current version only: a new version empties it.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def canonical_variables(variables: Mapping[str, Any] | None) -> str:
    """Variables as canonical JSON, so `{"a":1,"b":2}` and `{"b":2,"a":1}` share an ETag."""
    return json.dumps(variables or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def etag_for(
    document: str, variables: Mapping[str, Any] | None, operation: str | None, media: str, version: str
) -> str:
    """A strong ETag for one representation of one query's answer over one dataset version."""
    digest = hashlib.sha256()
    for part in (document, canonical_variables(variables), operation or "", media, version):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return f'"{digest.hexdigest()[:40]}"'


def none_match(header: str | None, etag: str) -> bool:
    """True when `If-None-Match` lists `etag` (weak comparison, as RFC 9110 asks for this header) or is `*`."""
    if not header:
        return False
    wanted = etag.removeprefix("W/")
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False


@dataclass(frozen=True, slots=True)
class CachedResponse:
    body: bytes
    media_type: str
    etag: str


CacheKey = tuple[str, str, str, str]
"""(document sha256, canonical variables, operation name, media type)."""


class ResponseCache:
    """A bounded LRU of rendered answers, valid for one dataset version at a time."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.version: str | None = None
        self._entries: OrderedDict[CacheKey, CachedResponse] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def _check(self, version: str) -> None:
        if version != self.version:
            self._entries.clear()
            self.version = version

    def get(self, key: CacheKey, version: str) -> CachedResponse | None:
        self._check(version)
        found = self._entries.get(key)
        if found is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return found

    def put(self, key: CacheKey, version: str, response: CachedResponse) -> None:
        if self.size <= 0:
            return
        self._check(version)
        self._entries[key] = response
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
