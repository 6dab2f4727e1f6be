"""GraphQL over HTTP, to the letter of the specification, plus persisted queries, ETags and a response cache.

Request errors (a document that does not parse or validate, variables that do not coerce) answer 400 under
`application/graphql-response+json` and 200 under `application/json`, without a `data` entry; an answer with
`data` is 200. GET runs queries only (a mutation over GET is 405). GET answers without errors carry an ETag from
(document, variables, operation, media type, dataset version) and honour `If-None-Match` before executing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from graphql import DocumentNode, OperationType, get_operation_ast
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry.types.execution import PreExecutionError

from eventgraph.api.context import Context, Limits
from eventgraph.api.failures import classify, graphql_response, log_failure
from eventgraph.api.guards import PreparedDocuments
from eventgraph.api.http import jsonld
from eventgraph.api.http.caching import CachedResponse, ResponseCache, canonical_variables, etag_for, none_match
from eventgraph.api.http.deadline import with_deadline
from eventgraph.api.http.graphiql import GraphiQLPage
from eventgraph.api.http.negotiation import GRAPHQL_RESPONSE, JSON, JSON_LD, choose, wants_html
from eventgraph.api.http.offload import GRAPHQL_LOOP
from eventgraph.api.http.params import from_post, from_query_string
from eventgraph.api.http.persisted import PersistedQueries, PersistedQuery, sha256_of
from eventgraph.api.http.settings import HttpSettings
from eventgraph.api.schema import build_schema
from eventgraph.errors import (
    ClientError,
    DisabledError,
    EventGraphError,
    MethodNotAllowedError,
    NotAcceptableError,
    PersistedQueryNotFoundError,
    TrustedDocumentsOnlyError,
    UnknownOperationError,
)
from eventgraph.store.protocols import GraphReader

logger = logging.getLogger(__name__)

_SAFE = ("GET", "HEAD")
EXPLAIN = "explain"


def _dumps(body: Mapping[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


class GraphQLEndpoint:
    """/graphql and /queries/{id} over one store."""

    def __init__(self, store: GraphReader, limits: Limits, settings: HttpSettings) -> None:
        self.store = store
        self.limits = limits
        self.settings = settings
        self.schema = build_schema(limits, introspection=settings.introspection)
        self.documents = PreparedDocuments(limits)
        """Parsed and measured documents by hash; read and written on the GraphQL loop only."""
        self.persisted = PersistedQueries.from_dir(settings.persisted_dir)
        self.cache = ResponseCache(settings.response_cache_size)
        self.graphiql = GraphiQLPage(settings.graphiql_assets)
        self.executions = 0
        """GraphQL executions so far (the benchmark and tests read it)."""

    # ------------------------------------------------------------------ routes

    async def graphql(self, request: Request) -> Response:
        accept = request.headers.get("accept")
        media = choose(accept)
        try:
            if request.method in _SAFE:
                query = request.query_params
                browsing = "query" not in query and "extensions" not in query
                if browsing and (wants_html(accept) or media is None):
                    if not self.settings.graphiql:
                        raise DisabledError(
                            "GraphiQL is switched off on this deployment: POST GraphQL here, or GET with ?query="
                        )
                    return self.graphiql.page()
                params = from_query_string(query)
            else:
                params = await from_post(request)
            if media is None:
                raise NotAcceptableError(
                    f"cannot answer in any of {accept[:200]!r}: accept {GRAPHQL_RESPONSE} or {JSON}"
                    if accept
                    else f"accept {GRAPHQL_RESPONSE} or {JSON}"
                )
            text, persisted = self._document(params.query, params.extensions)
            return await self._answer(
                request, text, params.variables, params.operation_name, media, persisted, params.extensions
            )
        except EventGraphError as exc:
            return self._refuse(request, exc, media)

    async def persisted_query(self, request: Request) -> Response:
        key = request.path_params["key"]
        media = choose(request.headers.get("accept"))
        try:
            document = self.persisted.get(key)
            if document is None:
                raise PersistedQueryNotFoundError(f"no persisted query named or hashed {key[:100]!r}")
            if media is None:
                raise NotAcceptableError(f"accept {GRAPHQL_RESPONSE}, {JSON} or {JSON_LD}")
            params = from_query_string(request.query_params, require_query=False)
            return await self._answer(
                request, document.text, params.variables, params.operation_name, media, document, params.extensions
            )
        except EventGraphError as exc:
            return self._refuse(request, exc, media)

    async def list_persisted(self, request: Request) -> Response:
        queries = [{"name": q.name, "sha256": q.sha256, "url": f"/queries/{q.name}"} for q in self.persisted]
        return JSONResponse({"queries": queries})

    async def context(self, request: Request) -> Response:
        return JSONResponse(jsonld.CONTEXT, media_type=JSON_LD)

    # ------------------------------------------------------------------ documents

    def _document(self, query: str | None, extensions: Mapping[str, Any] | None) -> tuple[str, PersistedQuery | None]:
        """The text to run and the trusted document it is, if any (Apollo's persistedQuery form included)."""
        if extensions and EXPLAIN in extensions and not self.settings.explain:
            raise DisabledError("the explain extension is switched off on this deployment")
        wanted = (extensions or {}).get("persistedQuery")
        if wanted is not None:
            sha = wanted.get("sha256Hash") if isinstance(wanted, Mapping) else None
            if not isinstance(sha, str):
                raise ClientError("extensions.persistedQuery needs a sha256Hash string")
            if query is not None and sha256_of(query) != sha.lower():
                raise ClientError("the query's sha256 differs from persistedQuery.sha256Hash")
            found = self.persisted.by_hash(sha)
            if found is not None:
                return found.text, found
            if query is None:
                # Apollo's clients look for this exact message
                raise PersistedQueryNotFoundError("PersistedQueryNotFound")
        assert query is not None
        trusted = self.persisted.by_hash(sha256_of(query))
        if trusted is None and self.settings.trusted_documents_only:
            raise TrustedDocumentsOnlyError(
                "this deployment runs trusted documents only: use /queries/{name} or a persisted query hash"
            )
        return query, trusted

    # ------------------------------------------------------------------ answering

    async def _answer(
        self,
        request: Request,
        text: str,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        media: str,
        persisted: PersistedQuery | None,
        extensions: dict[str, Any] | None = None,
    ) -> Response:
        """Caching on the server's loop (cheap: hashes); parsing, execution and serializing on the GraphQL loop."""
        # request extensions other than persistedQuery (e.g. explain) change the answer: never cache those
        extra = {k: v for k, v in (extensions or {}).items() if k != "persistedQuery"}
        safe = request.method in _SAFE and not extra
        reader = self.store.snapshot()  # one data version for the whole request, its ETag included
        version = reader.dataset_version() if safe or persisted else ""
        etag = etag_for(text, variables, operation_name, media, version)
        headers = {"vary": "Accept"}
        if safe:
            headers |= {"etag": etag, "cache-control": self.settings.cache_control}
            if none_match(request.headers.get("if-none-match"), etag):
                return Response(status_code=304, headers=headers)
        key = (
            (persisted.sha256, canonical_variables(variables), operation_name or "", media)
            if persisted and not extra
            else None
        )
        if key is not None and (hit := self.cache.get(key, version)) is not None:
            return Response(hit.body, media_type=_content_type(hit.media_type), headers=headers)

        self.executions += 1
        read_only = request.method in _SAFE
        body, status, clean = await GRAPHQL_LOOP.run(
            lambda: self._run(reader, text, variables, operation_name, media, extra or None, read_only, version),
            self.settings.execution_timeout,
        )
        if not clean:
            headers = {"vary": "Accept", "cache-control": "no-store"}
        elif key is not None:
            self.cache.put(key, version, CachedResponse(body, media, etag))
        return Response(body, status_code=status, media_type=_content_type(media), headers=headers)

    async def _run(
        self,
        reader: GraphReader,
        text: str,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        media: str,
        extensions: dict[str, Any] | None,
        read_only: bool,
        version: str = "",
    ) -> tuple[bytes, int, bool]:
        """On the GraphQL loop: the guarded parse (cached by hash), the operation, then execution."""
        prepared = self.documents.get(text)
        if prepared.document is None:
            for refused in prepared.errors:
                log_failure(refused, classify(refused), "graphql")
            return (*self._request_error_body([dict(e.formatted) for e in prepared.errors], media), False)
        operation = get_operation_ast(prepared.document, operation_name)
        if operation is None:
            unknown = UnknownOperationError(
                f"operationName {operation_name[:100]!r} names no operation of the document"
                if operation_name
                else "the document has several operations (or none): name one with operationName"
            )
            log_failure(unknown, classify(unknown), "graphql")
            error = {"message": str(unknown), "extensions": {"code": unknown.code}}
            return (*self._request_error_body([error], media), False)
        if operation.operation is not OperationType.QUERY and read_only:
            raise MethodNotAllowedError(f"GET runs queries only: send a {operation.operation.value} by POST", "POST")
        return await self._execute(
            reader, prepared.document, text, variables, operation_name, media, extensions, version
        )

    async def _execute(
        self,
        reader: GraphReader,
        document: DocumentNode,
        text: str,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        media: str,
        extensions: dict[str, Any] | None = None,
        version: str = "",
    ) -> tuple[bytes, int, bool]:
        """(body, status, whether the answer is error-free and so cacheable); `version`: the reader's dataset
        version when already read (for the ETag), so derived answers need not read it again."""
        if media == JSON_LD:
            document = jsonld.with_identity(document, self.schema._schema)
        store = with_deadline(reader, self.settings.request_timeout)
        context = Context(store=store, limits=self.limits, document=document, version=version)
        result = await self.schema.execute(
            text,
            variable_values=variables,
            context_value=context,
            operation_name=operation_name,
            operation_extensions=extensions,
        )
        errors: list[dict[str, Any]] = [dict(e.formatted) for e in result.errors or []]
        request_error = isinstance(result, PreExecutionError) or (
            result.data is None and bool(result.errors) and all(e.path is None for e in result.errors or [])
        )
        if request_error:
            code = "GRAPHQL_VALIDATION_FAILED" if isinstance(result, PreExecutionError) else "BAD_USER_INPUT"
            for error in errors:
                extensions = error.setdefault("extensions", {})
                extensions.setdefault(
                    "code", "GRAPHQL_PARSE_FAILED" if error["message"].startswith("Syntax Error") else code
                )
            body, status = self._request_error_body(errors, media)
            return body, status, False
        response: dict[str, Any] = {"data": result.data}
        if errors:
            response["errors"] = errors
        if result.extensions:
            response["extensions"] = result.extensions
        if media == JSON_LD:
            response = jsonld.to_jsonld(response, self.schema._schema, document, operation_name)
        return _dumps(response), 200, not errors

    # ------------------------------------------------------------------ refusing

    @staticmethod
    def _request_error_body(errors: list[dict[str, Any]], media: str) -> tuple[bytes, int]:
        # the specification: 4xx under application/graphql-response+json, 200 under legacy application/json
        return _dumps({"errors": errors}), 200 if media == JSON else 400

    @staticmethod
    def _refuse(request: Request, exc: EventGraphError, media: str | None) -> Response:
        failure = classify(exc)
        log_failure(exc, failure, f"{request.method} {request.url.path}")
        return graphql_response(failure, media or JSON)


def _content_type(media: str) -> str:
    return f"{media}; charset=utf-8"
