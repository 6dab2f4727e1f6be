"""Every named example in queries/examples runs as written (with its default variables) and answers right."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import ROOT, data_of

EXAMPLES = sorted((ROOT / "queries" / "examples").glob("*.graphql"))


def series_editions(data: dict[str, Any]) -> None:
    events = data["node"]["events"]
    assert [e["startDate"][:4] for e in events if e["id"].startswith("eg:turkic-wikimedia-conference-")] == [
        "2012",
        "2023",
        "2025",
    ]
    assert events[0]["country"]["id"] == "Q232"


def events_by_country_and_year(data: dict[str, Any]) -> None:
    ids = [n["id"] for n in data["events"]["nodes"]]
    assert "eg:turkic-wikimedia-conference-2023" in ids
    assert data["events"]["totalCount"] == len(ids)


def affiliate_events_with_partners(data: dict[str, Any]) -> None:
    events = {e["id"]: e for e in data["node"]["events"]}
    partners = {p["organization"]["id"] for p in events["eg:turkic-wikimedia-conference-2023"]["partners"]}
    assert "Q180" in partners


CHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "series-editions": series_editions,
    "events-by-country-and-year": events_by_country_and_year,
    "affiliate-events-with-partners": affiliate_events_with_partners,
}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_answers(path: Path, loaded_store: OxigraphStore) -> None:
    assert path.stem in CHECKS, f"add a check for the new example {path.name}"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "each example opens with a comment saying what it answers"
    CHECKS[path.stem](data_of(loaded_store, text))
