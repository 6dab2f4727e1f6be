"""Prefetching a level's references: the fields of a page answer without awaiting, whatever its row count, with
the answers, the round-trips and the error paths they had without it."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from eventgraph.api import prefetch as prefetch_module
from eventgraph.api.context import Context
from eventgraph.api.schema import build_schema
from eventgraph.errors import StoreError
from eventgraph.model import (
    EG_SOURCE,
    RDF_TYPE,
    RDFS_LABEL,
    EntityClass,
    Iri,
    Literal,
    Lookup,
    LookupAnswer,
    P,
    SourceInfo,
    Triple,
)
from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import CountingReader, run_query

PAGE = """{ events(first: 100) { nodes { id label series { id label } location { id label }
  country { id label } organizers { role organization { id label } } } } }"""
TIMELINE = "{ eventSeries(first: 100) { nodes { id events { id location { id } country { id label } } } } }"


def synthetic(events: int) -> OxigraphStore:
    """`events` events in one series, each in a city of its own inside one country, organized by one group."""
    triples: list[Triple] = []

    def entity(qid: int, cls: EntityClass, label: str) -> Iri:
        iri = Iri(f"http://www.wikidata.org/entity/Q{qid}")
        triples.append(Triple(iri, Iri(RDF_TYPE), Iri(cls.iri)))
        triples.append(Triple(iri, Iri(RDFS_LABEL), Literal(label, language="en")))
        return iri

    country = entity(9000001, EntityClass.PLACE, "Synthetic country")
    triples.append(Triple(country, Iri(P.place_kind), Literal("country")))
    series = entity(9000002, EntityClass.EVENT_SERIES, "Synthetic series")
    group = entity(9000003, EntityClass.ORGANIZATION, "Synthetic group")
    for n in range(events):
        city = entity(9100000 + n, EntityClass.PLACE, f"City {n}")
        triples += [Triple(city, Iri(P.place_kind), Literal("city")), Triple(city, Iri(P.contained_in), country)]
        event = entity(9200000 + n, EntityClass.EVENT, f"Event {n}")
        triples += [
            Triple(event, Iri(P.location), city),
            Triple(event, Iri(P.series), series),
            Triple(event, Iri(P.organizer), group),
            Triple(event, Iri(P.start_date), Literal(f"{2000 + n % 20}-05-01")),
        ]
    store = OxigraphStore.in_memory()
    source = SourceInfo(graph=EG_SOURCE + "synthetic", title="synthetic", url="https://example.org/s", kind="local")
    store.replace_sources([(source, triples)])
    return store


def tasks_of(store: Any, document: str) -> tuple[int, dict[str, Any]]:
    """(asyncio tasks created, data) of one execution."""
    created = 0

    async def main() -> Any:
        loop = asyncio.get_running_loop()

        def factory(loop: asyncio.AbstractEventLoop, coro: Any, **kwargs: Any) -> asyncio.Task[Any]:
            nonlocal created
            created += 1
            return asyncio.Task(coro, loop=loop, **kwargs)

        loop.set_task_factory(factory)
        return await build_schema().execute(document, context_value=Context(store=store))

    result = asyncio.run(main())
    assert not result.errors, result.errors
    return created, result.data


@pytest.mark.parametrize("document", [PAGE, TIMELINE])
def test_the_fields_of_a_page_answer_without_a_task_per_row(document: str) -> None:
    few, few_data = tasks_of(synthetic(5), document)
    many, many_data = tasks_of(synthetic(60), document)
    assert few == many, "tasks grow with the rows: a field of the page awaited its own load"
    assert few_data != many_data


def test_the_answer_is_the_one_the_fields_give_unprefetched() -> None:
    store = synthetic(12)
    data = run_query(store, PAGE)["data"]["events"]["nodes"]
    assert len(data) == 12
    for node in data:
        assert node["series"] == {"id": "Q9000002", "label": "Synthetic series"}
        assert node["country"] == {"id": "Q9000001", "label": "Synthetic country"}
        assert node["location"]["label"].startswith("City ")
        assert node["organizers"] == [{"role": None, "organization": {"id": "Q9000003", "label": "Synthetic group"}}]
    # one entity asked alone takes the unprefetched path: the same answer
    one = run_query(store, '{ node(id: "Q9200003") { ... on Event { id country { id } location { label } } } }')
    assert one["data"]["node"] == {"id": "Q9200003", "country": {"id": "Q9000001"}, "location": {"label": "City 3"}}


def test_round_trips_do_not_grow_with_a_field_no_rule_covers() -> None:
    """A level with a field that loads on its own (partnerships) is not prefetched: its keys and the others'
    share one batch, as without prefetching."""
    store = synthetic(8)
    with_rules_only = CountingReader(store)
    run_query(with_rules_only, "{ events(first: 100) { nodes { location { id } series { id } } } }")
    mixed = CountingReader(store)
    run_query(mixed, "{ events(first: 100) { nodes { location { id } series { id } partnerships { id } } } }")
    assert len(mixed.calls) == len(with_rules_only.calls), (mixed.calls, with_rules_only.calls)


class FailingPlaces(CountingReader):
    """A backend whose batch fails when it is asked for a city."""

    def lookup(self, request: Lookup) -> LookupAnswer:
        self.calls.append("lookup")
        if any("Q91" in iri for iri in request.describe):
            raise StoreError("the places table is unreadable")
        answer: LookupAnswer = self.inner.lookup(request)
        return answer

    def describe(self, iris: Sequence[str]) -> Mapping[str, Any]:
        raise AssertionError("the batch goes through lookup")


def test_a_failed_prefetch_fails_the_fields_that_read_it_at_their_paths() -> None:
    response = run_query(FailingPlaces(synthetic(3)), "{ events(first: 10) { nodes { id location { id } } } }")
    nodes = response["data"]["events"]["nodes"]
    assert [n["id"] for n in nodes] == ["Q9200000", "Q9200001", "Q9200002"], "the page keeps its rows"
    assert all(n["location"] is None for n in nodes)
    paths = sorted(tuple(e["path"]) for e in response["errors"])
    assert paths == [("events", "nodes", i, "location") for i in range(3)]


def test_a_query_that_multiplies_its_rows_prefetches_each_entity_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """events → series → events → series → events: 60 rows reach one series 60 times and its 60 events 3,600
    times; prefetching walks each entity once per selection (and the list budget still answers the query)."""
    sizes: list[int] = []
    walk = prefetch_module._next_level

    def counted(*args: Any) -> Any:
        level = walk(*args)
        sizes.append(len(level))
        return level

    monkeypatch.setattr(prefetch_module, "_next_level", counted)
    nested = "{ events(first: 100) { nodes { series { events { series { events { location { id } } } } } } } }"
    response = run_query(synthetic(60), nested)
    assert sizes
    assert max(sizes) <= 60, sizes
    assert [e["extensions"]["code"] for e in response.get("errors", [])] in ([], ["RESULT_LIMIT"])
