"""The project's exceptions, grouped by who may see them.

`ClientError`s are safe to show to an api user; everything else is logged and masked at the api edge.
"""

from __future__ import annotations


class EventGraphError(Exception):
    """Base of every error this project raises on purpose."""


class ClientError(EventGraphError):
    """A problem with the request itself; its message is shown to the client."""

    code = "BAD_REQUEST"


class InvalidCursorError(ClientError):
    code = "INVALID_CURSOR"

    def __init__(self, cursor: str) -> None:
        super().__init__(f"invalid cursor {cursor!r}: use a cursor returned by this connection")
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


class SparqlQueryError(ClientError):
    """The query does not parse, names an invalid graph, or fails while evaluating."""

    code = "SPARQL_QUERY"


class SparqlRefusedError(ClientError):
    """The query asks for something the public endpoint does not do (SERVICE, oversized text)."""

    code = "SPARQL_REFUSED"


class SparqlTooLongError(SparqlRefusedError):
    """The query text is longer than `SparqlLimits.max_query_chars`."""


class SparqlNotAcceptableError(ClientError):
    """No media type the client accepts fits the query's result (e.g. CSV for a CONSTRUCT)."""

    code = "NOT_ACCEPTABLE"


class SparqlTimeoutError(ClientError):
    """The query ran past its time limit and was stopped."""

    code = "TIMEOUT"

    def __init__(self, limit_s: float) -> None:
        super().__init__(f"the query ran longer than the limit of {limit_s:g} s and was stopped")
        self.limit_s = limit_s


class SparqlBusyError(ClientError):
    """Every worker stayed busy for the whole time limit."""

    code = "BUSY"


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
