"""Per-request batching: a query costs a bounded number of store round-trips whatever its row count.

All resolvers at one level of a query ask these loaders; each loader sends one store call per level.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from eventgraph.model import Resource, SourceInfo
from eventgraph.store.protocols import GraphReader, LinkBatches


class Loaders:
    """The request's DataLoaders; built anew for every request so nothing leaks between requests."""

    def __init__(self, store: GraphReader) -> None:
        self.store = store
        self.resources: DataLoader[str, Resource | None] = DataLoader(load_fn=self._describe)
        self.referrers: DataLoader[tuple[str, str], list[str]] = DataLoader(load_fn=self._referrers)
        self.chains: DataLoader[tuple[str, str], list[str]] = DataLoader(load_fn=self._chains)
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
        if isinstance(self.store, LinkBatches):  # every predicate of this level in one round-trip
            found = self.store.inbound(list(keys))
            return [found.get(key, []) for key in keys]
        by_predicate: dict[str, list[str]] = defaultdict(list)
        for target, predicate in keys:
            by_predicate[predicate].append(target)
        answers: dict[tuple[str, str], list[str]] = {}
        for predicate, targets in by_predicate.items():
            for target, subjects in self.store.referrers(targets, predicate).items():
                answers[(target, predicate)] = subjects
        return [answers.get(key, []) for key in keys]

    async def _chains(self, keys: Sequence[tuple[str, str]]) -> list[list[str]]:
        by_predicate: dict[str, list[str]] = defaultdict(list)
        for start, predicate in keys:
            by_predicate[predicate].append(start)
        answers: dict[tuple[str, str], list[str]] = {}
        for predicate, starts in by_predicate.items():
            if isinstance(self.store, LinkBatches):
                for start, chain in self.store.ancestors(starts, predicate).items():
                    answers[(start, predicate)] = chain
            else:  # one level at a time, through describe (cached by the resources loader)
                for start in starts:
                    answers[(start, predicate)] = await self._walk(start, predicate)
        return [answers.get(key, []) for key in keys]

    async def _walk(self, start: str, predicate: str) -> list[str]:
        found: dict[str, None] = {}
        frontier = [start]
        while frontier:
            resources = await self.resources.load_many(frontier)
            following = [i for r in resources if r is not None for i in r.iris(predicate)]
            frontier = [i for i in dict.fromkeys(following) if i not in found and i != start]
            found.update(dict.fromkeys(frontier))
        return list(found)

    async def ancestors(self, iri: str, predicate: str) -> list[Resource]:
        """`iri` and everything it reaches through `predicate`, described, in two round-trips for a whole level
        (one for the chain, one to describe it) rather than one per step."""
        chain = await self.chains.load((iri, predicate))
        return await self.many([iri, *chain])

    async def many(self, iris: Sequence[str]) -> list[Resource]:
        """Describe several IRIs in one batch, dropping the unknown ones."""
        found = await self.resources.load_many(list(iris))
        return [r for r in found if r is not None]

    async def inverse(self, target: str, *predicates: str) -> list[str]:
        """Subjects pointing at `target` through any of `predicates`, without duplicates."""
        groups = await self.referrers.load_many([(target, p) for p in predicates])
        return list(dict.fromkeys(s for group in groups for s in group))
