"""Several server processes on one port, each listening on a socket of its own (SO_REUSEPORT).

uvicorn's `workers` share one listening socket, and the first process to wake accepts every connection waiting
(asyncio accepts up to the backlog per wake-up): the 32 kept-alive connections wrk opens at once (as a proxy
fills its pool) all went to one of two processes in 2 runs of 5, which then served 317 req/s instead of 623.
With a socket per process the kernel spreads new connections over the processes by their addresses' hash (5 runs
of 5 split 11-21 to 16-16, 610-632 req/s). A worker loads the app (opens and warms the store) before it opens
its socket, so no connection waits for a process warming up. The supervisor replaces a worker that dies, stops
answering its health checks (a stopped or stuck process would keep taking its share of new connections) or never
starts serving; stops them all on SIGINT or SIGTERM (workers have a process group of their own, so a terminal's
Ctrl-C reaches the supervisor alone); and gives up when a worker fails to start before any ever served (a broken
setting: every restart would fail alike). A worker ends by itself when the supervisor is killed
(`cli._exit_with_supervisor`).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from types import FrameType
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE

logger = logging.getLogger(__name__)

BACKLOG = 2048
"""Connections waiting to be accepted, per process (uvicorn's default)."""
CHECK_EVERY_S = 0.5
HEALTH_TIMEOUT_S = 5.0
"""A worker that does not answer a health check in this time is killed and replaced (uvicorn's default)."""
STARTUP_DEADLINE_S = 600.0
"""A worker that has not started serving this long after its start is killed and replaced (a large store warms
in seconds; a worker hung before serving holds no socket, but no capacity either)."""
RESTART_PAUSE_S = 1.0
"""Between a worker's end and its replacement: a worker failing again and again does not spin."""
STOP_GRACE_S = 30.0
"""On SIGINT or SIGTERM, the time all workers together have to finish their requests before they are killed."""


def _address(host: str, port: int) -> tuple[socket.AddressFamily, tuple[Any, ...]]:
    family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    return family, address


def check_free(host: str, port: int) -> int:
    """The port (a free one chosen for 0); OSError ("Address already in use") when another server listens on it,
    even one that shares it: a second deployment started on the same port would otherwise split the first's
    traffic. (SO_REUSEADDR: the connections a stopped server left in TIME_WAIT do not count.)"""
    family, address = _address(host, port)
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)
        return int(probe.getsockname()[1])


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket of this process listening on (host, port), shared with the other workers through SO_REUSEPORT."""
    family, address = _address(host, port)
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    sock.listen(BACKLOG)
    sock.set_inheritable(True)
    return sock


def _worker(app: str, host: str, port: int, options: Mapping[str, Any], health: Connection) -> None:
    """One server process: the app loaded (its store opened and warmed), then its own socket, then uvicorn serving
    on it; a thread answers the supervisor's health checks with whether the server has started."""
    os.setpgrp()  # a terminal's Ctrl-C reaches the supervisor alone, which stops the workers with SIGTERM
    config = uvicorn.Config(app, factory=True, host=host, port=port, **options)
    server = uvicorn.Server(config)

    def answer() -> None:
        with contextlib.suppress(EOFError, OSError):
            while True:
                health.recv()
                health.send(server.started)

    threading.Thread(target=answer, name="supervisor-health", daemon=True).start()
    try:
        config.load()  # before the socket: no connection is handed to a process still warming up
        sock = listening_socket(host, port)
    except Exception:
        logger.exception("worker could not start")
        sys.exit(STARTUP_FAILURE)
    server.run(sockets=[sock])
    if not server.started:
        sys.exit(STARTUP_FAILURE)


@dataclass
class Worker:
    process: SpawnProcess
    health: Connection
    born: float = field(default_factory=time.monotonic)

    def state(self, timeout_s: float) -> bool | None:
        """True when serving, False while starting, None when ended or not answering a health check in time (a
        process stopped or stuck holding the interpreter: with a socket of its own it keeps taking its share of
        new connections)."""
        if not self.process.is_alive():
            return None
        try:
            self.health.send(b"ping")
            if not self.health.poll(timeout_s):
                return None
            return bool(self.health.recv())
        except (EOFError, OSError):
            return None


class Supervisor:
    """Starts `workers` processes serving `app`, replaces any that dies, stops answering or never starts serving,
    stops them all on SIGINT or SIGTERM, and gives up (exit code 1) when a worker fails to start before any ever
    served (a broken setting: every restart would fail alike)."""

    def __init__(self, app: str, host: str, port: int, workers: int, options: Mapping[str, Any]) -> None:
        self.args = (app, host, port, dict(options))
        self.count = workers
        self.workers: list[Worker] = []
        self.stopping = False
        self.served = False
        self._context = multiprocessing.get_context("spawn")  # each process opens the store for itself

    def _start(self) -> Worker:
        mine, theirs = self._context.Pipe()
        process = self._context.Process(target=_worker, args=(*self.args, theirs), name="eventgraph-worker")
        process.start()
        theirs.close()
        return Worker(process, mine)

    def _stop(self, signum: int, _frame: FrameType | None) -> None:
        self.stopping = True

    def _healthy(self, worker: Worker) -> bool:
        state = worker.state(HEALTH_TIMEOUT_S)
        self.served = self.served or state is True
        return state is True or (state is False and time.monotonic() - worker.born < STARTUP_DEADLINE_S)

    def run(self) -> int:
        """Serve until a signal (0) or a failure to start before any worker served (1)."""
        previous = {s: signal.signal(s, self._stop) for s in (signal.SIGINT, signal.SIGTERM)}
        failed = False
        try:
            self.workers = [self._start() for _ in range(self.count)]
            while not self.stopping and not failed:
                time.sleep(CHECK_EVERY_S)
                for n, worker in enumerate(self.workers):
                    if self.stopping:
                        break
                    if self._healthy(worker):
                        continue
                    if self.stopping:
                        break  # a signal came during the check: stop them all rather than replace this one
                    _end([worker], kill=True)
                    ended = (worker.process.pid, worker.process.exitcode)
                    if worker.process.exitcode == STARTUP_FAILURE and not self.served:
                        logger.error("worker %s failed to start (exit code %s): stopping", *ended)
                        failed = True
                        break
                    logger.warning("worker %s ended, hung or never started (exit code %s): starting another", *ended)
                    time.sleep(RESTART_PAUSE_S)
                    self.workers[n] = self._start()
        finally:
            for worker in self.workers:
                if worker.process.is_alive():
                    worker.process.terminate()  # SIGTERM: uvicorn finishes the requests under way, then ends
            _end(self.workers, kill=False)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return 1 if failed else 0


def _end(workers: list[Worker], kill: bool) -> None:
    """Wait for the workers to end, all within one grace period, then kill what is left."""
    deadline = time.monotonic() + (0 if kill else STOP_GRACE_S)
    for worker in workers:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=max(0.0, deadline - time.monotonic()) if not kill else None)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.health.close()


def serve(app: str, host: str, port: int, workers: int, **options: Any) -> int:
    """Serve the app factory `app` (an import path) on (host, port) until stopped; the exit code. In this process
    when `workers` is 1, else in `workers` supervised processes with a socket each."""
    if workers <= 1 or not hasattr(socket, "SO_REUSEPORT"):  # a system without it: uvicorn's shared socket
        uvicorn.run(app, factory=True, host=host, port=port, workers=workers, **options)
        return 0
    return Supervisor(app, host, check_free(host, port), workers, options).run()
