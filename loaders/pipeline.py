"""Load runs: read every source, then hand them to the store in one atomic batch."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from eventgraph.model import SourceInfo
from eventgraph.store.protocols import GraphStore
from loaders.local import read_sources, source_files

logger = logging.getLogger(__name__)

SOURCES_DIR = Path(__file__).resolve().parent / "sources"
LOCAL_KINDS = ("local", "rdf")
"""The kinds of source `load_local` reads from files (the others come from Wikidata)."""


@dataclass(frozen=True, slots=True)
class LoadReport:
    sources: tuple[SourceInfo, ...]
    records: int

    @property
    def triples(self) -> int:
        return sum(s.triples for s in self.sources)


def load_local(store: GraphStore, directory: Path = SOURCES_DIR) -> LoadReport:
    """Validate every source file in `directory`, then replace their named graphs together (all or nothing).

    Local sources whose file is gone are removed in the same step.
    """
    paths = source_files(directory)
    mapped = read_sources(paths)
    graphs = {m.info.graph for m in mapped}
    gone = [s.graph for s in store.sources() if s.kind in LOCAL_KINDS and s.graph not in graphs]
    stored = store.replace_sources([(m.info, m.triples) for m in mapped], remove=gone)
    records = sum(m.records for m in mapped)
    for info in stored:
        logger.info("loaded %s (%d triples)", info.title, info.triples)
    return LoadReport(tuple(stored), records)
