"""The Starlette application: /graphql (GraphiQL in a browser, GraphQL over HTTP), /healthz."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL

from eventgraph import __version__
from eventgraph.api.context import Context, Limits
from eventgraph.api.schema import build_schema
from eventgraph.store.protocols import GraphReader


class _GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI app with our typed context: fresh DataLoaders for every request."""

    def __init__(self, store: GraphReader, limits: Limits) -> None:
        super().__init__(build_schema(limits), graphql_ide="graphiql", allow_queries_via_get=True)
        self._store = store
        self._limits = limits

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(store=self._store, limits=self._limits)


def create_app(store: GraphReader, limits: Limits | None = None) -> Starlette:
    limits = limits or Limits()
    graphql = _GraphQLApp(store, limits)

    async def healthz(request: Request) -> Response:
        counts = dict(store.counts())
        loaded = counts.get("triples", 0) > 0
        body = {"status": "ok" if loaded else "empty", "version": __version__, "counts": counts}
        return JSONResponse(body, status_code=200 if loaded else 503)

    async def root(request: Request) -> Response:
        return RedirectResponse("/graphql")

    return Starlette(
        routes=[
            Route("/", root),
            Route("/healthz", healthz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
        ]
    )
