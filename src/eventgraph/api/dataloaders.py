"""Per-request batching: a query costs a bounded number of store round-trips whatever its row count.

All resolvers at one level of a query ask these loaders; what a level asks (descriptions, inverse links,
containment chains) goes to the store in one `lookup` when the backend offers `LinkBatches`, and the subjects
and chains it finds come back described, so the next level reads them from the cache. Without the capability the
loaders send `describe` and one `referrers` per predicate, as before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Sequence
from typing import Generic, TypeVar

from eventgraph.api.batching import Batches, Loader, Missing
from eventgraph.model import Lookup, Resource, SourceInfo
from eventgraph.store.protocols import GraphReader, LinkBatches

K = TypeVar("K", str, tuple[str, str])
V = TypeVar("V")

Key = tuple[str, str, str]
"""('describe', iri, '') | ('inbound', target, predicate) | ('ancestors', iri, predicate)."""
Value = Resource | list[str] | None


def describe_key(iri: str) -> Key:
    """The key of `iri`'s description."""
    return ("describe", iri, "")


def inbound_key(target: str, predicate: str) -> Key:
    """The key of the subjects that point at `target` through `predicate`."""
    return ("inbound", target, predicate)


def chain_key(start: str, predicate: str) -> Key:
    """The key of what `start` reaches by following `predicate` (its containment chain)."""
    return ("ancestors", start, predicate)


class _View(Generic[K, V]):
    """One kind of key of the shared loader, with DataLoader's methods."""

    def __init__(self, loader: Loader[Key, Value], kind: str) -> None:
        self._loader = loader
        self._kind = kind

    def _key(self, key: K) -> Key:
        return (self._kind, key, "") if isinstance(key, str) else (self._kind, *key)

    def load(self, key: K) -> Awaitable[V]:
        """An awaitable, not a coroutine: the key is asked now, so awaiting several in turn keeps one batch."""
        return self._loader.load(self._key(key))  # type: ignore[return-value]

    def cached(self, key: K) -> V | Missing:
        return self._loader.cached(self._key(key))  # type: ignore[return-value]

    async def load_many(self, keys: Sequence[K]) -> list[V]:
        return await self._loader.load_many([self._key(k) for k in keys])  # type: ignore[return-value]

    def prime(self, key: K, value: V) -> None:
        self._loader.prime(self._key(key), value)  # type: ignore[arg-type]


class Loaders:
    """The request's loaders; built anew for every request so nothing leaks between requests."""

    def __init__(self, store: GraphReader, batches: Batches | None = None) -> None:
        self.store = store
        self.batches = batches or Batches()
        self._shared: Loader[Key, Value] = Loader(self.batches, self._load)
        self.resources: _View[str, Resource | None] = _View(self._shared, "describe")
        self.referrers: _View[tuple[str, str], list[str]] = _View(self._shared, "inbound")
        self.chains: _View[tuple[str, str], list[str]] = _View(self._shared, "ancestors")
        self._sources: list[SourceInfo] | None = None
        self.unexpanded: tuple[str, ...] = ()
        """Blank-node predicates no field of this request reads (set by `selection.SelectionHints`)."""

    def release(self) -> None:
        """Drop this request's answers. The loader and its load function refer to each other, so without this
        the request's entities wait for a full garbage collection (they are most of what a request allocates)."""
        self._shared.clear()

    def cached(self, key: Key) -> Value | Missing:
        """The answer to `key` when the store already gave it, else `MISSING` (also for a key that failed)."""
        return self._shared.cached(key)

    async def load_keys(self, keys: Sequence[Key]) -> None:
        """Ask for `keys` with the level's batch and wait for the answers (a failure is cached for its fields)."""
        await self._shared.load_many(keys)

    async def sources(self) -> list[SourceInfo]:
        """The loaded sources, read once per request."""
        if self._sources is None:
            self._sources = self.store.sources()
        return self._sources

    async def _load(self, keys: Sequence[Key]) -> list[Value]:
        if isinstance(self.store, LinkBatches):
            return self._lookup(self.store, keys)
        return self._one_kind_at_a_time(keys)

    def _lookup(self, store: LinkBatches, keys: Sequence[Key]) -> list[Value]:
        request = Lookup(
            describe=tuple(k[1] for k in keys if k[0] == "describe"),
            inbound=tuple((k[1], k[2]) for k in keys if k[0] == "inbound"),
            ancestors=tuple((k[1], k[2]) for k in keys if k[0] == "ancestors"),
            unexpanded=self.unexpanded,
        )
        answer = store.lookup(request)
        wanted = set(keys)
        for iri, resource in answer.resources.items():  # subjects and chains found: the next level's cache
            if ("describe", iri, "") not in wanted:
                self.resources.prime(iri, resource)
        found: list[Value] = []
        for kind, iri, predicate in keys:
            if kind == "describe":
                found.append(answer.resources.get(iri))
            elif kind == "inbound":
                found.append(answer.inbound.get((iri, predicate), []))
            else:
                found.append(answer.ancestors.get((iri, predicate), []))
        return found

    def _one_kind_at_a_time(self, keys: Sequence[Key]) -> list[Value]:
        iris = [k[1] for k in keys if k[0] == "describe"]
        described = self.store.describe(iris) if iris else {}
        by_predicate: dict[str, list[str]] = defaultdict(list)
        for kind, target, predicate in keys:
            if kind == "inbound":
                by_predicate[predicate].append(target)
        inbound: dict[tuple[str, str], list[str]] = {}
        for predicate, targets in by_predicate.items():
            for target, subjects in self.store.referrers(targets, predicate).items():
                inbound[(target, predicate)] = subjects
        chains: dict[tuple[str, str], list[str]] = {}
        by_chain_predicate: dict[str, list[str]] = defaultdict(list)
        for kind, start, predicate in keys:
            if kind == "ancestors":
                by_chain_predicate[predicate].append(start)
        for predicate, starts in by_chain_predicate.items():
            for start, chain in self._walk(starts, predicate).items():
                chains[(start, predicate)] = chain
        found: list[Value] = []
        for kind, iri, predicate in keys:
            if kind == "describe":
                found.append(described.get(iri))
            elif kind == "inbound":
                found.append(inbound.get((iri, predicate), []))
            else:
                found.append(chains.get((iri, predicate), []))
        return found

    def _walk(self, starts: Sequence[str], predicate: str) -> dict[str, list[str]]:
        """Every start's chain, one `describe` per step for all of them (a backend without `LinkBatches`)."""
        chains: dict[str, dict[str, None]] = {s: {} for s in starts}
        frontiers: dict[str, list[str]] = {s: [s] for s in starts}
        while any(frontiers.values()):
            described = self.store.describe(list(dict.fromkeys(i for f in frontiers.values() for i in f)))
            for start, frontier in frontiers.items():
                following = [i for node in frontier if node in described for i in described[node].iris(predicate)]
                fresh = [i for i in dict.fromkeys(following) if i not in chains[start] and i != start]
                chains[start].update(dict.fromkeys(fresh))
                frontiers[start] = fresh
        return {start: list(chain) for start, chain in chains.items()}

    async def ancestors(self, iri: str, predicate: str) -> list[Resource]:
        """`iri` and everything it reaches through `predicate`, described (one round-trip with `LinkBatches`)."""
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
