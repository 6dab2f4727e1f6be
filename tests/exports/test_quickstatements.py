"""QuickStatements: what local sources state about linked items and the loaded Wikidata data lacks, referenced.

A real store holds the synthetic fixture (tests/data/exports) and a synthetic Wikidata graph written here: it
describes some of the fixture's items (Q9000601+), states one fact the same way, one differently, and leaves one
item out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventgraph.cli import main
from eventgraph.exports.build import export
from eventgraph.model import EG_SOURCE, RDFS_LABEL, WD, XSD_DATE, Iri, Literal, P, SourceInfo, Triple
from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import load_local
from loaders.wikidata import find_conflicts
from tests.exports.test_graph_exports import FIXTURE_DIR

WIKIDATA = SourceInfo(
    graph=EG_SOURCE + "wikidata", title="Wikidata (synthetic)", url="https://example.org/wd", kind="wikidata"
)
NEWS = "https://example.org/sample-summit-2031/news"
VENUE = "https://example.org/sample-summit-2031/venue"
RETRIEVED = "S813\t+2030-01-15T00:00:00Z/11"  # the fixture's provenance `retrieved`

# the parts of a V1 command, as the QuickStatements 3 parser reads them (parsers/base.py, parsers/v1.py)
_ITEM = r"Q\d+"
_TIME = r"[+-]?\d+-\d\d-\d\dT\d\d:\d\d:\d\dZ/\d+"
_QUANTITY = r"[+-]?\d+(\.\d+)?"
_STRING = r'"[^"\t|]*"'
_VALUE = re.compile(f"^({_ITEM}|{_TIME}|{_QUANTITY}|{_STRING})$")


def wd(qid: str) -> Iri:
    return Iri(WD + qid)


def label(qid: str, text: str) -> Triple:
    return Triple(wd(qid), Iri(RDFS_LABEL), Literal(text, language="en"))


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    load_local(store, FIXTURE_DIR)
    triples = [
        label("Q9000621", "Sample Summit 2031"),
        Triple(wd("Q9000621"), Iri(P.start_date), Literal("2031-05-10", XSD_DATE)),  # the same start
        Triple(wd("Q9000621"), Iri(P.location), wd("Q9000603")),  # another city: a conflict
        Triple(wd("Q9000621"), Iri(P.organizer), wd("Q9000611")),  # one of the organizers
        label("Q9000622", "Sample Summit 2032"),
        label("Q9000611", "Alpha Wikimedians"),
        label("Q9000612", "Beta Chapter"),
        label("Q9000624", "Sample Summit 2034"),
        # Q9000623 (Sample Workshop 2033) is left out: nothing is known of what Wikidata says about it
    ]
    store.replace_source(WIKIDATA, triples)
    return store


def statements(store: OxigraphStore) -> dict[tuple[str, str, str], str]:
    text = export(store, "quickstatements").files[0].content.decode()
    found = {}
    for line in text.splitlines():
        item, prop, value, rest = line.split("\t", 3)
        found[(item, prop, value)] = rest
    return found


def test_lines_are_v1_commands_with_a_reference_url_and_a_retrieval_date(store: OxigraphStore) -> None:
    text = export(store, "quickstatements").files[0].content.decode()
    assert text.endswith("\n")
    for line in text.splitlines():
        command, summary = re.fullmatch(r"(.*?) /\* (.*) \*/", line).groups()  # type: ignore[union-attr]
        assert store.dataset_version()[:12] in summary
        cells = command.split("\t")
        assert re.fullmatch(_ITEM, cells[0]), line
        assert re.fullmatch(r"P\d+", cells[1]), line
        assert _VALUE.match(cells[2]), line
        pairs = list(zip(cells[3::2], cells[4::2], strict=True))
        assert pairs[0][0] == "S854", line
        assert pairs[0][1].startswith('"https://'), line
        assert ("S813", "+2030-01-15T00:00:00Z/11") in pairs, line
        assert all(re.fullmatch(r"!?S\d+", key) and _VALUE.match(value) for key, value in pairs), line


def test_facts_wikidata_lacks_are_proposed_with_the_citation_that_states_them(store: OxigraphStore) -> None:
    found = statements(store)
    assert found[("Q9000621", "P582", "+2031-05-12T00:00:00Z/11")].startswith(f'S854\t"{NEWS}"\t{RETRIEVED} ')
    assert found[("Q9000621", "P17", "Q9000601")].startswith(f'S854\t"{VENUE}"\t{RETRIEVED} ')  # names Exampleland
    assert found[("Q9000621", "P1132", "120")].startswith(f'S854\t"{NEWS}"\t{RETRIEVED} ')  # says 120
    assert ("Q9000621", "P664", "Q9000612") in found  # an organizer Wikidata does not list
    assert ("Q9000622", "P580", "+2032-06-00T00:00:00Z/10") in found  # month precision
    assert ("Q9000622", "P276", "Q9000603") in found
    assert ("Q9000611", "P571", "+2019-03-00T00:00:00Z/10") in found
    assert ("Q9000611", "P159", "Q9000602") in found


def test_nothing_wikidata_states_contradicts_or_cannot_hold(store: OxigraphStore) -> None:
    found = statements(store)
    proposed = {(item, prop) for item, prop, _ in found}
    assert ("Q9000621", "P580") not in proposed  # Wikidata states the same start
    assert ("Q9000621", "P664", "Q9000611") not in found  # nor again an organizer it lists
    assert ("Q9000621", "P276") not in proposed  # Wikidata names another city: a conflict, not a proposal
    conflicts = find_conflicts(store)
    assert any(c.entity == WD + "Q9000621" and c.property == P.location for c in conflicts)
    assert ("Q9000622", "P1132") not in proposed  # "90+" is a bound, not a count
    assert ("Q9000624", "P1132") not in proposed  # two sources, two figures: for an editor to settle first
    assert ("Q9000624", "P580", "+2034-09-01T00:00:00Z/11") in found
    assert not any(item == "Q9000623" for item, _ in proposed)  # not in the loaded Wikidata data
    assert not any(value.startswith("eg:") or "delta" in value for _, _, value in found)  # unlinked values
    assert all(
        item.startswith("Q900060") or item.startswith("Q900061") or item.startswith("Q900062") for item, _ in proposed
    )


def test_without_wikidata_data_nothing_is_proposed() -> None:
    store = OxigraphStore.in_memory()
    load_local(store, FIXTURE_DIR)
    built = export(store, "quickstatements")
    assert built.files[0].content == b""
    assert built.notes["statements"] == 0
    assert built.notes["skipped_not_in_wikidata_data"] > 0


def test_cli_writes_the_file_and_says_what_it_compared_with(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "store"
    with OxigraphStore.open(path) as store:
        load_local(store, FIXTURE_DIR)
        store.replace_source(WIKIDATA, [label("Q9000622", "Sample Summit 2032")])
    assert main(["export", "--store", str(path), "--format", "quickstatements", "--out", str(tmp_path / "qs")]) == 0
    lines = (tmp_path / "qs" / "eventgraph.quickstatements.tsv").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("Q9000622\tP580\t") for line in lines)
    assert "statements " in capsys.readouterr().out
