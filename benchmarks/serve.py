"""Serve the api over the benchmark's data (benchmarks/dataset.py) the way `eventgraph serve` serves a store.

Run by benchmarks/speed.py in a subprocess: .venv/bin/python -m benchmarks.serve --port P [--copies N]
[--cache-size N]. The uvicorn configuration is the command line's (`api.http.serving.config`: its protocol, log
level and access-log switch, one process), so what is measured is what `eventgraph serve` runs.
"""

from __future__ import annotations

import argparse
import logging

import uvicorn

from benchmarks.dataset import benchmark_store
from eventgraph.api.app import create_app
from eventgraph.api.http.serving import config
from eventgraph.api.http.settings import HttpSettings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--cache-size", type=int, default=512, help="the response cache (0: off)")
    args = parser.parse_args()
    logging.getLogger("eventgraph").setLevel(logging.WARNING)  # not the store's load lines; the access log stays
    store = benchmark_store(args.copies)
    settings = HttpSettings(response_cache_size=args.cache_size)
    app = create_app(store, settings=settings)
    uvicorn.Server(config(app, settings, "127.0.0.1", args.port, log_level="info")).run()


if __name__ == "__main__":
    main()
