"""Linked data outside GraphQL: /sparql (SPARQL 1.1 Protocol, read-only), /entity/{id}, /export/{format}.

Store calls are blocking, so each runs in Starlette's thread pool; the SPARQL time limit is enforced by the backend
(the Oxigraph one kills the worker process of a runaway query). /sparql and exports need optional capabilities of
the store contract (`SparqlReader`, `RdfDump`): without them they answer 501. Refusals are exceptions, turned into
plain-text answers naming their code by `eventgraph.api.failures`.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Literal
from urllib.parse import parse_qs, quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from eventgraph.api import sparql_description as sd
from eventgraph.api.entity_page import EntityPage, render
from eventgraph.api.facts import language_chain
from eventgraph.api.failures import respond
from eventgraph.api.http.params import check_text
from eventgraph.api.network_export import NETWORKS, co_organization_export, parse_filter
from eventgraph.errors import (
    ClientError,
    DisabledError,
    EventGraphError,
    InvalidTextError,
    NotAcceptableError,
    NotFoundError,
    NotSupportedError,
    ReadOnlyError,
    UnsupportedMediaTypeError,
)
from eventgraph.exports.build import FORMATS, export
from eventgraph.exports.bundle import Export
from eventgraph.exports.rdf import entity_document
from eventgraph.model import RELATIONS, Iri, P, Resource, iri_of, property_iri, short_id
from eventgraph.store.protocols import GraphReader, RdfDump, SparqlLimits, SparqlReader

_SHORT_FORMATS = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle",),
    "ttl": ("text/turtle",),
    "ntriples": ("application/n-triples",),
    "jsonld": ("application/ld+json",),
}
EntityFormat = Literal["html", "jsonld", "turtle"]
_ENTITY_TYPES: dict[str, EntityFormat] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
}
_ENTITY_MEDIA = {"jsonld": "application/ld+json", "turtle": "text/turtle; charset=utf-8"}
_INBOUND = tuple(property_iri(name) for name in RELATIONS)
"""Relations shown on an entity page from their target's side (every relation of the vocabulary table)."""
_EXPORT_MEDIA = {
    "turtle": ("text/turtle; charset=utf-8", "ttl"),
    "jsonld": ("application/ld+json", "jsonld"),
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "csv": ("application/zip", "csv.zip"),
    "quickstatements": ("text/tab-separated-values; charset=utf-8", "quickstatements.tsv"),
}
_SD_LINK = '<>; rel="describedby"; type="text/turtle"'
_EXPORTS_KEPT = 16  # built exports kept per dataset version (network exports vary with their filters)
_FORM = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SPARQL · eventgraph</title></head>
<body style="font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto"><h1>eventgraph SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the loaded sources. The default graph is the union of the sources; each source is a
named graph (<code>GRAPH ?g</code>), described in <code>&lt;https://w3id.org/eventgraph/meta&gt;</code>. Prefixes
eg:, egid:, wd:, rdfs:, skos:, schema:, xsd: and others need no declaration. Limits: %(timeout)s s, %(rows)s rows.</p>
<form method="get"><textarea name="query" rows="12" style="width:100%%">SELECT ?event ?label WHERE {
  ?event a eg:Event ; rdfs:label ?label .
} LIMIT 10</textarea><p><select name="format"><option>json</option><option>xml</option><option>csv</option>
<option>tsv</option><option>turtle</option></select> <button>Run</button></p></form></body></html>
"""


def accepted(header: str | None) -> list[str]:
    """The media ranges of an Accept header, best first (by q, then as listed); q=0 ones dropped."""
    ranked = []
    for position, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        quality = 1.0
        for parameter in fields[1:]:
            if parameter.lower().startswith("q="):
                try:
                    quality = float(parameter[2:])
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, position, media))
    return [media for _, _, media in sorted(ranked)]


Handler = Callable[[Request], Awaitable[Response]]
_NO_SPARQL = "this store backend offers no SPARQL endpoint: /sparql is not available"


def _refusing(handler: Handler) -> Handler:
    """Answer the project's errors through the one mapping (`failures.respond`), as plain text."""

    @functools.wraps(handler)
    async def guarded(request: Request) -> Response:
        try:
            return await handler(request)
        except EventGraphError as exc:
            return respond(request.url.path, request.method, exc)

    return guarded


def linked_data_routes(store: GraphReader, limits: SparqlLimits | None = None, *, sparql: bool = True) -> list[Route]:
    """The routes, bound to one store; `limits` guard /sparql (501 when the backend is no `SparqlReader`).

    `sparql=False` closes /sparql (403 DISABLED) for deployments that want GraphQL only.
    """
    limits = limits or SparqlLimits()
    exports: dict[str, Export] = {}  # by ETag, for the current data only: exports can be large

    @_refusing
    async def sparql_route(request: Request) -> Response:
        if not sparql:
            raise DisabledError("the SPARQL endpoint is switched off on this deployment: use /graphql")
        if request.method == "GET" and not request.url.query:
            if not isinstance(store.snapshot(), SparqlReader):
                raise NotSupportedError(_NO_SPARQL)
            return await service_description(request)
        params: dict[str, list[str]] = {k: request.query_params.getlist(k) for k in request.query_params}
        if request.method == "POST":
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                raise ReadOnlyError("this endpoint is read-only: updates are refused")
            try:
                body = (await request.body()).decode("utf-8")
            except UnicodeDecodeError:
                raise InvalidTextError("the request body is not UTF-8") from None
            if media == "application/sparql-query":
                params["query"] = [body]
            elif media == "application/x-www-form-urlencoded":
                for key, values in parse_qs(body, keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            else:
                raise UnsupportedMediaTypeError(
                    "POST application/sparql-query or application/x-www-form-urlencoded",
                    accept_post="application/sparql-query, application/x-www-form-urlencoded",
                )
        reader = store.snapshot()
        if not isinstance(reader, SparqlReader):
            raise NotSupportedError(_NO_SPARQL)
        if "update" in params:
            raise ReadOnlyError("this endpoint is read-only: updates are refused")
        queries = params.get("query", [])
        if len(queries) != 1:
            if not queries and "html" in (accepted(request.headers.get("accept")) or [""])[0]:
                return HTMLResponse(_FORM % {"timeout": f"{limits.timeout_s:g}", "rows": limits.max_rows})
            raise ClientError("give exactly one query (the `query` parameter, or a POST body)")
        for values in params.values():
            for value in values:
                check_text(value, "a parameter")
        formats = params.get("format", [])
        accept: Sequence[str] = accepted(request.headers.get("accept"))
        if formats:
            if formats[0] not in _SHORT_FORMATS:
                raise ClientError(f"unknown format {formats[0][:40]!r}; use one of {', '.join(_SHORT_FORMATS)}")
            accept = _SHORT_FORMATS[formats[0]]
        answer = await run_in_threadpool(
            reader.sparql,
            queries[0],
            accept,
            limits,
            params.get("default-graph-uri", []),
            params.get("named-graph-uri", []),
        )
        headers = {"vary": "Accept"}
        if answer.truncated:
            headers["x-sparql-maxrows"] = str(limits.max_rows)
        return Response(answer.body, media_type=answer.media_type, headers=headers)

    async def service_description(request: Request) -> Response:
        """A GET without a query string: the HTML form for a browser, else the Service Description, negotiated."""
        accept = accepted(request.headers.get("accept"))
        if accept and "html" in accept[0]:
            return HTMLResponse(
                _FORM % {"timeout": f"{limits.timeout_s:g}", "rows": limits.max_rows},
                headers={"vary": "Accept", "link": _SD_LINK},
            )
        fmt = sd.negotiate(accept)
        if fmt is None:
            raise NotAcceptableError(
                "the service description is offered as " + ", ".join(sorted(set(sd.SERVED.values())))
            )
        sources = await run_in_threadpool(store.sources)
        endpoint = str(request.url.replace(query=""))
        body = sd.serialize(sd.description(endpoint, sources, limits), fmt)
        return Response(body, media_type=sd.SERVED[fmt], headers={"vary": "Accept"})

    @_refusing
    async def entity(request: Request) -> Response:
        short = request.path_params["id"]
        iri = iri_of(short)
        if iri is None:
            raise NotFoundError(f"{short[:100]!r} is not an eventgraph id (Q123 or eg:slug)")
        wanted = request.query_params.get("format")
        fmt = _negotiate(accepted(request.headers.get("accept"))) if wanted is None else _ENTITY_FORMAT.get(wanted)
        if fmt is None:
            raise NotAcceptableError(
                "offered: text/html, application/ld+json, text/turtle (or ?format=html|jsonld|turtle)"
            )
        reader = store.snapshot()
        resource = (await run_in_threadpool(reader.describe, [iri])).get(iri)
        if resource is None:
            aliases = (await run_in_threadpool(reader.referrers, [iri], P.same_as)).get(iri, [])
            if len(aliases) == 1:  # a minted id that now stands for a Wikidata item (docs/decisions/0002)
                target = _entity_path(request, aliases[0]) + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(target, status_code=303)
            raise NotFoundError(f"no entity {short}")
        headers = {"vary": "Accept", "link": _links(request, iri)}
        if fmt == "jsonld" or fmt == "turtle":
            body = await run_in_threadpool(entity_document, resource, fmt)
            return Response(body, media_type=_ENTITY_MEDIA[fmt], headers=headers)
        page = await run_in_threadpool(_gather, reader, request, resource)
        return HTMLResponse(render(page), headers=headers)

    @_refusing
    async def export_route(request: Request) -> Response:
        fmt = request.path_params["format"]
        if fmt not in FORMATS:
            raise NotFoundError(f"no export format {fmt[:40]!r}; use one of {', '.join(FORMATS)}")
        reader = store.snapshot()
        if fmt in ("turtle", "jsonld") and not isinstance(reader, RdfDump):
            raise NotSupportedError(
                f"this store backend offers no RDF dump, so no {fmt} export; graphml, gexf and csv work"
            )
        network = request.query_params.get("network")
        if network is not None and network not in NETWORKS:
            raise ClientError(f"no network {network[:40]!r}; use one of {', '.join(NETWORKS)}")
        wanted = {k: request.query_params.get(k) for k in ("filter", "events")} if network else {}
        version = await run_in_threadpool(reader.dataset_version)
        sources = await run_in_threadpool(reader.sources)
        provenance = json.dumps([(s.graph, s.title, s.url, s.licence, s.retrieved) for s in sources]).encode()
        query = json.dumps([network, wanted], sort_keys=True).encode()
        etag = f'"{version[:32]}-{hashlib.sha256(provenance + query).hexdigest()[:12]}-{fmt}"'
        media, extension = _EXPORT_MEDIA[fmt]
        stem = f"eventgraph-{network}" if network else "eventgraph"
        headers = {
            "etag": etag,
            "eventgraph-dataset-version": version,
            "content-disposition": f'attachment; filename="{stem}-{version[:12]}.{extension}"',
        }
        if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers=headers)
        built = exports.get(etag)
        if built is None:
            if network:
                organizations = parse_filter(wanted["filter"], "filter")
                events = parse_filter(wanted["events"], "events")
                built = await co_organization_export(reader, fmt, organizations, events)
            else:
                built = await run_in_threadpool(export, reader, fmt)
            for stale in [k for k in exports if not k.startswith(etag.split("-", 1)[0])]:
                del exports[stale]  # another dataset version: drop
            if len(exports) >= _EXPORTS_KEPT:
                del exports[next(iter(exports))]
            exports[etag] = built
        if built.notes.get("truncated"):
            headers["eventgraph-truncated"] = "true"
        body = built.archive() if fmt == "csv" else built.files[0].content
        return Response(body, media_type=media, headers=headers)

    return [
        Route("/sparql", sparql_route, methods=["GET", "POST"], name="sparql"),
        Route("/entity/{id}", entity, methods=["GET"], name="entity"),
        Route("/export/{format}", export_route, methods=["GET"], name="export"),
    ]


_ENTITY_FORMAT: dict[str, EntityFormat] = {
    "html": "html",
    "jsonld": "jsonld",
    "json": "jsonld",
    "turtle": "turtle",
    "ttl": "turtle",
}


def _negotiate(accept: Sequence[str]) -> EntityFormat | None:
    """html, jsonld or turtle; JSON-LD when anything goes (`*/*` or no Accept header)."""
    if not accept:
        return "jsonld"
    for media in accept:
        if media in _ENTITY_TYPES:
            return _ENTITY_TYPES[media]
        if media in ("*/*", "application/*"):
            return "jsonld"
        if media == "text/*":
            return "html"
    return None


def _entity_path(request: Request, iri: str) -> str:
    return str(request.scope.get("root_path", "")) + "/entity/" + quote(short_id(iri), safe=":")


def _links(request: Request, iri: str) -> str:
    path = _entity_path(request, iri)
    alternates = [("jsonld", "application/ld+json"), ("turtle", "text/turtle"), ("html", "text/html")]
    return ", ".join(f'<{path}?format={fmt}>; rel="alternate"; type="{media}"' for fmt, media in alternates)


def _gather(store: GraphReader, request: Request, resource: Resource) -> EntityPage:
    """The linked entities' labels, the inbound relations and the sources: a fixed number of store calls."""
    iri = resource.iri
    inbound = []
    for predicate in _INBOUND:
        inbound += [(predicate, subject) for subject in store.referrers([iri], predicate).get(iri, [])]
    linked: list[str] = [s for _, s in inbound]

    def collect(node: Resource) -> None:
        for fact in node.facts:
            if fact.node is not None:
                collect(fact.node)
            elif isinstance(fact.value, Iri):
                linked.append(fact.value.value)

    collect(resource)
    labels = store.describe([i for i in dict.fromkeys(linked) if iri_of(i) is not None])
    path = _entity_path(request, iri)
    chain = language_chain(request.query_params.get("lang"))
    formats = [
        ("JSON-LD", "application/ld+json", f"{path}?format=jsonld"),
        ("Turtle", "text/turtle", f"{path}?format=turtle"),
    ]
    return EntityPage(
        resource=resource,
        chain=chain,
        labels=labels,
        inbound=inbound,
        sources={s.graph: s for s in store.sources()},
        link=lambda target: _entity_path(request, target),
        formats=formats,
    )
