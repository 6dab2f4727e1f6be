"""Issue 14's table replayed against a real `eventgraph serve`, then a realistic mix at 32 connections (prints only).

It starts its own server on a free loopback port (a temporary store loaded with the shipped data), sends each
row's request and prints the status and the time it took, then runs a mix of what dashboards, researchers and
linked-data clients send (persisted queries, ad-hoc GraphQL, ETag revalidation, entities, SPARQL, /healthz) for
`--seconds` at `--connections`, printing requests per second, errors (any status but 200/304, or a transport
error) and latency percentiles. Rows 9 and 10 use a second server, which the script kills. Row 11 (damaged store
files) belongs to the engine stream and is left out.

Run: .venv/bin/python benchmarks/abuse.py [--seconds 60] [--connections 32] [--workers N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.served import Served, cli_server, loaded_store_dir  # noqa: E402

MODERN = {"accept": "application/graphql-response+json"}
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
HUNGRY = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d"


def fragment_bomb(fragments: int = 40) -> str:
    parts = ["query Bomb { eventSeries(first: 1) { nodes { ...F0 } } }"]
    for i in range(fragments):
        spread = f"...F{i + 1} ...F{i + 1}" if i < fragments - 1 else ""
        parts.append(f"fragment F{i} on EventSeries {{ a: __typename {spread} }}")
    return "\n".join(parts)


def timed(name: str, send: Callable[[], str]) -> None:
    started = time.monotonic()
    try:
        outcome = send()
    except httpx.HTTPError as exc:
        outcome = f"{type(exc).__name__}"
    print(f"  {name:58s} {outcome:38s} {1000 * (time.monotonic() - started):8.1f} ms", flush=True)


def answer(response: httpx.Response) -> str:
    code = ""
    if response.headers.get("content-type", "").startswith(("application/json", "application/graphql")):
        errors = response.json().get("errors") or [{}]
        code = errors[0].get("extensions", {}).get("code", "")
    elif response.headers.get("content-type", "").startswith("text/plain"):
        code = response.text.split(":", 1)[0]
    return f"{response.status_code} {code}".strip()


def raw(url: str, data: bytes, wait_for_close: bool = True) -> str:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(data)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
            if not wait_for_close:
                break
    return received.split(b"\r\n", 1)[0].decode("ascii", "replace") + " then closed"


def mix_only(base: str, seconds: float, connections: int) -> None:
    """Only the realistic mix, against a server already running at `base` (to compare two versions)."""
    asyncio.run(load(base, seconds, connections))


def replay(served: Served, log: Path) -> None:
    url = served.url
    http = httpx.Client(base_url=url, timeout=60)

    def post(body: bytes) -> str:
        return answer(http.post("/graphql", content=body, headers={**MODERN, "content-type": "application/json"}))

    print("the table, row by row (status and code, time):")
    timed(
        "1  40 fragments, each spreading the next twice", lambda: post(json.dumps({"query": fragment_bomb()}).encode())
    )
    big = "{ " + "__typename " * (5 * 2**20 // 11) + "}"
    timed("2  5 MB document", lambda: post(json.dumps({"query": big}).encode()))
    mid = "{ " + "__typename " * (2**20 // 11) + "}"
    timed("2  1 MB document", lambda: post(json.dumps({"query": mid}).encode()))
    tokens = "{ " + "__typename " * (250_000 // 11) + "}"
    timed("2  250 KB document (under the body limit)", lambda: post(json.dumps({"query": tokens}).encode()))
    timed("3  lone surrogate in an argument", lambda: post(b'{"query": "{ node(id: \\"\\ud800\\") { id } }"}'))
    timed(
        "3  lone surrogate in a variable",
        lambda: post(b'{"query": "query($i: ID!) { node(id: $i) { id } }", "variables": {"i": "\\ud800"}}'),
    )
    deep = b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
    timed("4  JSON nested 100,000 deep in the body", lambda: post(deep))
    deep_get = '{"a": ' + "[" * 5_000 + "]" * 5_000 + "}"
    timed(
        "4  GET variables nested 5,000 deep",
        lambda: answer(http.get("/graphql", params={"query": "{ __typename }", "variables": deep_get})),
    )
    timed(
        "5  operationName naming no operation",
        lambda: post(b'{"query": "query A { __typename }", "operationName": "B"}'),
    )
    injection = {"query": '{ events(filter: {series: ["eg:x> } ; DROP ALL"]}) { totalCount } }'}
    timed("6  an id that cannot be an IRI, in a filter", lambda: answer(http.post("/graphql", json=injection)))
    before = log.stat().st_size
    timed(
        "7  client errors (PAGE_SIZE_LIMIT, INVALID_CURSOR)",
        lambda: answer(
            http.post(
                "/graphql",
                json={"query": '{ events(first: 1000) { totalCount } b: events(after: "zzz") { totalCount } }'},
            )
        ),
    )
    time.sleep(0.5)
    written = log.read_bytes()[before:].decode("utf-8", "replace")
    ours = [line for line in written.splitlines() if "_LIMIT" in line or "INVALID_CURSOR" in line or "  File " in line]
    print(
        f"     log: {len(ours)} lines, {sum(len(line) + 1 for line in ours)} bytes, traceback: {'Traceback' in written}"
    )
    timed(
        "8  memory-hungry SPARQL (ORDER BY over a cross product)",
        lambda: answer(http.get("/sparql", params={"query": HUNGRY})),
    )
    timed("8  runaway SPARQL (4-way cross product)", lambda: answer(http.get("/sparql", params={"query": RUNAWAY})))
    endpoint = http.post("/graphql", json={"query": "{ sources { title endpoint } }"}).json()["data"]["sources"]
    published = [s["endpoint"] for s in endpoint if s["endpoint"]]
    timed("12 sources { endpoint }", lambda: f"{published}"[:38])
    timed("13 half-sent request head", lambda: raw(url, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "))
    timed(
        "13 body announced, never sent",
        lambda: raw(
            url, b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
        ),
    )
    page = http.get("/graphql", headers={"accept": "text/html"})
    hardened = [
        h for h in ("content-security-policy", "x-content-type-options", "x-frame-options") if h in page.headers
    ]
    timed(
        "14 GraphiQL page headers",
        lambda: f"{page.status_code} {len(hardened)}/3, server: {page.headers.get('server')}",
    )
    http.close()


def duplicate_key_row() -> None:
    folder = Path(tempfile.mkdtemp(prefix="abuse-yaml-"))
    (folder / "twice.yaml").write_text(
        "provenance:\n  title: Synthetic\n  url: https://example.org/\n  title: Again\nrecords: []\n", encoding="utf-8"
    )
    command = [sys.executable, "-m", "eventgraph.cli", "load", "--source", "local", "--sources", str(folder)]
    command += ["--store", str(folder / "store")]

    def run() -> str:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        return f"exit {done.returncode}: {done.stderr.strip().rsplit(':', 2)[-2:][0].strip()[:30]}"

    timed("15 a source record with a duplicate YAML key", run)


def switches_and_orphans(store: str, log: Path) -> None:
    flags = ("--no-graphiql", "--no-introspection", "--no-sparql", "--no-explain", "--trusted-documents-only")
    with cli_server(store, *flags, log=log) as closed:
        http = httpx.Client(base_url=closed.url, timeout=30)
        timed("10 GraphiQL closed", lambda: answer(http.get("/graphql", headers={"accept": "text/html"})))
        timed(
            "10 ad-hoc document, trusted documents only",
            lambda: answer(http.post("/graphql", json={"query": "{ __typename }"})),
        )
        timed("10 /sparql closed", lambda: answer(http.get("/sparql", params={"query": "ASK {}"})))
        http.close()
    with cli_server(store, "--sparql-timeout", "60", log=log) as server:
        httpx.get(server.url + "/sparql", params={"query": "ASK {}"}, timeout=30)

        def runaway() -> None:
            with contextlib.suppress(httpx.HTTPError):  # the server is killed under it
                httpx.get(server.url + "/sparql", params={"query": RUNAWAY}, timeout=60)

        thread = threading.Thread(target=runaway, daemon=True)
        thread.start()
        time.sleep(1.5)
        workers = [p for p in server.children() if b"serve_fd" in Path(f"/proc/{p}/cmdline").read_bytes()]
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait(5)
        started = time.monotonic()
        while any(Path(f"/proc/{p}").exists() and _state(p) not in "ZX" for p in workers):
            if time.monotonic() - started > 10:
                break
            time.sleep(0.05)
        left = [p for p in workers if Path(f"/proc/{p}").exists() and _state(p) not in "ZX"]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        print(
            f"  {'9  server killed under a runaway SPARQL query':58s} "
            f"{len(workers)} workers, {len(left)} left running     {1000 * (time.monotonic() - started):8.1f} ms"
        )


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "X"


# ---------------------------------------------------------------- the realistic mix


def mix(base: str) -> list[Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]]:
    """Requests as the service's users send them, by weight."""
    examples = sorted(p.stem for p in (ROOT / "queries" / "examples").glob("*.graphql"))
    countries = ["Q43", "Q183", "Q145", "Q668"]
    ids = ["eg:turkic-wikimedia-conference-2023", "Q406", "eg:turkic-wikimedia-conference", "Q35493"]
    etags: dict[str, str] = {}

    async def persisted(c: httpx.AsyncClient) -> httpx.Response:
        return await c.get(f"/queries/{random.choice(examples)}")

    async def adhoc(c: httpx.AsyncClient) -> httpx.Response:
        query = (
            "query($c: [ID!], $y: Int) { events(filter: {country: $c, year: $y}, first: 20) { totalCount "
            "nodes { label startDate location { label } organizers { organization { label } } } } }"
        )
        variables = {"c": [random.choice(countries)], "y": random.randint(2011, 2025)}
        return await c.post("/graphql", json={"query": query, "variables": variables})

    async def node(c: httpx.AsyncClient) -> httpx.Response:
        query = "query($id: ID!) { node(id: $id) { id ... on Entity { label sources { title } } } }"
        return await c.post("/graphql", json={"query": query, "variables": {"id": random.choice(ids)}})

    async def search(c: httpx.AsyncClient) -> httpx.Response:
        query = "query($t: String!) { search(text: $t, first: 10) { __typename } }"
        return await c.post(
            "/graphql", json={"query": query, "variables": {"t": random.choice(["wiki", "turkic", "hack"])}}
        )

    async def revalidate(c: httpx.AsyncClient) -> httpx.Response:
        query = "{ eventSeries(first: 20) { nodes { label } } }"
        headers = {"if-none-match": etags["series"]} if "series" in etags else {}
        response = await c.get("/graphql", params={"query": query}, headers=headers)
        if "etag" in response.headers:
            etags["series"] = response.headers["etag"]
        return response

    async def entity(c: httpx.AsyncClient) -> httpx.Response:
        return await c.get(f"/entity/{random.choice(ids)}", headers={"accept": "application/ld+json"})

    async def sparql(c: httpx.AsyncClient) -> httpx.Response:
        return await c.get("/sparql", params={"query": "SELECT ?e ?l WHERE { ?e a eg:Event ; rdfs:label ?l } LIMIT 10"})

    async def healthz(c: httpx.AsyncClient) -> httpx.Response:
        return await c.get("/healthz")

    weighted = [
        (persisted, 30),
        (adhoc, 25),
        (node, 15),
        (search, 5),
        (revalidate, 10),
        (entity, 8),
        (sparql, 4),
        (healthz, 3),
    ]
    return [kind for kind, weight in weighted for _ in range(weight)]


async def load(base: str, seconds: float, connections: int) -> None:
    kinds = mix(base)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:

        async def user() -> None:
            while time.monotonic() < deadline:
                kind = random.choice(kinds)
                started = time.monotonic()
                try:
                    response = await kind(client)
                    key = str(response.status_code)
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                latencies.append(time.monotonic() - started)
                statuses[key] = statuses.get(key, 0) + 1

        started = time.monotonic()
        await asyncio.gather(*(user() for _ in range(connections)))
        elapsed = time.monotonic() - started
    errors = sum(n for k, n in statuses.items() if k not in ("200", "304"))
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(
        f"{len(latencies)} requests in {elapsed:.1f} s at {connections} connections: "
        f"{len(latencies) / elapsed:.1f} req/s, "
        f"{errors} errors, p50 {1000 * statistics.median(latencies):.1f} ms, p99 {1000 * p99:.1f} ms, "
        f"max {1000 * latencies[-1]:.1f} ms; statuses {dict(sorted(statuses.items()))}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, help="server processes (default: the server's, one per core)")
    parser.add_argument("--mix-only", metavar="URL", help="only the mix, against a server already running at URL")
    args = parser.parse_args()
    random.seed(14)
    if args.mix_only:
        mix_only(args.mix_only, args.seconds, args.connections)
        return
    folder = Path(tempfile.mkdtemp(prefix="abuse-"))
    log = folder / "serve.log"
    print(f"loading the shipped data into {folder}/store ...", flush=True)
    store = loaded_store_dir(folder)
    flags = ("--workers", str(args.workers)) if args.workers else ()
    with cli_server(store, *flags, log=log) as served:
        replay(served, log)
        duplicate_key_row()
        print(f"then {args.seconds:g} s of a realistic mix at {args.connections} connections:", flush=True)
        asyncio.run(load(served.url, args.seconds, args.connections))
        alive = httpx.get(served.url + "/healthz", timeout=10).status_code
        print(f"/healthz after the run: {alive}")
    second = loaded_store_dir(Path(tempfile.mkdtemp(prefix="abuse-2-")))
    switches_and_orphans(second, folder / "serve-2.log")


if __name__ == "__main__":
    main()
