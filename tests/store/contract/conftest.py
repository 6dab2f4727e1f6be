"""The one fixture of the contract suite: every store backend, empty, for each test to fill with its own data.

A new backend joins the suite by adding a param here (its factory); every test then holds it to the same answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eventgraph.store.oxigraph import Generations, OxigraphStore
from eventgraph.store.protocols import GraphStore

Factory = Callable[[Path], GraphStore]

BACKENDS: dict[str, Factory] = {
    "oxigraph-memory": lambda _: OxigraphStore.in_memory(),
    "oxigraph-disk": lambda tmp: Generations(tmp / "store"),  # generations: every write builds a new one
}


@pytest.fixture(params=sorted(BACKENDS))
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    store = BACKENDS[request.param](tmp_path)
    yield store
    close = getattr(store, "close", None)
    if close is not None:
        close()
