"""The Wikidata loader against a real SPARQL server (the oxigraph CLI) over real HTTP, through SPARQLWrapper.

The fixture (tests/data/wikidata/fixture.ttl) is a synthetic Wikidata-format dataset; the local side is
`local_triples()` in conftest. Faults come from the proxy in front of the server.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from eventgraph.errors import WikidataQueryError, WikidataRateLimitError, WikidataTimeoutError
from eventgraph.model import (
    EG_ID,
    GEO_WKT,
    WD,
    XSD_DATE,
    XSD_GYEAR,
    XSD_GYEARMONTH,
    Blank,
    EntityClass,
    Iri,
    Literal,
    P,
    Resource,
)
from eventgraph.store.oxigraph import OxigraphStore
from loaders.wikidata import (
    WIKIDATA_GRAPH,
    LoadProgress,
    WikidataConfig,
    WikidataLoadReport,
    find_conflicts,
    load_wikidata,
)
from loaders.wikidata.client import HttpExecutor
from loaders.wikidata.queries import NamedQuery, bind
from tests.loaders.conftest import LOCAL_GRAPH, Fault, FaultProxy

SERIES, EDITION_2021, GROUP, NOWHERE = (EG_ID + n for n in ("test-series", "test-edition-2021", "test-ug", "nowhere"))


def wikidata_facts(store: OxigraphStore, iri: str) -> Resource:
    """Only what the Wikidata graph says about `iri`."""
    resource = store.describe([iri]).get(iri, Resource(iri))
    return Resource(iri, tuple(f for f in resource.facts if f.graph == WIKIDATA_GRAPH))


def wikidata_quads(store: OxigraphStore) -> set[str]:
    return {line for line in store.dump().decode("utf-8").splitlines() if f"<{WIKIDATA_GRAPH}>" in line}


def typed(resource: Resource, predicate: str) -> set[tuple[str, str]]:
    return {(v.lexical, v.datatype) for v in resource.literals(predicate)}


@pytest.fixture
def loaded(linked_store: OxigraphStore, wikidata_config: WikidataConfig, proxy: FaultProxy) -> WikidataLoadReport:
    return load_wikidata(linked_store, wikidata_config, endpoint=proxy.url)


# ---------------------------------------------------------------------- discovery and mapping


def test_discovers_editions_affiliates_and_partners_by_the_configured_rules(
    loaded: WikidataLoadReport, linked_store: OxigraphStore
) -> None:
    assert loaded.discovered == {"class": 1, "organizer": 1, "series": 1}
    # the seeds (4), what the rules found (3), and two hops out along places and organizations (5)
    assert loaded.items == 12
    assert loaded.by_class == {"Event": 4, "EventSeries": 1, "Organization": 4, "Place": 3}
    present = set(linked_store.describe([WD + f"Q900000{n}" for n in range(10)]))
    # by series (P179): the 2019 edition no local source mentions
    assert WD + "Q9000002" in present
    # by class (P31/P279* Q22337472) then by organizer (P664): the second user group and its edit-a-thon
    second_group, editathon = (
        wikidata_facts(linked_store, WD + "Q9000021"),
        wikidata_facts(linked_store, WD + "Q9000005"),
    )
    assert second_group.literal(P.org_kind) == "user-group"
    assert editathon.iris(P.organizer) == [WD + "Q9000021"]
    # one hop out: the sponsor (P859) is a partner, an IGO, with its parent organization (P749) a hop further
    assert editathon.iris(P.partner) == [WD + "Q9000030"]
    igo = wikidata_facts(linked_store, WD + "Q9000030")
    assert igo.literal(P.org_kind) == "igo"
    assert igo.iris(P.parent_organization) == [WD + "Q9000031"]
    assert EntityClass.ORGANIZATION.iri in wikidata_facts(linked_store, WD + "Q9000031").types
    # nothing points at the unrelated conference; the deprecated location is not followed
    assert WD + "Q9000006" not in present
    assert linked_store.describe([WD + "Q9000011"]) == {}


def test_dates_keep_the_precision_wikidata_states(loaded: WikidataLoadReport, linked_store: OxigraphStore) -> None:
    year = wikidata_facts(linked_store, WD + "Q9000002")
    assert typed(year, P.start_date) == {("2019", XSD_GYEAR)}
    assert typed(year, P.start_bound) == {("2019-01-01", XSD_DATE)}
    assert typed(year, P.end_bound) == {("2019-12-31", XSD_DATE)}
    month = wikidata_facts(linked_store, EDITION_2021)
    assert typed(month, P.start_date) == typed(month, P.end_date) == {("2021-06", XSD_GYEARMONTH)}
    assert typed(month, P.end_bound) == {("2021-06-30", XSD_DATE)}
    day = wikidata_facts(linked_store, WD + "Q9000004")
    # the deprecated start (2023-09-01) is ignored; the preferred end wins over the normal-rank one
    assert typed(day, P.start_date) == {("2023-10-20", XSD_DATE)}
    assert typed(day, P.end_date) == {("2023-10-22", XSD_DATE)}
    founded = wikidata_facts(linked_store, GROUP)
    assert typed(founded, P.founded) == {("2016-05", XSD_GYEARMONTH)}


def test_coordinates_editions_and_attendance(loaded: WikidataLoadReport, linked_store: OxigraphStore) -> None:
    city = wikidata_facts(linked_store, WD + "Q9000010")
    assert typed(city, P.coordinates) == {("Point(28.9784 41.0082)", GEO_WKT)}
    assert city.literal(P.place_kind) == "city"
    assert set(city.iris(P.contained_in)) == {WD + "Q9000013"}, "P131 is the one parent; P17 only without it"
    region = wikidata_facts(linked_store, WD + "Q9000013")
    assert set(region.iris(P.contained_in)) == {WD + "Q9000012"}, "the chain goes on to the country"
    assert wikidata_facts(linked_store, WD + "Q9000013").literal(P.place_kind) == "region"  # two P279 steps up
    event = wikidata_facts(linked_store, WD + "Q9000004")
    assert event.literal(P.edition) == "3"
    assert event.iris(P.location) == [WD + "Q9000010"]
    [attendance] = event.nodes(P.attendance)
    assert (attendance.literal(P.value), attendance.literal(P.qualifier), attendance.literal(P.text)) == (
        "150",
        "exact",
        "150",
    )
    [bounded] = wikidata_facts(linked_store, EDITION_2021).nodes(P.attendance)
    assert (bounded.literal(P.value), bounded.literal(P.minimum), bounded.literal(P.maximum)) == ("120", "100", "150")
    assert wikidata_facts(linked_store, EDITION_2021).literal(P.kind) == "hackathon"  # a subclass of hackathon


def test_labels_descriptions_and_aliases_in_the_configured_languages(
    loaded: WikidataLoadReport, linked_store: OxigraphStore
) -> None:
    city = wikidata_facts(linked_store, WD + "Q9000010")
    labels = {(v.language, v.lexical) for v in city.literals("http://www.w3.org/2000/01/rdf-schema#label")}
    assert labels == {
        ("en", "Testville"),
        ("de", "Teststadt"),
        ("tr", "Testkent"),
        ("ru", "Тестоград"),
        ("ar", "مدينة الاختبار"),
        ("zh", "测试城"),
    }
    aliases = {(v.language, v.lexical) for v in city.literals("http://www.w3.org/2004/02/skos/core#altLabel")}
    assert aliases == {("en", "Test City"), ("fr", "Testville-sur-Mer")}
    assert {v.language for v in city.literals("http://schema.org/description")} == {"en", "de"}
    series = wikidata_facts(linked_store, SERIES)
    assert "nl" not in {v.language for v in series.literals("http://www.w3.org/2000/01/rdf-schema#label")}


def test_sitelinks_link_local_entities_and_keep_their_iris(
    loaded: WikidataLoadReport, linked_store: OxigraphStore
) -> None:
    assert set(loaded.linked) == {(GROUP, "Q9000020"), (EDITION_2021, "Q9000003"), (SERIES, "Q9000001")}
    series = wikidata_facts(linked_store, SERIES)
    assert series.iris(P.same_as) == [WD + "Q9000001"]
    assert series.literal(P.qid_method) == "sitelink"
    assert series.literal(P.kind) == "conference"
    # relations to a linked entity use its minted IRI, never a second node for the same thing
    assert wikidata_facts(linked_store, WD + "Q9000004").iris(P.organizer) == [GROUP]
    assert wikidata_facts(linked_store, WD + "Q9000002").iris(P.series) == [SERIES]
    assert linked_store.describe([WD + "Q9000001", WD + "Q9000020"]) == {}
    assert loaded.unresolved == ((NOWHERE, "https://meta.wikimedia.org/wiki/No_Such_Test_Page"),)
    assert loaded.without_qid == (NOWHERE,)


def test_sources_record_endpoint_counts_and_revisions(
    loaded: WikidataLoadReport, linked_store: OxigraphStore, proxy: FaultProxy
) -> None:
    [source] = [s for s in linked_store.sources() if s.graph == WIKIDATA_GRAPH]
    assert source.kind == "wikidata"
    assert source.endpoint == proxy.url
    assert source.extra["queries"] == str(loaded.queries) == str(len(proxy.requests))
    assert source.extra["revisions"] == '{"Q9000001": "1001", "Q9000004": "1004"}'
    assert source.triples == loaded.source.triples > 0


def test_conflicts_list_each_disagreement_once(loaded: WikidataLoadReport, linked_store: OxigraphStore) -> None:
    conflicts = find_conflicts(linked_store)
    found = {(c.entity, c.property, c.local_values, c.wikidata_values) for c in conflicts}
    # the local end "2023-10" contains Wikidata's 2023-10-22 and the location is the same: no conflict there
    assert found == {
        (WD + "Q9000004", P.attendance, ("200",), ("150",)),
        (WD + "Q9000004", P.start_date, ("2023-10-21",), ("2023-10-20",)),
    }
    # both values stay, each in its own graph; the local one is not overwritten
    event = linked_store.describe([WD + "Q9000004"])[WD + "Q9000004"]
    starts = {(f.value.lexical, f.graph) for f in event.all(P.start_date) if isinstance(f.value, Literal)}
    assert starts == {("2023-10-21", LOCAL_GRAPH), ("2023-10-20", WIKIDATA_GRAPH)}


def test_a_reload_is_idempotent(
    loaded: WikidataLoadReport, linked_store: OxigraphStore, wikidata_config: WikidataConfig, proxy: FaultProxy
) -> None:
    before = wikidata_quads(linked_store)
    again = load_wikidata(linked_store, wikidata_config, endpoint=proxy.url)
    assert wikidata_quads(linked_store) == before
    assert again.items == loaded.items


# ---------------------------------------------------------------------- manners


def test_every_request_carries_the_user_agent_and_one_is_in_flight(
    wikidata_config: WikidataConfig, proxy: FaultProxy
) -> None:
    proxy.delay_s = 0.01  # long enough for two unserialized clients to overlap
    stores = [OxigraphStore.in_memory(), OxigraphStore.in_memory()]
    errors: list[BaseException] = []

    config = replace(wikidata_config, discovery=replace(wikidata_config.discovery, seeds=("Q9000001",)))

    def run(store: OxigraphStore) -> None:
        try:
            load_wikidata(store, config, endpoint=proxy.url)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(proxy.requests) > 20
    assert proxy.max_in_flight == 1
    user_agents = {r.user_agent for r in proxy.requests}
    assert user_agents == {wikidata_config.user_agent}
    [agent] = user_agents
    assert agent.startswith("eventgraph/")
    assert "eventgraph-tests@example.invalid" in agent


def test_the_query_sent_is_the_query_file_with_its_values(
    loaded: WikidataLoadReport, wikidata_config: WikidataConfig, proxy: FaultProxy
) -> None:
    expected = bind(wikidata_config.queries_dir, "discover-class-instances", {"class": [Iri(WD + "Q22337472")]})
    assert expected.text in {r.query for r in proxy.requests}
    code = [line for r in proxy.requests for line in r.query.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in code if "SERVICE" in line.upper()]


def test_long_queries_go_by_post(
    linked_store: OxigraphStore, wikidata_config: WikidataConfig, proxy: FaultProxy
) -> None:
    config = replace(wikidata_config, client=replace(wikidata_config.client, post_above_chars=1200))
    report = load_wikidata(linked_store, config, endpoint=proxy.url)
    methods = {r.method for r in proxy.requests}
    assert methods == {"GET", "POST"}
    assert all(r.method == "POST" for r in proxy.requests if len(r.query) > 1200)
    assert report.items == 12


# ---------------------------------------------------------------------- faults: retried and recovered


@pytest.mark.parametrize(
    "fault",
    [
        Fault("429"),
        Fault("500"),
        Fault("503"),
        Fault("hang", hang_s=1.0),
        Fault("truncate"),
        Fault("cut"),
    ],
    ids=lambda f: f.kind,
)
def test_a_fault_is_retried_and_the_load_succeeds(
    fault: Fault, linked_store: OxigraphStore, wikidata_config: WikidataConfig, proxy: FaultProxy
) -> None:
    proxy.plan(fault)
    events: list[LoadProgress] = []
    report = load_wikidata(linked_store, wikidata_config, endpoint=proxy.url, progress=events.append)
    assert report.retries == 1
    assert report.items == 12
    assert [r.answered for r in proxy.requests[:2]] == [fault.kind, "forwarded"]
    assert proxy.requests[0].query == proxy.requests[1].query
    [waiting] = [e for e in events if e.phase == "retry"]
    assert waiting.retry_wait_s > 0
    assert "sitelinks.rq" in waiting.message


def test_retry_after_is_honoured(
    linked_store: OxigraphStore, wikidata_config: WikidataConfig, proxy: FaultProxy
) -> None:
    proxy.plan(Fault("429", retry_after="1"))
    started = time.monotonic()
    report = load_wikidata(linked_store, wikidata_config, endpoint=proxy.url)
    assert time.monotonic() - started >= 1.0
    assert report.retries == 1


# ---------------------------------------------------------------------- faults: failing loads leave the graph as it was


@pytest.mark.parametrize(
    ("faults", "error", "status"),
    [
        ([Fault("500")] * 3, WikidataQueryError, 500),
        ([Fault("503")] * 3, WikidataQueryError, 503),
        ([Fault("429")] * 3, WikidataRateLimitError, 429),
        ([Fault("429", retry_after="3600")], WikidataRateLimitError, 429),
        ([Fault("hang", hang_s=1.0)] * 3, WikidataTimeoutError, None),
        ([Fault("truncate")] * 3, WikidataQueryError, None),
    ],
    ids=["500", "503", "429", "429-too-long", "hang", "truncate"],
)
def test_a_failed_load_names_the_cause_and_leaves_the_previous_graph(
    faults: list[Fault],
    error: type[Exception],
    status: int | None,
    loaded: WikidataLoadReport,
    linked_store: OxigraphStore,
    wikidata_config: WikidataConfig,
    proxy: FaultProxy,
) -> None:
    before, sources = wikidata_quads(linked_store), linked_store.sources()
    proxy.reset()
    proxy.plan(*faults)
    with pytest.raises(error) as raised:
        load_wikidata(linked_store, wikidata_config, endpoint=proxy.url)
    assert raised.value.query_name == "sitelinks.rq"  # type: ignore[attr-defined]
    assert raised.value.status == status  # type: ignore[attr-defined]
    assert "sitelinks.rq" in str(raised.value)
    assert len(proxy.requests) == len(faults)
    assert wikidata_quads(linked_store) == before
    assert linked_store.sources() == sources


def test_a_refused_query_is_not_retried(wikidata_config: WikidataConfig, proxy: FaultProxy) -> None:
    executor = HttpExecutor(proxy.url, wikidata_config.user_agent, wikidata_config.client)
    with pytest.raises(WikidataQueryError) as raised:
        executor.select(NamedQuery("broken", "SELECT ?x WHERE { ?x"))
    assert raised.value.status == 400
    assert raised.value.query_name == "broken.rq"
    assert len(proxy.requests) == 1


# ---------------------------------------------------------------------- the response cache


def test_a_cached_run_replays_offline(
    tmp_path: Path, linked_store: OxigraphStore, wikidata_config: WikidataConfig, proxy: FaultProxy
) -> None:
    first = load_wikidata(linked_store, wikidata_config, endpoint=proxy.url, cache_dir=tmp_path)
    before = wikidata_quads(linked_store)
    proxy.reset()
    proxy.plan(*[Fault("500")] * 100)  # the endpoint is "down": only the cache can answer
    replay = load_wikidata(linked_store, wikidata_config, endpoint=proxy.url, cache_dir=tmp_path)
    assert proxy.requests == []
    assert replay.cache_hits == replay.queries == first.queries
    assert wikidata_quads(linked_store) == before
    assert len(list(tmp_path.glob("*.json"))) == first.queries


def test_blank_node_ids_do_not_collide_with_local_ones(loaded: WikidataLoadReport, linked_store: OxigraphStore) -> None:
    nodes = [f.value for f in wikidata_facts(linked_store, WD + "Q9000004").all(P.attendance)]
    assert all(isinstance(n, Blank) and n.id.startswith("wd") for n in nodes)
