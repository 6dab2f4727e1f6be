"""Level batching: keys asked after any number of awaits go to the store in one batch; a cancelled waiter does
not cancel the answer other waiters share."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from eventgraph.api.batching import Batches, Loader


def test_keys_asked_after_several_awaits_share_one_batch() -> None:
    batches_sent: list[list[str]] = []

    async def load_fn(keys: Sequence[str]) -> list[str]:
        batches_sent.append(list(keys))
        return [k.upper() for k in keys]

    async def main() -> list[str]:
        loader: Loader[str, str] = Loader(Batches(), load_fn)

        async def late(key: str, awaits: int) -> str:
            for _ in range(awaits):
                await asyncio.sleep(0)
            return await loader.load(key)

        return list(await asyncio.gather(late("a", 0), late("b", 2), late("c", 3), late("a", 1)))

    assert asyncio.run(main()) == ["A", "B", "C", "A"]
    assert batches_sent == [["a", "b", "c"]]


def test_a_cancelled_waiter_leaves_the_shared_answer_to_the_others() -> None:
    async def load_fn(keys: Sequence[str]) -> list[str]:
        await asyncio.sleep(0.01)
        return [k.upper() for k in keys]

    async def main() -> str:
        loader: Loader[str, str] = Loader(Batches(), load_fn)
        doomed = asyncio.ensure_future(loader.load("a"))
        kept = asyncio.ensure_future(loader.load("a"))
        await asyncio.sleep(0)
        doomed.cancel()
        with pytest.raises(asyncio.CancelledError):
            await doomed
        return await kept

    assert asyncio.run(main()) == "A"
