"""Measure load time and per-query latency of the example queries on the shipped data (prints, never asserts).

Run: .venv/bin/python benchmarks/query_latency.py [--repeat N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import tracemalloc
from pathlib import Path

from eventgraph.api.context import Context
from eventgraph.api.schema import build_schema
from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import load_local

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    started = time.perf_counter()
    store = OxigraphStore.in_memory()
    report = load_local(store)
    load_seconds = time.perf_counter() - started
    tracemalloc.start()  # a second load, traced: tracing slows it, so it is not the one timed
    load_local(OxigraphStore.in_memory())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"load: {report.records} records, {report.triples} triples in {load_seconds * 1000:.0f} ms "
        f"(peak Python heap {peak / 2**20:.1f} MiB)"
    )

    schema = build_schema()
    for path in sorted((ROOT / "queries" / "examples").glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        timings = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            result = asyncio.run(schema.execute(text, context_value=Context(store=store)))
            timings.append((time.perf_counter() - t0) * 1000)
            assert not result.errors, result.errors
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{path.stem:40s} median {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms  (n={args.repeat})")


if __name__ == "__main__":
    main()
