"""The `eventgraph` command: the composition root, the one module that wires loaders, store and api."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventgraph import __version__
from eventgraph.errors import EventGraphError, StoreDamagedError
from eventgraph.resources import schema_file
from eventgraph.settings import STORE_KEY, Settings, StoreSettings, default_store

if TYPE_CHECKING:
    from eventgraph.store.protocols import GraphStore

logger = logging.getLogger("eventgraph")
GUARDED_PROTOCOL = "eventgraph.api.http.serving:GuardedH11Protocol"


def _settings(args: argparse.Namespace) -> Settings:
    flags = {k: getattr(args, k, None) for k in ("store", "host", "port", "workers")}
    return Settings.from_env(**flags)


@contextmanager
def _open_store(args: argparse.Namespace, *, create: bool = False) -> Iterator[GraphStore]:
    """The store of --store / $EVENTGRAPH_STORE, closed afterwards; it must hold data unless `create`."""
    from eventgraph import backends

    settings = _settings(args).store
    store = backends.open_store(settings.location, create=create, settings=settings)
    try:
        yield store
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()


def cmd_load(args: argparse.Namespace) -> int:
    from eventgraph.progress import LoadProgress
    from loaders.pipeline import LOCAL_KINDS, SOURCES_DIR, describe_changes, load_local
    from loaders.wikidata import WIKIDATA_GRAPH

    started = time.monotonic()
    parts = []
    with _open_store(args, create=True) as store, LoadProgress() as progress:
        # the new data keeps only the sources this load does not read again (a removed file is gone)
        try:
            current = store.sources()
        except StoreDamagedError:
            if args.source != "all":
                raise
            current = []  # a full load reads everything again: it rebuilds a damaged store
        keep = [
            s.graph
            for s in current
            if not (args.source in ("local", "all") and s.kind in LOCAL_KINDS)
            and not (args.source in ("wikidata", "all") and s.graph == WIKIDATA_GRAPH)
        ]
        with store.transaction(keep=keep) as load:
            if args.source in ("local", "all"):
                report = load_local(load, Path(args.sources) if args.sources else SOURCES_DIR, progress.step)
                before = [s for s in current if s.kind in LOCAL_KINDS]
                changes = describe_changes(before, report.sources)
                parts.append(
                    f"local: {len(report.sources)} sources ({changes}), {report.records} records, "
                    f"{report.triples} triples"
                )
            if args.source in ("wikidata", "all"):
                parts.append(_load_wikidata(load, args, progress))
            progress.step("sealing the new data")
        reader = store.snapshot()
        counts = reader.counts()
        wikidata = [s for s in reader.sources() if s.graph == WIKIDATA_GRAPH]
        if args.source in ("wikidata", "all"):
            old = [s for s in current if s.graph == WIKIDATA_GRAPH]
            parts.append(f"Wikidata graph: {describe_changes(old, wikidata)}")
    parts.append("store: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"loaded in {time.monotonic() - started:.1f} s; " + "; ".join(parts))
    return 0


def _load_wikidata(store: GraphStore, args: argparse.Namespace, progress: Any) -> str:
    """Online against --endpoint, else offline from the shipped snapshot (runs after the local load: it links to it)."""
    from eventgraph.backends import open_rdf_files
    from loaders.wikidata import LoadProgress, load_config, load_snapshot, load_wikidata

    config = load_config(Path(args.config)) if args.config else load_config()

    def show(update: LoadProgress) -> None:
        wait = f", waiting {update.retry_wait_s:.0f} s to retry" if update.retry_wait_s else ""
        progress.step(f"Wikidata {update.phase}: {update.entities} entities, {update.queries} queries{wait}")

    if args.endpoint is None and args.cache is None:
        progress.step("Wikidata: the shipped snapshot")
        return load_snapshot(store, config, open_rdf_files(config.snapshot_file), show).summary()
    report = load_wikidata(store, config, endpoint=args.endpoint, cache_dir=args.cache, progress=show)
    return report.summary()


def cmd_wikidata_snapshot(args: argparse.Namespace) -> int:
    from loaders.wikidata import build_snapshot, load_config

    config = load_config(Path(args.config)) if args.config else load_config()
    out = Path(args.out) if args.out else config.snapshot_file.parent
    report = build_snapshot(config, args.endpoint, out, cache_dir=args.cache)
    print(
        f"{report.path}: {report.items} items, {report.triples} triples, {report.queries} queries in "
        f"{report.seconds:.1f} s (sources listed in {report.readme})"
    )
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from loaders.wikidata import find_conflicts

    with _open_store(args) as store:
        conflicts = find_conflicts(store.snapshot())
    for conflict in conflicts:
        print(conflict)
    print(f"{len(conflicts)} disagreements between local sources and Wikidata")
    return 0


def _http_overrides(args: argparse.Namespace) -> dict[str, str]:
    """The HTTP flags given, as the environment variables the server processes read (one per settings field)."""
    from eventgraph.api.http.settings import switches, variable

    given: dict[str, str] = {}
    for f in switches():
        value = getattr(args, f.name, None)
        if value is None:
            continue
        if isinstance(value, bool):
            given[variable(f)] = "true" if value else "false"
        elif isinstance(value, list):  # repeatable flags of comma-separated words
            given[variable(f)] = ",".join(word for words in value for word in words)
        else:
            given[variable(f)] = str(value)
    return given


def cmd_serve(args: argparse.Namespace) -> int:
    from eventgraph.api.http import workers

    os.environ.update(_http_overrides(args))
    settings = _settings(args)
    os.environ[STORE_KEY] = settings.store.location  # what each server process opens
    app_from_env()  # fail here, in one line, on a bad setting or a missing store rather than in every worker
    serve = settings.serve
    print(f"serving {settings.store.location} on http://{serve.host}:{serve.port} with {serve.workers} workers")
    return workers.serve(  # several processes: a listening socket each, so connections spread over them
        "eventgraph.cli:app_from_env",
        host=serve.host,
        port=serve.port,
        workers=serve.workers,
        log_level="info",
        access_log=settings.http.access_log,  # off unless --access-log: one line per request costs throughput
        http=GUARDED_PROTOCOL,  # a deadline on request heads (--header-timeout)
        server_header=False,
    )


def app_from_env() -> Any:
    """The application of one server process, from the environment (uvicorn calls this in each worker)."""
    import gc

    from eventgraph.api.app import create_app

    # a worker process of `serve --workers` does not run main(): give it the same log format (a no-op otherwise)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env()
    store = _open_location(settings.store)
    watch = getattr(store, "watch", None)
    if callable(watch):
        watch()  # follow loads: each new generation is opened and warmed before it serves
    app = create_app(store, settings=settings.http)
    _exit_with_supervisor()
    gc.freeze()  # the start-up heap never changes: full collections then scan only what requests create
    return app


def _exit_with_supervisor() -> None:
    """In a worker process of `serve --workers`, end when the supervising process ends, even killed: uvicorn's
    workers would go on serving (and their SPARQL workers with them). A single-process server has no supervisor."""
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="supervisor-watch", daemon=True).start()


def _open_location(store: StoreSettings) -> GraphStore:
    from eventgraph import backends

    return backends.open_store(store.location, settings=store)


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
                context_value=Context(store=store.snapshot(), document=prepared.document),
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
    from eventgraph.store.protocols import rdf_dump
    from eventgraph.store.shacl import validate

    with _open_store(args) as store:
        report = validate(rdf_dump(store.snapshot(), "SHACL validation").dump(), Path(args.shapes))
    print(report.format())
    return 0 if report.conforms else 1


_GAPS = ("city", "country", "dates", "attendance", "organizers", "qid")


def cmd_report(args: argparse.Namespace) -> int:
    from eventgraph.coverage import EditionGaps, coverage

    with _open_store(args) as store:
        view = coverage(store.snapshot())

    def row(gaps: EditionGaps) -> dict[str, object]:
        return {
            "series": gaps.series,
            "label": gaps.label,
            "editions": len(gaps.editions),
            **{f"without_{g}": len(getattr(gaps, f"without_{g}")) for g in _GAPS},
            "not_held": len(gaps.not_held),
            "online": len(gaps.online),
            "attendance_counted": gaps.attendance_counted,
            "attendance_total": gaps.attendance_total,
        }

    rows = [row(g) for g in view.series] + [row(view.events)]
    types = [{"type": t.entity_class.value, "total": t.total, "without_qid": len(t.without_qid)} for t in view.types]
    if args.json:
        print(json.dumps({"series": rows, "types": types}, indent=2, ensure_ascii=False))
        return 0
    print("Editions per series, and how many lack each fact (sums over unknown counts are 'unknown'):")
    header = ("editions", *(f"-{g}" for g in _GAPS), "not held", "online", "att.total")
    print(f"{'series':40s} " + " ".join(f"{c:>10s}" for c in header))
    for r in rows:
        total = "unknown" if r["attendance_total"] is None else str(r["attendance_total"])
        cells = [str(r["editions"]), *(str(r[f"without_{g}"]) for g in _GAPS), str(r["not_held"]), str(r["online"])]
        print(f"{str(r['label'])[:40]:40s} " + " ".join(f"{c:>10s}" for c in [*cells, total]))
    print()
    print("Entities per type, and how many have no Wikidata QID:")
    print(f"{'type':40s} {'total':>10s} {'-qid':>10s}")
    for t in types:
        print(f"{t['type']!s:40s} {t['total']:>10d} {t['without_qid']:>10d}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from eventgraph.exports.build import export

    with _open_store(args) as store:
        reader = store.snapshot()
        if args.network:
            from eventgraph.api.network_export import co_organization_export, parse_filter

            organizations, events = parse_filter(args.filter, "--filter"), parse_filter(args.events, "--events")
            built = asyncio.run(co_organization_export(reader, args.format, organizations, events))
        else:
            built = export(reader, args.format)
    paths = built.write(Path(args.out))
    counts = ", ".join(f"{k} {built.notes[k]}" for k in ("nodes", "edges", "statements") if k in built.notes)
    print(f"dataset version {built.version}, {len(built.sources)} sources" + (f"; {counts}" if counts else ""))
    if args.format == "quickstatements":
        wikidata = [s for s in built.sources if s.kind == "wikidata"]
        if not wikidata:
            print("no Wikidata data is loaded: nothing can be compared (eventgraph load --source wikidata)")
        elif any((s.endpoint or "").startswith("file:") for s in wikidata):
            print("compared with the shipped offline Wikidata snapshot (labels only): load from a live endpoint")
            print("(eventgraph load --source wikidata --endpoint URL) before proposing these edits")
    if built.notes.get("truncated"):
        print(f"only the {built.notes['edges']} heaviest of {built.notes['total_edges']} links: narrow the filters")
    for path in paths:
        print(path)
    return 0


def cmd_sparql_docs(args: argparse.Namespace) -> int:
    from eventgraph.sparql_docs import render

    print(render(), end="")
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
        elif kind is tuple:  # repeatable, each value comma-separated
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventgraph", description=__doc__)
    parser.add_argument("--version", action="version", version=f"eventgraph {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG level")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_store(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--store", help=f"store directory (default: ${STORE_KEY} or {default_store()})")
        return p

    load = with_store(sub.add_parser("load", help="load sources into the store (idempotent)"))
    load.add_argument("--source", choices=["all", "local", "wikidata"], default="all", help="what to load")
    load.add_argument("--sources", help="directory of local YAML sources (default: loaders/sources)")
    load.add_argument("--endpoint", help="SPARQL endpoint for Wikidata (default: the shipped snapshot, offline)")
    load.add_argument("--cache", help="directory recording every Wikidata response, for offline replays")
    load.add_argument("--config", help="Wikidata loader settings (default: loaders/wikidata.toml)")
    load.set_defaults(func=cmd_load)

    serve = with_store(sub.add_parser("serve", help="serve /graphql and /healthz"))
    serve.add_argument("--host", help="interface ($HOST, default 127.0.0.1)")
    serve.add_argument("--port", help="port ($PORT, default 8000)")
    serve.add_argument("--workers", help="server processes ($EVENTGRAPH_WORKERS, default: the number of cores)")
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

    report = with_store(
        sub.add_parser(
            "report",
            help="coverage: per series, editions lacking a city, country, dates, attendance, organizers or QID; "
            "per type, entities without a QID",
        )
    )
    report.add_argument("--json", action="store_true", help="print the coverage view as JSON")
    report.set_defaults(func=cmd_report)

    sparql_docs = sub.add_parser("sparql-docs", help="print docs/sparql.md: the vocabulary and SPARQL examples")
    sparql_docs.set_defaults(func=cmd_sparql_docs)

    schema = sub.add_parser("schema", help="print the GraphQL SDL")
    schema.set_defaults(func=cmd_schema)

    validate = with_store(sub.add_parser("validate", help="check the loaded graph against the SHACL shapes"))
    validate.add_argument("--shapes", default=str(schema_file("shapes.ttl")), help="SHACL shapes file")
    validate.set_defaults(func=cmd_validate)

    export = with_store(
        sub.add_parser("export", help="write the data as turtle, jsonld, graphml, gexf, csv or quickstatements files")
    )
    export.add_argument(
        "--format",
        required=True,
        choices=["turtle", "jsonld", "graphml", "gexf", "csv", "quickstatements"],
        help="file format",
    )
    export.add_argument("--out", required=True, help="directory to write into (with a manifest.json)")
    export.add_argument(
        "--network", choices=["co-organization"], help="only this network (gexf or graphml), as the GraphQL field"
    )
    export.add_argument("--filter", help="with --network: the coOrganization `filter` as JSON (OrganizationFilter)")
    export.add_argument("--events", help="with --network: the coOrganization `events` as JSON (EventFilter)")
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
