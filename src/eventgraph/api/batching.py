"""Batch loading by level: a request's keys go to the store when its resolvers have nothing else to do.

Strawberry's DataLoader sends a batch one event-loop turn after its first key. Resolvers of one query level
reach their loads after different numbers of awaits (a country walks a chain, participations wrap their
organizations first), so one level's keys were split over several batches: several store round-trips where
one does. Here every loader of a request shares one `Batches`, which waits until a few loop turns pass without a
new key, then sends each loader's keys in one call.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Iterable, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

SETTLE_TURNS = 4
"""Loop turns without a new key after which a level counts as complete (each costs microseconds)."""


class Batches:
    """The loaders of one request, and the task that sends their pending keys level by level."""

    def __init__(self) -> None:
        self._pending: list[Loader[object, object]] = []
        self._added = 0
        self._task: asyncio.Task[None] | None = None
        self._sending: set[asyncio.Task[None]] = set()

    def wake(self, loader: Loader[K, V]) -> None:
        if loader not in self._pending:
            self._pending.append(loader)  # type: ignore[arg-type]
        self._added += 1
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while self._pending:
            seen, quiet = -1, 0
            while quiet < SETTLE_TURNS:
                await asyncio.sleep(0)
                seen, quiet = (seen, quiet + 1) if self._added == seen else (self._added, 0)
            loaders, self._pending = self._pending, []
            for loader in loaders:  # not awaited here: a batch function may itself wait for the next level
                task = asyncio.get_running_loop().create_task(loader.dispatch())
                self._sending.add(task)
                task.add_done_callback(self._sending.discard)
        self._task = None


class Loader(Generic[K, V]):
    """A per-request batch loader with a cache (DataLoader's `load`, `load_many`, `prime`), sent by `Batches`."""

    def __init__(self, batches: Batches, load_fn: Callable[[Sequence[K]], Awaitable[Sequence[V]]]) -> None:
        self._batches = batches
        self._load_fn = load_fn
        self._cache: dict[K, asyncio.Future[V]] = {}
        self._waiting: list[K] = []

    def load(self, key: K) -> asyncio.Future[V]:
        """The value of `key`, shielded: a field cancelled while it waits (graphql-core cancels the siblings of a
        field that failed) must not cancel the answer other fields share."""
        found = self._cache.get(key)
        if found is None or found.cancelled():
            found = self._cache[key] = asyncio.get_running_loop().create_future()
            self._waiting.append(key)
            self._batches.wake(self)
        return asyncio.shield(found)

    async def load_many(self, keys: Iterable[K]) -> list[V]:
        return list(await asyncio.gather(*(self.load(k) for k in keys)))

    def prime(self, key: K, value: V) -> None:
        """Answer `key` without asking the store (unless it was already asked)."""
        if key not in self._cache:
            future: asyncio.Future[V] = asyncio.get_running_loop().create_future()
            future.set_result(value)
            self._cache[key] = future

    async def dispatch(self) -> None:
        keys, self._waiting = self._waiting, []
        if not keys:
            return
        futures = [self._cache[k] for k in keys]
        try:
            values = list(await self._load_fn(keys))
            if len(values) != len(keys):
                raise RuntimeError(f"a batch of {len(keys)} keys gave {len(values)} values")
        except Exception as exc:  # every waiting field fails with it (a timeout, a store error)
            for future in futures:
                if not future.done():
                    future.set_exception(exc)
            return
        for future, value in zip(futures, values, strict=True):
            if not future.done():
                future.set_result(value)
