"""docs/sparql.md: generated from the ontology and queries/sparql/, complete, and every example answers right.

The examples run against the shipped data and check facts their sources state (quoted in the source files).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from eventgraph.model import EG, EG_ID, WD
from eventgraph.sparql_docs import examples, render
from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import ROOT

Rows = list[dict[str, str]]
TWC = EG_ID + "turkic-wikimedia-conference-"


def test_the_checked_in_page_is_what_the_ontology_and_examples_generate() -> None:
    assert (ROOT / "docs" / "sparql.md").read_text(encoding="utf-8") == render(), "run `make docs`"


def test_every_class_and_predicate_in_the_data_is_documented(loaded_store: OxigraphStore) -> None:
    page = render()
    used = loaded_store.select(
        "SELECT DISTINCT ?term WHERE { { ?s ?term ?o } UNION { ?s a ?term } "
        f"FILTER(STRSTARTS(STR(?term), '{EG}')) }}"
    )
    missing = [r["term"] for r in used if f"`eg:{r['term'][len(EG) :]}`" not in page]
    assert len(used) > 50
    assert missing == []


def series_editions(rows: Rows) -> None:
    twc = [r for r in rows if r["event"].startswith(TWC)]
    assert [r["start"][:4] for r in twc] == ["2012", "2023", "2025"]  # "first held in Almaty ... in 2012"
    assert twc[0]["place"] == WD + "Q35493"  # Almaty


def events_in_country_and_year(rows: Rows) -> None:
    organizers = {r.get("organizer") for r in rows if r["event"] == TWC + "2023"}
    assert EG_ID + "wmturkic" in organizers


def attendance_claims(rows: Rows) -> None:
    claims = {(r["text"], r["preferred"]) for r in rows if r["event"] == EG_ID + "wikimania-2014"}
    assert claims == {("more than 4,000 attendees", "true"), ("2000 visitors", "false")}


def affiliate_events_with_partners(rows: Rows) -> None:
    assert any(r["event"] == TWC + "2023" and r.get("partner") == WD + "Q180" for r in rows)


def search_names(rows: Rows) -> None:
    assert {r["entity"] for r in rows} == {WD + "Q406"}  # Istanbul, also as İstanbul


def facets(rows: Rows) -> None:
    years = {r["key"]: r["count"] for r in rows if r["dimension"] == "year"}
    assert years == {"2012": "1", "2023": "1", "2025": "1"}


def events_during_in(rows: Rows) -> None:
    assert EG_ID + "wikimedia-hackathon-2025" in {r["event"] for r in rows}


def path(rows: Rows) -> None:
    assert {"first": EG + "partner"} in rows  # TURKSOY partnered the 2012 conference directly


def co_organization(rows: Rows) -> None:
    pairs = {frozenset((r["a"], r["b"])) for r in rows}
    assert frozenset((EG_ID + "wmturkic", EG_ID + "wikimedia-community-user-group-turkey")) in pairs


CHECKS: dict[str, Callable[[Rows], None]] = {
    "01-series-editions": series_editions,
    "02-events-in-country-and-year": events_in_country_and_year,
    "03-attendance-claims": attendance_claims,
    "04-affiliate-events-with-partners": affiliate_events_with_partners,
    "05-search-names": search_names,
    "06-facets-year-and-organizer": facets,
    "07-events-during-in": events_during_in,
    "08-path": path,
    "09-co-organization": co_organization,
}


@pytest.mark.parametrize("example", examples(), ids=[p.stem for p in examples()])
def test_each_example_answers_right(example: Path, loaded_store: OxigraphStore, client: TestClient) -> None:
    assert example.stem in CHECKS, f"add a check for the new example {example.name}"
    text = example.read_text(encoding="utf-8")
    CHECKS[example.stem](loaded_store.select(text))
    response = client.post("/sparql", content=text, headers={"content-type": "application/sparql-query"})
    assert response.status_code == 200
    assert response.json()["results"]["bindings"]
