"""Requests per second for a dashboard's persisted queries, with and without the response cache (prints only).

Two datasets: the shipped sources, and a synthetic one 100 times larger made from them by copying every data
graph 99 times with every entity renamed to a synthetic id (Wikidata items to Q9000001 and up, minted ids with a
`-synthetic-N` suffix, blank nodes per copy), so the dashboard's own ids still answer while every store scan
covers 100 times the triples. Requests go through the ASGI app in-process (no sockets), one at a time.

Run: .venv/bin/python benchmarks/dashboard_rps.py [--seconds 3] [--copies 100]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
from dataset import FIRST_SYNTHETIC_QID, Renamer  # benchmarks/ is on the path when run as a script

from eventgraph.api.app import create_app
from eventgraph.api.http.settings import HttpSettings
from eventgraph.model import EG_SOURCE, SourceInfo, Triple
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.oxigraph.terms import from_ox
from loaders.pipeline import load_local

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = sorted(p.stem for p in (ROOT / "queries" / "examples").glob("*.graphql"))


def synthetic_copies(store: OxigraphStore, copies: int) -> int:
    """Add `copies - 1` renamed copies of the data graphs; returns the triples added."""
    quads = list(ox.parse(store.dump(), format=ox.RdfFormat.N_QUADS))
    qids = itertools.count(FIRST_SYNTHETIC_QID)
    added = 0
    for copy in range(1, copies):
        rename = Renamer(copy, qids)
        triples = [
            Triple(from_ox(rename.term(q.subject)), from_ox(q.predicate), from_ox(rename.term(q.object)))  # type: ignore[arg-type]
            for q in quads
        ]
        info = SourceInfo(graph=f"{EG_SOURCE}synthetic-{copy}", title=f"synthetic copy {copy}", url="", kind="local")
        added += store.replace_source(info, triples).triples
    return added


async def measure(store: OxigraphStore, cache: bool, revalidate: bool, seconds: float) -> tuple[float, int]:
    """(requests per second, requests) over the dashboard set, round-robin, for about `seconds`."""
    settings = HttpSettings(response_cache_size=512 if cache else 0)
    app = create_app(store, settings=settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        etags = {}
        for name in DASHBOARD:  # warm-up: one request each (fills the cache when it is on)
            response = await client.get(f"/queries/{name}")
            assert response.status_code == 200, response.text[:300]
            assert "errors" not in response.json(), response.text[:300]
            etags[name] = response.headers["etag"]
        count = 0
        started = time.perf_counter()
        while (elapsed := time.perf_counter() - started) < seconds and count < 1_000_000:
            name = DASHBOARD[count % len(DASHBOARD)]
            headers = {"if-none-match": etags[name]} if revalidate else {}
            response = await client.get(f"/queries/{name}", headers=headers)
            assert response.status_code == (304 if revalidate else 200)
            count += 1
    return count / elapsed, count


def report(label: str, store: OxigraphStore, seconds: float) -> None:
    triples = store.counts()["triples"]
    t0 = time.perf_counter()
    store.dataset_version()
    version_ms = (time.perf_counter() - t0) * 1000
    print(f"\n{label}: {triples} triples (dataset version computed in {version_ms:.0f} ms)")
    for title, cache, revalidate in (
        ("no response cache (executes GraphQL)", False, False),
        ("response cache on", True, False),
        ("If-None-Match revalidation (304)", True, True),
    ):
        rps, count = asyncio.run(measure(store, cache, revalidate, seconds))
        print(f"  {title:40s} {rps:9.1f} req/s  ({count} requests, {1000 / rps:.2f} ms each)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0, help="measuring time per configuration")
    parser.add_argument("--copies", type=int, default=100, help="size of the synthetic dataset, in shipped datasets")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    print(f"dashboard: {', '.join(DASHBOARD)} (GET /queries/{{name}}, default variables)")

    store = OxigraphStore.in_memory()
    load_local(store)
    report("shipped data", store, args.seconds)

    t0 = time.perf_counter()
    added = synthetic_copies(store, args.copies)
    print(f"\n(generated {added} synthetic triples in {time.perf_counter() - t0:.1f} s)")
    report(f"synthetic data, {args.copies}x", store, args.seconds)


if __name__ == "__main__":
    main()
