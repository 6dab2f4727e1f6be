"""Optional capabilities of the store contract: without them /sparql and exports answer 501, the CLI one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.cli import main
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.protocols import RdfDump, SparqlReader, SparqlSelect, SparqlTerms

_OPTIONAL = {"sparql", "dump", "select", "select_terms", "construct"}


class CoreOnly:
    """A backend with the core contract only: what a store without SPARQL or RDF dumps looks like."""

    def __init__(self, inner: OxigraphStore) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        if name in _OPTIONAL:
            raise AttributeError(name)
        return getattr(self.inner, name)

    def snapshot(self) -> CoreOnly:
        return self

    def close(self) -> None:
        """The CLI closes what it opened; the shared store stays open."""


def test_the_embedded_backend_has_every_capability(loaded_store: OxigraphStore) -> None:
    for capability in (SparqlReader, RdfDump, SparqlSelect, SparqlTerms):
        assert isinstance(loaded_store, capability)
    for capability in (SparqlReader, RdfDump, SparqlSelect, SparqlTerms):
        assert not isinstance(CoreOnly(loaded_store), capability)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/sparql?query=ASK%7B%7D", "offers no SPARQL endpoint"),
        ("/export/turtle", "offers no RDF dump"),
    ],
)
def test_the_api_answers_501_without_the_capability(loaded_store: OxigraphStore, path: str, message: str) -> None:
    with TestClient(create_app(CoreOnly(loaded_store))) as client:
        response = client.get(path)
        assert response.status_code == 501
        assert message in response.text
        graphql = client.post("/graphql", json={"query": '{ entity(qid: "Q406") { label } }'})
        assert graphql.json() == {"data": {"entity": {"label": "Istanbul"}}}, "the core contract still answers"


@pytest.mark.parametrize("command", [["validate"], ["export", "--format", "turtle"]])
def test_the_cli_says_in_one_line_what_is_missing(
    loaded_store: OxigraphStore,
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(
        "eventgraph.backends.open_store", lambda location, create=False, settings=None: CoreOnly(loaded_store)
    )
    extra = ["--out", str(tmp_path / "out")] if command[0] == "export" else []
    assert main([*command, "--store", str(tmp_path), *extra]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "offers no RDF dump" in err[0]
