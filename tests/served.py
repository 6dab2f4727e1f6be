"""The real `eventgraph serve`, in a child process on a free loopback port, for tests that need a whole server.

Tests that kill the server, watch its processes or measure its liveness while it works use this rather than a
server in a thread of the test process, which would share the test's interpreter (and its GIL).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from eventgraph.cli import main
from tests.conformance.audit import free_port


def loaded_store_dir(folder: Path) -> str:
    """A store directory holding the shipped local sources and Wikidata snapshot (what `make serve` loads)."""
    store = str(folder / "store")
    assert main(["load", "--store", store]) == 0
    return store


@dataclass(frozen=True, slots=True)
class Served:
    url: str
    process: subprocess.Popen[bytes]

    def children(self) -> set[int]:
        """Live descendants of the server (its worker processes and their SPARQL workers), from /proc."""
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] not in ("Z", "X"):
                parents[int(stat.parent.name)] = int(fields[1])
        found: set[int] = set()
        frontier = {self.process.pid}
        while frontier:
            frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
            found |= frontier
        return found


def wait_healthy(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Until `url`/healthz answers 200; RuntimeError when the server exits first or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"eventgraph serve did not start (exit {process.poll()})")
        time.sleep(0.1)


@contextmanager
def cli_server(store: str, *flags: str, log: Path | None = None) -> Iterator[Served]:
    """`eventgraph serve --store STORE FLAGS...`; waits for /healthz, stops it (and only it) on exit."""
    port = free_port()
    command = [sys.executable, "-m", "eventgraph.cli", "serve", "--store", store, "--port", str(port), *flags]
    output = log.open("wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=dict(os.environ))
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, 30)
        yield Served(url, process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        if log and hasattr(output, "close"):
            output.close()
