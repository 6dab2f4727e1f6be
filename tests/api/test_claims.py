"""`claims(field:)`: every value every source states, claim nodes and plain values alike; `preferred` is what the
plain field serves; list fields (organizers, partners) are listed without being called conflicts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventgraph.model import EntityClass, P
from eventgraph.store.oxigraph import OxigraphStore
from loaders.local_schema import FIELDS, Kind
from loaders.pipeline import load_local
from tests.conftest import data_of

ORGS = """\
- {id: org-one, type: Organization, label: Org One}
- {id: org-two, type: Organization, label: Org Two}
- {id: org-three, type: Organization, label: Org Three}
"""

A = f"""\
provenance: {{title: Page A, url: 'https://example.org/a'}}
records:
{ORGS}- id: synthetic-event
  type: Event
  label: Synthetic event
  kind: conference
  start:
    claims:
    - {{value: '2030-06-10', source: 'https://example.org/a/1', quote: opens on 10 June 2030}}
    - {{value: '2030-06-11', source: 'https://example.org/a/2', quote: opens on 11 June 2030}}
  end: '2030-06-12'
  partners: [org-one, org-two]
"""

B = """\
provenance: {title: Page B, url: 'https://example.org/b'}
records:
- id: synthetic-event
  type: Event
  label: Synthetic event
  kind: conference
  start: '2030'
  end: '2030-06-13'
  partners: [org-two, org-three]
"""

QUERY = """query($field: String) { node(id: "eg:synthetic-event") { ... on Event {
  startDate endDate partners { organization { id } }
  claims(field: $field) { field value preferred source { id } citations { url quote } } } } }"""


def load(tmp_path: Path) -> OxigraphStore:
    (tmp_path / "a.yaml").write_text(A, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(B, encoding="utf-8")
    store = OxigraphStore.in_memory()
    load_local(store, tmp_path)
    return store


def claims(store: OxigraphStore, field: str | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    event = data_of(store, QUERY, {"field": field})["node"]
    return event, event["claims"]


def test_a_plain_value_of_one_source_is_listed_next_to_the_claims_of_another(tmp_path: Path) -> None:
    event, listed = claims(load(tmp_path), "startDate")
    values = {(c["value"], c["source"]["id"]): c for c in listed}
    assert set(values) == {("2030-06-10", "a"), ("2030-06-11", "a"), ("2030", "b")}, "no value twice, none left out"
    assert [c["value"] for c in listed if c["preferred"]] == [event["startDate"]] == ["2030-06-10"]
    assert values[("2030-06-11", "a")]["citations"] == [
        {"url": "https://example.org/a/2", "quote": "opens on 11 June 2030"}
    ]
    assert values[("2030", "b")]["citations"] == []


def test_without_a_field_only_facts_with_claims_or_differences_are_listed(tmp_path: Path) -> None:
    event, listed = claims(load(tmp_path))
    assert {c["field"] for c in listed} == {"startDate", "endDate"}, "kind agrees; partner is a list field"
    ends = [c for c in listed if c["field"] == "endDate"]
    assert sorted(c["value"] for c in ends) == ["2030-06-12", "2030-06-13"]
    assert [c["value"] for c in ends if c["preferred"]] == [event["endDate"]]


def test_agreeing_sources_are_all_listed_when_the_field_is_asked_for(tmp_path: Path) -> None:
    _, listed = claims(load(tmp_path), "kind")
    assert sorted((c["value"], c["source"]["id"], c["preferred"]) for c in listed) == [
        ("conference", "a", True),
        ("conference", "b", True),
    ]


def test_list_fields_list_every_value_as_served(tmp_path: Path) -> None:
    event, listed = claims(load(tmp_path), "partner")
    assert sorted((c["value"], c["source"]["id"]) for c in listed) == [
        ("eg:org-one", "a"),
        ("eg:org-three", "b"),
        ("eg:org-two", "a"),
        ("eg:org-two", "b"),
    ]
    assert all(c["preferred"] for c in listed), "the partners field serves every one of them"
    assert {c["value"] for c in listed} == {p["organization"]["id"] for p in event["partners"]}


def test_the_list_fields_are_those_the_source_format_allows_several_values_for() -> None:
    from eventgraph.api.claims import MULTI_VALUED

    listy = {
        Kind.ROLES,
        Kind.REFS,
        Kind.TEXTS,
        Kind.LIMITS,
        Kind.SEATS,
        Kind.CATEGORIES,
        Kind.MILESTONES,
        Kind.AMOUNTS,
        Kind.FIGURES,
    }
    from_format = {spec.predicate for fields in FIELDS.values() for spec in fields.values() if spec.kind in listy}
    assert from_format == MULTI_VALUED
    assert P.organizer in MULTI_VALUED
    assert FIELDS[EntityClass.EVENT]["start"].kind is Kind.DATE


def test_turkic_wikimedia_conference_2012_partners_are_no_conflict(loaded_store: OxigraphStore) -> None:
    # Two shipped sources each name TURKSOY, the Wikimedia Foundation and Creative Commons as contributors.
    event = data_of(
        loaded_store,
        """{ node(id: "eg:turkic-wikimedia-conference-2012") { ... on Event { partners { organization { id } }
             all: claims { field } stated: claims(field: "partner") { value preferred source { id } } } } }""",
    )["node"]
    assert "partner" not in {c["field"] for c in event["all"]}
    assert all(c["preferred"] for c in event["stated"])
    assert {c["source"]["id"] for c in event["stated"]} == {
        "meta-turkic-wikimedia-conference",
        "turkic-wikimedia-conference",
    }
    assert (
        {c["value"] for c in event["stated"]}
        == {p["organization"]["id"] for p in event["partners"]}
        == {
            "Q1993710",
            "Q180",
            "Q43449",
        }
    )
