"""The coverage view (issue 12, point 8): per series and per type, what is known and what is missing; sums over
unknown values are null. On a small fixture, through GraphQL, and on the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventgraph.coverage import coverage
from eventgraph.model import EG_ID, EntityClass
from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import load_local
from tests.conftest import data_of

FIXTURE = """\
provenance: {title: Fixture, url: 'https://example.org/f'}
records:
- {id: land, type: Place, label: Land, kind: country}
- {id: town, type: Place, label: Town, kind: city, contained_in: land}
- {id: org, type: Organization, label: Org}
- {id: ada, type: Person, label: Ada}
- {id: counted, type: EventSeries, label: Counted}
- {id: partly, type: EventSeries, label: Partly counted}
- {id: counted-1, type: Event, label: Counted 1, series: counted, start: '2020', location: town, organizers: [org],
   attendance: '100', status: held}
- {id: counted-2, type: Event, label: Counted 2, series: counted, start: '2021', country: land, attendance: '50'}
- {id: counted-3, type: Event, label: Counted 3, series: counted, start: '2022', status: cancelled}
- {id: partly-1, type: Event, label: Partly 1, series: partly, start: '2020', location: town, attendance: '100'}
- {id: partly-2, type: Event, label: Partly 2, series: partly, start: '2021', location: town, attendance: 90+}
- {id: partly-3, type: Event, label: Partly 3, series: partly, format: online, attendance: hundreds}
"""


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    (tmp_path / "f.yaml").write_text(FIXTURE, encoding="utf-8")
    loaded = OxigraphStore.in_memory()
    load_local(loaded, tmp_path)
    return loaded


def ids(iris: tuple[str, ...]) -> list[str]:
    return [i.removeprefix(EG_ID) for i in iris]


def test_each_series_lists_the_editions_lacking_each_fact(store: OxigraphStore) -> None:
    view = coverage(store)
    counted, partly = view.series
    assert (counted.label, partly.label) == ("Counted", "Partly counted")
    assert ids(counted.editions) == ["counted-1", "counted-2", "counted-3"]
    assert ids(counted.without_city) == ["counted-2", "counted-3"]
    assert ids(counted.without_country) == ["counted-3"], "a stated country, or the country containing the city"
    assert ids(counted.without_dates) == []
    assert ids(counted.without_attendance) == ["counted-3"]
    assert ids(counted.without_organizers) == ["counted-2", "counted-3"]
    assert ids(counted.without_qid) == ids(counted.editions)
    assert ids(counted.not_held) == ["counted-3"]
    assert ids(partly.online) == ["partly-3"]
    assert ids(partly.without_dates) == ["partly-3"]


def test_sums_over_unknown_counts_are_unknown_never_the_sum_of_the_known(store: OxigraphStore) -> None:
    counted, partly = coverage(store).series
    assert counted.attendance_total == 150, "the cancelled edition has nothing to count"
    assert counted.attendance_counted == 2
    assert partly.attendance_total is None, "'90+' and 'hundreds' are no counts: the total is unknown"
    assert partly.attendance_counted == 1
    assert coverage(store).events.attendance_total is None


def test_each_type_counts_its_entities_and_those_without_a_qid(store: OxigraphStore) -> None:
    types = {t.entity_class: t for t in coverage(store).types}
    assert set(types) == set(EntityClass)
    assert (types[EntityClass.EVENT].total, len(types[EntityClass.EVENT].without_qid)) == (6, 6)
    assert types[EntityClass.PERSON].total == 1
    assert types[EntityClass.LANGUAGE].total == 0


def test_graphql_serves_the_view_with_nulls_for_unknown_sums(store: OxigraphStore) -> None:
    data = data_of(
        store,
        """{ coverage {
          series { label editions withCity withoutCity { id } withCountry withAttendance attendanceTotal
                   attendanceCounted notHeld { id } online { id } series { id } }
          events { label editions withDates withoutDates { id } withQid }
          types { type total withQid withoutQid } } }""",
    )["coverage"]
    counted, partly = data["series"]
    assert counted == {
        "label": "Counted",
        "editions": 3,
        "withCity": 1,
        "withoutCity": [{"id": "eg:counted-2"}, {"id": "eg:counted-3"}],
        "withCountry": 2,
        "withAttendance": 2,
        "attendanceTotal": 150,
        "attendanceCounted": 2,
        "notHeld": [{"id": "eg:counted-3"}],
        "online": [],
        "series": {"id": "eg:counted"},
    }
    assert partly["attendanceTotal"] is None
    assert data["events"] == {
        "label": "all events",
        "editions": 6,
        "withDates": 5,
        "withoutDates": [{"id": "eg:partly-3"}],
        "withQid": 0,
    }
    assert {"type": "PERSON", "total": 1, "withQid": 0, "withoutQid": 1} in data["types"]


def test_the_shipped_data_shows_its_denominators(loaded_store: OxigraphStore) -> None:
    view = coverage(loaded_store)
    wikimania = next(s for s in view.series if s.label == "Wikimania")
    assert len(wikimania.editions) == 21, "2005-2025"
    # the Wikimania editions without a country are the cancelled, the online and the hybrid-without-a-host ones
    assert ids(wikimania.without_country) == ["wikimania-2020", "wikimania-2021", "wikimania-2022"]
    assert ids(wikimania.not_held) == ["wikimania-2020"]
    assert wikimania.attendance_total is None, "some editions give no count"
    held_in_person = set(view.events.without_country) - set(view.events.online) - set(view.events.not_held)
    assert ids(tuple(sorted(held_in_person))) == [
        "ionian-wikithon-2023",  # the venue's city is not stated
        "wikiarabia-2016-ramallah",  # Ramallah: no source states its country
        "wikigap-2018-skopje",  # Skopje: no source states its country
        "wikimania-2022",  # hybrid: more than 40 in-person events around the world, no host city
    ]
    types = {t.entity_class: t for t in view.types}
    assert types[EntityClass.PLACE].total - len(types[EntityClass.PLACE].without_qid) >= 100
