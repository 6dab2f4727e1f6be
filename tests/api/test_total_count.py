"""`totalCount` is counted only when a query selects it; `hasNextPage` holds either way."""

from __future__ import annotations

from typing import Any

import pytest

from eventgraph.model import FindQuery, Page
from tests.conftest import CountingReader, data_of
from tests.workbench import workbench_store


class RecordingReader(CountingReader):
    """Keeps every FindQuery it is asked."""

    def __init__(self) -> None:
        super().__init__(workbench_store())
        self.queries: list[FindQuery] = []

    def find(self, query: FindQuery) -> Page:
        self.queries.append(query)
        return super().find(query)


@pytest.mark.parametrize(
    ("document", "counted"),
    [
        ("{ organizations(first: 2) { nodes { id } pageInfo { hasNextPage } } }", False),
        ("{ organizations(first: 2) { totalCount pageInfo { hasNextPage } } }", True),
        ("{ organizations(first: 2) { n: totalCount pageInfo { hasNextPage } } }", True),
        (
            "{ organizations(first: 2) { ...F pageInfo { hasNextPage } } } fragment F on OrganizationConnection "
            "{ totalCount }",
            True,
        ),
        ("{ organizations(first: 2) { ... on OrganizationConnection { totalCount } pageInfo { hasNextPage } } }", True),
        ("{ organizations(first: 2) { nodes { events { id } } pageInfo { hasNextPage } } }", False),
    ],
)
def test_the_store_counts_only_when_total_count_is_selected(document: str, counted: bool) -> None:
    reader = RecordingReader()
    data = data_of(reader, document)
    [query] = reader.queries
    assert query.count_total is counted
    assert data["organizations"]["pageInfo"]["hasNextPage"] is True


def test_has_next_page_is_false_on_the_last_page_without_a_total() -> None:
    first = data_of(RecordingReader(), "{ organizations(first: 4) { pageInfo { endCursor hasNextPage } } }")
    cursor = first["organizations"]["pageInfo"]["endCursor"]
    rest: dict[str, Any] = data_of(
        RecordingReader(),
        "query($after: String) { organizations(first: 4, after: $after) { nodes { id } pageInfo { hasNextPage } } }",
        {"after": cursor},
    )["organizations"]
    assert (len(rest["nodes"]), rest["pageInfo"]["hasNextPage"]) == (2, False)
