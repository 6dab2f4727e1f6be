"""Neo4j against the embedded Oxigraph store: load time, example-query latency (p50/p99) at 1x and x100, the local
Neo4j's start-up time and (with --download) the Maven download it needs. Prints, never asserts.

The data: the shipped local sources (1x), and with them `copies - 1` renamed synthetic copies (x100), the same
triples into both backends. The local Neo4j is the one `make neo4j` starts (tools/local_neo4j.py): -Xmx1g, or
$NEO4J_HEAP (a load is one transaction: x100 needs NEO4J_HEAP=3g).

Run: NEO4J_HEAP=3g .venv/bin/python benchmarks/neo4j_vs_oxigraph.py [--copies 1 100] [--repeat 50] [--download]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from eventgraph.api.context import Context
from eventgraph.api.schema import build_schema
from eventgraph.model import SourceInfo, Triple
from eventgraph.resources import queries_dir
from eventgraph.store.neo4j import Neo4jStore
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.oxigraph.terms import from_ox
from eventgraph.store.protocols import GraphStore
from loaders.pipeline import load_local

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dashboard_rps import synthetic_copies

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.local_neo4j import DEFAULT_HEAP, POM, fetch_jars, start, stop  # noqa: E402


def dataset(copies: int) -> list[tuple[SourceInfo, list[Triple]]]:
    """The shipped local sources and `copies - 1` synthetic copies, as the batch a load writes."""
    memory = OxigraphStore.in_memory()
    load_local(memory)
    if copies > 1:
        synthetic_copies(memory, copies)
    by_graph: dict[str, list[Triple]] = defaultdict(list)
    for quad in ox.parse(memory.dump(), format=ox.RdfFormat.N_QUADS):
        subject = from_ox(quad.subject)
        by_graph[quad.graph_name.value].append(Triple(subject, from_ox(quad.predicate), from_ox(quad.object)))  # type: ignore[arg-type]
    return [(s, by_graph[s.graph]) for s in memory.sources()]


def timed_load(store: GraphStore, batch: list[tuple[SourceInfo, list[Triple]]]) -> float:
    started = time.perf_counter()
    store.replace_sources(batch)
    return time.perf_counter() - started


def latencies(store: GraphStore, repeat: int) -> dict[str, tuple[float, float]]:
    """p50 and p99 in ms of each example query (after one warm-up run)."""
    schema = build_schema()
    found = {}
    for path in sorted(queries_dir("examples").glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        timings = []
        for n in range(repeat + 1):
            t0 = time.perf_counter()
            result = asyncio.run(schema.execute(text, context_value=Context(store=store)))
            assert not result.errors, result.errors
            if n:
                timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        found[path.stem] = (statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.99))])
    return found


def download_size() -> None:
    """What the first `make neo4j` downloads: the jars and Maven's plugins, into an empty local repository."""
    with tempfile.TemporaryDirectory() as work:
        repo, lib = Path(work) / "m2", Path(work) / "lib"
        started = time.perf_counter()
        subprocess.run(
            ["mvn", "-q", "-B", "-f", str(POM), f"-Dmaven.repo.local={repo}", "dependency:copy-dependencies",
             f"-DoutputDirectory={lib}", "-DincludeScope=runtime"],
            check=True,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        downloaded = sum(p.stat().st_size for p in repo.rglob("*") if p.is_file())
        jars = sum(p.stat().st_size for p in lib.glob("*.jar"))
        print(
            f"maven: downloaded {downloaded / 2**20:.0f} MiB into an empty ~/.m2 in {seconds:.0f} s "
            f"({len(list(lib.glob('*.jar')))} jars, {jars / 2**20:.0f} MiB)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--download", action="store_true", help="also measure the Maven download (about 150 MiB)")
    args = parser.parse_args()
    if args.download:
        download_size()
    lib = fetch_jars(ROOT / "var" / "neo4j" / "lib")
    home = Path(tempfile.mkdtemp(prefix="neo4j-bench-"))
    started = time.perf_counter()
    server = start(home, 0, lib=lib)
    heap = os.environ.get("NEO4J_HEAP") or DEFAULT_HEAP
    print(f"neo4j: started in {time.perf_counter() - started:.1f} s (empty database, jars present, -Xmx{heap})")
    try:
        neo4j = Neo4jStore.connect(server.uri)
        for copies in args.copies:
            batch = dataset(copies)
            triples = sum(len(set(t)) for _, t in batch)
            oxigraph = OxigraphStore.in_memory()
            ox_seconds = timed_load(oxigraph, batch)
            neo4j.wipe()
            neo4j_seconds = timed_load(neo4j, batch)
            print(f"x{copies}: {triples} triples in {len(batch)} sources; load: oxigraph {ox_seconds:.1f} s, "
                  f"neo4j {neo4j_seconds:.1f} s (one transaction); load average {os.getloadavg()[0]:.1f}")  # fmt: skip
            for name, store in (("oxigraph", oxigraph), ("neo4j", neo4j)):
                for query, (p50, p99) in latencies(store, args.repeat).items():
                    print(f"x{copies} {name:8s} {query:35s} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  (n={args.repeat})")
        neo4j.close()
    finally:
        stop(home)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
