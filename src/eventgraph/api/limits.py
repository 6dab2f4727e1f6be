"""Every limit a client can run into, in one table read from the constants that enforce them.

docs/limits.md is this table rendered (`python -m eventgraph.api.limits > docs/limits.md`); a test fails when the
file and the code disagree, and another when a GraphQL field takes `first` without a row here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from eventgraph.api import network, related, search
from eventgraph.api.context import Limits
from eventgraph.api.http.params import MAX_JSON_DEPTH
from eventgraph.api.http.settings import HttpSettings
from eventgraph.api.reconcile import requests as reconcile
from eventgraph.api.reconcile import routes as reconcile_http
from eventgraph.api.reconcile import service as reconcile_service
from eventgraph.store.protocols import SparqlLimits


@dataclass(frozen=True, slots=True)
class Limit:
    area: str
    what: str
    value: str
    past_it: str
    fields: tuple[str, ...] = ()
    """The GraphQL fields (`Type.field`) whose `first` this row bounds."""


def _n(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def limits() -> list[Limit]:
    guards, http, sparql = Limits(), HttpSettings(), SparqlLimits()
    page = f"default {guards.default_page_size}, at most {guards.max_page_size}"
    too_big = "error `PAGE_SIZE_LIMIT` on that field (other fields answer)"
    nodes = f"default {network.DEFAULT_NODES}, at most {network.MAX_NODES}"
    return [
        Limit("HTTP, every route", "request body", f"{_n(http.max_body_bytes)} bytes", "413, connection closed"),
        Limit("HTTP, every route", "time to send the request head", f"{_n(http.header_timeout)} s", "408, closed"),
        Limit("HTTP, every route", "time to send the request body", f"{_n(http.body_timeout)} s", "408, closed"),
        Limit("HTTP, every route", "JSON nesting (bodies, GET parameters)", _n(MAX_JSON_DEPTH), "400 `INVALID_JSON`"),
        Limit(
            "GraphQL request",
            "query depth (a fragment counts where it is spread)",
            _n(guards.max_depth),
            "request refused (400 `DEPTH_LIMIT`, no `data`)",
        ),
        Limit(
            "GraphQL request",
            "aliases (a fragment counts each time it is spread)",
            _n(guards.max_aliases),
            "request refused (400 `ALIAS_LIMIT`, no `data`)",
        ),
        Limit(
            "GraphQL request",
            "tokens (counted while parsing)",
            _n(guards.max_tokens),
            "request refused (400 `TOKEN_LIMIT`, no `data`)",
        ),
        Limit(
            "GraphQL request",
            "list items in one answer (nested lists multiply)",
            _n(guards.max_list_items),
            "`data` null with one error `RESULT_LIMIT`",
        ),
        Limit(
            "GraphQL request",
            "time budget",
            f"{_n(http.request_timeout)} s",
            "fields not yet read answer null with code `TIMEOUT`",
        ),
        Limit(
            "GraphQL request",
            "execution time",
            f"{_n(http.execution_timeout)} s",
            "the execution is stopped: 400 `TIMEOUT`, no `data`",
        ),
        Limit(
            "GraphQL page sizes",
            "`first` of the connections",
            page,
            too_big,
            (
                "Query.events",
                "Query.organizations",
                "Query.places",
                "Query.eventSeries",
                "Query.partnerships",
                "Query.grants",
            ),
        ),
        Limit("GraphQL page sizes", "`first` of `search`", page, too_big, ("Query.search",)),
        Limit(
            "GraphQL page sizes",
            "`first` of `Event.relatedEvents`",
            f"default {related.DEFAULT_RELATED}, at most {guards.max_page_size}",
            too_big,
            ("Event.relatedEvents",),
        ),
        Limit("GraphQL page sizes", "`first` (nodes) of `network`", nodes, too_big, ("Query.network",)),
        Limit("GraphQL page sizes", "`first` (edges) of `coOrganization`", nodes, too_big, ("Query.coOrganization",)),
        Limit(
            "GraphQL page sizes",
            "`first` (paths) of `path`",
            f"default {network.DEFAULT_PATHS}, at most {network.MAX_PATHS}",
            too_big,
            ("Query.path",),
        ),
        Limit(
            "GraphQL page sizes", "`grantPrograms`, `languages`", f"{guards.max_page_size} items", "the rest left out"
        ),
        Limit(
            "GraphQL page sizes",
            "ids of `nodes(ids:)`, QIDs of `entities(qids:)`",
            _n(guards.max_page_size),
            "error `INVALID_ARGUMENT` on that field",
        ),
        Limit("GraphQL arguments", "`search` text", f"{search.MAX_TEXT} characters", "error `INVALID_ARGUMENT`"),
        Limit("GraphQL arguments", "`network` depth", f"0 to {network.MAX_DEPTH}", "error `INVALID_ARGUMENT`"),
        Limit("GraphQL arguments", "`path` maxHops", f"1 to {network.MAX_HOPS}", "error `INVALID_ARGUMENT`"),
        Limit(
            "GraphQL arguments",
            "nodes a `path` search visits",
            _n(network.PATH_NODE_BUDGET),
            "no path (an empty list)",
        ),
        Limit("/sparql", "time per query", f"{_n(sparql.timeout_s)} s", "400 `TIMEOUT`; the query's worker is stopped"),
        Limit(
            "/sparql",
            "memory per worker process",
            f"{_n(sparql.max_memory_mb)} MiB",
            "400 `MEMORY_LIMIT`; the query's worker stops",
        ),
        Limit("/sparql", "rows or triples returned", _n(sparql.max_rows), "cut, with `X-SPARQL-MaxRows`"),
        Limit("/sparql", "query text", f"{_n(sparql.max_query_chars)} characters", "413"),
        Limit("/reconcile", "request body or query string", f"{_n(reconcile.MAX_BODY_BYTES)} bytes", "413"),
        Limit("/reconcile", "parameters per request", _n(reconcile_http.MAX_FIELDS), "400"),
        Limit("/reconcile", "queries per batch (`batchSize`)", _n(reconcile.MAX_BATCH), "413"),
        Limit(
            "/reconcile",
            "`limit` (candidates) of a query",
            f"default {reconcile.DEFAULT_CANDIDATES}, at most {reconcile.MAX_CANDIDATES}",
            "400",
        ),
        Limit("/reconcile", "property conditions of a query, values of one", _n(reconcile.MAX_CONDITIONS), "400"),
        Limit(
            "/reconcile",
            "query text searched",
            f"{reconcile.MAX_TEXT} characters",
            "a longer text gets no candidate (the batch is answered)",
        ),
        Limit("/reconcile", "ids of a data extension", _n(reconcile.MAX_EXTEND_IDS), "413"),
        Limit("/reconcile", "suggest `prefix`", f"{reconcile.MAX_TEXT} characters", "400"),
        Limit(
            "/reconcile",
            "suggestions per page, `cursor`",
            f"{reconcile_service.SUGGEST_PAGE}; cursor at most {reconcile.MAX_CURSOR}",
            "400",
        ),
        Limit("/reconcile", "JSONP `callback` name", f"{reconcile_http.MAX_CALLBACK} characters", "400"),
    ]


def render() -> str:
    """docs/limits.md."""
    lines = [
        "# Limits",
        "",
        "Every limit a client can run into, with its value. Generated from the constants that enforce them:",
        "`.venv/bin/python -m eventgraph.api.limits > docs/limits.md`; `tests/api/test_limits.py` fails when this",
        "file and the code disagree, or when a GraphQL field takes `first` without a row here.",
        "",
        "| area | limit | value | past it |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {row.area} | {row.what} | {row.value} | {row.past_it} |" for row in limits()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
