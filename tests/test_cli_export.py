"""`eventgraph export`: every format into a directory, with a manifest naming the version and the sources."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest

from eventgraph.cli import main
from eventgraph.exports.entities import RELATIONS
from eventgraph.exports.tables import relation_file
from eventgraph.store.oxigraph import OxigraphStore

EXPECTED_FILES = {
    "turtle": {"eventgraph.ttl"},
    "jsonld": {"eventgraph.jsonld"},
    "graphml": {"eventgraph.graphml"},
    "gexf": {"eventgraph.gexf"},
    "quickstatements": {"eventgraph.quickstatements.tsv"},
    "csv": {
        "event.csv",
        "event_series.csv",
        "organization.csv",
        "partnership.csv",
        "place.csv",
        "grant_program.csv",
        "grant_round.csv",
        "grant.csv",
        "language.csv",
        "person.csv",
        *(relation_file(r) for r in RELATIONS),
        "sources.csv",
    },
}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli-export") / "store")
    assert main(["load", "--store", path]) == 0
    return path


@pytest.mark.parametrize("fmt", sorted(EXPECTED_FILES))
def test_export_writes_files_and_a_manifest(
    fmt: str, store_dir: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["export", "--store", store_dir, "--format", fmt, "--out", str(out)]) == 0
    assert {p.name for p in out.iterdir()} == EXPECTED_FILES[fmt] | {"manifest.json"}
    with OxigraphStore.open(store_dir) as store:
        version = store.dataset_version()
        graphs = [s.graph for s in store.sources()]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["dataset_version"] == version
    assert manifest["format"] == fmt
    assert [s["graph"] for s in manifest["sources"]] == graphs
    assert sorted(manifest["files"]) == sorted(EXPECTED_FILES[fmt])
    assert f"dataset version {version}" in capsys.readouterr().out


def test_exported_graphml_opens_in_networkx(store_dir: str, tmp_path: Path) -> None:
    assert main(["export", "--store", store_dir, "--format", "graphml", "--out", str(tmp_path)]) == 0
    graph = nx.read_graphml(io.BytesIO((tmp_path / "eventgraph.graphml").read_bytes()))
    assert graph.nodes["Q406"]["label"] == "Istanbul"
    assert graph.nodes["Q406"]["type"] == "Place"


def test_an_unknown_format_is_refused(store_dir: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--store", store_dir, "--format", "xlsx", "--out", str(tmp_path)])
    assert "invalid choice" in capsys.readouterr().err
