"""Trusted documents: every `queries/examples/*.graphql` file, addressable by name and by the sha256 of its text.

Dashboards call `GET /queries/{name}` (or `{sha256}`) or send Apollo's `extensions.persistedQuery` form to
/graphql. The registry is read once at start-up: a document added later needs a restart, like code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class PersistedQuery:
    name: str
    sha256: str
    text: str


class PersistedQueries:
    """The trusted documents of one deployment, by file stem and by hash."""

    def __init__(self, documents: list[PersistedQuery]) -> None:
        self._by_name = {d.name: d for d in documents}
        self._by_hash = {d.sha256: d for d in documents}

    @classmethod
    def from_dir(cls, folder: Path) -> PersistedQueries:
        paths = sorted(folder.glob("*.graphql")) if folder.is_dir() else []
        docs = []
        for path in paths:
            text = path.read_text(encoding="utf-8")
            docs.append(PersistedQuery(path.stem, sha256_of(text), text))
        return cls(docs)

    def get(self, key: str) -> PersistedQuery | None:
        """A document by name or by sha256 (hex, either case)."""
        return self._by_name.get(key) or self._by_hash.get(key.lower())

    def by_hash(self, sha256: str) -> PersistedQuery | None:
        return self._by_hash.get(sha256.lower())

    def is_trusted(self, text: str) -> bool:
        return sha256_of(text) in self._by_hash

    def __iter__(self) -> Iterator[PersistedQuery]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)
