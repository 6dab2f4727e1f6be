"""The engine's numbers (prints only; results go to docs/performance.md with the command that made them).

- `load`: triples/s of a load into a new store generation (conversion, digests, bulk write, counts, seal, switch)
  against `oxigraph load` (the PyPI `oxigraph` CLI) on the same quads as an N-Quads file, at 1x (the shipped local
  sources and Wikidata snapshot) and x100 (the synthetic copies of benchmarks/dashboard_rps.py).
- `first-request`: after a x100 load, the first GraphQL request of a freshly opened store against the second, and
  /healthz (counts and dataset version come from the seal, not from the data).
- `workers`: uncached GraphQL requests/s (POSTed example queries) against `eventgraph serve --workers N`, N = 1, 2,
  over real HTTP on loopback, from client threads in this process (they share the machine's cores).

Run: .venv/bin/python benchmarks/engine.py load|first-request|workers [--copies 100] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
from dashboard_rps import ROOT, synthetic_copies  # benchmarks/ is on the path when run as a script

from eventgraph.api.app import create_app
from eventgraph.api.http.settings import HttpSettings
from eventgraph.backends import open_rdf_files
from eventgraph.model import SourceInfo, Triple
from eventgraph.store.oxigraph import Generations, OxigraphStore
from eventgraph.store.oxigraph.terms import from_ox
from loaders.pipeline import load_local
from loaders.wikidata import load_config, load_snapshot

EXAMPLES = sorted((ROOT / "queries" / "examples").glob("*.graphql"))


def dataset(copies: int) -> tuple[list[tuple[SourceInfo, list[Triple]]], bytes]:
    """The sources (shipped local + Wikidata snapshot, times `copies`) as model triples, and the same as N-Quads."""
    memory = OxigraphStore.in_memory()
    load_local(memory, ROOT / "loaders" / "sources")
    config = load_config()
    load_snapshot(memory, config, open_rdf_files(config.snapshot_file))
    if copies > 1:
        synthetic_copies(memory, copies)
    nquads = memory.dump()
    batch: dict[str, list[Triple]] = {}
    for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
        graph = quad.graph_name.value  # type: ignore[union-attr]
        triple = Triple(from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))  # type: ignore[arg-type]
        batch.setdefault(graph, []).append(triple)
    infos = {s.graph: s for s in memory.sources()}
    return [(infos[g], triples) for g, triples in batch.items()], nquads


def bench_load(copies: int, work: Path, rounds: int) -> None:
    """Paired rounds (ours, then `oxigraph load`), medians compared: the machine is shared, so one pair is noise."""
    batch, nquads = dataset(copies)
    triples = sum(len(t) for _, t in batch)
    (work / "data.nq").write_bytes(nquads)
    ours, theirs = [], []
    for n in range(rounds):
        store = Generations(work / f"store-{copies}-{n}")
        started = time.perf_counter()
        with store.transaction(keep=[]) as load:
            load.replace_sources(batch)
        ours.append(time.perf_counter() - started)
        store.close()
        oxigraph = str(Path(sys.executable).parent / "oxigraph")
        started = time.perf_counter()
        location = str(work / f"ox-{copies}-{n}")
        subprocess.run([oxigraph, "load", "--location", location, "--file", str(work / "data.nq")], check=True)
        theirs.append(time.perf_counter() - started)
        shutil.rmtree(location)
        shutil.rmtree(work / f"store-{copies}-{n}")
    a, b = statistics.median(ours), statistics.median(theirs)
    print(
        f"x{copies}: {triples} triples, median of {rounds} paired rounds; eventgraph load {a:.2f} s "
        f"({triples / a:,.0f} triples/s); oxigraph load {b:.2f} s ({triples / b:,.0f} triples/s); ratio {b / a:.2f}x"
    )


def bench_first_request(copies: int, work: Path) -> None:
    location = work / f"store-{copies}"
    if not (location / "CURRENT").exists():
        batch, _ = dataset(copies)
        with Generations(location).transaction(keep=[]) as load:
            load.replace_sources(batch)
    for warm in (False, True):
        store = Generations(location)
        if warm:
            store.watch()  # what `eventgraph serve` does: open and warm a new generation before it serves
        app = create_app(store, settings=HttpSettings(response_cache_size=0))  # every request executes
        timings: list[tuple[str, float]] = []
        transport = httpx.ASGITransport(app=app)

        async def run(transport: httpx.ASGITransport, timings: list[tuple[str, float]]) -> None:
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                for path in ("/healthz",):
                    started = time.perf_counter()
                    (await client.get(path)).raise_for_status()
                    timings.append((path, time.perf_counter() - started))
                for round_ in ("first", "second"):
                    for query in EXAMPLES:
                        started = time.perf_counter()
                        response = await client.post("/graphql", json={"query": query.read_text(encoding="utf-8")})
                        assert "errors" not in response.json()
                        timings.append((f"{query.stem} ({round_})", time.perf_counter() - started))

        asyncio.run(run(transport, timings))
        store.close()
        label = "serve (watcher opens and warms)" if warm else "fresh open (CLI)"
        print(f"x{copies} {label}: " + ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in timings))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def bench_workers(seconds: float, work: Path, clients: int) -> None:
    location = work / "store-1"
    subprocess.run(
        [sys.executable, "-m", "eventgraph.cli", "load", "--store", str(location)], check=True, capture_output=True
    )
    queries = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    for workers in (1, 2):
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "eventgraph.cli",
                "serve",
                "--store",
                str(location),
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=dict(os.environ, EVENTGRAPH_RESPONSE_CACHE_SIZE="0"),  # uncached: every request executes
        )
        base = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    if httpx.get(base + "/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            done: list[float] = []
            stop = time.monotonic() + seconds

            def client(base: str, stop: float, done: list[float]) -> None:
                with httpx.Client(base_url=base, timeout=30) as http:
                    n = 0
                    while time.monotonic() < stop:
                        started = time.perf_counter()
                        http.post("/graphql", json={"query": queries[n % len(queries)]}).raise_for_status()
                        done.append(time.perf_counter() - started)
                        n += 1

            threads = [threading.Thread(target=client, args=(base, stop, done)) for _ in range(clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            print(
                f"--workers {workers}: {len(done) / seconds:.1f} uncached requests/s "
                f"({clients} clients, {seconds:g} s, median {statistics.median(done) * 1000:.0f} ms)"
            )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["load", "first-request", "workers"])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared with other work)")
    work = Path(tempfile.mkdtemp(prefix="eventgraph-bench-"))
    try:
        if args.what == "load":
            bench_load(1, work, 7)
            bench_load(args.copies, work, 3)
        elif args.what == "first-request":
            bench_first_request(args.copies, work)
        else:
            bench_workers(args.seconds, work, args.clients)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
