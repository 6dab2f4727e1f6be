"""The read-only SPARQL endpoint: user queries run on a copy of the store, in worker processes that can be killed.

pyoxigraph has no query timeout, and it releases the GIL while it evaluates, so a runaway query run in a thread
would keep a core busy until it finished with no way to stop it (a Python thread cannot be killed). Each query
therefore runs in a worker process holding an in-memory copy of the store, refreshed when the data changes; when
the time limit passes the worker is killed and the next query starts a fresh one. This costs one copy of the data
per worker (the data graphs twice: as named graphs and merged into the default graph, see `_load`) and a process
start (0.2-0.3 s with the shipped data, mostly interpreter start-up) after a kill.

Nothing a user sends can change the real store: the worker only has a copy, and pyoxigraph's query parser has no
update operations. SERVICE is refused before parsing, because pyoxigraph would fetch the remote endpoint over HTTP
from this server.

A worker's address space is capped (`SparqlLimits.max_memory_mb`, applied with prlimit before each query): a
query that needs more fails alone (the allocator aborts the worker; the client gets MEMORY_LIMIT) instead of
growing to gigabytes. A worker exits with its parent: its stdin is a pipe only the parent holds, and a thread
in the worker ends the process when that pipe reaches end of file, even while a query is running.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import re
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

import pyoxigraph as ox

from eventgraph.errors import (
    SparqlBusyError,
    SparqlMemoryError,
    SparqlNotAcceptableError,
    SparqlQueryError,
    SparqlRefusedError,
    SparqlTimeoutError,
    SparqlTooLongError,
    StoreError,
)
from eventgraph.model import META_GRAPH, PREFIXES
from eventgraph.store.oxigraph.sparql_results import (
    GRAPH_TYPES,
    OX_RESULTS,
    RESULT_MEDIA,
    SOLUTION_TYPES,
    choose,
    serialize_solutions,
)
from eventgraph.store.protocols import SparqlAnswer, SparqlLimits

logger = logging.getLogger(__name__)
T = TypeVar("T")

# ---------------------------------------------------------------- checks done before a worker sees the query

_SKIPPED = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>',
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w?$:.\-])SERVICE(?![\w:\-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """Whether the query has a SERVICE clause (the keyword outside strings, IRIs and comments)."""
    return bool(_SERVICE.search(_SKIPPED.sub(" ", query)))


def check(query: str, limits: SparqlLimits) -> None:
    if len(query) > limits.max_query_chars:
        raise SparqlTooLongError(f"the query is {len(query)} characters long; the limit is {limits.max_query_chars}")
    if uses_service(query):
        raise SparqlRefusedError("federated queries (SERVICE) are not allowed on this endpoint")


# ---------------------------------------------------------------- the worker side


@dataclass(frozen=True, slots=True)
class _Load:
    data: bytes  # N-Quads: the data graphs and the metadata graph


@dataclass(frozen=True, slots=True)
class _Query:
    text: str
    accept: tuple[str, ...]
    max_rows: int
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Failure:
    kind: str  # "syntax" | "accept" | "memory" | "internal"
    message: str


def _load(store: ox.Store, data: bytes) -> int:
    """Named graphs as they are, and the data graphs merged into the default graph.

    The merged copy makes the default graph the union of the sources without the metadata graph, while FROM and
    FROM NAMED keep their standard meaning (pyoxigraph's `default_graph` argument would override a query's FROM).
    """
    store.clear()
    quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    store.extend(quads)
    merged = {ox.Quad(q.subject, q.predicate, q.object) for q in quads if q.graph_name != ox.NamedNode(META_GRAPH)}
    store.extend(merged)
    return len(quads)


def _graphs(iris: Sequence[str]) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(iri) for iri in iris]
    except ValueError as exc:
        raise SparqlQueryError(f"invalid graph IRI: {exc}") from exc


def _run(store: ox.Store, job: _Query) -> SparqlAnswer:
    kwargs: dict[str, Any] = {"prefixes": PREFIXES}
    if job.default_graphs:
        kwargs["default_graph"] = _graphs(job.default_graphs)
    if job.named_graphs:
        kwargs["named_graphs"] = _graphs(job.named_graphs)
    try:
        results = store.query(job.text, **kwargs)
        if isinstance(results, ox.QueryBoolean):
            fmt = SOLUTION_TYPES[_choose(job.accept, SOLUTION_TYPES, "application/sparql-results+json")]
            return SparqlAnswer(results.serialize(format=OX_RESULTS[fmt]) or b"", RESULT_MEDIA[fmt], 1)
        if isinstance(results, ox.QuerySolutions):
            fmt = SOLUTION_TYPES[_choose(job.accept, SOLUTION_TYPES, "application/sparql-results+json")]
            variables = [v.value for v in results.variables]
            rows, truncated = _capped(([s[v] for v in variables] for s in results), job.max_rows)
            return SparqlAnswer(serialize_solutions(variables, rows, fmt), RESULT_MEDIA[fmt], len(rows), truncated)
        media = _choose(job.accept, GRAPH_TYPES, "text/turtle")
        triples, truncated = _capped(iter(results), job.max_rows)
        body = ox.serialize(triples, format=GRAPH_TYPES[media], prefixes=PREFIXES) or b""
        return SparqlAnswer(body, GRAPH_TYPES[media].media_type, len(triples), truncated)
    except SyntaxError as exc:
        raise SparqlQueryError(f"invalid SPARQL: {exc}") from exc
    except OSError as exc:
        raise SparqlQueryError(f"the query failed: {exc}") from exc


def _choose(accept: Sequence[str], types: Mapping[str, Any], default: str) -> str:
    chosen = choose(accept, types, default)
    if chosen is None:
        raise SparqlNotAcceptableError(
            f"none of the accepted media types ({', '.join(accept)}) fits this result; offered: {', '.join(types)}"
        )
    return chosen


def _capped(items: Iterator[T], limit: int) -> tuple[list[T], bool]:
    taken: list[T] = []
    for item in items:
        if len(taken) == limit:
            return taken, True
        taken.append(item)
    return taken, False


def serve_fd(fd: int) -> None:
    """The worker process's entry point (see `_Worker`); it runs below the server's CPU priority (nice +10)."""
    with contextlib.suppress(OSError):
        os.nice(10)
    _exit_with_parent()
    _serve(Connection(fd))


def _exit_with_parent() -> None:
    """End this process when stdin, a pipe only the parent writes to, reaches end of file: the parent is gone."""

    def watch() -> None:
        while os.read(0, 1024):
            pass
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _serve(conn: Connection) -> None:
    """The worker's loop: one message in, one answer out, until the pipe closes."""
    store = ox.Store()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if isinstance(message, _Load):
            conn.send(_load(store, message.data))
            continue
        try:
            conn.send(_run(store, message))
        except SparqlNotAcceptableError as exc:
            conn.send(_Failure("accept", str(exc)))
        except SparqlQueryError as exc:
            conn.send(_Failure("syntax", str(exc)))
        except MemoryError:
            conn.send(_Failure("memory", "MemoryError"))
        except Exception as exc:  # reported to the parent, which logs it; the worker stays usable
            conn.send(_Failure("internal", f"{type(exc).__name__}: {exc}"))


# ---------------------------------------------------------------- the parent side: a small pool of workers


class _Worker:
    """A `python -c` child speaking pickled messages over a socket pair.

    Not multiprocessing: its spawn start re-runs the parent's `__main__` (breaking unguarded scripts), and fork
    would copy a threaded server's locks.
    """

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        code = f"from eventgraph.store.oxigraph.sparql_endpoint import serve_fd; serve_fd({theirs.fileno()})"
        # stdin is the parent pipe: only this process holds its write end (see _exit_with_parent)
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and code, no user input
            [sys.executable, "-c", code], pass_fds=[theirs.fileno()], env=env, stdin=subprocess.PIPE
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self.key: str | None = None
        self.memory_mb: int | None = None

    def limit_memory(self, mb: int) -> None:
        """Cap the worker's address space (its soft limit, so a later, larger cap can still be set)."""
        if self.memory_mb == mb:
            return
        _, hard = resource.prlimit(self.process.pid, resource.RLIMIT_AS)
        cap = mb * 2**20 if hard == resource.RLIM_INFINITY else min(mb * 2**20, hard)
        resource.prlimit(self.process.pid, resource.RLIMIT_AS, (cap, hard))
        self.memory_mb = mb

    def died_of_memory(self) -> bool:
        """Whether the worker ended the way an allocation beyond its cap ends it (the allocator aborts)."""
        try:
            code = self.process.wait(5)
        except subprocess.TimeoutExpired:
            return False
        return code == -signal.SIGABRT

    def call(self, message: object, timeout_s: float) -> object | None:
        """The worker's answer, or None when it did not come in time."""
        self.conn.send(message)
        if not self.conn.poll(timeout_s):
            return None
        answer: object = self.conn.recv()
        return answer

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.conn.close()
        if self.process.stdin is not None:
            self.process.stdin.close()


class SparqlEndpoint:
    """Runs queries in up to `workers` processes; each holds the snapshot named by `key()`.

    `key()` must be cheap and change whenever the data does; `snapshot()` (N-Quads of the data graphs and the
    metadata graph) is called only when the key changed.
    """

    def __init__(
        self,
        key: Callable[[], str],
        snapshot: Callable[[], bytes],
        *,
        workers: int = 2,
        load_timeout_s: float = 300.0,
    ) -> None:
        self._key = key
        self._snapshot = snapshot
        self._max_workers = workers
        self._load_timeout_s = load_timeout_s
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._started = 0
        self._cached: tuple[str, bytes] | None = None
        self._closed = False
        # stop idle workers when the endpoint goes away unclosed (else their Popen warns at interpreter exit)
        self._finalizer = weakref.finalize(self, _stop_idle, self._idle)

    def run(
        self,
        query: str,
        accept: Sequence[str],
        limits: SparqlLimits,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> SparqlAnswer:
        check(query, limits)
        job = _Query(query, tuple(accept), limits.max_rows, tuple(default_graphs), tuple(named_graphs))
        worker = self._acquire(limits.timeout_s)
        healthy = False
        try:
            self._refresh(worker)
            worker.limit_memory(limits.max_memory_mb)
            started = time.monotonic()
            answer = worker.call(job, limits.timeout_s)
            if answer is None:
                logger.warning("SPARQL query stopped after %.1f s", time.monotonic() - started)
                raise SparqlTimeoutError(limits.timeout_s)
            healthy = True
        except (EOFError, OSError) as exc:
            if worker.died_of_memory():
                raise SparqlMemoryError(limits.max_memory_mb) from exc
            raise StoreError(f"the SPARQL worker died: {exc}") from exc
        finally:
            self._release(worker, healthy)
        if isinstance(answer, _Failure):
            if answer.kind == "accept":
                raise SparqlNotAcceptableError(answer.message)
            if answer.kind == "syntax":
                raise SparqlQueryError(answer.message)
            if answer.kind == "memory":
                raise SparqlMemoryError(limits.max_memory_mb)
            raise StoreError(f"the SPARQL worker failed: {answer.message}")
        if not isinstance(answer, SparqlAnswer):
            raise StoreError(f"unexpected answer from the SPARQL worker: {answer!r}")
        return answer

    def _refresh(self, worker: _Worker) -> None:
        key = self._key()
        if worker.key == key:
            return
        with self._lock:
            if self._cached is None or self._cached[0] != key:
                self._cached = (key, self._snapshot())
            data = self._cached[1]
        if worker.call(_Load(data), self._load_timeout_s) is None:
            raise StoreError("the SPARQL worker did not load the data in time")
        worker.key = key

    def _acquire(self, timeout_s: float) -> _Worker:
        """An idle worker, or a new one while fewer than `workers` run; waits up to twice the query time limit.

        A worker killed at its time limit frees its place, so a waiting query starts a fresh worker rather than
        waiting for an idle one that will not come back.
        """
        deadline = time.monotonic() + 2 * timeout_s
        while True:
            with self._lock:
                if self._closed:
                    raise StoreError("the SPARQL endpoint is closed")
                try:
                    return self._idle.get_nowait()
                except queue.Empty:
                    if self._started < self._max_workers:
                        self._started += 1
                        try:
                            return _Worker()
                        except Exception:
                            self._started -= 1
                            raise
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SparqlBusyError(f"every SPARQL worker stayed busy for {2 * timeout_s:g} s; try again later")
            try:
                return self._idle.get(timeout=min(remaining, 0.1))
            except queue.Empty:
                continue

    def _release(self, worker: _Worker, healthy: bool) -> None:
        if healthy and not self._closed:
            self._idle.put(worker)
            return
        worker.stop()
        with self._lock:
            self._started -= 1

    def close(self) -> None:
        """Stop every idle worker (busy ones stop when they come back)."""
        with self._lock:
            self._closed = True
            self._started -= _stop_idle(self._idle)


def _stop_idle(idle: queue.LifoQueue[_Worker]) -> int:
    stopped = 0
    while True:
        try:
            worker = idle.get_nowait()
        except queue.Empty:
            return stopped
        worker.stop()
        stopped += 1
