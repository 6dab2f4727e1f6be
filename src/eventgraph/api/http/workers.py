"""Several server processes on one port, each listening on a socket of its own (SO_REUSEPORT).

uvicorn's `workers` share one listening socket, and the first process to wake accepts every connection waiting
(asyncio accepts up to the backlog per wake-up): the 32 kept-alive connections wrk opens at once (as a proxy
fills its pool) all went to one of two processes in 2 runs of 5, which then served 317 req/s instead of 623.
With a socket per process the kernel spreads new connections over the processes by their addresses' hash (5 runs
of 5 split 11-21 to 16-16, 610-632 req/s). The supervisor restarts a worker that dies and stops them all on
SIGINT or SIGTERM, kills and replaces one that stops answering its health checks (a stopped or stuck process
would keep taking its share of new connections), and stops when a worker fails before it ever served (a broken
setting: every restart would fail alike); a worker ends by itself when the supervisor is killed
(`cli._exit_with_supervisor`).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import socket
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
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


def _address(host: str, port: int) -> tuple[socket.AddressFamily, tuple[Any, ...]]:
    family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    return family, address


def check_free(host: str, port: int) -> int:
    """The port (a free one chosen for 0); OSError ("Address already in use") when another server holds it, even
    one that shares it: a second deployment started on the same port would otherwise split the first's traffic."""
    family, address = _address(host, port)
    with socket.socket(family, socket.SOCK_STREAM) as probe:
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
    """One server process: its own socket, uvicorn serving the app factory `app` on it, and a thread answering the
    supervisor's health checks with whether the server has started."""
    try:
        sock = listening_socket(host, port)
    except OSError as exc:
        logger.error("cannot listen on %s:%s: %s", host, port, exc)
        sys.exit(STARTUP_FAILURE)
    server = uvicorn.Server(uvicorn.Config(app, factory=True, host=host, port=port, **options))

    def answer() -> None:
        with contextlib.suppress(EOFError, OSError):
            while True:
                health.recv()
                health.send(server.started)

    threading.Thread(target=answer, name="supervisor-health", daemon=True).start()
    server.run(sockets=[sock])
    if not server.started:
        sys.exit(STARTUP_FAILURE)  # the app, a setting or the socket is broken: every restart would fail alike


@dataclass
class Worker:
    process: SpawnProcess
    health: Connection

    def answers(self, timeout_s: float) -> bool:
        """Alive and answering a health check in time (a process stopped or stuck holding the interpreter does not:
        with a socket of its own it would keep taking its share of new connections)."""
        if not self.process.is_alive():
            return False
        try:
            self.health.send(b"ping")
            if not self.health.poll(timeout_s):
                return False
            self.health.recv()
        except (EOFError, OSError):
            return False
        return True

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()  # SIGTERM: uvicorn finishes the requests under way, then ends

    def end(self) -> None:
        self.process.join(timeout=30)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.health.close()


class Supervisor:
    """Starts `workers` processes serving `app`, replaces any that dies or stops answering, stops them all on
    SIGINT or SIGTERM, and gives up (exit code 1) when a worker fails before it ever served."""

    def __init__(self, app: str, host: str, port: int, workers: int, options: Mapping[str, Any]) -> None:
        self.args = (app, host, port, dict(options))
        self.count = workers
        self.workers: list[Worker] = []
        self.stopping = False
        self._context = multiprocessing.get_context("spawn")  # each process opens the store for itself

    def _start(self) -> Worker:
        mine, theirs = self._context.Pipe()
        process = self._context.Process(target=_worker, args=(*self.args, theirs), name="eventgraph-worker")
        process.start()
        theirs.close()
        return Worker(process, mine)

    def _stop(self, signum: int, _frame: FrameType | None) -> None:
        self.stopping = True

    def run(self) -> int:
        """Serve until a signal (0) or a worker's failure to start (1)."""
        previous = {s: signal.signal(s, self._stop) for s in (signal.SIGINT, signal.SIGTERM)}
        failed = False
        try:
            self.workers = [self._start() for _ in range(self.count)]
            while not self.stopping and not failed:
                time.sleep(CHECK_EVERY_S)
                for n, worker in enumerate(self.workers):
                    if self.stopping or worker.answers(HEALTH_TIMEOUT_S):
                        continue
                    worker.process.kill()
                    worker.end()
                    if worker.process.exitcode == STARTUP_FAILURE:
                        logger.error("worker %s failed to start: stopping", worker.process.pid)
                        failed = True
                        break
                    logger.warning(
                        "worker %s ended or stopped answering (exit code %s): starting another",
                        worker.process.pid,
                        worker.process.exitcode,
                    )
                    self.workers[n] = self._start()
        finally:
            for worker in self.workers:
                worker.stop()
            for worker in self.workers:
                worker.end()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return 1 if failed else 0


def serve(app: str, host: str, port: int, workers: int, **options: Any) -> int:
    """Serve the app factory `app` (an import path) on (host, port) until stopped; the exit code. In this process
    when `workers` is 1, else in `workers` supervised processes with a socket each."""
    if workers <= 1 or not hasattr(socket, "SO_REUSEPORT"):  # a system without it: uvicorn's shared socket
        uvicorn.run(app, factory=True, host=host, port=port, workers=workers, **options)
        return 0
    return Supervisor(app, host, check_free(host, port), workers, options).run()
