"""The gazetteer linking tool on a tiny synthetic gazetteer: name + country, nothing guessed, a loadable file."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

from eventgraph.model import WD, P
from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import load_local
from loaders.tools.gazetteer import OUTPUT_NAME, main, norm
from loaders.tools.natural_earth import LANGUAGES

V5 = "ne_50m_populated_places v5.0.0"
PLACE_COLUMNS = [
    "qid",
    "name_en",
    "name_ascii",
    "country_iso2",
    "country_name",
    "admin1",
    "latitude",
    "longitude",
    "ne_id",
    *(f"name_{c}" for c in LANGUAGES if c != "en"),
    "ne_layer",
    "ne_name",
    "geom_latitude",
    "geom_longitude",
    "qa_flags",
    "source_repo",
    "source_commit",
    "source_path",
    "source_record_index",
]
COUNTRY_COLUMNS = [
    "qid",
    "iso_a2",
    "iso_a2_eh",
    "name_en",
    "admin",
    "ne_name",
    "name_long",
    "formal_en",
    "type",
    "ne_id",
    *(f"name_{c}" for c in LANGUAGES if c != "en"),
    "ne_layer",
    "source_repo",
    "source_commit",
    "source_path",
    "source_record_index",
]
COMMIT = "2e0cf415c8ea2022e26b14844f087ee5a375214d"


def place(qid: str, name: str, iso: str, country: str, admin1: str, lat: str, lon: str, **extra: str) -> dict[str, str]:
    row = dict.fromkeys(PLACE_COLUMNS, "")
    row.update(
        qid=qid,
        name_en=name,
        name_ascii=name,
        ne_name=name,
        country_iso2=iso,
        country_name=country,
        admin1=admin1,
        latitude=lat,
        longitude=lon,
        ne_id="11" + qid[1:],
        name_ru=f"{name} (ru)",
        name_ar=f"{name} (ar)",
        ne_layer=V5,
        source_repo="gtitov/geojson-leaflet-map",
        source_commit=COMMIT,
        source_path="geojson/ne_50m_populated_places.zip:ne_50m_populated_places.dbf",
        source_record_index="7",
    )
    row.update(extra)
    return row


def country(qid: str, name: str, iso: str) -> dict[str, str]:
    row = dict.fromkeys(COUNTRY_COLUMNS, "")
    row.update(
        qid=qid,
        iso_a2=iso,
        iso_a2_eh=iso,
        name_en=name,
        admin=name,
        ne_name=name,
        name_long=name,
        type="Sovereign country",
        ne_id="22" + qid[1:],
        name_ru=f"{name} (ru)",
        ne_layer="ne_50m_admin_0_countries v5.0.0",
        source_repo="gtitov/geojson-leaflet-map",
        source_commit=COMMIT,
        source_path="geojson/ne_50m_admin_0_countries.zip:ne_50m_admin_0_countries.dbf",
        source_record_index="3",
    )
    return row


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


CURATED = """\
provenance: {title: Synthetic page, url: 'https://meta.wikimedia.org/wiki/Synthetic'}
records:
- {id: synthland, type: Place, label: Synthland, kind: country}
- {id: synthetic-town, type: Place, label: Synthetic Town, kind: city, contained_in: synthland}
- {id: twin-city, type: Place, label: Twin City, kind: city, contained_in: synthland}
- {id: lost-town, type: Place, label: Lost Town, kind: city}
- {id: columbus-synth, type: Place, label: 'Colombo, Upper', kind: city, contained_in: synthland}
- {id: linked-city, type: Place, qid: Q9000050, label: Linked City, kind: city}
- {id: a-venue, type: Place, label: A Hall, kind: venue, contained_in: synthetic-town}
- {id: meetup-2030, type: Event, label: Meetup 2030, location: a-venue}
"""


def build(tmp_path: Path) -> tuple[Path, Path]:
    gazetteer = tmp_path / "gazetteer"
    sources = tmp_path / "sources"
    gazetteer.mkdir()
    sources.mkdir()
    write_csv(
        gazetteer / "places.csv",
        PLACE_COLUMNS,
        [
            place("Q9000010", "Synthetic Town", "SL", "Synthland", "North", "10.5", "20.25"),
            place("Q9000011", "Synthetic Town", "OL", "Otherland", "South", "-5.0", "7.0"),  # same name, other country
            place("Q9000012", "Twin City", "SL", "Synthland", "East", "1.0", "1.0"),
            place("Q9000013", "Twin City", "SL", "Synthland", "West", "2.0", "2.0"),  # two in one country
            place("Q9000014", "Lost Town", "SL", "Synthland", "North", "3.0", "3.0"),
            place("Q9000015", "Colombo", "SL", "Synthland", "Lower", "4.0", "4.0"),
            place("Q9000016", "Colombo", "SL", "Synthland", "Upper", "5.0", "5.0"),
            place(
                "Q9000050",
                "Wrong Name",
                "OL",
                "Otherland",
                "South",
                "6.0",
                "6.0",
                ne_name="Linked City",
                name_ascii="Linked City",
                qa_flags="NAME_EN_disagrees_with_NE_NAME_and_other_labels",
            ),
        ],
    )
    write_csv(
        gazetteer / "countries.csv",
        COUNTRY_COLUMNS,
        [country("Q9000001", "Synthland", "SL"), country("Q9000002", "Otherland", "OL")],
    )
    (sources / "page.yaml").write_text(CURATED, encoding="utf-8")
    assert main(["--gazetteer", str(gazetteer), "--sources", str(sources), "--date", "2030-01-01"]) == 0
    return sources, sources / OUTPUT_NAME


def records(output: Path) -> dict[str, dict[str, Any]]:
    document = yaml.safe_load(output.read_text(encoding="utf-8"))
    return {r["id"]: r for r in document["records"]}


def test_a_city_matches_on_name_and_country_and_cites_its_row(tmp_path: Path) -> None:
    _, output = build(tmp_path)
    town = records(output)["synthetic-town"]
    assert town["qid"] == "Q9000010", "Synthland's Synthetic Town, not Otherland's"
    assert town["coordinates"] == {"latitude": 10.5, "longitude": 20.25}
    assert town["contained_in"] == "synthland"
    assert town["label"] == {"ar": "Synthetic Town (ar)", "ru": "Synthetic Town (ru)"}, "English is the curated label"
    [source] = town["sources"]
    assert (
        source["url"]
        == f"https://github.com/gtitov/geojson-leaflet-map/blob/{COMMIT}/geojson/ne_50m_populated_places.zip"
    )
    assert "NE_ID 119000010: WIKIDATAID=Q9000010, NAME=Synthetic Town, ADM0NAME=Synthland" in source["quote"]
    assert "LATITUDE=10.5, LONGITUDE=20.25" in source["quote"]


def test_nothing_ambiguous_or_countryless_is_guessed(tmp_path: Path) -> None:
    _, output = build(tmp_path)
    linked = records(output)
    assert not {"twin-city", "lost-town", "a-venue"} & set(linked)
    header = output.read_text(encoding="utf-8").split("provenance:")[0]
    assert "twin-city: ambiguous: Q9000012 (Twin City, East), Q9000013 (Twin City, West)" in header
    assert "lost-town: no country stated by the sources" in header


def test_an_admin1_in_the_curated_name_picks_the_row(tmp_path: Path) -> None:
    _, output = build(tmp_path)
    assert records(output)["columbus-synth"]["qid"] == "Q9000016", "'Colombo, Upper' is the Upper one"


def test_a_verified_qid_links_and_brings_its_country_but_no_suspect_english_name(tmp_path: Path) -> None:
    _, output = build(tmp_path)
    linked = records(output)
    city = linked["linked-city"]
    assert city["contained_in"] == "otherland", "a country the curated files lack is added from countries.csv"
    english = {city["label"].get("en"), *city.get("aliases", {}).get("en", [])}
    assert "Wrong Name" not in english, "a suspect NAME_EN is never used"
    assert linked["otherland"]["kind"] == "country"
    assert linked["otherland"]["label"] == {"en": "Otherland", "ru": "Otherland (ru)"}


def test_the_output_loads_with_the_curated_file(tmp_path: Path) -> None:
    sources, _ = build(tmp_path)
    store = OxigraphStore.in_memory()
    load_local(store, sources)
    town = store.describe([WD + "Q9000010"])[WD + "Q9000010"]
    assert {f.graph.rsplit("/", 1)[-1] for f in town.facts} == {"page", "gazetteer-natural-earth"}
    assert town.iris(P.contained_in) == [WD + "Q9000001"], "the curated country, linked to its row"
    [point] = town.literals(P.coordinates)
    assert point.lexical == "Point(20.25 10.5)"


def test_names_compare_without_case_diacritics_or_the() -> None:
    assert norm("Republic of the Congo") == norm("Republic of Congo") == "republic of congo"
    assert norm("Montréal") == norm("MONTREAL")
    assert norm("Democratic Republic of the Congo") != norm("Republic of Congo")
