"""The offline subset: rebuilt from an endpoint with CONSTRUCT queries, and loaded in-process without HTTP."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox

from eventgraph.model import WD, P
from eventgraph.store.oxigraph import OxigraphStore, RdfFiles
from loaders.pipeline import SOURCES_DIR, load_local
from loaders.wikidata import WIKIDATA_GRAPH, WikidataConfig, build_snapshot, load_snapshot, load_wikidata
from tests.conftest import ROOT
from tests.loaders.conftest import FaultProxy

SNAPSHOTS = ROOT / "loaders" / "snapshots"


def wikidata_quads(store: OxigraphStore) -> set[str]:
    return {line for line in store.dump().decode("utf-8").splitlines() if f"<{WIKIDATA_GRAPH}>" in line}


def test_a_rebuilt_snapshot_answers_the_loader_as_the_endpoint_does(
    tmp_path: Path, linked_store: OxigraphStore, wikidata_config: WikidataConfig, proxy: FaultProxy
) -> None:
    config = replace(wikidata_config, snapshot_items=("Q9000001", "Q9000004", "Q9000010", "Q9000020"))
    report = build_snapshot(config, proxy.url, tmp_path)
    assert report.path == tmp_path / "wikidata.ttl"
    assert {r.user_agent for r in proxy.requests} == {config.user_agent}
    assert all(r.query.lstrip().startswith("# Purpose:") for r in proxy.requests)
    text = report.path.read_text(encoding="utf-8")
    assert "wikibase:rank wikibase:DeprecatedRank" in text  # copied as Wikidata has it; the loader drops it
    assert "wikibase:timePrecision" in text
    assert "<https://tr.wikipedia.org/wiki/Test_Konferans%C4%B1_2021>" in text
    assert "Q9000006" not in text  # nothing leads there
    readme = report.readme.read_text(encoding="utf-8")
    assert "| Q9000004 | Test Wiki Conference 2023 | 1004 |" in readme

    online = load_wikidata(linked_store, config, endpoint=proxy.url)
    expected = wikidata_quads(linked_store)
    offline = load_snapshot(linked_store, replace(config, snapshot_file=report.path), RdfFiles(report.path))
    assert wikidata_quads(linked_store) == expected
    assert offline.items == online.items
    assert offline.linked == online.linked
    assert offline.source.extra["revisions"] == online.source.extra["revisions"]


def test_the_shipped_snapshot_holds_only_sourced_items() -> None:
    store = ox.Store()
    store.load(path=str(SNAPSHOTS / "wikidata.ttl"))
    readme = (SNAPSHOTS / "README.md").read_text(encoding="utf-8")
    cited = set(re.findall(r"^\| (Q\d+) \|", readme, flags=re.MULTILINE))
    items = {
        str(term.value).removeprefix(WD)
        for quad in store
        for term in (quad.subject, quad.object)
        if isinstance(term, ox.NamedNode) and str(term.value).startswith(WD)
    }
    assert items
    assert items <= cited, f"cite the source of {sorted(items - cited)} in loaders/snapshots/README.md"
    predicates = {quad.predicate.value for quad in store}
    assert predicates <= {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.wikidata.org/prop/direct/P31",
        "http://www.wikidata.org/prop/direct/P279",
        "http://www.wikidata.org/prop/direct/P749",
    }
    languages = {quad.object.language for quad in store if isinstance(quad.object, ox.Literal)}
    assert languages == {"en"}


def test_load_works_offline_from_the_shipped_snapshot(wikidata_config: WikidataConfig) -> None:
    store = OxigraphStore.in_memory()
    load_local(store, SOURCES_DIR)
    report = load_snapshot(store, wikidata_config, RdfFiles(wikidata_config.snapshot_file))
    assert report.mode == "snapshot"
    assert report.requests == 0
    assert report.queries > 0
    [source] = [s for s in store.sources() if s.graph == WIKIDATA_GRAPH]
    assert source.title == "Wikidata (shipped snapshot)"
    assert source.triples == report.source.triples > 0
    # the Wikimedia Foundation (Q180) is in the shipped local sources by QID: it gets its label from the subset
    foundation = store.describe([WD + "Q180"])[WD + "Q180"]
    labels = {(f.value, f.graph) for f in foundation.all("http://www.w3.org/2000/01/rdf-schema#label")}
    assert any(graph == WIKIDATA_GRAPH for _, graph in labels)
    # no sitelinks are shipped: nothing is linked by guessing, and the entities without a QID are listed
    assert report.linked == ()
    assert report.without_qid
    assert all(iri.startswith("https://w3id.org/eventgraph/id/") for iri in report.without_qid)
    assert f"<{P.same_as}>" not in "".join(wikidata_quads(store))
