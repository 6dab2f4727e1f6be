"""Build every export of the shipped data and read it back: node and edge counts per format, and build times.

    .venv/bin/python -m benchmarks.export_counts [--local-only]

Loads loaders/sources (and, unless --local-only, the shipped Wikidata snapshot) into a temporary store, as
`eventgraph load` does; prints what networkx and the csv module read back from each file.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import tempfile
import time
import zipfile

import networkx as nx

from eventgraph.api.network_export import co_organization_export
from eventgraph.cli import main as cli
from eventgraph.exports.build import export
from eventgraph.exports.entities import RELATIONS
from eventgraph.exports.tables import relation_file
from eventgraph.model import EntityClass
from eventgraph.store.oxigraph import OxigraphStore


def run(local_only: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/store"
        cli(["load", "--store", path, *(["--source", "local"] if local_only else [])])
        with OxigraphStore.open(path) as store:
            print(f"dataset version {store.dataset_version()}")
            for fmt in ("graphml", "gexf", "csv"):
                started = time.perf_counter()
                built = export(store, fmt)
                ms = (time.perf_counter() - started) * 1000
                if fmt == "csv":
                    archive = zipfile.ZipFile(io.BytesIO(built.archive()))
                    rows = {n: list(csv.DictReader(io.StringIO(archive.read(n).decode()))) for n in archive.namelist()}
                    nodes = sum(len(rows[f"{_snake(c.value)}.csv"]) for c in EntityClass)
                    edges = sum(len(rows[relation_file(r)]) for r in RELATIONS)
                else:
                    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
                    graph = reader(io.BytesIO(built.files[0].content))
                    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
                print(f"{fmt:8s} nodes {nodes:5d} edges {edges:5d}  built in {ms:6.0f} ms")
            for fmt in ("gexf", "graphml"):
                built = asyncio.run(co_organization_export(store, fmt, None, None))
                data = built.files[0].content
                graph = nx.read_graphml(io.BytesIO(data)) if fmt == "graphml" else nx.read_gexf(io.BytesIO(data))
                print(
                    f"co-organization {fmt:8s} nodes {graph.number_of_nodes():4d} edges {graph.number_of_edges():4d}"
                    f" (field total {built.notes['total_edges']})"
                )
            ids = list(nx.read_graphml(io.BytesIO(export(store, "graphml").files[0].content)).nodes)
            nodes, edges = _graphql_counts(store, ids)
            print(f"GraphQL network from every node, depth 1: nodes {nodes} edges {edges}")
            built = export(store, "quickstatements")
            print("quickstatements", {k: v for k, v in built.notes.items()})


def _graphql_counts(store: OxigraphStore, ids: list[str]) -> tuple[int, int]:
    """What the GraphQL `network` field answers from every exported node at depth 1."""
    from eventgraph.api.context import Context
    from eventgraph.api.schema import build_schema

    document = "query($s: [ID!]!) { network(seeds: $s, depth: 1, first: 500) { nodes { id } edges { relation } } }"
    result = asyncio.run(build_schema().execute(document, variable_values={"s": ids}, context_value=Context(store)))
    assert result.data is not None, result.errors
    return len(result.data["network"]["nodes"]), len(result.data["network"]["edges"])


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--local-only", action="store_true", help="skip the Wikidata snapshot")
    run(parser.parse_args().local_only)
