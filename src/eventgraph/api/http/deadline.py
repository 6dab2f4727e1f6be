"""A per-request time budget: once spent, no further store call starts and the fields still waiting fail alone.

Store calls are synchronous and cannot be interrupted, so the budget is checked before each one. The fields
resolved in time keep their values; the others are null with an error whose `extensions.code` is `TIMEOUT`.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any, cast

from eventgraph.errors import QueryTimeoutError
from eventgraph.store.protocols import GraphReader

_UNTIMED = frozenset({"dataset_version"})


class DeadlineReader:
    """Wraps every method of a reader (whatever the protocol grows) with a check of the deadline."""

    def __init__(self, inner: GraphReader, seconds: float) -> None:
        self.inner = inner
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.inner, name)
        if name.startswith("_") or name in _UNTIMED or not callable(attribute):
            return attribute
        method = cast("Callable[..., Any]", attribute)

        @functools.wraps(method)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if time.monotonic() > self.deadline:
                raise QueryTimeoutError(self.seconds)
            return method(*args, **kwargs)

        return timed


def with_deadline(store: GraphReader, seconds: float) -> GraphReader:
    """`store` as seen by one request with a budget of `seconds`."""
    return cast("GraphReader", DeadlineReader(store, seconds))
