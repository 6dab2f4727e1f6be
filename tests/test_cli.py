"""The command line, run in-process on a store in a temporary directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventgraph.cli import main
from loaders.pipeline import SOURCES_DIR


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

    def counts(out: str) -> list[str]:  # the Wikidata summary line also says how long it took
        return [line for line in out.splitlines() if line.startswith(("local:", "store:"))]

    assert counts(again) == counts(first)
    assert len(counts(first)) == 2
    assert f"local: {len(list(SOURCES_DIR.glob('*.yaml')))} sources" in first


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
