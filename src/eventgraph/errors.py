"""The project's exceptions, grouped by who may see them, each with its HTTP status and error code.

`ClientError`s are safe to show to an api user and are never a 5xx; everything else is logged and masked at the
api edge. An error's `http_status` and `code` (its `extensions.code`) are class attributes, so a subclass inherits
them and the api finds them by walking the class hierarchy (`eventgraph.api.failures.classify`), like Datasette's
`Base400.status`. docs/errors.md lists every code.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

_NO_HEADERS: Mapping[str, str] = MappingProxyType({})


class EventGraphError(Exception):
    """Base of every error this project raises on purpose."""

    http_status: ClassVar[int] = 500
    code: ClassVar[str] = "INTERNAL_SERVER_ERROR"
    public: ClassVar[bool] = False
    """Whether the message may be shown to a client (else it is logged and masked)."""
    headers: Mapping[str, str] = _NO_HEADERS
    """Extra response headers (Allow, Retry-After...); set per instance."""


class ClientError(EventGraphError):
    """A problem with the request itself; its message is shown to the client. Always a 4xx."""

    http_status = 400
    code = "BAD_REQUEST"
    public = True


class InvalidCursorError(ClientError):
    code = "INVALID_CURSOR"

    def __init__(self, cursor: str) -> None:
        super().__init__(f"invalid cursor {cursor[:100]!r}: use a cursor returned by this connection")
        self.cursor = cursor


class PageSizeError(ClientError):
    code = "PAGE_SIZE_LIMIT"

    def __init__(self, requested: int, maximum: int) -> None:
        super().__init__(f"first must be between 0 and {maximum}, got {requested}")
        self.requested = requested
        self.maximum = maximum


class InvalidArgumentError(ClientError):
    code = "INVALID_ARGUMENT"


class QueryTimeoutError(ClientError):
    """The request ran out of time before this field could be read; the rest of the answer stands."""

    code = "TIMEOUT"

    def __init__(self, seconds: float) -> None:
        super().__init__(f"not resolved: the request's {seconds:g} s time budget ran out before this field was read")
        self.seconds = seconds


class ExecutionTimeoutError(ClientError):
    """The whole GraphQL execution ran past its hard time budget and was stopped: no data."""

    code = "TIMEOUT"

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the request ran longer than the limit of {seconds:g} s and was stopped: ask for less")
        self.seconds = seconds


class ResultTooLargeError(ClientError):
    """The answer would hold more list items than a request may produce; nothing is answered."""

    code = "RESULT_LIMIT"

    def __init__(self, budget: int) -> None:
        super().__init__(
            f"the answer would hold more than {budget} list items: ask for fewer (lower `first`, fewer nested lists)"
        )
        self.budget = budget


class InvalidJsonError(ClientError):
    """A body or parameter that should be JSON is not, or nests deeper than the api reads."""

    code = "INVALID_JSON"


class InvalidTextError(ClientError):
    """Text that cannot be UTF-8 (a lone surrogate such as "\\ud800"), wherever it appears in a request."""

    code = "INVALID_UNICODE"


class UnknownOperationError(ClientError):
    """`operationName` names no operation of the document, or the document has several and none is named."""

    code = "OPERATION_RESOLUTION_FAILURE"


class ForbiddenError(ClientError):
    http_status = 403
    code = "FORBIDDEN"


class ReadOnlyError(ForbiddenError):
    """A write (a SPARQL update) sent to the read-only service."""

    code = "READ_ONLY"


class TrustedDocumentsOnlyError(ForbiddenError):
    code = "TRUSTED_DOCUMENTS_ONLY"


class DisabledError(ForbiddenError):
    """A feature this deployment switched off (GraphiQL, introspection, /sparql, explain)."""

    code = "DISABLED"


class NotFoundError(ClientError):
    http_status = 404
    code = "NOT_FOUND"


class PersistedQueryNotFoundError(NotFoundError):
    code = "PERSISTED_QUERY_NOT_FOUND"


class MethodNotAllowedError(ClientError):
    http_status = 405
    code = "METHOD_NOT_ALLOWED"

    def __init__(self, message: str, allow: str) -> None:
        super().__init__(message)
        self.headers = MappingProxyType({"allow": allow})


class NotAcceptableError(ClientError):
    http_status = 406
    code = "NOT_ACCEPTABLE"


class RequestTimeoutError(ClientError):
    """The client took longer than allowed to send its request body."""

    http_status = 408
    code = "REQUEST_TIMEOUT"


class PayloadTooLargeError(ClientError):
    http_status = 413
    code = "PAYLOAD_TOO_LARGE"


class UnsupportedMediaTypeError(ClientError):
    http_status = 415
    code = "UNSUPPORTED_MEDIA_TYPE"

    def __init__(self, message: str, accept_post: str | None = None) -> None:
        super().__init__(message)
        if accept_post:
            self.headers = MappingProxyType({"accept-post": accept_post})


class UnavailableError(EventGraphError):
    """The service cannot take the request now (not the client's fault); a client may retry later."""

    http_status = 503
    code = "UNAVAILABLE"
    public = True

    def __init__(self, message: str, retry_after_s: int | None = None) -> None:
        super().__init__(message)
        if retry_after_s is not None:
            self.headers = MappingProxyType({"retry-after": str(retry_after_s)})


class NotSupportedError(EventGraphError):
    """The store backend lacks a capability (e.g. SPARQL text); answered 501."""

    http_status = 501
    code = "NOT_IMPLEMENTED"
    public = True


class SettingsError(EventGraphError):
    """A deployment setting (environment variable or flag) has a value the service cannot use; names the key."""

    public = True


class SparqlQueryError(ClientError):
    """The query does not parse, names an invalid graph, or fails while evaluating."""

    code = "SPARQL_QUERY"


class SparqlRefusedError(ClientError):
    """The query asks for something the public endpoint does not do (SERVICE, oversized text)."""

    code = "SPARQL_REFUSED"


class SparqlTooLongError(SparqlRefusedError):
    """The query text is longer than `SparqlLimits.max_query_chars`."""

    http_status = 413


class SparqlNotAcceptableError(NotAcceptableError):
    """No media type the client accepts fits the query's result (e.g. CSV for a CONSTRUCT)."""


class SparqlTimeoutError(ClientError):
    """The query ran past its time limit and was stopped: a property of the query, so a client error."""

    code = "TIMEOUT"

    def __init__(self, limit_s: float) -> None:
        super().__init__(f"the query ran longer than the limit of {limit_s:g} s and was stopped")
        self.limit_s = limit_s


class SparqlMemoryError(ClientError):
    """The query needed more memory than a worker may use, and was stopped."""

    code = "MEMORY_LIMIT"

    def __init__(self, limit_mb: int) -> None:
        super().__init__(f"the query needed more than the memory limit of {limit_mb} MiB and was stopped")
        self.limit_mb = limit_mb


class SparqlBusyError(UnavailableError):
    """Every worker stayed busy for the whole time limit: the server's capacity, not the client's fault."""

    code = "BUSY"

    def __init__(self, message: str) -> None:
        super().__init__(message, retry_after_s=5)


class StoreError(EventGraphError):
    """The backend failed or refused an operation."""


class CapabilityError(StoreError):
    """The store backend lacks an optional capability (SPARQL text, an RDF dump); the api answers 501."""

    def __init__(self, capability: str, what: str) -> None:
        super().__init__(f"this store backend offers no {capability}: {what} is not available")
        self.capability = capability


class StoreMissingError(StoreError):
    """The store location holds no loaded data (missing, empty or never loaded): run `eventgraph load` first."""


class StoreDamagedError(StoreError):
    """The store's files do not match what the load that wrote them recorded (truncated, corrupt or missing)."""


class LoaderError(EventGraphError):
    """A load failed; the store keeps what it had."""


class SourceFileError(LoaderError):
    """A local source file is broken; names the file, line and field."""

    def __init__(self, path: str, line: int | None, field: str | None, message: str) -> None:
        where = path + (f":{line}" if line else "") + (f": field '{field}'" if field else "")
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.field = field
        self.message = message


class SourceFilesError(SourceFileError):
    """Every problem found in the source files of one load (each names its file, line and field), in file order.

    Behaves as the first of them (path, line, field) for callers that handle a single `SourceFileError`.
    """

    def __init__(self, errors: list[SourceFileError]) -> None:
        first = errors[0]
        super().__init__(first.path, first.line, first.field, first.message)
        self.errors = errors
        if len(errors) > 1:
            files = len({e.path for e in errors})
            lines = "\n".join(f"  {e}" for e in errors)
            self.args = (f"{len(errors)} problems in {files} source file{'s' if files > 1 else ''}:\n{lines}",)


class WikidataError(LoaderError):
    """A query to a Wikidata SPARQL endpoint failed; names the query file and the HTTP status when there was one."""

    def __init__(self, message: str, *, query_name: str, status: int | None = None) -> None:
        where = f"query {query_name}" + (f" (HTTP {status})" if status is not None else "")
        super().__init__(f"{where}: {message}")
        self.query_name = query_name
        self.status = status
        self.message = message


class WikidataQueryError(WikidataError):
    """The endpoint refused the query, answered with an error, or sent a response that does not parse."""


class WikidataRateLimitError(WikidataError):
    """The endpoint kept answering 429 (or asked for a longer wait than configured); `retry_after` in seconds."""

    def __init__(self, message: str, *, query_name: str, retry_after: float | None) -> None:
        super().__init__(message, query_name=query_name, status=429)
        self.retry_after = retry_after


class WikidataTimeoutError(WikidataError):
    """The query did not answer within the configured per-query timeout, on every attempt."""
