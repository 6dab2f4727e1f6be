"""The Wikidata loader's parts without a server: configuration, query binding, sitelink spellings, dates,
coordinates, classes, Retry-After, the cache, conflicts rules, and loads over the fixture file in-process."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from eventgraph.errors import WikidataQueryError
from eventgraph.model import EG_ID, EG_SOURCE, GEO_WKT, RDF_TYPE, WD, EntityClass, Iri, Literal, P, SourceInfo, Triple
from eventgraph.store.oxigraph import OxigraphStore, RdfFiles
from loaders.wikidata import WIKIDATA_GRAPH, WikidataConfig, load_config
from loaders.wikidata.cache import ResponseCache
from loaders.wikidata.client import parse_retry_after
from loaders.wikidata.config import ConfigError, parse_config
from loaders.wikidata.conflicts import _compatible, _Value
from loaders.wikidata.discovery import page_spellings
from loaders.wikidata.facts import ItemFacts, Statement, TimeValue
from loaders.wikidata.load import load_with
from loaders.wikidata.mapping import GREGORIAN, classify, partial_date, wkt_point
from loaders.wikidata.offline import LocalExecutor
from loaders.wikidata.queries import NamedQuery, bind, sparql_term
from tests.loaders.conftest import FIXTURE

# ---------------------------------------------------------------------- configuration


def test_the_shipped_configuration_is_valid() -> None:
    config = load_config()
    assert config.endpoint == "https://query.wikidata.org/sparql"
    assert "Q22337472" in config.discovery.classes
    assert config.class_rule("Q245065") is not None
    assert config.languages[:3] == ("en", "de", "es")
    assert config.snapshot_file.exists()


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"classes": [{"qid": "Q-1", "type": "Event"}]}, "classes[0].qid"),
        ({"classes": [{"qid": "Q9000050", "type": "Happening"}]}, "classes[0].type"),
        ({"classes": [{"qid": "Q9000050", "type": "Place", "kind": "hackathon"}]}, "classes[0].kind"),
        ({"classes": [{"qid": "Q9000050", "type": "Place"}, {"qid": "Q9000050", "type": "Event"}]}, "classes"),
        ({"client": {"timeout_s": -1}}, "client.timeout_s"),
        ({"discovery": {"classes": ["user group"]}}, "discovery.classes"),
    ],
)
def test_configuration_errors_name_the_key(table: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(f"wikidata.toml: {key}:")):
        parse_config(table, Path("loaders/wikidata.toml"))


def test_the_user_agent_is_descriptive_and_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTGRAPH_WIKIDATA_CONTACT", raising=False)
    config = load_config()
    assert config.user_agent.startswith("eventgraph/0.1.0 (https://w3id.org/eventgraph/)")
    assert "SPARQLWrapper/" in config.user_agent
    monkeypatch.setenv("EVENTGRAPH_WIKIDATA_CONTACT", "ops@example.org")
    assert "(https://w3id.org/eventgraph/; ops@example.org)" in config.user_agent
    assert replace(config, user_agent_override="Custom/1.0 (x@example.org)").user_agent == "Custom/1.0 (x@example.org)"


# ---------------------------------------------------------------------- queries


def test_values_are_bound_into_the_empty_values_block() -> None:
    config = load_config()
    query = bind(config.queries_dir, "sitelinks", {"page": [Iri("https://meta.wikimedia.org/wiki/A_B")]})
    assert "VALUES ?page { <https://meta.wikimedia.org/wiki/A_B> }" in query.text
    assert query.text.startswith("# Purpose:")
    with pytest.raises(ValueError, match=re.escape("no empty 'VALUES ?item { }' block")):
        bind(config.queries_dir, "sitelinks", {"item": []})


def test_terms_are_serialized_safely() -> None:
    assert sparql_term(Literal('say "hi"\n', language="en")) == '"say \\"hi\\"\\n"@en'
    assert sparql_term(Literal("3", "http://www.w3.org/2001/XMLSchema#integer")).endswith("XMLSchema#integer>")
    with pytest.raises(ValueError, match="not a valid IRI"):
        sparql_term(Iri("https://example.org/a> } DROP ALL { <x"))


def test_page_spellings_cover_how_wikidata_stores_titles() -> None:
    spellings = page_spellings("https://tr.m.wikipedia.org/wiki/test Konferansı")
    assert "https://tr.wikipedia.org/wiki/Test_Konferans%C4%B1" in spellings
    assert "https://tr.wikipedia.org/wiki/test_Konferans%C4%B1" in spellings
    assert all(" " not in s for s in spellings)
    assert page_spellings("https://meta.wikimedia.org/wiki/Grants:Project/A,_B_(C)") == [
        "https://meta.wikimedia.org/wiki/Grants:Project/A,_B_(C)"
    ]


# ---------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("time", "precision", "calendar", "expected"),
    [
        ("2012-01-01T00:00:00Z", 9, GREGORIAN, "2012"),
        ("2023-10-01T00:00:00Z", 10, GREGORIAN, "2023-10"),
        ("2023-10-20T00:00:00Z", 11, GREGORIAN, "2023-10-20"),
        ("2023-10-20T14:00:00Z", 13, None, "2023-10-20"),
        ("2010-01-01T00:00:00Z", 8, GREGORIAN, None),  # a decade: not representable
        ("1582-10-04T00:00:00Z", 11, WD + "Q9000090", None),  # a calendar model other than the Gregorian one
        ("-0331-01-01T00:00:00Z", 9, GREGORIAN, None),  # before year 1
        ("2023-02-30T00:00:00Z", 11, GREGORIAN, None),
    ],
)
def test_partial_dates_keep_the_precision(
    time: str, precision: int, calendar: str | None, expected: str | None
) -> None:
    parsed = partial_date(TimeValue(None, time, precision, calendar))
    assert (str(parsed) if parsed else None) == expected


def test_coordinates_are_longitude_first_and_on_earth() -> None:
    assert wkt_point("Point(28.9784 41.0082)", None, None) == Literal("Point(28.9784 41.0082)", GEO_WKT)
    assert wkt_point("ignored", 41.0, 29.0) == Literal("Point(29.0 41.0)", GEO_WKT)
    assert wkt_point("<http://www.wikidata.org/entity/Q9000091> Point(10 20)", None, None) is None
    assert wkt_point("Point(200 10)", None, None) is None


def test_a_direct_class_wins_over_an_inherited_one_then_table_order() -> None:
    config = load_config()
    item = ItemFacts("Q9000099")
    item.statements["P31"] = [Statement(None, Iri(WD + "Q9000098")), Statement(None, Iri(WD + "Q1656682"))]
    rules = classify({"Q9000099": item}, config, {"Q9000098": {"Q46855"}})
    assert rules["Q9000099"].qid == "Q1656682"  # direct "event", not the inherited "hackathon"
    item.statements["P31"] = [Statement(None, Iri(WD + "Q9000098"))]
    rules = classify({"Q9000099": item}, config, {"Q9000098": {"Q625994", "Q46855"}})
    assert rules["Q9000099"].kind == "hackathon"  # hackathon comes before conference in the table


def test_retry_after_reads_seconds_and_dates() -> None:
    assert parse_retry_after("120") == 120.0
    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Wed, 01 Jan 2025 12:01:00 GMT", now) == 60.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_the_cache_is_keyed_by_endpoint_and_query(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    query = NamedQuery("sitelinks", "SELECT * WHERE { ?s ?p ?o }")
    cache.put("https://a.example/sparql", query, "json", '{"head": {"vars": []}, "results": {"bindings": []}}')
    assert cache.get("https://a.example/sparql", query, "json") is not None
    assert cache.get("https://b.example/sparql", query, "json") is None
    assert cache.get("https://a.example/sparql", NamedQuery("sitelinks", "ASK {}"), "json") is None


@pytest.mark.parametrize(
    ("prop", "local", "wikidata", "nested", "expected"),
    [
        (P.start_date, _Value("2023", "2023"), _Value("2023-10-20", "2023-10-20"), False, True),
        (P.start_date, _Value("2023-10-21", "2023-10-21"), _Value("2023-10-20", "2023-10-20"), False, False),
        (P.attendance, _Value("90+", "_:a", None, 90), _Value("150", "_:b", 150), False, True),
        (P.attendance, _Value("About 200-250", "_:a", None, 200, 250), _Value("150", "_:b", 150), False, False),
        (P.attendance, _Value("TBA", "_:a"), _Value("150", "_:b", 150), False, None),
        (P.coordinates, _Value("Point(29 41)", "Point(29 41)"), _Value("x", "Point(29.05 41.02)"), False, True),
        (P.location, _Value("a", WD + "Q9000051"), _Value("b", WD + "Q9000052"), True, True),
        (P.location, _Value("a", WD + "Q9000051"), _Value("b", WD + "Q9000052"), False, False),
    ],
)
def test_compatible_values_are_no_conflict(
    prop: str, local: _Value, wikidata: _Value, nested: bool, expected: bool | None
) -> None:
    assert _compatible(prop, local, wikidata, nested) is expected


# ---------------------------------------------------------------------- whole loads, in-process over the fixture


def test_a_local_type_is_kept_when_wikidata_classes_the_item_otherwise(wikidata_config: WikidataConfig) -> None:
    store = OxigraphStore.in_memory()
    local = [Triple(Iri(WD + "Q9000010"), Iri(RDF_TYPE), Iri(EntityClass.ORGANIZATION.iri))]
    store.replace_source(SourceInfo(EG_SOURCE + "t", "t", "https://example.org", "local"), local)
    report = load_with(store, wikidata_config, LocalExecutor(RdfFiles(FIXTURE)), "test")
    assert any("Q9000010: Wikidata class maps to Place" in w for w in report.warnings)
    facts = store.describe([WD + "Q9000010"])[WD + "Q9000010"]
    assert {(f.value, f.graph) for f in facts.all(RDF_TYPE)} == {(Iri(EntityClass.ORGANIZATION.iri), EG_SOURCE + "t")}
    assert facts.first(P.place_kind) is None


def test_discovery_stops_at_max_items(wikidata_config: WikidataConfig) -> None:
    store = OxigraphStore.in_memory()
    local = [Triple(Iri(WD + "Q9000001"), Iri(RDF_TYPE), Iri(EntityClass.EVENT_SERIES.iri))]
    store.replace_source(SourceInfo(EG_SOURCE + "t", "t", "https://example.org", "local"), local)
    config = replace(wikidata_config, discovery=replace(wikidata_config.discovery, max_items=3))
    report = load_with(store, config, LocalExecutor(RdfFiles(FIXTURE)), "test")
    assert report.truncated
    assert report.items == 3
    assert any("max_items=3" in w for w in report.warnings)


def test_an_unknown_seed_is_reported(wikidata_config: WikidataConfig) -> None:
    store = OxigraphStore.in_memory()
    local = [Triple(Iri(WD + "Q9000777"), Iri(RDF_TYPE), Iri(EntityClass.PLACE.iri))]
    store.replace_source(SourceInfo(EG_SOURCE + "t", "t", "https://example.org", "local"), local)
    report = load_with(store, wikidata_config, LocalExecutor(RdfFiles(FIXTURE)), "test")
    assert "Q9000777: the endpoint states nothing about it (no label, no statement)" in report.warnings
    assert report.without_qid == ()
    assert [s.graph for s in store.sources()] == [EG_SOURCE + "t", WIKIDATA_GRAPH]


def test_two_local_entities_claiming_one_item_are_not_linked(wikidata_config: WikidataConfig) -> None:
    store = OxigraphStore.in_memory()
    page = Iri("https://meta.wikimedia.org/wiki/Test_Wiki_Conference")
    local = [
        Triple(Iri(EG_ID + name), Iri(predicate), obj)
        for name in ("twin-a", "twin-b")
        for predicate, obj in ((RDF_TYPE, Iri(EntityClass.EVENT_SERIES.iri)), (P.page, page))
    ]
    store.replace_source(SourceInfo(EG_SOURCE + "t", "t", "https://example.org", "local"), local)
    report = load_with(store, wikidata_config, LocalExecutor(RdfFiles(FIXTURE)), "test")
    assert report.linked == ()
    assert any("all resolve to Q9000001; none linked" in w for w in report.warnings)
    assert set(report.without_qid) == {EG_ID + "twin-a", EG_ID + "twin-b"}


def test_a_broken_query_names_its_file() -> None:
    with pytest.raises(WikidataQueryError, match=r"query broken\.rq"):
        LocalExecutor(RdfFiles(FIXTURE)).select(NamedQuery("broken", "SELECT ?x WHERE { ?x"))


def test_a_dataset_without_ranks_or_full_values_is_read_without_guessing(
    tmp_path: Path, wikidata_config: WikidataConfig
) -> None:
    data = tmp_path / "plain.ttl"
    data.write_text(
        """
        @prefix wd: <http://www.wikidata.org/entity/> .
        @prefix p: <http://www.wikidata.org/prop/> .
        @prefix ps: <http://www.wikidata.org/prop/statement/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        wd:Q9000060 rdfs:label "Rankless Test Event"@en ;
            p:P31 [ ps:P31 wd:Q625994 ] ;
            p:P580 [ ps:P580 "2020-01-01T00:00:00Z"^^xsd:dateTime ] .
        """,
        encoding="utf-8",
    )
    store = OxigraphStore.in_memory()
    local = [Triple(Iri(WD + "Q9000060"), Iri(RDF_TYPE), Iri(EntityClass.EVENT.iri))]
    store.replace_source(SourceInfo(EG_SOURCE + "t", "t", "https://example.org", "local"), local)
    report = load_with(store, wikidata_config, LocalExecutor(RdfFiles(data)), "test")
    event = store.describe([WD + "Q9000060"])[WD + "Q9000060"]
    assert event.literal(P.kind) == "conference"  # a statement without a rank counts as normal rank
    assert event.first(P.start_date) is None  # 2020-01-01 could be a year, a month or a day: not guessed
    assert any("P580 2020-01-01T00:00:00Z (no precision stated)" in w for w in report.warnings)
