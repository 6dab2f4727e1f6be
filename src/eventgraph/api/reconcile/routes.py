"""HTTP for /reconcile, as OpenRefine speaks it: GET or POST with form-encoded `queries=` or `extend=` (JSON),
the manifest on a bare GET, suggest services, property proposals and previews.

Every answer allows any origin (the specification makes CORS mandatory: the service is public and read-only) and
a GET may ask for JSONP with `callback=`, which older OpenRefine widgets use. Store work runs in the thread pool.
Client mistakes are 4xx with a JSON `{"error": ...}`; nothing a client sends reaches a 5xx.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from eventgraph.api.reconcile import service
from eventgraph.api.reconcile.matching import Matcher
from eventgraph.api.reconcile.preview import CONTENT_SECURITY_POLICY, render
from eventgraph.api.reconcile.requests import (
    MAX_BODY_BYTES,
    MAX_CANDIDATES,
    MAX_CURSOR,
    ReconcileError,
    extend_query,
    one,
    prefix,
    query_batch,
    whole_number,
)
from eventgraph.api.reconcile.vocabulary import PROPERTIES, class_of
from eventgraph.model import EntityClass, iri_of
from eventgraph.store.protocols import GraphReader

MAX_FIELDS = 20
"""Parameters in one request (query string and form together)."""
MAX_CALLBACK = 100
_CALLBACK = re.compile(r"[A-Za-z_$][0-9A-Za-z_$]*(\.[A-Za-z_$][0-9A-Za-z_$]*)*", re.ASCII)
_FORM = "application/x-www-form-urlencoded"
CORS = {"Access-Control-Allow-Origin": "*"}
_PREFLIGHT = {
    **CORS,
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "600",
}

Params = dict[str, list[str]]


def _parse(text: str, params: Params) -> None:
    try:
        found = parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError as exc:
        raise ReconcileError(f"at most {MAX_FIELDS} parameters per request") from exc
    for key, values in found.items():
        params.setdefault(key, []).extend(values)
    if sum(len(v) for v in params.values()) > MAX_FIELDS:
        raise ReconcileError(f"at most {MAX_FIELDS} parameters per request")


async def _params(request: Request) -> Params:
    """The query string's parameters and, for a POST, the form body's (read up to the size cap)."""
    params: Params = {}
    if len(request.url.query) > MAX_BODY_BYTES:
        raise ReconcileError(f"the query string is larger than {MAX_BODY_BYTES} bytes", 413)
    _parse(request.url.query, params)
    if request.method != "POST":
        return params
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ReconcileError(f"the body is larger than {MAX_BODY_BYTES} bytes", 413)
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY_BYTES:
            raise ReconcileError(f"the body is larger than {MAX_BODY_BYTES} bytes", 413)
    if body and media != _FORM:
        raise ReconcileError(f"POST the parameters as {_FORM} (queries=... or extend=...)", 415)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReconcileError("the body is not UTF-8") from exc
    _parse(text, params)
    return params


def _callback(params: Params) -> str | None:
    name = one(params, "callback")
    if name is not None and (len(name) > MAX_CALLBACK or not _CALLBACK.fullmatch(name)):
        raise ReconcileError("callback: a JavaScript function name such as 'jQuery123_456'")
    return name


def _json(body: Any, callback: str | None = None, status: int = 200) -> Response:
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    if callback is None:
        return Response(text, status, headers=CORS, media_type="application/json")
    headers = {**CORS, "X-Content-Type-Options": "nosniff"}
    return Response(f"/**/{callback}({text});", status, headers=headers, media_type="application/javascript")


def _type(params: Params) -> tuple[EntityClass | None, str]:
    """The optional `type` parameter: a known type id, or nothing."""
    text = one(params, "type") or ""
    if not text:
        return None, ""
    found = class_of(text)
    if found is None:
        raise ReconcileError(f"type: unknown type {text[:50]!r}; /reconcile/suggest/type lists the types")
    return found, text


class ReconcileService:
    """The /reconcile routes over one store."""

    def __init__(self, store: GraphReader) -> None:
        self.store = store

    def routes(self) -> list[Route]:
        methods = ["GET", "OPTIONS"]
        return [
            Route("/reconcile", self.endpoint, methods=["GET", "POST", "OPTIONS"]),
            Route("/reconcile/preview", self.preview, methods=methods),
            Route("/reconcile/suggest/entity", self._get(self._suggest_entity), methods=methods),
            Route("/reconcile/suggest/type", self._get(self._suggest_type), methods=methods),
            Route("/reconcile/suggest/property", self._get(self._suggest_property), methods=methods),
            Route("/reconcile/properties", self._get(self._propose), methods=methods),
        ]

    async def endpoint(self, request: Request) -> Response:
        """The manifest, a reconciliation batch (`queries`) or a data extension (`extend`)."""
        if request.method == "OPTIONS":
            return Response(status_code=204, headers=_PREFLIGHT)
        try:
            params = await _params(request)
            callback = _callback(params)
            queries, extend = one(params, "queries"), one(params, "extend")
            if queries is not None and extend is not None:
                raise ReconcileError("give either queries or extend, not both")
            if queries is not None:
                batch = query_batch(queries)
                return _json(await run_in_threadpool(Matcher(self.store).run, batch), callback)
            if extend is not None:
                query = extend_query(extend)
                return _json(await run_in_threadpool(service.extend, self.store, query), callback)
            return _json(service.manifest(str(request.base_url)), callback)
        except ReconcileError as exc:
            return _json({"error": str(exc)}, status=exc.status)

    def _get(self, answer: Callable[[Params], Any]) -> Callable[[Request], Any]:
        """A GET route answering JSON (or JSONP) from the query string's parameters."""

        async def route(request: Request) -> Response:
            if request.method == "OPTIONS":
                return Response(status_code=204, headers=_PREFLIGHT)
            try:
                params = await _params(request)
                callback = _callback(params)
                return _json(await run_in_threadpool(answer, params), callback)
            except ReconcileError as exc:
                return _json({"error": str(exc)}, status=exc.status)

        return route

    def _suggest_entity(self, params: Params) -> Any:
        cls, _ = _type(params)
        cursor = whole_number(params, "cursor", 0, MAX_CURSOR)
        return service.suggest_entities(self.store, prefix(params), (cls,) if cls else (), cursor)

    def _suggest_type(self, params: Params) -> Any:
        return service.suggest_types(prefix(params), whole_number(params, "cursor", 0, MAX_CURSOR))

    def _suggest_property(self, params: Params) -> Any:
        cls, _ = _type(params)
        return service.suggest_properties(prefix(params), cls, whole_number(params, "cursor", 0, MAX_CURSOR))

    def _propose(self, params: Params) -> Any:
        cls, text = _type(params)
        limit = whole_number(params, "limit", len(PROPERTIES), MAX_CANDIDATES)
        return service.propose_properties(cls, text, limit)

    async def preview(self, request: Request) -> Response:
        """The HTML preview of one entity (404 for an id the graph does not hold)."""
        if request.method == "OPTIONS":
            return Response(status_code=204, headers=_PREFLIGHT)
        try:
            ident = one(await _params(request), "id")
        except ReconcileError as exc:
            return _json({"error": str(exc)}, status=exc.status)
        if not ident:
            return _json({"error": "id: give the id of an entity, e.g. ?id=Q180"}, status=400)
        iri = iri_of(ident)
        found = await run_in_threadpool(self.store.describe, [iri]) if iri else {}
        if iri is None or iri not in found:
            return _json({"error": f"no entity {ident[:60]!r} in this graph"}, status=404)
        page = await run_in_threadpool(render, self.store, found[iri], str(request.base_url))
        headers = {**CORS, "Content-Security-Policy": CONTENT_SECURITY_POLICY}
        return HTMLResponse(page, headers=headers)


def reconcile_routes(store: GraphReader) -> list[Route]:
    """The /reconcile routes over `store`."""
    return ReconcileService(store).routes()
