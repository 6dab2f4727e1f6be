"""Building Relay connections: one `find` round-trip for the page, one batched describe for its rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode

from eventgraph.api.context import Info
from eventgraph.api.pagination import encode_cursor, page_window
from eventgraph.api.prefetch import CONNECTION_PATHS, prefetch
from eventgraph.api.types.common import Connection, Edge, Entity, PageInfo
from eventgraph.model import Criterion, EntityClass, FindQuery, Resource, SortKey

T = TypeVar("T")


async def find_connection(
    info: Info,
    entity_class: EntityClass,
    criteria: Sequence[Criterion],
    make: Callable[[Resource], T],
    *,
    first: int | None,
    after: str | None,
    sort: SortKey = SortKey.LABEL,
    descending: bool = False,
) -> Connection[T]:
    """One page; the store counts every match only when the query selects `totalCount`."""
    limits = info.context.limits
    offset, limit = page_window(first, after, limits.default_page_size, limits.max_page_size)
    count = selects(info, "totalCount")
    page = info.context.store.find(FindQuery(entity_class, tuple(criteria), sort, descending, offset, limit, count))
    resources = await info.context.loaders.many(page.iris)
    items = [make(r) for r in resources]
    await prefetch(info, [i for i in items if isinstance(i, Entity)], CONNECTION_PATHS)
    return connection_of(items, offset, page.total, page.more)


def selects(info: Info, name: str) -> bool:
    """Whether the current field's selection asks for the field `name`, directly or in a fragment.

    Walks the document's own nodes with each fragment visited once: strawberry's `info.selected_fields` expands
    every spread, so forty fragments each spreading the next twice would walk 2^40 paths (issue 14, row 1).
    """
    raw = info._raw_info
    seen: set[str] = set()
    stack = [node.selection_set for node in raw.field_nodes if node.selection_set is not None]
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FieldNode):
                if selection.name.value == name:
                    return True
            elif isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                seen.add(selection.name.value)
                fragment = raw.fragments.get(selection.name.value)
                if fragment is not None:
                    stack.append(fragment.selection_set)
    return False


def connection_of(items: list[T], offset: int, total: int | None, more: bool | None = None) -> Connection[T]:
    """A page of `items` starting at `offset`; whether more follow comes from `total`, else from `more`."""
    edges = [Edge(cursor=encode_cursor(offset + i), node=item) for i, item in enumerate(items)]
    return Connection(
        total=total,
        page_info=PageInfo(
            has_next_page=offset + len(items) < total if total is not None else bool(more),
            has_previous_page=offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        edges=edges,
        nodes=items,
    )


def slice_connection(items: list[T], info: Info, first: int | None, after: str | None) -> Connection[T]:
    """A connection over a list already in memory (an entity's related rows)."""
    limits = info.context.limits
    offset, limit = page_window(first, after, limits.default_page_size, limits.max_page_size)
    return connection_of(items[offset : offset + limit], offset, len(items))
