"""`eventgraph wikidata snapshot`: rebuild the shipped offline subset from a live endpoint.

CONSTRUCT queries copy the configured items, what discovery finds from them and what they reference
(`hops` steps), in Wikidata's own RDF shape (wd:, wdt:, p:/ps:/pq:/psv:, terms, sitelinks), plus the
subclass edges the class table needs. Files are written only once every query succeeded.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from eventgraph import model
from eventgraph.model import RDFS_LABEL, WD, Iri, Literal, Term, Triple, qid_of
from loaders.wikidata.cache import ResponseCache
from loaders.wikidata.client import HttpExecutor, SparqlExecutor
from loaders.wikidata.config import WikidataConfig
from loaders.wikidata.discovery import discover
from loaders.wikidata.mapping import RELATIONS
from loaders.wikidata.queries import batches, bind

logger = logging.getLogger(__name__)

WDT = "http://www.wikidata.org/prop/direct/"
SCHEMA_VERSION = "http://schema.org/version"
PREFIXES = {
    "wd": WD,
    "wdt": WDT,
    "p": "http://www.wikidata.org/prop/",
    "ps": "http://www.wikidata.org/prop/statement/",
    "psv": "http://www.wikidata.org/prop/statement/value/",
    "pq": "http://www.wikidata.org/prop/qualifier/",
    "wds": "http://www.wikidata.org/entity/statement/",
    "wdv": "http://www.wikidata.org/value/",
    "wikibase": "http://wikiba.se/ontology#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "http://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "geo": "http://www.opengis.net/ont/geosparql#",
}


@dataclass(frozen=True, slots=True)
class SnapshotReport:
    path: Path
    readme: Path
    items: int
    triples: int
    queries: int
    seconds: float


def build_snapshot(
    config: WikidataConfig,
    endpoint: str | None,
    out_dir: Path | str,
    cache_dir: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> SnapshotReport:
    """Rebuild `out_dir/<snapshot file name>` and its README from `endpoint` (default: the configured one)."""
    config = config.with_endpoint(endpoint)
    cache = ResponseCache(Path(cache_dir)) if cache_dir else None
    executor = HttpExecutor(config.endpoint, config.user_agent, config.client, cache=cache)
    return snapshot_from(executor, config, Path(out_dir), progress)


def snapshot_from(
    executor: SparqlExecutor,
    config: WikidataConfig,
    out_dir: Path,
    progress: Callable[[str], None] | None = None,
) -> SnapshotReport:
    started = time.monotonic()
    say = progress or (lambda message: logger.info("%s", message))
    seeds = set(config.snapshot_items) | set(config.discovery.seeds)
    found = discover(executor, config, seeds, lambda n: say(f"discovery: {n} items found"))
    frontier = seeds | set(found.reasons)
    done: set[str] = set()
    triples: list[Triple] = []
    for hop in range(config.discovery.hops + 1):
        fresh = _items(executor, config, sorted(frontier, key=_order))
        triples.extend(fresh)
        done |= frontier
        say(f"snapshot: {len(done)} items, {len(triples)} triples")
        if hop == config.discovery.hops:
            break
        relations = {base + prop for prop in RELATIONS for base in (WDT, PREFIXES["ps"])}
        targets = {q for t in fresh if t.predicate.value in relations for q in [_qid(t.object)] if q} - done
        room = max(config.discovery.max_items - len(done), 0)
        frontier = set(sorted(targets, key=_order)[:room])
        if not frontier:
            break
    classes = {q for t in triples if t.predicate.value == WDT + "P31" for q in [_qid(t.object)] if q}
    table: list[Term] = [Iri(WD + rule.qid) for rule in config.classes]
    for batch in batches(sorted(classes, key=_order), config.client.batch_size):
        terms: list[Term] = [Iri(WD + c) for c in batch]
        query = bind(config.queries_dir, "snapshot-class-tree", {"class": terms, "mapped": table})
        triples.extend(executor.construct(query))
    unique = sorted(set(triples), key=_sort_key)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / config.snapshot_file.name
    data = ox.serialize((_to_ox(t) for t in unique), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert data is not None
    readme = out_dir / "README.md"
    _write(path, data)
    _write(readme, _readme(unique, done, executor.endpoint, path.name).encode("utf-8"))
    return SnapshotReport(path, readme, len(done), len(unique), executor.stats.queries, time.monotonic() - started)


def _items(executor: SparqlExecutor, config: WikidataConfig, qids: list[str]) -> list[Triple]:
    languages: list[Term] = [Literal(code) for code in config.languages]
    sites: list[Term] = [Iri("https://meta.wikimedia.org/")]
    sites += [Iri(f"https://{code}.wikipedia.org/") for code in config.languages]
    result: list[Triple] = []
    directory = config.queries_dir
    for batch in batches(qids, config.client.batch_size):
        items: list[Term] = [Iri(WD + q) for q in batch]
        result += executor.construct(bind(directory, "snapshot-terms", {"item": items, "lang": languages}))
        result += executor.construct(bind(directory, "snapshot-statements", {"item": items}))
        result += executor.construct(bind(directory, "snapshot-values", {"item": items}))
        result += executor.construct(bind(directory, "snapshot-sitelinks", {"item": items, "site": sites}))
        result += executor.construct(bind(directory, "snapshot-revisions", {"item": items}))
    return result


def _readme(triples: Iterable[Triple], items: set[str], endpoint: str, name: str) -> str:
    labels: dict[str, str] = {}
    revisions: dict[str, str] = {}
    for t in triples:
        qid = _qid(t.subject) if isinstance(t.subject, Iri) else None
        if not qid or not isinstance(t.object, Literal):
            continue
        if t.predicate.value == RDFS_LABEL and t.object.language == "en":
            labels.setdefault(qid, t.object.lexical)
        elif t.predicate.value == SCHEMA_VERSION:
            revisions[qid] = t.object.lexical
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    lines = [
        "# Wikidata snapshot (generated)",
        "",
        f"`{name}` was rebuilt by `eventgraph wikidata snapshot` from <{endpoint}> on {now}, with the CONSTRUCT",
        "queries in `queries/wikidata/snapshot-*.rq`, for the items listed in `loaders/wikidata.toml` ([snapshot]",
        "items), what discovery found from them and what they reference. Every fact is Wikidata's, as that",
        "endpoint served it (licence: CC0 1.0).",
        "",
        "| item | English label | revision | source |",
        "|---|---|---|---|",
    ]
    for qid in sorted(items, key=_order):
        label = labels.get(qid, "").replace("|", "\\|")
        source = f"<https://www.wikidata.org/wiki/{qid}> via {endpoint}"
        lines.append(f"| {qid} | {label} | {revisions.get(qid, '')} | {source} |")
    return "\n".join(lines) + "\n"


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _to_ox(triple: Triple) -> ox.Triple:
    subject = ox.NamedNode(triple.subject.value) if isinstance(triple.subject, Iri) else ox.BlankNode(triple.subject.id)
    return ox.Triple(subject, ox.NamedNode(triple.predicate.value), _object(triple.object))


def _sort_key(triple: Triple) -> tuple[str, str, str]:
    def text(term: model.Term) -> str:
        if isinstance(term, Literal):
            return f"{term.lexical}@{term.language or ''}^^{term.datatype}"
        return term.value if isinstance(term, Iri) else "_:" + term.id

    return (text(triple.subject), triple.predicate.value, text(triple.object))


def _qid(term: model.Term) -> str | None:
    return qid_of(term.value) if isinstance(term, Iri) else None


def _order(qid: str) -> int:
    return int(qid[1:])


def _object(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, Iri):
        return ox.NamedNode(term.value)
    if isinstance(term, model.Blank):
        return ox.BlankNode(term.id)
    if term.language:
        return ox.Literal(term.lexical, language=term.language)
    return ox.Literal(term.lexical, datatype=ox.NamedNode(term.datatype))
