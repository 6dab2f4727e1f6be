"""Per-request batching: a query costs a bounded number of store round-trips whatever its row count.

All resolvers at one level of a query ask these loaders; each loader sends one store call per level.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from eventgraph.model import Resource, SourceInfo
from eventgraph.store.protocols import GraphReader


class Loaders:
    """The request's DataLoaders; built anew for every request so nothing leaks between requests."""

    def __init__(self, store: GraphReader) -> None:
        self.store = store
        self.resources: DataLoader[str, Resource | None] = DataLoader(load_fn=self._describe)
        self.referrers: DataLoader[tuple[str, str], list[str]] = DataLoader(load_fn=self._referrers)
        self._sources: list[SourceInfo] | None = None

    async def sources(self) -> list[SourceInfo]:
        """The loaded sources, read once per request."""
        if self._sources is None:
            self._sources = self.store.sources()
        return self._sources

    async def _describe(self, iris: Sequence[str]) -> list[Resource | None]:
        found = self.store.describe(list(iris))
        return [found.get(iri) for iri in iris]

    async def _referrers(self, keys: Sequence[tuple[str, str]]) -> list[list[str]]:
        by_predicate: dict[str, list[str]] = defaultdict(list)
        for target, predicate in keys:
            by_predicate[predicate].append(target)
        answers: dict[tuple[str, str], list[str]] = {}
        for predicate, targets in by_predicate.items():
            for target, subjects in self.store.referrers(targets, predicate).items():
                answers[(target, predicate)] = subjects
        return [answers.get(key, []) for key in keys]

    async def many(self, iris: Sequence[str]) -> list[Resource]:
        """Describe several IRIs in one batch, dropping the unknown ones."""
        found = await self.resources.load_many(list(iris))
        return [r for r in found if r is not None]

    async def inverse(self, target: str, *predicates: str) -> list[str]:
        """Subjects pointing at `target` through any of `predicates`, without duplicates."""
        groups = await self.referrers.load_many([(target, p) for p in predicates])
        return list(dict.fromkeys(s for group in groups for s in group))
