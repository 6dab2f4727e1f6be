"""The synthetic affiliates fixture (tests/data/workbench/): namesakes, counts known by construction.

Tests of sorting by counts, two-dimensional facets, batch look-ups and reconciliation load this instead of the
shipped data, whose counts grow.
"""

from __future__ import annotations

from functools import cache

from eventgraph.model import EG_ID, WD
from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import load_local
from tests.conftest import ROOT

FIXTURE_DIR = ROOT / "tests" / "data" / "workbench"

ALPHALAND_CHAPTER = WD + "Q9000611"
BETALAND_GROUP = WD + "Q9000612"
CIRCLE_BETALAND = WD + "Q9000613"
HEALTH_AGENCY = WD + "Q9000614"
LONELY = WD + "Q9000615"
CIRCLE_ALPHALAND = EG_ID + "open-knowledge-circle-alphaland"


@cache
def workbench_store() -> OxigraphStore:
    """The fixture alone, in memory (read-only for tests: do not write to it)."""
    store = OxigraphStore.in_memory()
    load_local(store, FIXTURE_DIR)
    return store
