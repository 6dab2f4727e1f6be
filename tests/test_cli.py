"""The command line, run in-process on a store in a temporary directory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from eventgraph.cli import main
from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import SOURCES_DIR
from tests.conformance.audit import live_server


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "store")
    assert main(["load", "--store", path]) == 0
    return path


def test_load_is_idempotent_and_reports_counts(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["load", "--store", store_dir]) == 0
    first = capsys.readouterr().out
    assert main(["load", "--store", store_dir]) == 0
    again = capsys.readouterr().out

    def counts(out: str) -> list[str]:  # one line; its Wikidata part also says how long it took
        [line] = out.splitlines()
        return [part for part in line.split("; ") if part.startswith("store:")]

    assert counts(again) == counts(first)
    assert len(counts(first)) == 1
    sources = len(list(SOURCES_DIR.glob("*.yaml")))
    assert f"local: {sources} sources ({sources} unchanged)" in again
    assert "Wikidata graph: 1 unchanged" in again


def test_query_prints_json(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code = main(["query", "--store", store_dir, '{ entity(qid: "Q406") { label } }'])
    assert code == 0
    assert json.loads(capsys.readouterr().out) == {"data": {"entity": {"label": "Istanbul"}}}


def test_query_errors_exit_non_zero(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--store", store_dir, "{ nope }"]) == 1
    assert "nope" in capsys.readouterr().out


def test_validate_passes_on_the_shipped_data(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--store", store_dir]) == 0
    assert "conforms" in capsys.readouterr().out.lower()


def test_report_counts_editions_per_series(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["report", "--store", store_dir]) == 0
    lines = {line[:40].strip(): line[40:].split() for line in capsys.readouterr().out.splitlines()[2:]}
    # editions, then those without city, country, dates, attendance count, organizers, QID; not held; online; total
    assert lines["Turkic Wikimedia Conference"] == ["3", "0", "0", "0", "2", "1", "3", "1", "0", "unknown"]
    assert main(["report", "--store", store_dir, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    [turkic] = [r for r in report["series"] if r["label"] == "Turkic Wikimedia Conference"]
    assert turkic["attendance_total"] is None, "a sum over an unknown count is unknown, not 0"
    assert {t["type"] for t in report["types"]} >= {"Event", "Organization", "Place", "Person"}


def test_a_broken_source_fails_the_load_and_keeps_the_store(
    store_dir: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.yaml").write_text("provenance: {title: x, url: 'https://x.org'}\nrecords: [{id: a}]\n")
    assert main(["load", "--store", store_dir, "--sources", str(tmp_path)]) == 1
    assert "broken.yaml" in capsys.readouterr().err
    main(["query", "--store", store_dir, '{ entity(qid: "Q406") { label } }'])
    assert "Istanbul" in capsys.readouterr().out


def test_schema_prints_the_sdl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert "type Query" in capsys.readouterr().out


def test_load_links_the_shipped_wikidata_snapshot_offline(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["load", "--store", store_dir, "--source", "wikidata"]) == 0
    out = capsys.readouterr().out
    assert "Wikidata (snapshot" in out
    assert "0 HTTP requests" in out
    assert main(["conflicts", "--store", store_dir]) == 0
    assert "disagreements between local sources and Wikidata" in capsys.readouterr().out


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, so its stderr is exactly what a user sees."""
    return subprocess.run(
        [sys.executable, "-m", "eventgraph.cli", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_query_client_errors_print_one_line_and_no_traceback(store_dir: str) -> None:
    """Issue 14, row 7: a client error is one WARNING line on stderr, the JSON answer on stdout, exit 1."""
    done = _cli("query", "--store", store_dir, "{ events(first: 1000) { totalCount } }")
    assert done.returncode == 1
    assert json.loads(done.stdout)["errors"][0]["extensions"]["code"] == "PAGE_SIZE_LIMIT"
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("WARNING ")
    assert "PAGE_SIZE_LIMIT" in done.stderr
    for args, said in (
        (["--variables", "{not json"], "--variables: not JSON"),
        (["--variables", '{"a": "\\ud800"}'], "lone surrogate"),
        (["--operation", "Nope"], "names no operation"),
    ):
        refused = _cli("query", "--store", store_dir, "query A { __typename }", *args)
        assert refused.returncode == 1, args
        assert "Traceback" not in refused.stderr, args
        assert said in refused.stderr, refused.stderr


def test_published_provenance_names_no_server_path(store_dir: str) -> None:
    """Issue 14, row 12: sources { endpoint }, every export and the SPARQL metadata graph hold no install path."""
    install_dir = str(Path(__file__).resolve().parents[1])
    store = OxigraphStore.open(store_dir)
    try:
        with live_server(store) as url:
            base = url.removesuffix("/graphql")
            sources = httpx.post(url, json={"query": "{ sources { title url endpoint } }"}, timeout=30).json()
            snapshot = next(s for s in sources["data"]["sources"] if "snapshot" in s["title"])
            assert snapshot["endpoint"] == "file:loaders/snapshots/wikidata.ttl"
            answers = [httpx.get(f"{base}/export/{fmt}", timeout=60).content for fmt in ("turtle", "jsonld", "graphml")]
            meta = httpx.get(
                f"{base}/sparql", params={"query": "CONSTRUCT WHERE { GRAPH ?g { ?s ?p ?o } }"}, timeout=60
            )
            answers += [json.dumps(sources).encode(), meta.content]
    finally:
        store.close()
    assert all(install_dir.encode() not in answer for answer in answers)
    assert any(b"loaders/snapshots/wikidata.ttl" in answer for answer in answers[:2])


def test_a_load_reports_every_problem_of_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = "provenance: {title: t, url: 'https://example.org/t'}\nrecords:\n"
    (tmp_path / "a.yaml").write_text(
        good + "- {id: a-1, type: Event, label: A, kind: party}\n- {id: a-2, type: Event, label: B, start: 'June'}\n"
    )
    (tmp_path / "b.yaml").write_text(good + "- {id: b-1, type: Nothing, label: C}\n")
    (tmp_path / "c.yaml").write_text("records: [\n")
    assert main(["load", "--store", str(tmp_path / "store"), "--sources", str(tmp_path), "--source", "local"]) == 1
    err = capsys.readouterr().err
    assert "4 problems in 3 source files" in err
    for where in ("a.yaml:3: field 'kind'", "a.yaml:4: field 'start'", "b.yaml:3: field 'type'", "c.yaml:"):
        assert where in err, where


def test_the_summary_says_what_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = "provenance: {{title: {0}, url: 'https://example.org/{0}'}}\nrecords:\n"
    record = "- {{id: {0}, type: Event, label: {1}}}\n"
    for name in ("one", "two", "three"):
        (tmp_path / f"{name}.yaml").write_text(head.format(name) + record.format(f"ev-{name}", name))
    store = ["--store", str(tmp_path / "store"), "--sources", str(tmp_path), "--source", "local"]
    assert main(["load", *store]) == 0
    assert "local: 3 sources (3 added (one, three, two))" in capsys.readouterr().out
    (tmp_path / "two.yaml").unlink()
    (tmp_path / "one.yaml").write_text(head.format("one") + record.format("ev-one", "One renamed"))
    (tmp_path / "four.yaml").write_text(head.format("four") + record.format("ev-four", "four"))
    assert main(["load", *store]) == 0
    assert "(1 changed (one), 1 added (four), 1 removed (two), 1 unchanged)" in capsys.readouterr().out
