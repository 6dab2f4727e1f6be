"""Several server processes on one port, each listening on a socket of its own (SO_REUSEPORT).

uvicorn's `workers` share one listening socket, and the first process to wake accepts every connection waiting
(asyncio accepts up to the backlog per wake-up): the 32 kept-alive connections wrk opens at once (as a proxy
fills its pool) all went to one of two processes in 2 runs of 5, which then served 317 req/s instead of 623.
With a socket per process the kernel spreads new connections over the processes by their addresses' hash (5 runs
of 5 split 11-21 to 16-16, 610-632 req/s). The supervisor restarts a worker that dies and stops them all on
SIGINT or SIGTERM; a worker ends by itself when the supervisor is killed (`cli._exit_with_supervisor`).
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import time
from collections.abc import Mapping
from multiprocessing.context import SpawnProcess
from types import FrameType
from typing import Any

import uvicorn

logger = logging.getLogger(__name__)

BACKLOG = 2048
"""Connections waiting to be accepted, per process (uvicorn's default)."""
RESTART_PAUSE_S = 1.0
"""Between a worker's death and its replacement: a worker failing at start-up does not spin."""


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


def _worker(app: str, host: str, port: int, options: Mapping[str, Any]) -> None:
    """One server process: its own socket, then uvicorn serving the app factory `app` on it."""
    sock = listening_socket(host, port)
    config = uvicorn.Config(app, factory=True, host=host, port=port, **options)
    uvicorn.Server(config).run(sockets=[sock])


class Supervisor:
    """Starts `workers` processes serving `app`, replaces any that dies, stops them all on a signal."""

    def __init__(self, app: str, host: str, port: int, workers: int, options: Mapping[str, Any]) -> None:
        self.args = (app, host, port, dict(options))
        self.workers = workers
        self.processes: list[SpawnProcess] = []
        self.stopping = False
        self._context = multiprocessing.get_context("spawn")  # each process opens the store for itself

    def _start(self) -> SpawnProcess:
        process = self._context.Process(target=_worker, args=self.args, name="eventgraph-worker")
        process.start()
        return process

    def _stop(self, signum: int, _frame: FrameType | None) -> None:
        self.stopping = True

    def run(self) -> None:
        previous = {s: signal.signal(s, self._stop) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.processes = [self._start() for _ in range(self.workers)]
            while not self.stopping:
                time.sleep(0.2)
                for n, process in enumerate(self.processes):
                    if not process.is_alive() and not self.stopping:
                        ended = (process.pid, process.exitcode)
                        logger.warning("worker %s ended (exit code %s): starting another", *ended)
                        time.sleep(RESTART_PAUSE_S)
                        self.processes[n] = self._start()
        finally:
            for process in self.processes:
                if process.is_alive():
                    process.terminate()  # SIGTERM: uvicorn finishes the requests under way, then ends
            for process in self.processes:
                process.join(timeout=30)
                if process.is_alive():
                    process.kill()
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def serve(app: str, host: str, port: int, workers: int, **options: Any) -> None:
    """Serve the app factory `app` (an import path) on (host, port): in this process when `workers` is 1, else in
    `workers` supervised processes with a socket each."""
    if workers <= 1 or not hasattr(socket, "SO_REUSEPORT"):  # a system without it: uvicorn's shared socket
        uvicorn.run(app, factory=True, host=host, port=port, workers=workers, **options)
        return
    Supervisor(app, host, check_free(host, port), workers, options).run()
