"""Load runs: read every source, then hand them to the store in one atomic batch."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
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


def load_local(
    store: GraphStore, directory: Path = SOURCES_DIR, progress: Callable[[str, int, int], None] | None = None
) -> LoadReport:
    """Validate every source file in `directory`, then replace their named graphs together (all or nothing).

    Local sources whose file is gone are removed in the same step.
    """
    paths = source_files(directory)
    if progress:
        progress("reading local sources", 0, len(paths))
    mapped = read_sources(paths)
    if progress:
        progress("writing local sources", len(paths), len(paths))
    graphs = {m.info.graph for m in mapped}
    gone = [s.graph for s in store.sources() if s.kind in LOCAL_KINDS and s.graph not in graphs]
    stored = store.replace_sources([(m.info, m.triples) for m in mapped], remove=gone)
    records = sum(m.records for m in mapped)
    for info in stored:
        logger.info("loaded %s (%d triples)", info.title, info.triples)
    return LoadReport(tuple(stored), records)


def _names(sources: Sequence[SourceInfo]) -> str:
    shown = [s.graph.rsplit("/", 1)[-1] for s in sources[:5]]
    return ", ".join(shown) + (f" and {len(sources) - 5} more" if len(sources) > 5 else "")


def describe_changes(before: Sequence[SourceInfo], after: Sequence[SourceInfo]) -> str:
    """What a load changed, in words: "2 changed (a, b), 1 added (c), 1 removed (d), 14 unchanged"."""
    old = {s.graph: s for s in before}
    new = {s.graph: s for s in after}
    added = [s for g, s in new.items() if g not in old]
    removed = [s for g, s in old.items() if g not in new]
    changed = [
        s
        for g, s in new.items()
        if g in old and (s.digest != old[g].digest if s.digest else s.triples != old[g].triples)
    ]
    unchanged = len(new) - len(added) - len(changed)
    parts = [
        f"{len(group)} {word} ({_names(group)})"
        for group, word in ((changed, "changed"), (added, "added"), (removed, "removed"))
        if group
    ]
    if unchanged:
        parts.append(f"{unchanged} unchanged")
    return ", ".join(parts) or "nothing"
