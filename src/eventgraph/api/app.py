"""The Starlette application: / (landing), /graphql (GraphiQL, GraphQL over HTTP), /queries, /explore, /healthz,
/reconcile.

The HTTP concerns live in `eventgraph.api.http`; this module only routes and wires them. Every response passes
`SecurityHeaders`; every request body passes `BodyLimits` (size and time) before a route reads it; whatever a
route raises is answered through `eventgraph.api.failures`.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from eventgraph import __version__
from eventgraph.api.context import Limits
from eventgraph.api.failures import handle, unexpected
from eventgraph.api.http.endpoint import GraphQLEndpoint
from eventgraph.api.http.explore import EXPLORE_PATH, ExplorerPage
from eventgraph.api.http.graphiql import ASSET_PREFIX
from eventgraph.api.http.headers import SecurityHeaders
from eventgraph.api.http.intake import BodyLimits
from eventgraph.api.http.landing import root
from eventgraph.api.http.settings import HttpSettings
from eventgraph.api.linked_data import linked_data_routes
from eventgraph.api.reconcile.routes import reconcile_routes
from eventgraph.errors import EventGraphError
from eventgraph.store.protocols import GraphReader, SparqlLimits


def create_app(store: GraphReader, limits: Limits | None = None, settings: HttpSettings | None = None) -> Starlette:
    limits = limits or Limits()
    settings = settings or HttpSettings()
    endpoint = GraphQLEndpoint(store, limits, settings)
    explorer = ExplorerPage(settings.explorer_assets)
    sparql_limits = SparqlLimits(
        timeout_s=settings.sparql_timeout,
        max_rows=settings.sparql_max_rows,
        max_memory_mb=settings.sparql_memory_mb,
    )

    async def healthz(request: Request) -> Response:
        reader = store.snapshot()
        counts = dict(reader.counts())
        loaded = counts.get("triples", 0) > 0
        body = {
            "status": "ok" if loaded else "empty",
            "version": __version__,
            "datasetVersion": reader.dataset_version(),
            "counts": counts,
        }
        return JSONResponse(body, status_code=200 if loaded else 503)

    middleware = [
        Middleware(SecurityHeaders),
        Middleware(BodyLimits, max_bytes=settings.max_body_bytes, timeout_s=settings.body_timeout),
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["accept", "content-type", "if-none-match"],
                expose_headers=["etag"],
                max_age=600,
            )
        )
    graphiql = [Route(ASSET_PREFIX + "{name}", endpoint.graphiql.asset)] if settings.graphiql else []
    app = Starlette(
        routes=[
            Route("/", root),
            Route("/healthz", healthz),
            Route("/graphql", endpoint.graphql, methods=["GET", "POST"]),
            Route("/graphql/context.jsonld", endpoint.context),
            Route("/queries", endpoint.list_persisted),
            Route("/queries/{key}", endpoint.persisted_query),
            *graphiql,
            Route(EXPLORE_PATH, explorer.page),
            Route(EXPLORE_PATH + "/{name}", explorer.asset),
            *linked_data_routes(store, sparql_limits, sparql=settings.sparql),  # /sparql, /entity, /export
            *reconcile_routes(store),  # /reconcile: OpenRefine's Reconciliation Service API 0.2
        ],
        middleware=middleware,
        exception_handlers={EventGraphError: handle, HTTPException: handle, Exception: unexpected},
    )
    app.state.endpoint = endpoint
    return app
