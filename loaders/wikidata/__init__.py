"""The Wikidata loader: link local entities to Wikidata, discover, fetch and map, into one named graph.

The CLI calls these functions; everything else in the package is detail.
"""

from loaders.wikidata.config import WikidataConfig, load_config
from loaders.wikidata.conflicts import Conflict, find_conflicts
from loaders.wikidata.load import WIKIDATA_GRAPH, LoadProgress, WikidataLoadReport, load_snapshot, load_wikidata
from loaders.wikidata.snapshot import SnapshotReport, build_snapshot

__all__ = [
    "WIKIDATA_GRAPH",
    "Conflict",
    "LoadProgress",
    "SnapshotReport",
    "WikidataConfig",
    "WikidataLoadReport",
    "build_snapshot",
    "find_conflicts",
    "load_config",
    "load_snapshot",
    "load_wikidata",
]
