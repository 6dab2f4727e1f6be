"""The facts the shipped sources used to keep only in notes, now in the model's own fields (issue 12, point 7):
people in the role the source gives, figures by kind with planned vs actual, party roles, predecessor links,
several venues. Every one is cited."""

from __future__ import annotations

from typing import Any

from eventgraph.model import EntityClass, FindQuery, short_id
from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import data_of


def node(store: OxigraphStore, node_id: str, fields: str) -> dict[str, Any]:
    found = data_of(store, f'{{ node(id: "{node_id}") {{ {fields} }} }}')["node"]
    assert isinstance(found, dict), node_id
    return found


FIGURES = "... on Event { figures { kind status quantity { text count lowerBound } citations { url quote } } }"


def test_wikimania_2023_counts_countries_and_splits_in_person_from_online(loaded_store: OxigraphStore) -> None:
    figures = node(loaded_store, "eg:wikimania-2023", FIGURES)["figures"]
    assert [(f["kind"], f["status"], f["quantity"]["count"]) for f in figures] == [
        ("IN_PERSON_PARTICIPANTS", "ACTUAL", 761),
        ("ONLINE_PARTICIPANTS", "ACTUAL", 2105),
        ("COUNTRIES", "ACTUAL", 142),
    ]
    assert all(f["citations"] and f["citations"][0]["quote"] for f in figures)


def test_the_two_online_counts_of_wikimania_2025_are_both_kept_with_their_sources(loaded_store: OxigraphStore) -> None:
    figures = node(loaded_store, "eg:wikimania-2025", FIGURES)["figures"]
    online = [f for f in figures if f["kind"] == "ONLINE_PARTICIPANTS"]
    assert sorted(f["quantity"]["lowerBound"] for f in online) == [1600, 1900]
    assert len({f["citations"][0]["url"] for f in online}) == 2


def test_planned_figures_are_not_counted_as_what_happened(loaded_store: OxigraphStore) -> None:
    cee = node(loaded_store, "eg:wikimedia-cee-meeting-2019", FIGURES)["figures"]
    assert [(f["kind"], f["status"], f["quantity"]["text"]) for f in cee] == [("SCHOLARSHIPS", "PLANNED", "~80")]
    hackathon = node(loaded_store, "eg:wikimedia-hackathon-2024", FIGURES)["figures"]
    assert [(f["kind"], f["status"]) for f in hackathon] == [("CAPACITY", "PLANNED")]


def test_wikimedia_argentina_has_its_stated_role_in_the_human_rights_partnership(loaded_store: OxigraphStore) -> None:
    pact = node(
        loaded_store,
        "eg:partnership-wmf-ohchr-2019",
        "... on Partnership { parties { organization { label } role } people { person { label } role } }",
    )
    roles = {p["organization"]["label"]: p["role"] for p in pact["parties"]}
    assert roles["Wikimedia Argentina"] == "lead role in promoting and facilitating this wider partnership"
    assert roles["Wikimedia Foundation"] is None
    assert pact["people"] == [
        {"person": {"label": "Katherine Maher"}, "role": "signed the MOU"},
        {"person": {"label": "Laurent Sauveur"}, "role": "signed the MOU"},
    ]


def test_a_replaced_affiliate_is_linked_to_its_successor_and_both_records_stay(loaded_store: OxigraphStore) -> None:
    fields = "... on Organization { label recognitionStatus predecessors { label } successors { label } }"
    assert node(loaded_store, "eg:shared-knowledge", fields)["predecessors"] == [{"label": "Wikimedia Macedonia"}]
    macedonia = node(loaded_store, "eg:wikimedia-macedonia", fields)
    assert macedonia["successors"] == [{"label": "Shared Knowledge"}]
    assert macedonia["recognitionStatus"] == "DERECOGNIZED"
    philippines = node(loaded_store, "eg:wikimedia-philippines", fields)
    assert philippines["successors"] == [{"label": "Wiki Society of the Philippines"}]


def test_events_held_at_several_venues_list_each(loaded_store: OxigraphStore) -> None:
    wcna = node(loaded_store, "eg:wikiconference-north-america-2017", "... on Event { venues { label } }")
    assert sorted(v["label"] for v in wcna["venues"]) == [
        "BAnQ-Vieux-Montreal",
        "Le Centre Sheraton Montreal",
        "McGill University Library",
    ]
    haifa = node(loaded_store, "eg:wikimania-2011", "... on Event { venue { label } venues { label } }")
    assert haifa["venue"] is None, "two venues: `venue` picks none of them"
    assert sorted(v["label"] for v in haifa["venues"]) == ["Beit Hecht cultural center", "Haifa Auditorium"]


def test_every_person_is_named_in_a_role_with_a_cited_source(loaded_store: OxigraphStore) -> None:
    people = loaded_store.find(FindQuery(EntityClass.PERSON, limit=100)).iris
    assert len(people) >= 20
    for iri in people:
        person = node(loaded_store, short_id(iri), "... on Person { label involvements { role citations { quote } } }")
        assert person["involvements"], person["label"]
        for involvement in person["involvements"]:
            assert involvement["role"], person["label"]
            assert involvement["citations"][0]["quote"], person["label"]
    speech = node(loaded_store, "eg:wikiarabia-2016", "... on Event { people { person { id label } role } }")["people"]
    assert speech == [
        {"person": {"id": "eg:mervat-salman", "label": "Mervat Salman"}, "role": "gave the opening speech"}
    ]
