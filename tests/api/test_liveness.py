"""The real `eventgraph serve` in a child process: /healthz stays live while the worst documents of issue 14 run,
SPARQL workers are capped in memory (row 8) and die with a killed server (row 9)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.api.test_hardening import fragment_bomb
from tests.served import Served, cli_server, loaded_store_dir

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
HUNGRY = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d"
EVENT = (
    "label startDate organizers { organization { label events { label organizers { organization { label events { "
    "label series { label events { label location { label } } } } } } } } } partners { organization { label } }"
)
WIDE = "{ " + " ".join(f"a{i}: events(first: 100) {{ nodes {{ {EVENT} }} }}" for i in range(10)) + " }"
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see processes")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    return loaded_store_dir(tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="module")
def served(store_dir: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    log = tmp_path_factory.mktemp("log") / "serve.log"
    flags = ("--sparql-timeout", "3", "--sparql-memory-mb", "256", "--execution-timeout", "6", "--body-timeout", "2")
    with cli_server(store_dir, *flags, "--header-timeout", "2", log=log) as server:
        yield server


def _graphql(body: bytes) -> Callable[[httpx.Client], int]:
    def send(client: httpx.Client) -> int:
        headers = {"content-type": "application/json", "accept": "application/graphql-response+json"}
        return client.post("/graphql", content=body, headers=headers).status_code

    return send


def _sparql(query: str) -> Callable[[httpx.Client], int]:
    return lambda client: client.get("/sparql", params={"query": query}).status_code


def _slow_head(url: str) -> Callable[[httpx.Client], int]:
    def send(client: httpx.Client) -> int:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Le")
            answer = sock.recv(1024)
        return int(answer.split()[1]) if answer else 408

    return send


def worst_requests(url: str) -> dict[str, Callable[[httpx.Client], int]]:
    """The table's documents that cost the most, and the slow client."""
    big = "{ " + "__typename " * (5 * 2**20 // 11) + "}"
    tokens = "{ " + "__typename " * (250_000 // 11) + "}"
    comment = "#" + "x" * 250_000 + "\n{ __typename }"
    return {
        "fragments with aliases (row 1)": _graphql(json.dumps({"query": fragment_bomb()}).encode()),
        "fragments nesting (row 1)": _graphql(json.dumps({"query": fragment_bomb(alias=False, nest=True)}).encode()),
        "5 MB document (row 2)": _graphql(json.dumps({"query": big}).encode()),
        "250 KB of tokens (row 2)": _graphql(json.dumps({"query": tokens}).encode()),
        "250 KB comment (row 2)": _graphql(json.dumps({"query": comment}).encode()),
        "JSON 100,000 deep (row 4)": _graphql(
            b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
        ),
        "nested lists (RESULT_LIMIT)": _graphql(json.dumps({"query": WIDE}).encode()),
        "runaway SPARQL (row 8)": _sparql(RUNAWAY),
        "memory-hungry SPARQL (row 8)": _sparql(HUNGRY),
        "half-sent request head (row 13)": _slow_head(url),
    }


def test_healthz_answers_within_a_second_while_the_worst_documents_run(served: Served) -> None:
    latencies: list[float] = []
    unhealthy: list[int] = []
    done = threading.Event()

    def poll() -> None:
        with httpx.Client(base_url=served.url, timeout=10) as client:
            while not done.is_set():
                started = time.monotonic()
                status = client.get("/healthz").status_code
                latencies.append(time.monotonic() - started)
                if status != 200:
                    unhealthy.append(status)
                done.wait(0.05)

    poller = threading.Thread(target=poll)
    poller.start()
    requests = worst_requests(served.url)
    try:
        with ThreadPoolExecutor(4) as pool, httpx.Client(base_url=served.url, timeout=60) as client:
            futures = [(name, pool.submit(send, client)) for _ in range(2) for name, send in requests.items()]
            statuses = [(name, future.result()) for name, future in futures]
    finally:
        done.set()
        poller.join()
    assert all(status < 500 for _, status in statuses), statuses
    answered = ("comment", "RESULT_LIMIT")  # a valid document; an answer of data null with its one error
    assert all(status >= 400 for name, status in statuses if not any(a in name for a in answered)), statuses
    assert not unhealthy
    assert len(latencies) > 20, "the poller kept polling throughout"
    assert max(latencies) < 1.0, f"/healthz took {max(latencies):.2f} s (liveness, not speed: the bound is generous)"


def test_row8_a_query_beyond_the_memory_cap_fails_alone(served: Served) -> None:
    with httpx.Client(base_url=served.url, timeout=60) as client:
        hungry = client.get("/sparql", params={"query": HUNGRY})
        assert hungry.status_code == 400
        assert hungry.text.startswith("MEMORY_LIMIT: "), hungry.text
        assert "256 MiB" in hungry.text
        after = client.get("/sparql", params={"query": "ASK { ?s a eg:Event }"})
        assert after.json()["boolean"] is True  # a fresh worker took over
    workers = [pid for pid in served.children() if b"serve_fd" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    assert workers
    for pid in workers:
        limits = Path(f"/proc/{pid}/limits").read_text()
        line = next(line for line in limits.splitlines() if line.startswith("Max address space"))
        assert line.split()[3] == str(256 * 2**20), line


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_row9_sparql_workers_exit_with_a_killed_server(tmp_path: Path) -> None:
    store = loaded_store_dir(tmp_path)  # its own: a store directory is open in one server at a time
    with cli_server(store, "--sparql-timeout", "60", log=tmp_path / "serve.log") as server:
        with httpx.Client(base_url=server.url, timeout=5) as client:
            assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200

        def runaway() -> None:
            with contextlib.suppress(httpx.TransportError):  # the server is killed under it
                httpx.get(server.url + "/sparql", params={"query": RUNAWAY}, timeout=30)

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(1.5)  # the query is running in a worker
        processes = server.children()  # the server's worker processes and their SPARQL workers
        workers = [pid for pid in processes if b"serve_fd" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert workers
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait(5)
        thread.join()
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        while any(_alive(pid) for pid in processes) and time.monotonic() < deadline:
            time.sleep(0.1)
        orphans = [pid for pid in processes if _alive(pid)]
        for pid in orphans:  # leave nothing running whatever the outcome
            os.kill(pid, signal.SIGKILL)
        assert not orphans, "processes of the server (SPARQL workers included) outlived it"
