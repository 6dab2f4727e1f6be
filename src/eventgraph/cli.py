"""The `eventgraph` command: the composition root, the one module that wires loaders, store and api."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventgraph import __version__
from eventgraph.errors import EventGraphError

if TYPE_CHECKING:
    from eventgraph.store.oxigraph import OxigraphStore

DEFAULT_STORE = "var/store"
SHAPES = Path(__file__).resolve().parents[2] / "schema" / "shapes.ttl"

logger = logging.getLogger("eventgraph")


def _store_path(args: argparse.Namespace) -> str:
    return str(args.store or os.environ.get("EVENTGRAPH_STORE") or DEFAULT_STORE)


def _open_store(args: argparse.Namespace) -> OxigraphStore:
    from eventgraph.store.oxigraph import OxigraphStore

    return OxigraphStore.open(_store_path(args))


def cmd_load(args: argparse.Namespace) -> int:
    from loaders.pipeline import SOURCES_DIR, load_local

    with _open_store(args) as store:
        if args.source in ("local", "all"):
            report = load_local(store, Path(args.sources) if args.sources else SOURCES_DIR)
            print(f"local: {len(report.sources)} sources, {report.records} records, {report.triples} triples")
        if args.source in ("wikidata", "all"):
            print(_load_wikidata(store, args))
        counts = store.counts()
    print("store:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


def _load_wikidata(store: OxigraphStore, args: argparse.Namespace) -> str:
    """Online against --endpoint, else offline from the shipped snapshot (runs after the local load: it links to it)."""
    from loaders.wikidata import LoadProgress, load_config, load_snapshot, load_wikidata

    config = load_config(Path(args.config)) if args.config else load_config()
    if args.endpoint is None and args.cache is None:
        return load_snapshot(store, config).summary()

    def show(progress: LoadProgress) -> None:
        if sys.stderr.isatty():
            wait = f", waiting {progress.retry_wait_s:.0f} s to retry" if progress.retry_wait_s else ""
            line = f"{progress.phase}: {progress.entities} entities, {progress.queries} queries{wait}"
            print(f"\r{line:80s}", end="", file=sys.stderr, flush=True)

    report = load_wikidata(store, config, endpoint=args.endpoint, cache_dir=args.cache, progress=show)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return report.summary()


def cmd_wikidata_snapshot(args: argparse.Namespace) -> int:
    from loaders.wikidata import build_snapshot, load_config

    config = load_config(Path(args.config)) if args.config else load_config()
    out = Path(args.out) if args.out else Path(__file__).resolve().parents[2] / "loaders" / "snapshots"
    report = build_snapshot(config, args.endpoint, out, cache_dir=args.cache)
    print(
        f"{report.path}: {report.items} items, {report.triples} triples, {report.queries} queries in "
        f"{report.seconds:.1f} s (sources listed in {report.readme})"
    )
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from loaders.wikidata import find_conflicts

    with _open_store(args) as store:
        conflicts = find_conflicts(store)
    for conflict in conflicts:
        print(conflict)
    print(f"{len(conflicts)} disagreements between local sources and Wikidata")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from eventgraph.api.app import create_app
    from eventgraph.api.http import serving
    from eventgraph.api.http.settings import HttpSettings, switches

    given = {f.name: getattr(args, f.name) for f in switches()}
    given = {k: tuple(w for words in v for w in words) if isinstance(v, list) else v for k, v in given.items()}
    settings = HttpSettings.from_env().replace(**given)
    app = create_app(_open_store(args), settings=settings)
    serving.serve(app, settings, args.host, args.port, log_level="info")
    return 0


def _serve_flags(serve: argparse.ArgumentParser) -> None:
    """One flag per deployment setting, named and documented by the settings table (docs/deployment.md)."""
    from eventgraph.api.http.settings import flag_name, switches, variable

    group = serve.add_argument_group("deployment settings (each also an environment variable)")
    for f in switches():
        kind: type[Any] = type(f.default)
        help_text = f"{f.metadata['help']} (${variable(f)}, default {_shown(f.default)})"
        name = "--" + flag_name(f)
        if kind is bool:
            group.add_argument(name, dest=f.name, action=argparse.BooleanOptionalAction, default=None, help=help_text)
        elif kind is tuple:  # repeatable, each value comma-separated; flattened in cmd_serve
            aliases = [f"--{f.metadata['alias']}"] if f.metadata.get("alias") else []
            group.add_argument(name, *aliases, dest=f.name, action="append", type=_words, default=None, help=help_text)
        else:
            group.add_argument(name, dest=f.name, type=kind, default=None, help=help_text)


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in text.split(",") if word.strip())


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, tuple):
        return ",".join(value) or "none"
    if isinstance(value, Path):
        return value.name
    return str(value)


def cmd_query(args: argparse.Namespace) -> int:
    from graphql import get_operation_ast

    from eventgraph.api.context import Context, Limits
    from eventgraph.api.guards import prepare
    from eventgraph.api.http.params import check_text, parse_json
    from eventgraph.api.schema import build_schema
    from eventgraph.errors import InvalidArgumentError, InvalidJsonError, UnknownOperationError

    try:
        document = Path(args.file).read_text(encoding="utf-8") if args.file else args.document
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidArgumentError(f"--file: cannot read {args.file}: {exc}") from exc
    if not document:
        print("give a GraphQL document as an argument or with --file", file=sys.stderr)
        return 2
    variables = parse_json(args.variables, "--variables") if args.variables else None
    if variables is not None and not isinstance(variables, dict):
        raise InvalidJsonError("--variables: must be a JSON object")
    prepared = prepare(check_text(document, "the document"), Limits())
    if prepared.document is None:
        return _print_result({"errors": [e.formatted for e in prepared.errors]})
    if get_operation_ast(prepared.document, args.operation) is None:
        raise UnknownOperationError(
            f"--operation {args.operation!r} names no operation of the document"
            if args.operation
            else "the document has several operations (or none): name one with --operation"
        )
    with _open_store(args) as store:
        result = asyncio.run(
            build_schema().execute(
                document,
                variable_values=variables,
                context_value=Context(store=store, document=prepared.document),
                operation_name=args.operation,
                operation_extensions={"explain": True} if args.explain else None,
            )
        )
    output: dict[str, Any] = {"data": result.data}
    if result.errors:
        output["errors"] = [e.formatted for e in result.errors]
    if result.extensions:
        output["extensions"] = result.extensions
    return _print_result(output)


def _print_result(output: dict[str, Any]) -> int:
    print(json.dumps(output, indent=2, ensure_ascii=False, default=str))
    return 1 if output.get("errors") else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from eventgraph.api.schema import build_schema

    print(build_schema().as_str())
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from eventgraph.store.shacl import validate

    with _open_store(args) as store:
        report = validate(store.dump(), Path(args.shapes))
    print(report.format())
    return 0 if report.conforms else 1


def cmd_report(args: argparse.Namespace) -> int:
    from eventgraph.store.queries import load_query

    with _open_store(args) as store:
        rows = store.select(load_query("store/series-coverage.rq"))
    columns = ("editions", "dated", "placed", "organized", "attended")
    print(f"{'series':45s} " + " ".join(f"{c:>9s}" for c in columns))
    for row in rows:
        label = row.get("label") or row["series"]
        print(f"{label[:45]:45s} " + " ".join(f"{int(row[c]):9d}" for c in columns))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from eventgraph.store.export import export

    with _open_store(args) as store:
        built = export(store, args.format)
    paths = built.write(Path(args.out))
    print(f"dataset version {built.version}, {len(built.sources)} sources")
    for path in paths:
        print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventgraph", description=__doc__)
    parser.add_argument("--version", action="version", version=f"eventgraph {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG level")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_store(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--store", help=f"store directory (default: $EVENTGRAPH_STORE or {DEFAULT_STORE})")
        return p

    load = with_store(sub.add_parser("load", help="load sources into the store (idempotent)"))
    load.add_argument("--source", choices=["all", "local", "wikidata"], default="all", help="what to load")
    load.add_argument("--sources", help="directory of local YAML sources (default: loaders/sources)")
    load.add_argument("--endpoint", help="SPARQL endpoint for Wikidata (default: the shipped snapshot, offline)")
    load.add_argument("--cache", help="directory recording every Wikidata response, for offline replays")
    load.add_argument("--config", help="Wikidata loader settings (default: loaders/wikidata.toml)")
    load.set_defaults(func=cmd_load)

    serve = with_store(sub.add_parser("serve", help="serve /graphql and /healthz"))
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"), help="interface ($HOST)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")), help="port ($PORT)")
    _serve_flags(serve)
    serve.set_defaults(func=cmd_serve)

    query = with_store(sub.add_parser("query", help="run a GraphQL document and print JSON"))
    query.add_argument("document", nargs="?", help="the GraphQL document")
    query.add_argument("--file", help="read the document from this file")
    query.add_argument("--variables", help="variables as a JSON object")
    query.add_argument("--operation", help="the operation to run, when the document has several")
    query.add_argument("--explain", action="store_true", help="add the store queries that ran, with timings")
    query.set_defaults(func=cmd_query)

    wikidata = sub.add_parser("wikidata", help="Wikidata tools")
    wikidata_sub = wikidata.add_subparsers(dest="wikidata_command", required=True)
    snapshot = wikidata_sub.add_parser("snapshot", help="rebuild loaders/snapshots/ from a live endpoint")
    snapshot.add_argument("--endpoint", required=True, help="SPARQL endpoint over Wikidata's RDF")
    snapshot.add_argument("--out", help="output directory (default: loaders/snapshots)")
    snapshot.add_argument("--cache", help="directory recording every response")
    snapshot.add_argument("--config", help="Wikidata loader settings (default: loaders/wikidata.toml)")
    snapshot.set_defaults(func=cmd_wikidata_snapshot)

    conflicts = with_store(sub.add_parser("conflicts", help="list facts local sources and Wikidata state differently"))
    conflicts.set_defaults(func=cmd_conflicts)

    report = with_store(sub.add_parser("report", help="per series: editions with a date, place, organizer, attendance"))
    report.set_defaults(func=cmd_report)

    schema = sub.add_parser("schema", help="print the GraphQL SDL")
    schema.set_defaults(func=cmd_schema)

    validate = with_store(sub.add_parser("validate", help="check the loaded graph against the SHACL shapes"))
    validate.add_argument("--shapes", default=str(SHAPES), help="SHACL shapes file")
    validate.set_defaults(func=cmd_validate)

    export = with_store(sub.add_parser("export", help="write the data as turtle, jsonld, graphml or csv files"))
    export.add_argument("--format", required=True, choices=["turtle", "jsonld", "graphml", "csv"], help="file format")
    export.add_argument("--out", required=True, help="directory to write into (with a manifest.json)")
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        return int(args.func(args))
    except EventGraphError as exc:
        print(f"eventgraph {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
