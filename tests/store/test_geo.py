"""Distances and where entities are: own coordinates first, then the venue's, the city's, the seat's."""

from __future__ import annotations

import pytest

from eventgraph.model import EntityClass, FindQuery, Near, OneOf
from eventgraph.store.geo import distance_km, parse_wkt
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.oxigraph.points import points, resolve_near
from tests.research import research_store

WD = "http://www.wikidata.org/entity/"
EG = "https://w3id.org/eventgraph/id/"


def test_wkt_is_longitude_first() -> None:
    assert parse_wkt("Point(20.0 10.0)") == (10.0, 20.0)
    assert parse_wkt("point( -73.5 45.25 )") == (45.25, -73.5)
    assert parse_wkt("Point(200 10)") is None
    assert parse_wkt("<http://www.wikidata.org/entity/Q405> Point(1 2)") is None, "not on Earth"


def test_distances() -> None:
    assert distance_km((10.0, 20.0), (10.0, 20.0)) == 0
    assert distance_km((0.0, 0.0), (0.0, 180.0)) == pytest.approx(20015.1, abs=0.1)
    assert distance_km((10.0, 20.0), (10.0, 23.0)) == pytest.approx(328.5, abs=0.5)


def test_points_take_the_most_specific_level() -> None:
    store = research_store()
    found = points(store.select, EntityClass.EVENT)
    assert found[WD + "Q9000514"] == ((10.01, 20.02),), "the venue's point, not its city's"
    assert found[WD + "Q9000511"] == ((10.0, 20.0),), "no venue: the city's point"
    assert WD + "Q9000515" not in found, "an online event has no point"


def test_near_is_resolved_to_the_entities_it_matches() -> None:
    store = research_store()
    criteria = resolve_near(store.select, EntityClass.EVENT, [Near(10.0, 20.0, 500)])
    assert criteria == (OneOf((WD + "Q9000511", WD + "Q9000512", WD + "Q9000514")),)
    page = store.find(FindQuery(EntityClass.EVENT, (Near(10.0, 20.0, 100),)))
    assert set(page.iris) == {WD + "Q9000511", WD + "Q9000514"}


def test_near_finds_shipped_events_by_their_city_point(loaded_store: OxigraphStore) -> None:
    # Istanbul (Q406) and Baku (Q9248) as the gazetteer places them, about 1,750 km apart.
    istanbul, baku = (41.106942, 29.008056), (40.397218, 49.860271)
    assert distance_km(istanbul, baku) == pytest.approx(1750, abs=25)
    close = loaded_store.find(FindQuery(EntityClass.EVENT, (Near(*istanbul, 100),), limit=100))
    assert EG + "turkic-wikimedia-conference-2023" in close.iris
    assert EG + "turkic-wikimedia-conference-2025" not in close.iris, "planned in Baku"
    wide = loaded_store.find(FindQuery(EntityClass.EVENT, (Near(*istanbul, 2000),), limit=100))
    assert EG + "turkic-wikimedia-conference-2025" in wide.iris
