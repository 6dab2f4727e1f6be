"""The pieces of reconciliation scoring, one at a time: name similarity, search probes, condition agreement."""

from __future__ import annotations

import pytest

from eventgraph.api.reconcile.conditions import agrees
from eventgraph.api.reconcile.requests import Condition, EntityRef
from eventgraph.api.reconcile.similarity import probes, similarity
from eventgraph.api.reconcile.values import Linked
from eventgraph.api.reconcile.vocabulary import PROPERTIES
from eventgraph.model import WD
from eventgraph.store.search import fold
from tests.conftest import ROOT


def sim(query: str, name: str) -> float:
    return similarity(fold(query), fold(name))


def test_only_equal_folded_names_are_exact() -> None:
    assert sim("WIKIMEDIA Türkiye", "Wikimedia Turkiye") == 1.0
    assert sim("Wikimedia Deutschland e.V.", "Wikimedia Deutschland") < 1.0
    assert sim("Wikimedia Deutchland", "Wikimedia Deutschland") < 1.0


@pytest.mark.parametrize(
    ("query", "closer", "farther"),
    [
        ("Wikimedia Deutchland", "Wikimedia Deutschland", "Wikimedia Danmark"),
        ("Wikimania 2019", "Wikimania 2019 Stockholm", "Wikimania 2018"),  # another year is another edition
        ("Wikimania", "Wikimania (series)", "Wikimania 2019"),  # an edition is not its series
        ("Wikimedia Foundation, Inc.", "Wikimedia Foundation", "Wikimedia France"),
    ],
)
def test_closer_names_score_higher(query: str, closer: str, farther: str) -> None:
    assert sim(query, closer) > sim(query, farther)


def test_probes_find_names_missing_a_word_or_spelt_otherwise() -> None:
    found = probes(fold("Wikimedia Deutschland e.V."))
    assert found[0] == "wikimedia deutschland e v"
    assert "wikimedia deutschland" in found  # short words dropped
    assert "wiki deut" in found  # the first letters of each word, for a misspelling
    assert "deutschland" in found
    assert "wikimedia" in found
    assert "wiki 2019" in probes(fold("Wikimania 2019")), "numbers are kept whole"
    assert len(probes(fold(" ".join(f"word{n}" for n in range(40))))) <= 3 + 6


def condition(pid: str, *values: object) -> Condition:
    return Condition(pid, values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("wanted", "stated", "expected"),
    [
        (("2019",), ["2019-08-14"], True),
        (("2019-08-14T00:00:00Z",), ["2019-08"], True),
        (("2019-07",), ["2019-08-14"], False),
        ((2019,), ["2019"], True),
        (("",), ["2019"], False),
        (("2019",), [], None),
    ],
)
def test_dates_agree_when_their_precisions_are_compatible(
    wanted: tuple[object, ...], stated: list[str], expected: bool | None
) -> None:
    assert agrees(condition("startDate", *wanted), stated) is expected


def test_entity_values_agree_by_id_by_reconciled_cell_or_by_any_of_their_names() -> None:
    turkiye = Linked(WD + "Q43", "Türkiye", frozenset({"turkiye", "turkey"}))
    assert agrees(condition("country", "Q43"), [turkiye]) is True
    assert agrees(condition("country", EntityRef("Q43", "whatever")), [turkiye]) is True
    assert agrees(condition("country", "TURKEY"), [turkiye]) is True
    assert agrees(condition("country", "Greece", "turkiye"), [turkiye]) is True, "any of the values"
    assert agrees(condition("country", "Greece"), [turkiye]) is False


def test_texts_fold_and_numbers_compare_as_numbers() -> None:
    assert agrees(condition("kind", "User Group"), ["user-group"]) is True
    assert agrees(condition("eventCount", "3"), [3]) is True
    assert agrees(condition("eventCount", "three"), [3]) is False


def test_every_property_is_documented() -> None:
    text = (ROOT / "docs" / "reconcile.md").read_text(encoding="utf-8")
    assert [p.id for p in PROPERTIES if f"`{p.id}`" not in text] == []
