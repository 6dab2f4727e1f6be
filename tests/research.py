"""The synthetic research fixture (tests/data/research/): coordinates and names in Cyrillic and Arabic script.

Tests of the mechanisms (distances between made-up points, folding of spellings the shipped names do not use) load
this; tests of the researcher questions run on the shipped sources.
"""

from __future__ import annotations

from functools import cache

from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import load_local
from tests.conftest import ROOT

FIXTURE_DIR = ROOT / "tests" / "data" / "research"
GRAPH = "https://w3id.org/eventgraph/source/synthetic-research"


@cache
def research_store() -> OxigraphStore:
    """The fixture alone, in memory (read-only for tests: do not write to it)."""
    store = OxigraphStore.in_memory()
    load_local(store, FIXTURE_DIR)
    return store
