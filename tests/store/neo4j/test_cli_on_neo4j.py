"""The command line on Neo4j: load, query, report, conflicts, export and validate work unchanged; a removed source
file disappears; a load killed at any moment leaves the previous answers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from eventgraph.cli import main
from eventgraph.model import EG_ID
from eventgraph.store.neo4j import Neo4jStore
from tests.conftest import ROOT
from tools.local_neo4j import LocalNeo4j

SMALL_MEETUP = EG_ID + "small-meetup-1"
RESEARCH = ROOT / "tests" / "data" / "research" / "synthetic-research.yaml"


def synthetic_source(path: Path, events: int, name: str) -> Path:
    """A source file of `events` invented meetups (tests only)."""
    records = [
        {
            "id": f"{name}-meetup-{n}",
            "type": "Event",
            "label": f"Synthetic {name} meetup {n}",
            "kind": "meetup",
            "start": f"{2000 + n % 25}-0{1 + n % 9}",
            "attendance": f"about {10 + n}",
            "sources": [{"url": f"https://example.org/{name}/{n}", "quote": f"meetup number {n}"}],
        }
        for n in range(events)
    ]
    provenance = {"title": f"Synthetic {name} (tests only)", "url": f"https://example.org/{name}", "licence": "CC0 1.0"}
    path.write_text(yaml.safe_dump({"provenance": provenance, "records": records}, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / RESEARCH.name).write_text(RESEARCH.read_text(encoding="utf-8"), encoding="utf-8")
    synthetic_source(folder / "small.yaml", 3, "small")
    return folder


@pytest.fixture
def uri(neo4j_store: Neo4jStore, neo4j_server: LocalNeo4j) -> str:
    return neo4j_server.uri


def load(uri: str, folder: Path) -> int:
    return main(["load", "--store", uri, "--source", "local", "--sources", str(folder)])


def test_commands_work_unchanged_on_neo4j(
    uri: str, sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert load(uri, sources) == 0
    capsys.readouterr()
    assert main(["query", "--store", uri, '{ entity(qid: "Q9000501") { label } }']) == 0
    assert json.loads(capsys.readouterr().out) == {"data": {"entity": {"label": "Testopolis"}}}
    assert main(["report", "--store", uri]) == 0
    assert "editions" in capsys.readouterr().out
    assert main(["conflicts", "--store", uri]) == 0
    assert "disagreements between local sources and Wikidata" in capsys.readouterr().out
    for fmt in ("csv", "turtle"):
        assert main(["export", "--store", uri, "--format", fmt, "--out", str(tmp_path / fmt)]) == 0
    assert (tmp_path / "turtle" / "manifest.json").exists()
    assert main(["validate", "--store", uri]) == 0


def test_a_removed_source_file_disappears(uri: str, sources: Path) -> None:
    assert load(uri, sources) == 0
    store = Neo4jStore.connect(uri)
    try:
        before = {s.title for s in store.sources()}
        assert "Synthetic small (tests only)" in before
        assert store.describe([SMALL_MEETUP])
        (sources / "small.yaml").unlink()
        assert load(uri, sources) == 0
        assert {s.title for s in store.sources()} == before - {"Synthetic small (tests only)"}
        assert store.describe([SMALL_MEETUP]) == {}
    finally:
        store.close()


def _running_write(uri: str) -> bool:
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=None) as driver:
        records, _, _ = driver.execute_query("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery")
    return any("UNWIND $rows" in str(r["currentQuery"]) for r in records)


def state(uri: str) -> tuple[str, dict[str, int], list[str]]:
    store = Neo4jStore.connect(uri)
    try:
        return store.dataset_version(), dict(store.counts()), [s.graph for s in store.sources()]
    finally:
        store.close()


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.4, 1.2])
def test_a_killed_load_leaves_the_previous_answers(uri: str, sources: Path, tmp_path: Path, delay: float) -> None:
    assert load(uri, sources) == 0
    before = state(uri)
    bigger = tmp_path / "bigger"
    bigger.mkdir()
    synthetic_source(bigger / "many.yaml", 8000, "many")  # its write outlasts the longest delay on an idle machine
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTGRAPH_")}
    command = [sys.executable, "-m", "eventgraph.cli", "load", "--store", uri, "--source", "local"]
    process = subprocess.Popen([*command, "--sources", str(bigger)], env=env, cwd=ROOT)
    deadline = time.monotonic() + 120
    while not _running_write(uri) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the load ended before it was seen writing: make the source bigger"
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the load finished before it was killed: make the source bigger"
    assert state(uri) == before, "a killed load changed what is served"
