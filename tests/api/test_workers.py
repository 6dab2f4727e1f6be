"""`eventgraph serve --workers 2`: a listening socket per process, so connections opened at once spread over both
processes; a worker that dies or stops answering is replaced; a second server on the same port is refused; workers
that cannot start stop the supervisor.

Real processes on this machine's loopback; which process holds a connection is read from /proc (the socket
inodes each process has open, against the kernel's table of established TCP connections).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from eventgraph.api.http.workers import Supervisor
from eventgraph.cli import main
from tests.api.test_live_refresh import _free_port, _workers
from tests.served import cli_server, wait_healthy
from tests.store.test_generations import write_source

pytestmark = pytest.mark.slow


@dataclass
class Workers:
    base: str
    port: int
    process: subprocess.Popen[bytes]
    serve: list[str]
    """`eventgraph serve` on this store and port, without `--workers`."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workers]:
    root = tmp_path_factory.mktemp("workers")
    write_source(root / "sources", "alpha", 3)
    store = str(root / "store")
    assert main(["load", "--source", "local", "--store", store, "--sources", str(root / "sources")]) == 0
    with cli_server(store, "--workers", "2") as server:
        port = int(server.url.rsplit(":", 1)[1])
        serve = [sys.executable, "-m", "eventgraph.cli", "serve", "--store", store, "--port", str(port)]
        yield Workers(server.url, port, server.process, serve)


def _sockets(pid: int, port: int, state: str) -> int:
    """TCP sockets on `port` that process `pid` holds, in `state` (the kernel's code: 01 established, 0A listening)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == state and fields[9] in inodes:
            count += 1
    return count


def _all_listening(served: Workers) -> list[int]:
    """The worker processes, once each listens (a worker opens its socket after loading the app)."""
    deadline = time.monotonic() + 60
    while True:
        workers = _workers(served.process.pid)
        if len(workers) == 2 and all(_sockets(pid, served.port, "0A") == 1 for pid in workers):
            return workers
        assert time.monotonic() < deadline, f"workers not all listening: {workers}"
        time.sleep(0.2)


def test_connections_opened_at_once_spread_over_the_processes(served: Workers) -> None:
    """64 connections made while neither process accepts (both stopped), as wrk or a proxy's pool makes them in a
    burst, then one process resumed before the other (as when the other waits for a core). With one shared socket
    the first accepted every one; with a socket each, the kernel has hashed each to one process's queue: fewer
    than 17 of 64 on one side has odds of 4 in 100,000."""
    workers = _all_listening(served)
    for pid in workers:
        os.kill(pid, signal.SIGSTOP)
    try:
        connections = [socket.create_connection(("127.0.0.1", served.port)) for _ in range(64)]
        os.kill(workers[0], signal.SIGCONT)  # one process runs first, as when the other waits for a core
        time.sleep(0.5)
    finally:
        for pid in workers:
            os.kill(pid, signal.SIGCONT)
    try:
        for connection in connections:  # a request each: every connection is accepted and answered
            connection.sendall(b"GET /healthz HTTP/1.1\r\nhost: localhost\r\n\r\n")
        for connection in connections:
            assert connection.recv(64).startswith(b"HTTP/1.1 200")
        held = [_sockets(pid, served.port, "01") for pid in workers]
        assert sum(held) == 64, held
        assert min(held) >= 17, f"each process holds about half: {held}"
    finally:
        for connection in connections:
            connection.close()


def test_a_second_server_on_the_port_is_refused(served: Workers) -> None:
    second = subprocess.run([*served.serve, "--workers", "2"], capture_output=True, timeout=120, check=False)
    assert second.returncode != 0
    assert b"in use" in second.stderr, second.stderr[-500:]
    assert httpx.get(served.base + "/healthz").status_code == 200, "the first still serves"


def _replaced(served: Workers, signum: int) -> None:
    """Send `signum` to one worker; another takes its place and the server answers again."""
    before = _workers(served.process.pid)
    os.kill(before[0], signum)
    deadline = time.monotonic() + 60
    while True:
        now = _workers(served.process.pid)
        if len(now) == 2 and before[0] not in now:
            break
        assert time.monotonic() < deadline, f"no replacement: {now}"
        time.sleep(0.3)
    wait_healthy(served.base, served.process)
    assert [httpx.get(served.base + "/healthz", timeout=5).status_code for _ in range(20)] == [200] * 20


def test_a_worker_that_dies_is_replaced(served: Workers) -> None:
    _replaced(served, signal.SIGKILL)


def test_a_worker_that_stops_answering_is_replaced(served: Workers) -> None:
    """A stopped process keeps its socket, and the kernel keeps handing it new connections: it must go."""
    _replaced(served, signal.SIGSTOP)


def broken_app() -> object:
    """An app factory failing as one whose store cannot be opened does."""
    raise RuntimeError("the store is gone")


@pytest.mark.parametrize("app", ["tests.api.no_such_module:app", "tests.api.test_workers:broken_app"])
def test_workers_that_cannot_start_stop_the_supervisor(app: str) -> None:
    """A broken app fails every restart alike: exit 1, not a restart loop."""
    started = time.monotonic()
    assert Supervisor(app, "127.0.0.1", _free_port(), 2, {}).run() == 1
    assert time.monotonic() - started < 60


def test_a_stopped_server_starts_again_on_its_port(served: Workers) -> None:
    """The connections a stopped server closed linger in TIME_WAIT; they do not hold the port."""
    port = _free_port()
    serve = [*served.serve[:-1], str(port), "--workers", "2"]
    base = f"http://127.0.0.1:{port}"
    for _ in range(2):
        process = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_healthy(base, process)
            with httpx.Client(base_url=base) as client:  # kept alive, then closed by the server as it stops
                assert client.get("/healthz").status_code == 200
                process.send_signal(signal.SIGTERM)
                assert process.wait(30) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(10)
