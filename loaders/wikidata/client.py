"""SPARQL over HTTP the way the Wikidata Query Service asks clients to behave.

A descriptive User-Agent on every request, one query in flight per endpoint host (process-wide, waits
included), a per-attempt timeout, exponential backoff with jitter on 5xx and network errors, `Retry-After`
honoured on 429 (60 s when absent), and a cap on attempts. Failures end as typed errors naming the query
file. With a cache directory every parsed response is recorded, keyed by endpoint, query and format, so a
run can be replayed without the network.
"""

from __future__ import annotations

import email.utils
import http.client
import logging
import secrets
import threading
import time
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

from SPARQLWrapper import CONSTRUCT, GET, JSON, POST, SELECT, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from eventgraph import model
from eventgraph.errors import WikidataError, WikidataQueryError, WikidataRateLimitError, WikidataTimeoutError
from loaders.wikidata.cache import Format, ResponseCache
from loaders.wikidata.config import ClientSettings
from loaders.wikidata.queries import NamedQuery
from loaders.wikidata.results import MalformedResponseError, Row, parse_json_results, parse_turtle

logger = logging.getLogger(__name__)

__all__ = ["HttpExecutor", "QueryStats", "RetryNotice", "SparqlExecutor", "endpoint_lock", "parse_retry_after"]


@dataclass(slots=True)
class QueryStats:
    """What a run cost: queries answered, HTTP requests sent, cache hits, retries and time spent waiting."""

    queries: int = 0
    requests: int = 0
    cache_hits: int = 0
    retries: int = 0
    waited_s: float = 0.0


@dataclass(frozen=True, slots=True)
class RetryNotice:
    """Sent to the progress callback before each wait."""

    query_name: str
    attempt: int
    wait_s: float
    reason: str


class SparqlExecutor(Protocol):
    """Runs the loader's named queries: over HTTP (`HttpExecutor`) or in-process (`offline.LocalExecutor`)."""

    stats: QueryStats
    endpoint: str

    def select(self, query: NamedQuery) -> list[Row]: ...

    def construct(self, query: NamedQuery) -> list[model.Triple]: ...


class _AttemptError(Exception):
    """One failed attempt, classified: `retry` says whether another attempt may help."""

    def __init__(
        self, kind: str, message: str, *, status: int | None = None, retry: bool, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        self.retry = retry
        self.retry_after = retry_after


_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def endpoint_lock(endpoint: str) -> threading.Lock:
    """The lock that keeps one query in flight per endpoint host, across every client in this process."""
    host = urlsplit(endpoint).netloc.lower() or endpoint
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(host, threading.Lock())


class HttpExecutor:
    """`SparqlExecutor` over SPARQLWrapper, with the Query Service's manners."""

    def __init__(
        self,
        endpoint: str,
        user_agent: str,
        settings: ClientSettings,
        *,
        cache: ResponseCache | None = None,
        on_retry: Callable[[RetryNotice], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not user_agent.strip():
            raise ValueError("a descriptive User-Agent is required")
        self.endpoint = endpoint
        self.user_agent = user_agent
        self.settings = settings
        self.cache = cache
        self.stats = QueryStats()
        self._on_retry = on_retry
        self._sleep = sleep
        self._random = secrets.SystemRandom()

    # ------------------------------------------------------------------ the executor protocol

    def select(self, query: NamedQuery) -> list[Row]:
        parsed: list[Row] = self._run(query, "json", parse_json_results)
        return parsed

    def construct(self, query: NamedQuery) -> list[model.Triple]:
        parsed: list[model.Triple] = self._run(query, "turtle", parse_turtle)
        return parsed

    # ------------------------------------------------------------------ one query, many attempts

    def _run(self, query: NamedQuery, fmt: Format, parse: Callable[[str], Any]) -> Any:
        if self.cache is not None:
            cached = self.cache.get(self.endpoint, query, fmt)
            if cached is not None:
                try:
                    result = parse(cached)
                except MalformedResponseError:
                    logger.warning("ignoring an unreadable cache entry for %s.rq", query.name)
                else:
                    self.stats.queries += 1
                    self.stats.cache_hits += 1
                    logger.info("%s.rq: %d results from the cache", query.name, len(result))
                    return result
        logger.debug("%s.rq:\n%s", query.name, query.text)
        with endpoint_lock(self.endpoint):
            attempt = 0
            while True:
                attempt += 1
                started = time.monotonic()
                try:
                    body = self._send(query, fmt)
                    result = _parsed(parse, body)
                except _AttemptError as failure:
                    if not failure.retry or attempt >= self.settings.max_attempts:
                        raise self._error(query, failure, attempt) from failure
                    wait = self._wait_for(failure, attempt)
                    if wait is None:
                        asked = f"{failure.message}: the server asks to wait {failure.retry_after:g} s"
                        raise WikidataRateLimitError(
                            f"{asked}, more than retry_after_max_s={self.settings.retry_after_max_s:g}",
                            query_name=f"{query.name}.rq",
                            retry_after=failure.retry_after,
                        ) from failure
                    self.stats.retries += 1
                    self.stats.waited_s += wait
                    logger.warning(
                        "%s.rq: %s (attempt %d of %d); retrying in %.2f s",
                        query.name,
                        failure.message,
                        attempt,
                        self.settings.max_attempts,
                        wait,
                    )
                    if self._on_retry:
                        self._on_retry(RetryNotice(query.name, attempt, wait, failure.message))
                    self._sleep(wait)
                    continue
                break
        self.stats.queries += 1
        millis = (time.monotonic() - started) * 1000
        logger.info("%s.rq: %d results in %d ms", query.name, len(result), millis)
        if self.cache is not None:
            self.cache.put(self.endpoint, query, fmt, body)
        return result

    def _wait_for(self, failure: _AttemptError, attempt: int) -> float | None:
        """Seconds to wait before the next attempt; None when the server asks for longer than allowed."""
        s = self.settings
        if failure.kind == "rate":
            wait = failure.retry_after if failure.retry_after is not None else s.retry_after_default_s
            return wait if wait <= s.retry_after_max_s else None
        delay = min(s.backoff_max_s, s.backoff_base_s * 2.0 ** (attempt - 1))
        return delay + self._random.uniform(0, s.jitter * delay)

    @staticmethod
    def _error(query: NamedQuery, failure: _AttemptError, attempts: int) -> WikidataError:
        name = f"{query.name}.rq"
        tried = f"{failure.message} (after {attempts} attempt{'s' if attempts != 1 else ''})"
        if failure.kind == "rate":
            return WikidataRateLimitError(tried, query_name=name, retry_after=failure.retry_after)
        if failure.kind == "timeout":
            return WikidataTimeoutError(tried, query_name=name)
        return WikidataQueryError(tried, query_name=name, status=failure.status)

    # ------------------------------------------------------------------ one attempt

    def _send(self, query: NamedQuery, fmt: Format) -> str:
        self.stats.requests += 1
        wrapper = SPARQLWrapper(self.endpoint, agent=self.user_agent)
        wrapper.setQuery(query.text)
        # SPARQLWrapper guesses the query form with a regex that misreads some comment lines (a header that
        # says "dropped" made it an update); the form is known, so say it
        wrapper.queryType = SELECT if fmt == "json" else CONSTRUCT
        wrapper.setReturnFormat(JSON if fmt == "json" else TURTLE)
        wrapper.setOnlyConneg(True)  # the format by Accept header only, no format=/output= parameters
        if len(query.text) > self.settings.post_above_chars:
            wrapper.setMethod(POST)
            wrapper.setRequestMethod(URLENCODED)
        else:
            wrapper.setMethod(GET)
        # set directly: setTimeout() truncates to whole seconds, and 0 would mean "no timeout"
        wrapper.timeout = self.settings.timeout_s  # type: ignore[assignment]
        try:
            response = wrapper.query().response
            try:
                raw: bytes = response.read()
            finally:
                response.close()
        except urllib.error.HTTPError as exc:
            exc.close()
            raise _classify_http(exc.code, exc.headers.get("Retry-After"), str(exc.reason)) from exc
        except (QueryBadFormed, EndPointNotFound, Unauthorized, URITooLong, EndPointInternalError) as exc:
            if isinstance(exc.__context__, urllib.error.HTTPError):
                exc.__context__.close()  # SPARQLWrapper read the body but left the response open
            status = {
                QueryBadFormed: 400,
                Unauthorized: 401,
                EndPointNotFound: 404,
                URITooLong: 414,
                EndPointInternalError: 500,
            }[type(exc)]
            raise _classify_http(status, None, _first_line(exc)) from exc
        except SPARQLWrapperException as exc:
            raise _AttemptError("query", _first_line(exc), retry=False) from exc
        except TimeoutError as exc:
            raise _AttemptError("timeout", f"no answer within {self.settings.timeout_s:g} s", retry=True) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise _AttemptError("timeout", f"no answer within {self.settings.timeout_s:g} s", retry=True) from exc
            raise _AttemptError("network", f"network error: {exc.reason}", retry=True) from exc
        except (http.client.HTTPException, OSError) as exc:
            raise _AttemptError("network", f"network error: {type(exc).__name__}: {exc}", retry=True) from exc
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _AttemptError("malformed", "the response is not UTF-8", retry=True) from exc


def _parsed(parse: Callable[[str], Any], body: str) -> Any:
    try:
        return parse(body)
    except MalformedResponseError as exc:
        raise _AttemptError("malformed", str(exc), retry=True) from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def _classify_http(status: int, retry_after: str | None, reason: str) -> _AttemptError:
    if status == 429:
        return _AttemptError(
            "rate", "rate limited (HTTP 429)", status=429, retry=True, retry_after=parse_retry_after(retry_after)
        )
    if 500 <= status < 600:
        return _AttemptError("server", f"server error (HTTP {status})", status=status, retry=True)
    return _AttemptError(
        "query", f"the endpoint refused the query (HTTP {status}): {reason}", status=status, retry=False
    )


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None when absent or unreadable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(int(text))
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds: float = (when - (now or datetime.now(UTC))).total_seconds()
    return max(0.0, seconds)
