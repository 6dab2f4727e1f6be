"""Serve the api over the benchmark's data (benchmarks/dataset.py) the way `eventgraph serve` serves a store.

Run by benchmarks/speed.py in a subprocess: .venv/bin/python -m benchmarks.serve --port P [--copies N]
[--cache-size N] [--workers N]. The uvicorn configuration is the command line's (`api.http.serving.config`: its
protocol, log level and access-log switch), so what is measured is what `eventgraph serve` runs: one process, or
with `--workers N` N processes as `eventgraph serve --workers N` runs them (each builds its own copy of the data).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
from typing import Any

import uvicorn

from benchmarks.dataset import benchmark_store, warm
from eventgraph.api.app import create_app
from eventgraph.api.http import workers
from eventgraph.api.http.serving import config
from eventgraph.api.http.settings import HttpSettings
from eventgraph.cli import GUARDED_PROTOCOL


def app_from_env() -> Any:
    """One server process's app over the benchmark data (uvicorn calls this in each worker of `--workers`)."""
    logging.getLogger("eventgraph").setLevel(logging.WARNING)  # not the store's load lines; the access log stays
    store = benchmark_store(int(os.environ["BENCHMARK_COPIES"]))
    settings = HttpSettings(response_cache_size=int(os.environ["BENCHMARK_CACHE_SIZE"]))
    app = create_app(store, settings=settings)
    warm(store)
    gc.freeze()  # as `eventgraph serve` does, once warmed
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--cache-size", type=int, default=512, help="the response cache (0: off)")
    parser.add_argument("--workers", type=int, default=1, help="server processes, as `eventgraph serve --workers`")
    args = parser.parse_args()
    os.environ["BENCHMARK_COPIES"] = str(args.copies)
    os.environ["BENCHMARK_CACHE_SIZE"] = str(args.cache_size)
    settings = HttpSettings(response_cache_size=args.cache_size)
    if args.workers == 1:
        uvicorn.Server(config(app_from_env(), settings, "127.0.0.1", args.port, log_level="info")).run()
        return
    workers.serve(
        "benchmarks.serve:app_from_env",
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_level="info",
        access_log=settings.access_log,
        http=GUARDED_PROTOCOL,
        server_header=False,
    )


if __name__ == "__main__":
    main()
