"""The one place that turns an exception into an HTTP status, an error code, a message and a log line.

`classify` walks the exception's class hierarchy: the project's errors carry `http_status` and `code` as class
attributes (`eventgraph.errors`), Starlette's `HTTPException` (an unknown path, a wrong method) carries its
status; anything else is a bug, answered 500 with a masked message. Client errors (4xx) log one WARNING line
without a traceback; server errors log at ERROR with the traceback. Every HTTP route uses it: /graphql and
/queries through `GraphQLEndpoint`, the linked-data routes and the middleware through the app's handlers.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from graphql import GraphQLError
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from eventgraph.errors import EventGraphError

logger = logging.getLogger(__name__)

MASKED = "Unexpected error: it has been logged."
_LOGGED_CHARS = 300

_CODES = {
    400: "BAD_REQUEST",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    408: "REQUEST_TIMEOUT",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


@dataclass(frozen=True, slots=True)
class Failure:
    """What a client is told about an exception."""

    status: int
    code: str
    message: str
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def client(self) -> bool:
        """A client error: the request's fault, logged as one WARNING line."""
        return self.status < 500


def _http_exception(exc: BaseException) -> Failure:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    return Failure(status, _CODES.get(status, "HTTP_ERROR"), exc.detail, dict(exc.headers or {}))


def _disconnect(exc: BaseException) -> Failure:
    return Failure(400, "CLIENT_DISCONNECTED", "the client went away before its request was read")


def _graphql_error(exc: BaseException) -> Failure:
    """A resolver's exception decides for its GraphQL error; graphql-core's own are request errors."""
    assert isinstance(exc, GraphQLError)
    original = exc.original_error
    if original is not None and not isinstance(original, GraphQLError):
        inner = classify(original)
        return Failure(inner.status, inner.code, exc.message if inner.client else MASKED, inner.headers)
    code = (exc.extensions or {}).get("code")
    if not isinstance(code, str):
        if original is not None:
            code = "BAD_USER_INPUT"  # a variable's value that does not coerce
        elif exc.message.startswith("Syntax Error"):
            code = "GRAPHQL_PARSE_FAILED"
        else:
            code = "GRAPHQL_VALIDATION_FAILED"
    return Failure(400, code, exc.message)


_FOREIGN: dict[type[BaseException], Callable[[BaseException], Failure]] = {
    HTTPException: _http_exception,
    ClientDisconnect: _disconnect,
    GraphQLError: _graphql_error,
}


def classify(exc: BaseException) -> Failure:
    """The status, code, shown message and headers for any exception (its class hierarchy decides)."""
    for cls in type(exc).__mro__:
        if cls is EventGraphError:
            assert isinstance(exc, EventGraphError)
            message = str(exc) if exc.public else MASKED
            return Failure(exc.http_status, exc.code, message, dict(exc.headers))
        if cls in _FOREIGN:
            return _FOREIGN[cls](exc)
    return Failure(500, "INTERNAL_SERVER_ERROR", MASKED)


def one_line(text: str) -> str:
    """Text for a log line: control characters escaped and cut short, so a client cannot forge or flood lines."""
    shortened = text if len(text) <= _LOGGED_CHARS else text[:_LOGGED_CHARS] + "…"
    return shortened.encode("unicode_escape", "backslashreplace").decode("ascii")


def log_failure(exc: BaseException, failure: Failure, where: str) -> None:
    """One WARNING line for a client error; an ERROR with the traceback for anything else."""
    if failure.client:
        logger.warning("%s %s %s: %s", failure.status, failure.code, one_line(where), one_line(str(exc)))
    else:
        logger.error("%s %s %s", failure.status, failure.code, one_line(where), exc_info=exc)


def graphql_body(failure: Failure) -> bytes:
    """A GraphQL-shaped error body: {"errors": [{"message", "extensions": {"code"}}]}."""
    error = {"message": failure.message, "extensions": {"code": failure.code}}
    return json.dumps({"errors": [error]}, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def text_response(failure: Failure) -> Response:
    """A plain-text refusal naming the code, for routes that do not speak GraphQL."""
    body = f"{failure.code}: {failure.message}\n".encode("utf-8", "backslashreplace")
    return Response(
        body, status_code=failure.status, media_type="text/plain; charset=utf-8", headers=dict(failure.headers)
    )


def graphql_response(failure: Failure, media: str = "application/json") -> Response:
    headers = {"vary": "Accept", **failure.headers}
    return Response(
        graphql_body(failure), status_code=failure.status, media_type=f"{media}; charset=utf-8", headers=headers
    )


_GRAPHQL_PATHS = ("/graphql", "/queries")
_RECONCILE_PATH = "/reconcile"
_RECONCILE_HEADERS = {"access-control-allow-origin": "*"}
"""/reconcile answers every request with CORS open and errors as {"error": ...}: OpenRefine calls it from a page."""


def wants_graphql_errors(path: str) -> bool:
    """Whether refusals on this path use the GraphQL error shape (/graphql, /queries) or plain text."""
    return path.startswith(_GRAPHQL_PATHS)


def reconcile_response(failure: Failure) -> Response:
    """The Reconciliation API's error shape, for refusals made before /reconcile's own code runs."""
    body = json.dumps({"error": failure.message}, ensure_ascii=True).encode("ascii")
    headers = {**_RECONCILE_HEADERS, **failure.headers}
    return Response(body, status_code=failure.status, media_type="application/json", headers=headers)


def render(request_path: str, failure: Failure) -> Response:
    """The refusal in the shape the route speaks: GraphQL errors, the Reconciliation API's, or plain text."""
    if wants_graphql_errors(request_path):
        return graphql_response(failure)
    if request_path.startswith(_RECONCILE_PATH):
        return reconcile_response(failure)
    return text_response(failure)


def respond(request_path: str, method: str, exc: BaseException) -> Response:
    """Classify, log and render `exc` for a request to `request_path`."""
    failure = classify(exc)
    log_failure(exc, failure, f"{method} {request_path}")
    return render(request_path, failure)


async def handle(request: Request, exc: Exception) -> Response:
    """Starlette exception handler for every exception class (registered for `Exception` and `HTTPException`)."""
    return respond(request.url.path, request.method, exc)


async def unexpected(request: Request, exc: Exception) -> Response:
    """Starlette's last-resort handler: a masked 500 (Starlette re-raises, so the server logs the traceback)."""
    return render(request.url.path, classify(exc))
