"""`find` sorted by the organization counts of `SortKey`, and a page without its total."""

from __future__ import annotations

import pytest

from eventgraph.errors import StoreError
from eventgraph.model import EntityClass, FindQuery, HasLiteral, OneOf, P, SortKey
from tests.workbench import (
    ALPHALAND_CHAPTER,
    BETALAND_GROUP,
    CIRCLE_ALPHALAND,
    CIRCLE_BETALAND,
    HEALTH_AGENCY,
    LONELY,
    workbench_store,
)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        # ties by label ("Betaland..." before "Wikimedia..."), then IRI (the two "Open Knowledge Circle"s)
        (
            SortKey.EVENT_COUNT,
            [BETALAND_GROUP, ALPHALAND_CHAPTER, CIRCLE_BETALAND, CIRCLE_ALPHALAND, LONELY, HEALTH_AGENCY],
        ),
        (SortKey.DEGREE, [BETALAND_GROUP, HEALTH_AGENCY, ALPHALAND_CHAPTER, CIRCLE_BETALAND, LONELY, CIRCLE_ALPHALAND]),
        (
            SortKey.PARTNERS_COUNT,
            [HEALTH_AGENCY, BETALAND_GROUP, ALPHALAND_CHAPTER, LONELY, CIRCLE_BETALAND, CIRCLE_ALPHALAND],
        ),
    ],
)
def test_organizations_sort_by_counts_descending_ties_by_label(sort: SortKey, expected: list[str]) -> None:
    page = workbench_store().find(FindQuery(EntityClass.ORGANIZATION, sort=sort, descending=True, limit=10))
    assert list(page.iris) == expected


def test_ascending_counts_keep_ties_by_label() -> None:
    page = workbench_store().find(FindQuery(EntityClass.ORGANIZATION, sort=SortKey.EVENT_COUNT, limit=3))
    assert list(page.iris) == [LONELY, HEALTH_AGENCY, CIRCLE_BETALAND]


def test_a_series_is_no_event_in_the_event_count() -> None:
    # Wikimedia Alphaland organizes two events and their series: two, like Betaland Wikimedians' two events
    only_two = (OneOf((ALPHALAND_CHAPTER, BETALAND_GROUP)),)
    page = workbench_store().find(FindQuery(EntityClass.ORGANIZATION, only_two, SortKey.EVENT_COUNT, True))
    assert list(page.iris) == [BETALAND_GROUP, ALPHALAND_CHAPTER], "equal counts: by label"


def test_sorting_by_counts_honours_the_filter_and_pages() -> None:
    groups = (HasLiteral(P.org_kind, ("user-group",)),)
    query = FindQuery(EntityClass.ORGANIZATION, groups, SortKey.DEGREE, descending=True, offset=1, limit=2)
    page = workbench_store().find(query)
    assert (page.iris, page.total, page.more) == ((CIRCLE_BETALAND, LONELY), 4, True)


def test_counts_sort_only_organizations() -> None:
    with pytest.raises(StoreError, match="organizations"):
        workbench_store().find(FindQuery(EntityClass.EVENT, sort=SortKey.DEGREE))


def test_a_page_without_its_total_still_says_whether_more_follow() -> None:
    store = workbench_store()
    first = store.find(FindQuery(EntityClass.ORGANIZATION, limit=5, count_total=False))
    last = store.find(FindQuery(EntityClass.ORGANIZATION, offset=5, limit=5, count_total=False))
    assert (len(first.iris), first.total, first.more) == (5, None, True)
    assert (len(last.iris), last.total, last.more) == (1, None, False)
