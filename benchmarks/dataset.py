"""The benchmark's data: a frozen copy of the shipped sources, and synthetic copies of it for the larger sizes.

The shipped sources (loaders/sources) keep growing, so measurements and the golden answers of
tests/golden/ are taken on a copy frozen once (`benchmarks/data/frozen.nq.gz`, the sources' metadata in
`frozen-sources.json`): the same bytes on every run, whatever the data stream adds. Larger sizes add `copies - 1`
renamed copies of every data graph: Wikidata items become Q9000001 and up, minted ids get a `-synthetic-N`
suffix, blank nodes are renamed per copy. The dashboards' own ids still answer, while every store scan covers
`copies` times the triples.

Re-freeze (only to change what is measured; the golden answers then need `--update` too):
    .venv/bin/python -m benchmarks.dataset --freeze
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from eventgraph.model import EG_ID, EG_SOURCE, WD, SearchQuery, SourceInfo, Triple
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.oxigraph.terms import from_ox

DATA = Path(__file__).resolve().parent / "data"
FROZEN = DATA / "frozen.nq.gz"
FIRST_SYNTHETIC_QID = 9000001

Batch = list[tuple[SourceInfo, list[Triple]]]


class Renamer:
    """Entity IRIs of one copy mapped to synthetic ones; ontology, source and literal terms untouched."""

    def __init__(self, copy: int, qids: Iterator[int]) -> None:
        self.copy = copy
        self.qids = qids
        self.seen: dict[str, str] = {}

    def iri(self, value: str) -> str:
        if value not in self.seen:
            if value.startswith(WD + "Q"):
                self.seen[value] = f"{WD}Q{next(self.qids)}"
            elif value.startswith(EG_ID):
                self.seen[value] = f"{value}-synthetic-{self.copy}"
            else:
                self.seen[value] = value
        return self.seen[value]

    def term(self, term: object) -> object:
        if isinstance(term, ox.NamedNode):
            return ox.NamedNode(self.iri(term.value))
        if isinstance(term, ox.BlankNode):
            return ox.BlankNode(f"{term.value}s{self.copy}")
        return term


def _quads(frozen: Path = FROZEN) -> list[ox.Quad]:
    with gzip.open(frozen, "rb") as stream:
        return list(ox.parse(stream.read(), format=ox.RdfFormat.N_QUADS))


def _sources_file(frozen: Path) -> Path:
    return frozen.with_name(frozen.name.removesuffix(".nq.gz") + "-sources.json")


def _triple(quad: ox.Quad, rename: Renamer | None) -> Triple:
    subject: object = quad.subject
    obj: object = quad.object
    if rename is not None:
        subject, obj = rename.term(subject), rename.term(obj)
    return Triple(from_ox(subject), from_ox(quad.predicate), from_ox(obj))  # type: ignore[arg-type]


def frozen_batch(frozen: Path = FROZEN) -> Batch:
    """The frozen sources, each with its triples, ready for `GraphWriter.replace_sources`."""
    infos = [SourceInfo(**fields) for fields in json.loads(_sources_file(frozen).read_text(encoding="utf-8"))]
    by_graph: dict[str, list[Triple]] = defaultdict(list)
    for quad in _quads(frozen):
        by_graph[quad.graph_name.value].append(_triple(quad, None))  # type: ignore[union-attr]
    return [(info, by_graph[info.graph]) for info in infos]


def synthetic_batch(copies: int) -> Batch:
    """Copies 1 .. copies-1 of the frozen data graphs, renamed, one source each."""
    quads = _quads()
    qids = itertools.count(FIRST_SYNTHETIC_QID)
    batch: Batch = []
    for copy in range(1, copies):
        rename = Renamer(copy, qids)
        info = SourceInfo(graph=f"{EG_SOURCE}synthetic-{copy}", title=f"synthetic copy {copy}", url="", kind="local")
        batch.append((info, [_triple(q, rename) for q in quads]))
    return batch


def benchmark_store(copies: int = 1) -> OxigraphStore:
    """An in-memory store holding the frozen data and `copies - 1` synthetic copies of it."""
    store = OxigraphStore.in_memory()
    store.replace_sources(frozen_batch() + synthetic_batch(copies))
    return store


def warm(store: OxigraphStore) -> None:
    """Read what `eventgraph serve` reads before its first request (`generations._warm`): then freeze the heap."""
    store.sources()
    store.search(SearchQuery("warm"))
    store.event_profiles(None)


def freeze(sources: Sequence[SourceInfo], nquads: bytes, frozen: Path = FROZEN) -> None:
    """Write a frozen copy: the data graphs' N-Quads (sorted: a re-freeze diffs well) and the sources beside."""
    frozen.parent.mkdir(parents=True, exist_ok=True)
    lines = sorted(line for line in nquads.splitlines() if line.strip())
    with gzip.GzipFile(frozen, "wb", mtime=0) as stream:
        stream.write(b"\n".join(lines) + b"\n")
    fields = [
        {
            "graph": s.graph,
            "title": s.title,
            "url": s.url,
            "kind": s.kind,
            "retrieved": s.retrieved,
            "licence": s.licence,
            "endpoint": s.endpoint,
            "extra": dict(s.extra),
        }
        for s in sources
    ]
    _sources_file(frozen).write_text(json.dumps(fields, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--freeze", action="store_true", help="freeze the shipped sources as they are now")
    args = parser.parse_args()
    if args.freeze:
        from loaders.pipeline import load_local

        store = OxigraphStore.in_memory()
        load_local(store)
        freeze(store.sources(), store.dump())
    store = benchmark_store()
    print(f"frozen data: {store.counts()['triples']} triples in {len(store.sources())} sources")


if __name__ == "__main__":
    main()
