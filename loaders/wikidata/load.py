"""One Wikidata load: read the local entities, link them, discover, fetch, map, then swap the graph in.

Everything up to the final `replace_source` only reads; a failure anywhere before it leaves the store's
previous Wikidata graph exactly as it was, and the error names its cause.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from eventgraph.model import EG_ID, EG_SOURCE, WD, EntityClass, LocalEntity, SourceInfo
from eventgraph.store.protocols import GraphReader, GraphStore, SparqlTerms
from loaders.wikidata.cache import ResponseCache
from loaders.wikidata.client import HttpExecutor, RetryNotice, SparqlExecutor
from loaders.wikidata.config import ClassRule, WikidataConfig
from loaders.wikidata.discovery import class_ancestors, discover, resolve_pages
from loaders.wikidata.facts import FactFetcher, ItemFacts
from loaders.wikidata.mapping import RELATIONS, ItemMapper, classify, infer_ranges
from loaders.wikidata.offline import LocalExecutor

PROJECT = Path(__file__).resolve().parents[2]

logger = logging.getLogger(__name__)

WIKIDATA_GRAPH = EG_SOURCE + "wikidata"
LICENCE = "CC0 1.0"


@dataclass(frozen=True, slots=True)
class LoadProgress:
    """Sent to the `progress` callback after every batch and before every retry wait."""

    phase: str
    entities: int
    queries: int
    retry_wait_s: float = 0.0
    message: str = ""


@dataclass(frozen=True, slots=True)
class WikidataLoadReport:
    """What a load did: counts, links made, pages left unresolved, and what could not be represented."""

    source: SourceInfo
    mode: str
    endpoint: str
    seconds: float
    queries: int
    requests: int
    cache_hits: int
    retries: int
    items: int
    by_class: Mapping[str, int]
    discovered: Mapping[str, int]
    linked: tuple[tuple[str, str], ...]
    unresolved: tuple[tuple[str, str], ...]
    without_qid: tuple[str, ...]
    warnings: tuple[str, ...]
    truncated: bool = False
    absent: tuple[str, ...] = ()  # QIDs asked about that the endpoint states nothing about (not in `items`)

    def summary(self) -> str:
        rules = ", ".join(f"{n} by {rule}" for rule, n in sorted(self.discovered.items())) or "none"
        classes = ", ".join(f"{n} {c}" for c, n in sorted(self.by_class.items())) or "none"
        return (
            f"Wikidata ({self.mode}, {self.endpoint}): {self.items} items ({classes}); discovered: {rules}; "
            f"{self.source.triples} triples; {self.queries} queries ({self.requests} HTTP requests, "
            f"{self.cache_hits} from cache, {self.retries} retries) in {self.seconds:.1f} s; "
            f"{len(self.linked)} linked by sitelink, {len(self.unresolved)} pages unresolved, "
            f"{len(self.without_qid)} local entities without a QID"
            + (f"; {len(self.absent)} QIDs the endpoint states nothing about" if self.absent else "")
        )


def read_local(store: GraphReader) -> dict[str, LocalEntity]:
    """The entities of every other source, with their types and pages."""
    return {e.iri: e for e in store.local_entities(WIKIDATA_GRAPH)}


def load_wikidata(
    store: GraphStore,
    config: WikidataConfig,
    endpoint: str | None = None,
    cache_dir: Path | str | None = None,
    progress: Callable[[LoadProgress], None] | None = None,
) -> WikidataLoadReport:
    """Load from a SPARQL endpoint (default: the configured one) into the Wikidata named graph."""
    config = config.with_endpoint(endpoint)
    cache = ResponseCache(Path(cache_dir)) if cache_dir else None
    run: _Run | None = None

    def on_retry(notice: RetryNotice) -> None:
        if progress and run:
            progress(run.progress("retry", notice.wait_s, f"{notice.query_name}.rq: {notice.reason}"))

    executor = HttpExecutor(config.endpoint, config.user_agent, config.client, cache=cache, on_retry=on_retry)
    run = _Run(store, config, executor, "endpoint", progress)
    return run.execute()


def load_snapshot(
    store: GraphStore,
    config: WikidataConfig,
    snapshot: SparqlTerms,
    progress: Callable[[LoadProgress], None] | None = None,
) -> WikidataLoadReport:
    """Load from the shipped Wikidata subset (`snapshot`: `config.snapshot_file` opened by the store backend),
    in-process with the same queries: works offline."""
    # a name, not a server path: the endpoint is published in the provenance (sources, exports, /sparql)
    executor = LocalExecutor(snapshot, "file:" + _public_name(Path(config.snapshot_file)))
    return load_with(store, config, executor, "snapshot", progress)


def load_with(
    store: GraphStore,
    config: WikidataConfig,
    executor: SparqlExecutor,
    mode: str,
    progress: Callable[[LoadProgress], None] | None = None,
) -> WikidataLoadReport:
    """The load itself, over any executor (HTTP, in-process files, or a test double)."""
    return _Run(store, config, executor, mode, progress).execute()


class _Run:
    def __init__(
        self,
        store: GraphStore,
        config: WikidataConfig,
        executor: SparqlExecutor,
        mode: str,
        progress: Callable[[LoadProgress], None] | None,
    ) -> None:
        self.store = store
        self.config = config
        self.executor = executor
        self.mode = mode
        self.on_progress = progress
        self.entities = 0
        self.warnings: list[str] = []

    def progress(self, phase: str, wait: float = 0.0, message: str = "") -> LoadProgress:
        return LoadProgress(phase, self.entities, self.executor.stats.queries, wait, message)

    def tick(self, phase: str, entities: int | None = None) -> None:
        if entities is not None:
            self.entities = entities
        if self.on_progress:
            self.on_progress(self.progress(phase))

    def execute(self) -> WikidataLoadReport:
        started = time.monotonic()
        config = self.config
        local = read_local(self.store)
        local_qids = {e.qid: e.iri for e in local.values() if e.qid}

        # 1. link local entities through their pages' sitelinks
        pages = {page for e in local.values() for page in e.pages}
        sitelinks = resolve_pages(self.executor, config, pages)
        self.tick("sitelinks")
        linked, unresolved = self._link(local, local_qids, sitelinks.items, sitelinks.ambiguous)
        subject_of = _identity(linked)

        # 2. discovery from everything known
        seeds = set(local_qids) | set(linked) | set(config.discovery.seeds)
        found = discover(self.executor, config, seeds, lambda n: self.tick("discovery", len(seeds) + n))
        if found.truncated:
            self.warnings.append(f"discovery stopped at max_items={config.discovery.max_items}")

        # 3. facts of the known and found items, then `hops` steps out along the relations
        facts, cut = self._fetch(seeds | set(found.reasons))
        found.truncated = found.truncated or cut
        for qid in sorted(seeds, key=lambda q: int(q[1:])):
            if _empty(facts.get(qid)):
                self.warnings.append(f"{qid}: the endpoint states nothing about it (no label, no statement)")

        # 4. classes -> types and kinds, then the triples
        classes_met = {c for item in facts.values() for c in item.items("P31")}
        ancestors = class_ancestors(self.executor, config, classes_met, lambda: self.tick("classes"))
        rules = classify(facts, config, ancestors)
        implied = infer_ranges(facts)
        local_types = {e.iri: set(e.types) for e in local.values()}
        mapper = ItemMapper(config, subject_of, local_types)
        triples = mapper.map_all(facts, rules, implied, {q: iri for q, iri in linked.items()})
        self.warnings.extend(mapper.notes.type_disagreements)
        self.warnings.extend(mapper.notes.warnings)
        if mapper.notes.untyped:
            listed = ", ".join(
                f"{q} (P31: {', '.join(c) or 'none'})" for q, c in sorted(mapper.notes.untyped.items())[:50]
            )
            self.warnings.append(f"{len(mapper.notes.untyped)} items match no row of the class table: {listed}")

        # 5. swap the graph in: the only write
        # counts cover the items the endpoint knows: a local QID it lacks (a mirror's subset, a merged or
        # deleted item) is listed as absent, not counted as an untyped item
        stats = self.executor.stats
        absent = tuple(sorted((q for q, item in facts.items() if _empty(item)), key=lambda q: int(q[1:])))
        stated = {q: item for q, item in facts.items() if not _empty(item)}
        self.tick("store")
        stored = self.store.replace_source(self._source(stated, found.rule_counts, len(linked)), triples)
        by_class = Counter(_class_name(q, rules, implied) for q in stated)
        without = tuple(
            sorted(e.iri for e in local.values() if e.iri.startswith(EG_ID) and e.iri not in linked.values())
        )
        report = WikidataLoadReport(
            source=stored,
            mode=self.mode,
            endpoint=self.executor.endpoint,
            seconds=time.monotonic() - started,
            queries=stats.queries,
            requests=stats.requests,
            cache_hits=stats.cache_hits,
            retries=stats.retries,
            items=len(stated),
            by_class=dict(by_class),
            discovered=dict(found.rule_counts),
            linked=tuple(sorted((iri, q) for q, iri in linked.items())),
            unresolved=tuple(sorted(unresolved)),
            without_qid=without,
            warnings=tuple(self.warnings),
            truncated=found.truncated,
            absent=absent,
        )
        logger.info("%s", report.summary())
        return report

    def _fetch(self, qids: set[str]) -> tuple[dict[str, ItemFacts], bool]:
        """Facts of `qids`, then of what they reference, `hops` steps out; True when max_items cut it short."""
        config = self.config
        fetcher = FactFetcher(self.executor, config, lambda: self.tick("facts"))
        facts = fetcher.fetch(qids)
        self.tick("facts", len(facts))
        cut = False
        for _ in range(config.discovery.hops):
            targets = {t for item in facts.values() for prop in RELATIONS for t in item.items(prop)} - set(facts)
            if not targets:
                break
            room = max(config.discovery.max_items - len(facts), 0)
            if len(targets) > room:
                self.warnings.append(f"{len(targets) - room} referenced items left out (max_items)")
                targets = set(sorted(targets, key=lambda q: int(q[1:]))[:room])
                cut = True
            facts.update(fetcher.fetch(targets))
            self.tick("facts", len(facts))
        return facts, cut

    def _source(self, facts: Mapping[str, ItemFacts], discovered: Mapping[str, int], linked: int) -> SourceInfo:
        """The provenance of this load: endpoint, time, counts and the revision of every item, when known."""
        stats = self.executor.stats
        revisions = {q: f.revision for q, f in sorted(facts.items()) if f.revision}
        titles = {"endpoint": "Wikidata", "snapshot": "Wikidata (shipped snapshot)"}
        return SourceInfo(
            graph=WIKIDATA_GRAPH,
            title=titles.get(self.mode, f"Wikidata ({self.mode})"),
            url="https://www.wikidata.org/",
            kind="wikidata",
            retrieved=datetime.now(UTC).replace(microsecond=0).isoformat(),
            licence=LICENCE,
            endpoint=_without_credentials(self.executor.endpoint),
            extra={
                "mode": self.mode,
                "queries": str(stats.queries),
                "requests": str(stats.requests),
                "cache_hits": str(stats.cache_hits),
                "retries": str(stats.retries),
                "items": str(len(facts)),
                "discovered": json.dumps(dict(discovered), sort_keys=True),
                "revisions": json.dumps(revisions, sort_keys=True),
                "linked_by_sitelink": str(linked),
            },
        )

    def _link(
        self,
        local: Mapping[str, LocalEntity],
        local_qids: Mapping[str, str],
        resolved: Mapping[str, str],
        ambiguous: Mapping[str, list[str]],
    ) -> tuple[dict[str, str], list[tuple[str, str]]]:
        """QID -> minted IRI for entities found through their pages; and the (entity, page) pairs not resolved."""
        claims: dict[str, list[str]] = {}
        unresolved: list[tuple[str, str]] = []
        for entity in sorted(local.values(), key=lambda e: e.iri):
            qids = sorted({resolved[p] for p in entity.pages if p in resolved}, key=lambda q: int(q[1:]))
            for page in entity.pages:
                if page in ambiguous:
                    self.warnings.append(f"{entity.iri}: page {page} is a sitelink of {', '.join(ambiguous[page])}")
                elif page not in resolved:
                    unresolved.append((entity.iri, page))
            if entity.qid:
                for qid in qids:
                    if qid != entity.qid:
                        self.warnings.append(f"{entity.iri}: its page resolves to {qid}, not to its own {entity.qid}")
                continue
            if len(qids) > 1:
                self.warnings.append(
                    f"{entity.iri}: its pages resolve to several items ({', '.join(qids)}); not linked"
                )
            elif qids:
                claims.setdefault(qids[0], []).append(entity.iri)
        linked: dict[str, str] = {}
        for qid, iris in sorted(claims.items()):
            if qid in local_qids:
                self.warnings.append(f"{', '.join(iris)}: resolves to {qid}, which {local_qids[qid]} already carries")
            elif len(iris) > 1:
                self.warnings.append(f"{', '.join(iris)}: all resolve to {qid}; none linked")
            else:
                linked[qid] = iris[0]
        return linked, unresolved


def _class_name(qid: str, rules: Mapping[str, ClassRule], implied: Mapping[str, EntityClass]) -> str:
    if qid in rules:
        return rules[qid].entity_class.value
    return implied[qid].value if qid in implied else "untyped"


def _identity(linked: Mapping[str, str]) -> Callable[[str], str]:
    def subject_of(qid: str) -> str:
        return linked.get(qid) or WD + qid

    return subject_of


def _empty(facts: ItemFacts | None) -> bool:
    return facts is None or not (
        facts.terms
        or any(facts.statements.values())
        or any(facts.times.values())
        or facts.coordinates
        or facts.quantities
    )


__all__ = [
    "WIKIDATA_GRAPH",
    "LoadProgress",
    "WikidataLoadReport",
    "load_snapshot",
    "load_wikidata",
    "load_with",
    "read_local",
]


def _without_credentials(endpoint: str) -> str:
    """The endpoint as published in the provenance: any user:password@ part removed."""
    parts = urlsplit(endpoint)
    if parts.username is None and parts.password is None:
        return endpoint
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _public_name(file: Path) -> str:
    """The file's path inside the project (loaders/snapshots/wikidata.ttl) or, outside it, its name alone."""
    resolved = file.resolve()
    return resolved.relative_to(PROJECT).as_posix() if resolved.is_relative_to(PROJECT) else resolved.name
