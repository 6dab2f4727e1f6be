"""Recording the store queries one request ran, for the api's `explain` extension.

The api opens a trace around a request; backends record each query they send while it is open. A
`ContextVar` keeps concurrent requests apart (asyncio tasks copy the context, so the resolvers and
DataLoader batches of one request share its trace) and costs nothing when no trace is open.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator, Sized
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class QueryTrace:
    """One store query: the operation, its text (SPARQL) or a summary of a pattern lookup, time and rows."""

    operation: str
    query: str
    ms: float
    rows: int


_TRACE: ContextVar[list[QueryTrace] | None] = ContextVar("eventgraph_store_trace", default=None)


@contextmanager
def tracing() -> Iterator[list[QueryTrace]]:
    """Collect the queries run until the block ends; yields the (growing) list."""
    collected: list[QueryTrace] = []
    token = _TRACE.set(collected)
    try:
        yield collected
    finally:
        _TRACE.reset(token)


def active() -> bool:
    return _TRACE.get() is not None


def record(operation: str, query: str, ms: float, rows: int) -> None:
    collected = _TRACE.get()
    if collected is not None:
        collected.append(QueryTrace(operation, query, round(ms, 3), rows))


def _summary(operation: str, args: tuple[Any, ...]) -> str:
    if args and isinstance(args[0], str):
        return args[0]
    parts = []
    for arg in args:
        if isinstance(arg, list | tuple):
            parts.append(f"{len(arg)} IRIs")
        elif isinstance(arg, str):
            parts.append(arg)
        else:
            parts.append(type(arg).__name__)
    return f"{operation}({', '.join(parts)})"


def traced(operation: str) -> Callable[[F], F]:
    """Decorate a store method so that it records itself (SPARQL text when its first argument is one)."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            if _TRACE.get() is None:
                return method(self, *args, **kwargs)
            started = time.perf_counter()
            result = method(self, *args, **kwargs)
            rows = len(result) if isinstance(result, Sized) else 1
            record(operation, _summary(operation, args), (time.perf_counter() - started) * 1000, rows)
            return result

        return wrapper  # type: ignore[return-value]

    return decorate
