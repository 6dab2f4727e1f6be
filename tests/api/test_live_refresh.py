"""Live refresh: `eventgraph load` while `eventgraph serve --workers 2` answers GraphQL over real HTTP.

The server and the load are real processes on this machine's loopback. Every answer must succeed and come from one
generation (its event count and source count agree), and the ETag and dataset version must change with the data.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.served import wait_healthy
from tests.store.test_generations import write_source

pytestmark = pytest.mark.slow

QUERY = "{ events(first: 1) { totalCount } sources { title } }"
GRAPHQL_RESPONSE = "application/graphql-response+json"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _workers(pid: int) -> list[int]:
    """The server processes uvicorn started (multiprocessing's own helper processes aside)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
            if b"spawn_main" in command:
                found.append(int(child))
    return found


@dataclass
class Server:
    base: str
    process: subprocess.Popen[bytes]
    load: list[str]
    env: dict[str, str]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    first, second = tmp_path / "first", tmp_path / "second"
    write_source(first, "alpha", 3)
    write_source(second, "alpha", 3)
    write_source(second, "beta", 40)
    location = tmp_path / "store"
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTGRAPH_")}
    load = [sys.executable, "-m", "eventgraph.cli", "load", "--source", "local", "--store", str(location)]
    subprocess.run([*load, "--sources", str(first)], env=env, check=True, capture_output=True)
    port = _free_port()
    serve = [sys.executable, "-m", "eventgraph.cli", "serve", "--store", str(location), "--port", str(port)]
    process = subprocess.Popen(
        [*serve, "--workers", "2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, process)
        yield Server(base, process, [*load, "--sources", str(second)], env)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def test_a_load_under_traffic_fails_no_request_and_switches_generation(server: Server) -> None:
    base, process, load, env = server.base, server.process, server.load, server.env
    assert len(_workers(process.pid)) == 2, "two server processes"
    healthz = httpx.get(base + "/healthz").json()
    answers: list[tuple[int, str, int, int]] = []  # (status, etag, events, sources)
    failures: list[str] = []
    stop = threading.Event()

    def traffic() -> None:
        with httpx.Client(base_url=base, timeout=30, headers={"accept": GRAPHQL_RESPONSE}) as client:
            for n in range(5000):  # bounded in count and time
                if stop.is_set():
                    return
                try:
                    response = (
                        client.get("/graphql", params={"query": QUERY})
                        if n % 2
                        else client.post("/graphql", json={"query": QUERY})
                    )
                    body = response.json()
                    if response.status_code != 200 or "errors" in body:
                        failures.append(f"{response.status_code} {body}")
                        continue
                    data = body["data"]
                    etag = response.headers.get("etag", "")
                    answers.append((response.status_code, etag, data["events"]["totalCount"], len(data["sources"])))
                except (httpx.HTTPError, ValueError) as exc:
                    failures.append(repr(exc))

    threads = [threading.Thread(target=traffic) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    started = len(answers)
    loaded = subprocess.run(load, env=env, capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any(a[2] == 43 for a in answers[-20:]):
        time.sleep(0.2)
    time.sleep(1.0)
    stop.set()
    for thread in threads:
        thread.join(60)

    assert failures == []
    assert started > 0
    kinds = {(events, sources) for _, _, events, sources in answers}
    assert kinds == {(3, 1), (43, 2)}, "every answer from one generation, and both generations answered"
    by_etag: dict[str, set[tuple[int, int]]] = {}
    for _, etag, events, sources in answers:
        if etag:
            by_etag.setdefault(etag, set()).add((events, sources))
    assert len(by_etag) == 2, "the ETag changed with the data"
    assert all(len(v) == 1 for v in by_etag.values())
    after = httpx.get(base + "/healthz").json()
    assert after["datasetVersion"] != healthz["datasetVersion"]
    assert after["counts"]["Event"] == 43
    print(f"load under traffic: {len(answers)} requests, {len(failures)} errors")
