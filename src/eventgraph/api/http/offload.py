"""GraphQL work off the server's event loop, with a hard time budget.

Parsing a large document, resolving a wide nested query (a 2.5 KB document can ask for 23 MB of answer) and
serializing the answer are CPU work in Python: run on the server's loop they stall every other request,
/healthz included. `LoopThread` runs such coroutines on an event loop of their own in one daemon thread (one
per process, started on first use), so the server's loop keeps answering; `run` stops a coroutine that is
still running after its budget by cancelling it (at its next await) and raises `ExecutionTimeoutError`. The
thread runs at a lower CPU priority (nice +10 on Linux), so under CPU contention the server's loop runs first.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

from eventgraph.errors import ExecutionTimeoutError

T = TypeVar("T")


class LoopThread:
    """An asyncio loop in a daemon thread; coroutines submitted from any other loop run there."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                threading.Thread(target=_run_niced, args=(loop,), name=self.name, daemon=True).start()
                self._loop = loop
            return self._loop

    async def run(self, work: Callable[[], Awaitable[T]], budget_s: float) -> T:
        """Await `work()` on the thread's loop; cancelled after `budget_s` seconds, or when the caller is.

        The caller gets its answer (or `ExecutionTimeoutError`) on time even while the work is in a long
        stretch without an await; the work itself stops at its next await.
        """

        async def call() -> T:
            return await work()

        future = asyncio.run_coroutine_threadsafe(call(), self._running_loop())
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), budget_s)
        except TimeoutError:
            future.cancel()
            raise ExecutionTimeoutError(budget_s) from None
        except asyncio.CancelledError:
            future.cancel()  # the client went away or the server is stopping: stop the work too
            raise


def _run_niced(loop: asyncio.AbstractEventLoop) -> None:
    """Run `loop` forever in this thread, at a lower priority than the server's (lowering is always allowed)."""
    with contextlib.suppress(AttributeError, OSError):  # Linux only: per-thread priorities by thread id
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    loop.run_forever()


GRAPHQL_LOOP = LoopThread("eventgraph-graphql")
"""The process's one GraphQL loop: parse, validate, execute and serialize all run there."""
