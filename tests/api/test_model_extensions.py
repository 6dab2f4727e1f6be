"""The model extensions of issue 12 on small fixtures: people in the role a source gives, figures by kind and status,
party roles, predecessor and same-organization links, grants funding partnerships, qualified dates, several venues,
notes per source (source format -> triples -> GraphQL), and the errors the loader gives for malformed entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventgraph.errors import SourceFileError
from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import load_local
from tests.conftest import data_of

A = """\
provenance: {title: Page A, url: 'https://example.org/a'}
records:
- {id: org-old, type: Organization, label: Old Org}
- id: org-new
  type: Organization
  label: New Org
  predecessors: [org-old]
  same_organization_as: [org-twin]
  founded: {date: '2005', qualifier: by, source: 'https://example.org/a/founded', quote: operating since 2005}
  figures:
  - {kind: members, status: actual, count: '99', source: 'https://example.org/a/members', quote: 99 active members}
- {id: org-twin, type: Organization, label: Twin Org}
- {id: hall-one, type: Place, label: Hall One, kind: venue}
- {id: hall-two, type: Place, label: Hall Two, kind: venue}
- id: ada
  type: Person
  label: Ada Example
- id: synthetic-event
  type: Event
  label: Synthetic event
  kind: conference
  start: '2030-06-10'
  venue: hall-one
  venues: [hall-one, hall-two]
  people:
  - {person: ada, role: gave the opening speech, source: 'https://example.org/a/speech', quote: Ada gave the speech}
  figures:
  - kind: countries
    status: actual
    count: more than 70
    source: https://example.org/a/countries
    quote: guests from more than 70 countries
  - {kind: scholarships, status: planned, count: '~80', note: budgeted before the event}
  - {kind: scholarships, status: actual, count: '51'}
  note: Note of page A.
  sources:
  - {url: 'https://example.org/a', quote: the event, note: the page does not say who organized it}
- id: pact
  type: Partnership
  label: A pact
  parties:
  - org-old
  - {org: org-new, role: lead role, source: 'https://example.org/a/lead', quote: New Org takes a lead role}
  people:
  - {person: ada, role: signed the MOU}
- id: pact-grant
  type: Grant
  label: A grant for the pact
  partnership: pact
"""

B = """\
provenance: {title: Page B, url: 'https://example.org/b'}
records:
- id: synthetic-event
  type: Event
  label: Synthetic event
  note: Note of page B.
"""


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    (tmp_path / "a.yaml").write_text(A, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(B, encoding="utf-8")
    loaded = OxigraphStore.in_memory()
    load_local(loaded, tmp_path)
    return loaded


def node(store: OxigraphStore, query: str, node_id: str) -> dict[str, Any]:
    found = data_of(store, f'{{ node(id: "{node_id}") {{ {query} }} }}')["node"]
    assert isinstance(found, dict)
    return found


def test_a_person_is_named_in_the_role_the_source_gives_and_can_be_followed_back(store: OxigraphStore) -> None:
    event = node(
        store, "... on Event { people { person { id label } role citations { url quote } } }", "eg:synthetic-event"
    )
    assert event["people"] == [
        {
            "person": {"id": "eg:ada", "label": "Ada Example"},
            "role": "gave the opening speech",
            "citations": [{"url": "https://example.org/a/speech", "quote": "Ada gave the speech"}],
        }
    ]
    person = node(store, "... on Person { involvedIn { id } involvements { entity { id } role } }", "eg:ada")
    assert {e["id"] for e in person["involvedIn"]} == {"eg:synthetic-event", "eg:pact"}
    assert sorted((i["entity"]["id"], i["role"]) for i in person["involvements"]) == [
        ("eg:pact", "signed the MOU"),
        ("eg:synthetic-event", "gave the opening speech"),
    ]
    found = data_of(store, '{ search(text: "Ada Example", types: [PERSON]) { entity { id } } }')["search"]
    assert [hit["entity"]["id"] for hit in found] == ["eg:ada"]


def test_figures_by_kind_keep_planned_apart_from_actual(store: OxigraphStore) -> None:
    fields = "kind status quantity { text count lowerBound qualifier } note citations { url }"
    event = node(
        store,
        f"... on Event {{ figures {{ {fields} }} planned: figures(status: PLANNED) {{ kind }} }}",
        "eg:synthetic-event",
    )
    assert [(f["kind"], f["status"], f["quantity"]["text"]) for f in event["figures"]] == [
        ("COUNTRIES", "ACTUAL", "more than 70"),
        ("SCHOLARSHIPS", "ACTUAL", "51"),
        ("SCHOLARSHIPS", "PLANNED", "~80"),
    ]
    countries = event["figures"][0]
    assert countries["quantity"] == {"text": "more than 70", "count": None, "lowerBound": 70, "qualifier": "at-least"}
    assert countries["citations"] == [{"url": "https://example.org/a/countries"}]
    assert event["figures"][2]["note"] == "budgeted before the event"
    assert event["planned"] == [{"kind": "SCHOLARSHIPS"}]
    org = node(store, "... on Organization { figures(kind: MEMBERS) { quantity { count } } }", "eg:org-new")
    assert org["figures"] == [{"quantity": {"count": 99}}]


def test_partnership_parties_carry_their_roles_and_the_grants_that_fund_it(store: OxigraphStore) -> None:
    pact = node(
        store,
        "... on Partnership { organizations { id } parties { organization { id } role } grants { id } }",
        "eg:pact",
    )
    assert {o["id"] for o in pact["organizations"]} == {"eg:org-old", "eg:org-new"}
    assert sorted((p["organization"]["id"], p["role"] or "") for p in pact["parties"]) == [
        ("eg:org-new", "lead role"),
        ("eg:org-old", ""),
    ]
    assert pact["grants"] == [{"id": "eg:pact-grant"}]
    assert node(store, "... on Grant { partnership { id } }", "eg:pact-grant") == {"partnership": {"id": "eg:pact"}}


def test_organization_links_are_followed_from_both_ends_and_the_records_stay_apart(store: OxigraphStore) -> None:
    fields = "... on Organization { label predecessors { id } successors { id } sameOrganizations { id } }"
    assert node(store, fields, "eg:org-new") == {
        "label": "New Org",
        "predecessors": [{"id": "eg:org-old"}],
        "successors": [],
        "sameOrganizations": [{"id": "eg:org-twin"}],
    }
    assert node(store, fields, "eg:org-old")["successors"] == [{"id": "eg:org-new"}]
    assert node(store, fields, "eg:org-twin") == {
        "label": "Twin Org",
        "predecessors": [],
        "successors": [],
        "sameOrganizations": [{"id": "eg:org-new"}],
    }


def test_a_qualified_date_is_served_with_its_qualifier_and_never_as_the_plain_date(store: OxigraphStore) -> None:
    org = node(
        store,
        "... on Organization { founded qualifiedDates { field date qualifier citations { quote } source { id } } }",
        "eg:org-new",
    )
    assert org["founded"] is None
    assert org["qualifiedDates"] == [
        {
            "field": "founded",
            "date": "2005",
            "qualifier": "BY",
            "citations": [{"quote": "operating since 2005"}],
            "source": {"id": "a"},
        }
    ]


def test_an_event_lists_every_venue_and_every_source_note(store: OxigraphStore) -> None:
    event = node(
        store,
        "... on Event { venue { id } venues { id } notes { text source { id } } citations { url note } }",
        "eg:synthetic-event",
    )
    assert event["venue"] is None, "several venues: `venue` picks none of them"
    assert {v["id"] for v in event["venues"]} == {"eg:hall-one", "eg:hall-two"}
    assert event["notes"] == [
        {"text": "Note of page A.", "source": {"id": "a"}},
        {"text": "Note of page B.", "source": {"id": "b"}},
    ]
    assert {"url": "https://example.org/a", "note": "the page does not say who organized it"} in event["citations"]
    claims = data_of(store, '{ node(id: "eg:synthetic-event") { ... on Event { claims { field } } } }')["node"]
    assert claims == {"claims": []}, "several venues, figures and people are no conflict"


BASE = """\
provenance: {title: Page, url: 'https://example.org/p'}
records:
- {id: ada, type: Person, label: Ada}
- {id: org-one, type: Organization, label: Org One}
"""


@pytest.mark.parametrize(
    ("record", "field", "message"),
    [
        ("{id: e, type: Event, label: E, people: [ada]}", "people", "role the source gives is required"),
        ("{id: e, type: Event, label: E, people: [{person: ada}]}", "role", "role the source gives is required"),
        ("{id: e, type: Event, label: E, people: [{person: org-one, role: x}]}", "people", "expected Person"),
        ("{id: e, type: Event, label: E, people: [{person: ada, role: x, when: 2020}]}", "when", "has person, role"),
        ("{id: e, type: Event, label: E, figures: [{kind: guests, status: actual, count: '3'}]}", "kind", "not one"),
        ("{id: e, type: Event, label: E, figures: [{kind: countries, count: '3'}]}", "status", "not one of"),
        ("{id: e, type: Event, label: E, figures: [{kind: countries, status: actual}]}", "count", "needs its count"),
        ("{id: e, type: Event, label: E, start: {date: '2020', qualifier: around}}", "qualifier", "not one of"),
        ("{id: o, type: Organization, label: O, predecessors: [ada]}", "predecessors", "expected Organization"),
        ("{id: p, type: Partnership, label: P, parties: [{org: org-one, quote: q}]}", "quote", "needs its source"),
        ("{id: e, type: Event, label: E, sources: [{url: 'https://x.org', page: 2}]}", "page", "url, quote and note"),
    ],
)
def test_malformed_entries_stop_the_load_naming_the_field(
    tmp_path: Path, record: str, field: str, message: str
) -> None:
    (tmp_path / "p.yaml").write_text(BASE + f"- {record}\n", encoding="utf-8")
    with pytest.raises(SourceFileError) as raised:
        load_local(OxigraphStore.in_memory(), tmp_path)
    assert raised.value.field == field
    assert message in str(raised.value)
