"""Issue 10's table in one run: eventgraph against the store's own time and against a SPARQL server (prints only).

Both sides run on the same data (benchmarks/dataset.py: the frozen sources at 1x, plus synthetic copies at
`--copies`), interleaved, and every reference is checked to answer exactly what GraphQL answers before either is
timed. Rows:
  1. example queries, uncached, in-process, p50: GraphQL (`schema.execute`) vs the hand-written SPARQL of
     benchmarks/sparql/ run in pyoxigraph and shaped into the same JSON (benchmarks/references.py), at 1x and at
     `--copies`;
  2. p99 at `--copies` over p99 at 1x, per example;
  3. store round-trips per request, against the query's depth (tests/api/test_round_trips.py asserts the bound);
  4. persisted queries over HTTP, response cache on and off, vs `oxigraph serve-read-only` answering the same
     SPARQL: Debian's `wrk` at `--connections`, on loopback, 1x data, each server in its own process.

Run: .venv/bin/python -m benchmarks.speed [--copies 100] [--repeat 40] [--seconds 5] [--connections 32]
     [--skip-http]   (the HTTP rows need `wrk`: `apt-get install wrk`, or `make wrk`)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import logging
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from benchmarks.compare import canonical
from benchmarks.dataset import benchmark_store, warm
from benchmarks.references import SHAPES, from_sparql_json, reference, text
from benchmarks.workload import Request, depth, examples
from eventgraph.api.context import Context
from eventgraph.api.schema import build_schema
from eventgraph.store.oxigraph import OxigraphStore

OXIGRAPH = Path(sys.executable).with_name("oxigraph")


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes): it is shared, so every figure is printed with it."""
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def same(a: Any, b: Any) -> bool:
    return bool(canonical(a, frozenset()) == canonical(b, frozenset()))


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# ---------------------------------------------------------------- in-process


@dataclass
class Cell:
    """Timings of one example on one dataset: GraphQL and (when there is one) its reference, in ms."""

    graphql: list[float] = field(default_factory=list)
    reference: list[float] = field(default_factory=list)
    agrees: bool | None = None
    first: float = 0.0
    refused: str = ""


def plain_store(store: OxigraphStore) -> ox.Store:
    """The reference's store: the same quads in their named graphs, and each triple once in the default graph (the
    reference queries read the default graph, where per-source copies would multiply their rows, and name a graph
    only where sources disagree and the preferred value depends on which states it)."""
    plain = ox.Store()
    default = ox.DefaultGraph()
    quads = list(store_quads(store))
    plain.extend(quads)
    plain.extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in quads)
    return plain


def store_quads(store: OxigraphStore) -> Iterator[ox.Quad]:
    return ox.parse(store.dump(), format=ox.RdfFormat.N_QUADS)


class RefusedError(Exception):
    """A request answered with errors (a guard's code, e.g. RESULT_LIMIT): reported, not timed."""

    def __init__(self, code: str, errors: object) -> None:
        super().__init__(f"{code}: {errors}")
        self.code = code


class InProcess:
    """One dataset: the eventgraph store, the reference's plain pyoxigraph store, one schema, one loop."""

    def __init__(self, store: OxigraphStore) -> None:
        self.store = store
        self.raw = plain_store(store)
        self.schema = build_schema()
        self.loop = asyncio.new_event_loop()

    def graphql(self, request: Request, store: Any = None) -> dict[str, Any]:
        result = self.loop.run_until_complete(
            self.schema.execute(
                request.text, variable_values=request.variables, context_value=Context(store=store or self.store)
            )
        )
        if result.errors:
            codes = {str((e.extensions or {}).get("code", "")) for e in result.errors}
            raise RefusedError(", ".join(sorted(codes)), result.errors)
        return {"data": result.data}

    def measure(self, requests: Sequence[Request], repeat: int, budget_s: float, rounds: int = 5) -> dict[str, Cell]:
        cells = {r.name: Cell() for r in requests}
        for r in requests:  # the first request after a load fills the per-version caches: timed apart
            t0 = time.perf_counter()
            try:
                self.graphql(r)
            except RefusedError as exc:  # e.g. RESULT_LIMIT: the answer at this size is past a guard
                cells[r.name].refused = exc.code
            cells[r.name].first = (time.perf_counter() - t0) * 1000
        requests = [r for r in requests if not cells[r.name].refused]
        for r in requests:  # check before timing: the reference must answer what GraphQL answers
            if r.name in SHAPES:
                cells[r.name].agrees = same(self.graphql(r), reference(self.raw, r.name))
        # Interleaved in a shuffled order, a new one each round (seeded: the same on every run): what ran just
        # before a request (a heavy query evicting caches) falls on both sides alike, not on one side always.
        turns = [(r, "graphql") for r in requests] + [(r, "reference") for r in requests if cells[r.name].agrees]
        started = time.perf_counter()
        for n in range(repeat):
            random.Random(n).shuffle(turns)
            for r, side in turns:
                t0 = time.perf_counter()
                if side == "graphql":
                    self.graphql(r)
                else:
                    reference(self.raw, r.name)
                getattr(cells[r.name], side).append((time.perf_counter() - t0) * 1000)
                # Untimed: each call starts with no one else's garbage. At x100 a reference materializes ~10^5
                # objects, and the full collections they trigger (~200 ms, scanning every cache) otherwise land
                # on whichever call comes next. Full collections a side triggers itself still count.
                gc.collect()
            if n + 1 >= rounds and time.perf_counter() - started > budget_s:
                break
        return cells


class Counting:
    """Counts the store calls of one request (every public method of the reader is one round-trip)."""

    def __init__(self, inner: OxigraphStore) -> None:
        self.inner = inner
        self.calls: list[str] = []

    def snapshot(self) -> Counting:
        return self

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)
        if name.startswith("_") or not callable(method):
            return method

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            return method(*args, **kwargs)

        return counted


# ---------------------------------------------------------------- over HTTP


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"no answer from {url}")


@contextmanager
def process(args: list[str], ready: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Iterator[None]:
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    try:
        wait_for(ready)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def get_json(url: str) -> Any:
    request = urllib.request.Request(url, headers={"accept": "application/sparql-results+json, application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def wrk(base: str, paths: Sequence[str], seconds: float, connections: int) -> tuple[float, float]:
    """(requests/s, p99 latency ms) of `wrk` sending `paths` round-robin to `base` for `seconds`."""
    lua = (
        "paths = {"
        + ",".join(json.dumps(p) for p in paths)
        + "}\n"
        + (
            "n = 0\n"
            "request = function()\n"
            "  n = n % #paths + 1\n"
            '  return wrk.format("GET", paths[n], {["Accept"] = "application/sparql-results+json, application/json"})\n'
            "end\n"
            "done = function(summary, latency, requests)\n"
            '  io.write(string.format("RESULT %f %f\\n", summary.requests / (summary.duration / 1e6),'
            " latency:percentile(99) / 1000))\n"
            "end\n"
        )
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        command = ["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "30s"]
        out = subprocess.run(
            [*command, "-s", script.name, base],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in out.splitlines() if line.startswith("RESULT"))
    rps, p99 = (float(x) for x in line.split()[1:])
    return rps, p99


def http_rows(
    requests: Sequence[Request],
    seconds: float,
    connections: int,
    rounds: int,
    only: Sequence[str] = (),
    before: Path | None = None,
    workers: int = 1,
) -> list[str]:
    """Requests/s of persisted queries (cache on, cache off) and of oxigraph serve-read-only, interleaved."""
    if shutil.which("wrk") is None:
        return ["(HTTP rows skipped: `wrk` is not installed; `apt-get install wrk`)"]
    one = InProcess(benchmark_store(1))
    expected = {r.name: one.graphql(r) for r in requests if r.name in SHAPES and (not only or r.name in only)}
    names = [n for n, answer in expected.items() if same(answer, reference(one.raw, n))]
    lines = [f"(left out over HTTP, their reference disagrees: {', '.join(sorted(set(expected) - set(names)))})"]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.nq"
        one.raw.dump(str(data), format=ox.RdfFormat.N_QUADS)
        location = Path(tmp) / "oxigraph"
        subprocess.run([str(OXIGRAPH), "load", "--location", str(location), "--file", str(data)], check=True)
        kinds = [("cached", "512"), ("uncached", "0")]
        if before is not None:  # the same servers from an older checkout, measured in the same rounds
            kinds += [("cached-before", "512"), ("uncached-before", "0")]
        ports = {kind: free_port() for kind, _ in kinds} | {"oxigraph": free_port()}
        servers = {
            kind: [sys.executable, "-m", "benchmarks.serve", "--port", str(ports[kind]), "--cache-size", size]
            + (["--workers", str(workers)] if workers > 1 else [])  # an older serve.py has no --workers
            for kind, size in kinds
        }
        environments = {kind: dict(os.environ) for kind, _ in kinds}
        for kind in environments:
            if kind.endswith("-before") and before is not None:
                environments[kind]["PYTHONPATH"] = f"{before / 'src'}{os.pathsep}{before}"
        oxigraph = [str(OXIGRAPH), "serve-read-only", "--location", str(location)]
        oxigraph += ["--bind", f"127.0.0.1:{ports['oxigraph']}"]
        paths = {kind: [f"/queries/{n}" for n in names] for kind in servers}
        paths["oxigraph"] = [f"/query?query={urllib.parse.quote(text(n))}" for n in names]
        results: dict[str, list[tuple[float, float, str]]] = {k: [] for k in ports}
        with contextlib.ExitStack() as running:
            for kind, command in servers.items():
                ready = f"http://127.0.0.1:{ports[kind]}/healthz"
                home = before if kind.endswith("-before") else None  # its own benchmarks/ first on the path
                running.enter_context(process(command, ready, environments[kind], home))
            running.enter_context(process(oxigraph, f"http://127.0.0.1:{ports['oxigraph']}/query?query=ASK%7B%7D"))
            for kind, port in ports.items():  # the same answer on every side before any timing
                for name, path in zip(names, paths[kind], strict=True):
                    got = get_json(f"http://127.0.0.1:{port}{path}")
                    answer = SHAPES[name](from_sparql_json(got)) if kind == "oxigraph" else got
                    if not same(answer, expected[name]):
                        raise SystemExit(f"{kind} answers {name} differently from GraphQL in-process")
            order = [k for kind in servers for k in (kind, "oxigraph")]
            for _ in range(rounds):
                for kind in order:
                    rps, p99 = wrk(f"http://127.0.0.1:{ports[kind]}", paths[kind], seconds, connections)
                    results[kind].append((rps, p99, load()))
    median = {k: statistics.median(r[0] for r in v) for k, v in results.items()}
    lines.append(
        f"persisted queries over HTTP ({', '.join(names)}), 1x, wrk -c{connections}, {seconds:g} s a run, "
        f"eventgraph in {workers} process(es), oxigraph on every core:"
    )
    for kind, runs in results.items():
        shown = ", ".join(f"{rps:.0f} (p99 {p99:.0f} ms, load {avg})" for rps, p99, avg in runs)
        lines.append(f"  {kind:9s} median {median[kind]:8.0f} req/s   runs: {shown}")
    for suffix in ("", "-before") if before is not None else ("",):
        cached, uncached = (median[kind + suffix] / median["oxigraph"] for kind in ("cached", "uncached"))
        lines.append(
            f"  ratio to oxigraph serve-read-only{suffix}: cached {cached:.2f}x (goal >= 5x), "
            f"uncached {uncached:.2f}x (goal >= 0.5x)"
        )
    return lines


# ---------------------------------------------------------------- the report


def table(label: str, cells: dict[str, Cell]) -> list[str]:
    lines = [
        f"{label}:",
        f"  {'example':32s} {'GraphQL p50':>11s} {'p99':>8s} {'SPARQL p50':>10s} {'ratio':>7s}  {'n':>3s}  first",
    ]
    for name, cell in cells.items():
        if cell.refused:
            lines.append(f"  {name:32s} refused: {cell.refused} (a guard of the service; not timed)")
            continue
        g50, g99 = statistics.median(cell.graphql), percentile(cell.graphql, 0.99)
        if cell.reference:
            r50 = statistics.median(cell.reference)
            ref = f"{r50:10.2f} {g50 / r50:6.1f}x"
        else:
            ref = f"{'(differs)' if cell.agrees is False else '(none)':>10s} {'':>7s}"
        lines.append(f"  {name:32s} {g50:11.2f} {g99:8.2f} {ref}  {len(cell.graphql):3d}  {cell.first:.0f}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=40, help="rounds of the in-process timings (at most)")
    parser.add_argument("--budget", type=float, default=60, help="seconds of in-process timing per dataset (at most)")
    parser.add_argument("--seconds", type=float, default=5, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per server")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--min-rounds", type=int, default=5, help="in-process rounds even past the budget")
    parser.add_argument("--skip-large", nargs="*", default=[], help="examples not timed at --copies (slow ones)")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--http-only", action="store_true", help="only the HTTP rows")
    parser.add_argument("--before", type=Path, help="a checkout of older code: its servers are measured too")
    parser.add_argument(
        "--http-workers", type=int, default=1, help="eventgraph server processes (as `serve --workers`; default 1)"
    )
    parser.add_argument("--http-examples", nargs="*", default=[], help="the persisted queries over HTTP (default: all)")
    parser.add_argument("--examples", nargs="*", default=[], help="the examples timed in-process (default: all)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    requests = [r for r in examples() if not args.examples or r.name in args.examples]
    before: Path | None = args.before
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load {load()} at start")
    if args.http_only:
        print(
            "\n".join(
                http_rows(
                    requests, args.seconds, args.connections, args.rounds, args.http_examples, before, args.http_workers
                )
            )
        )
        return

    small = InProcess(benchmark_store(1))
    t0 = time.perf_counter()
    large = InProcess(benchmark_store(args.copies))
    print(
        f"data: 1x {small.store.counts()['triples']} triples; {args.copies}x {large.store.counts()['triples']} "
        f"triples (built in {time.perf_counter() - t0:.0f} s)"
    )
    for dataset in (small, large):  # as `eventgraph serve` does: warm the store, then freeze the heap, so full
        warm(dataset.store)  # collections scan what requests create, not the loaded data and its indexes
    gc.collect()
    gc.freeze()
    found = {"1x": small.measure(requests, args.repeat, args.budget, args.min_rounds)}
    print(f"(1x timed, load {load()})")
    kept = [r for r in requests if r.name not in args.skip_large]
    found[f"{args.copies}x"] = large.measure(kept, args.repeat, args.budget, args.min_rounds)
    print(f"(x{args.copies} timed, load {load()})")
    for label, cells in found.items():
        print("\n".join(table(f"\nuncached, in-process, {label} (ms)", cells)))

    print(f"\np99 at x{args.copies} / p99 at 1x (goal < 2x):")
    for name, cell in found[f"{args.copies}x"].items():
        if cell.refused or found["1x"][name].refused:
            print(f"  {name:32s} (refused at one size)")
            continue
        ratio = percentile(found[f"{args.copies}x"][name].graphql, 0.99) / percentile(found["1x"][name].graphql, 0.99)
        print(f"  {name:32s} {ratio:6.1f}x")

    print("\nstore round-trips per request (goal <= depth + 1), 1x:")
    for r in requests:
        counting = Counting(small.store)
        small.graphql(r, counting)
        print(
            f"  {r.name:32s} depth {depth(r.text):2d}  round-trips {len(counting.calls):3d}  {sorted(counting.calls)}"
        )

    if not args.skip_http:
        print()
        print(
            "\n".join(
                http_rows(
                    requests, args.seconds, args.connections, args.rounds, args.http_examples, before, args.http_workers
                )
            )
        )
    print(f"\nload at the end: {load()}")


if __name__ == "__main__":
    main()
