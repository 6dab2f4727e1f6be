"""Following references from one entity to others through the request's DataLoaders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from eventgraph.api.context import Info
from eventgraph.api.types.common import Entity
from eventgraph.api.types.registry import wrap_as

T = TypeVar("T", bound=Entity)


async def one(info: Info, iri: str | None, cls: type[T]) -> T | None:
    if iri is None:
        return None
    found = wrap_as(await info.context.loaders.resources.load(iri), cls)
    return found if isinstance(found, cls) else None


async def many(info: Info, iris: Sequence[str], cls: type[T]) -> list[T]:
    result = []
    for resource in await info.context.loaders.many(iris):
        found = wrap_as(resource, cls)
        if isinstance(found, cls):
            result.append(found)
    return result
