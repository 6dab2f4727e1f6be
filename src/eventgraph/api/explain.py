"""The `explain` request extension: which store queries a request ran, and how long each took.

A client sends `"extensions": {"explain": true}` with its request (GraphQL over HTTP passes the request's
`extensions` map to the schema as `operation_extensions`); the response's `extensions.explain` then lists
every store call in order: the SPARQL text for queries, a summary for pattern lookups (describe, referrers),
its time in milliseconds and its row count. Nothing is recorded for requests that do not ask.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from strawberry.extensions import SchemaExtension

from eventgraph.store.trace import tracing

EXTENSION_KEY = "explain"


class Explain(SchemaExtension):
    """Open a store trace around an operation that asks for it; report it in the response's extensions."""

    _report: dict[str, Any] | None = None

    def on_operation(self) -> Iterator[None]:
        asked = (self.execution_context.operation_extensions or {}).get(EXTENSION_KEY)
        if asked is not True:
            yield
            return
        started = time.perf_counter()
        with tracing() as queries:
            yield
        self._report = {
            "totalMs": round((time.perf_counter() - started) * 1000, 3),
            "storeMs": round(sum(q.ms for q in queries), 3),
            "count": len(queries),
            "queries": [{"operation": q.operation, "query": q.query, "ms": q.ms, "rows": q.rows} for q in queries],
        }

    def get_results(self) -> dict[str, Any]:
        return {EXTENSION_KEY: self._report} if self._report is not None else {}
