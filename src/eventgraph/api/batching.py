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


class Missing:
    """The answer of `Loader.cached` for a key not answered yet."""


MISSING = Missing()


class Loader(Generic[K, V]):
    """A per-request batch loader with a cache (DataLoader's `load`, `load_many`, `prime`), sent by `Batches`.

    A key asked before its answer is in gets a future of its own per waiter, not a view of a shared one: a field
    cancelled while it waits (graphql-core cancels the siblings of a field that failed) cancels only its own
    future, never the answer other fields share, and this costs less than `asyncio.shield` (one future per
    waiter instead of a future and two callbacks). An answered key is kept as its value, which `cached` reads
    without a future; `load` hands it in a done future (awaiting it does not suspend, so nothing can cancel it).
    """

    def __init__(self, batches: Batches, load_fn: Callable[[Sequence[K]], Awaitable[Sequence[V]]]) -> None:
        self._batches = batches
        self._load_fn = load_fn
        self._answered: dict[K, V] = {}
        self._failed: dict[K, Exception] = {}
        self._waiters: dict[K, list[asyncio.Future[V]]] = {}
        self._waiting: list[K] = []

    def load(self, key: K) -> asyncio.Future[V]:
        """The value of `key`: the store is asked with the rest of the level's keys unless it was asked before."""
        if key in self._answered:
            done: asyncio.Future[V] = asyncio.get_running_loop().create_future()
            done.set_result(self._answered[key])
            return done
        waiter: asyncio.Future[V] = asyncio.get_running_loop().create_future()
        failed = self._failed.get(key)
        if failed is not None:
            waiter.set_exception(failed)
            return waiter
        waiters = self._waiters.get(key)
        if waiters is None:
            waiters = self._waiters[key] = []
            self._waiting.append(key)
            self._batches.wake(self)
        waiters.append(waiter)
        return waiter

    def cached(self, key: K) -> V | Missing:
        """The value of `key` when the store already answered it, else `MISSING`: lets a caller skip an await."""
        return self._answered.get(key, MISSING)

    async def load_many(self, keys: Iterable[K]) -> list[V]:
        keys = list(keys)
        found = [self.cached(k) for k in keys]
        if not any(v is MISSING for v in found):
            return found  # type: ignore[return-value]
        return list(await asyncio.gather(*(self.load(k) for k in keys)))

    def clear(self) -> None:
        """Forget the answers (keys still waiting keep theirs): the next load of a key asks the store again."""
        self._answered.clear()
        self._failed.clear()

    def prime(self, key: K, value: V) -> None:
        """Answer `key` without asking the store (unless it was already asked)."""
        if key not in self._answered and key not in self._waiters and key not in self._failed:
            self._answer(key, value)

    def _answer(self, key: K, value: V) -> None:
        self._answered[key] = value
        for waiter in self._waiters.pop(key, ()):
            if not waiter.done():  # a cancelled waiter: its field is gone
                waiter.set_result(value)

    async def dispatch(self) -> None:
        keys, self._waiting = self._waiting, []
        if not keys:
            return
        try:
            values = list(await self._load_fn(keys))
            if len(values) != len(keys):
                raise RuntimeError(f"a batch of {len(keys)} keys gave {len(values)} values")
        except Exception as exc:  # every waiting field fails with it (a timeout, a store error)
            for key in keys:
                self._failed[key] = exc
                for waiter in self._waiters.pop(key, ()):
                    if not waiter.done():
                        waiter.set_exception(exc)
            return
        for key, value in zip(keys, values, strict=True):
            self._answer(key, value)
