"""Following references from one entity to others through the request's DataLoaders.

The `*_now` functions answer in the call when what they read is cached (`prefetch` loaded it with the level
above), and otherwise return the awaitable of the same answer: graphql-core awaits whatever a resolver returns
that is awaitable, so a field declared with its GraphQL type may hand it either (`later` says so to the type
checker). The `*_rule` functions are the matching `prefetch.Rule`s.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar, cast

from eventgraph.api import facts
from eventgraph.api.batching import Missing
from eventgraph.api.context import Info
from eventgraph.api.dataloaders import Key, Loaders, describe_key, inbound_key
from eventgraph.api.prefetch import Rule, prefetch
from eventgraph.api.types.common import Entity
from eventgraph.api.types.registry import wrap_as
from eventgraph.model import Resource

T = TypeVar("T", bound=Entity)
R = TypeVar("R")


def later(awaitable: Awaitable[R]) -> R:
    """An answer not cached yet, handed to graphql-core as the awaitable it awaits."""
    return cast(R, awaitable)


async def one(info: Info, iri: str | None, cls: type[T]) -> T | None:
    if iri is None:
        return None
    found = wrap_as(await info.context.loaders.resources.load(iri), cls)
    return found if isinstance(found, cls) else None


def one_now(info: Info, iri: str | None, cls: type[T]) -> T | None:
    """`one`, in the call when `iri` is described already."""
    if iri is None:
        return None
    cached = info.context.loaders.resources.cached(iri)
    if isinstance(cached, Missing):
        return later(one(info, iri, cls))
    found = wrap_as(cached, cls)
    return found if isinstance(found, cls) else None


async def many(info: Info, iris: Sequence[str], cls: type[T], order: Callable[[T], Any] | None = None) -> list[T]:
    """The entities of `iris` that are a `cls`, in order (or sorted by `order`); what the query selects on them
    is prefetched."""
    result = _typed(await info.context.loaders.many(iris), cls)
    if order is not None:
        result.sort(key=order)
    await prefetch(info, result)
    return result


def many_now(info: Info, iris: Sequence[str], cls: type[T], order: Callable[[T], Any] | None = None) -> list[T]:
    """`many`, in the call when every one of `iris` is described already."""
    found = _cached_resources(info.context.loaders, iris)
    if found is None:
        return later(many(info, iris, cls, order))
    typed = _typed(found, cls)
    return sorted(typed, key=order) if order is not None else typed


def inverse_now(
    info: Info, target: str, predicate: str, cls: type[T], order: Callable[[T], Any] | None = None
) -> list[T]:
    """The entities of class `cls` that point at `target` through `predicate`, in `order`; in the call when the
    links and their subjects are cached."""
    found = _inverse_cached(info.context.loaders, target, predicate)
    if found is None:
        return later(_inverse(info, target, predicate, cls, order))
    typed = _typed(found, cls)
    return sorted(typed, key=order) if order is not None else typed


async def _inverse(info: Info, target: str, predicate: str, cls: type[T], order: Callable[[T], Any] | None) -> list[T]:
    typed = await many(info, await info.context.loaders.inverse(target, predicate), cls)
    return sorted(typed, key=order) if order is not None else typed


def ref_rule(pick: Callable[[Resource], str | None], cls: type[Entity]) -> Rule:
    """The rule of a field answering with the entity `pick` names (`one_now(info, pick(resource), cls)`)."""

    def needs(resource: Resource, _loaders: Loaders) -> list[Key]:
        iri = pick(resource)
        return [describe_key(iri)] if iri is not None else []

    def children(resource: Resource, loaders: Loaders) -> list[Entity]:
        iri = pick(resource)
        return _typed(_cached_resources(loaders, [iri]) or [], cls) if iri is not None else []

    return Rule(needs, children, cls)


def link_rule(predicate: str, cls: type[Entity]) -> Rule:
    """The rule of a field answering with the entity its (preferred) `predicate` value names."""
    return ref_rule(lambda resource: facts.iri(resource, predicate), cls)


def refs_rule(predicate: str) -> Rule:
    """The rule of a field that reads every entity its `predicate` values name (inside objects of its own)."""
    return Rule(lambda resource, _loaders: [describe_key(i) for i in resource.iris(predicate)])


def inverse_rule(predicate: str, cls: type[Entity]) -> Rule:
    """The rule of a field answering with `inverse_now(info, resource.iri, predicate, cls)`."""

    def needs(resource: Resource, loaders: Loaders) -> list[Key]:
        links = loaders.cached(inbound_key(resource.iri, predicate))
        subjects = links if isinstance(links, list) else []
        return [inbound_key(resource.iri, predicate), *(describe_key(i) for i in subjects)]

    def children(resource: Resource, loaders: Loaders) -> list[Entity]:
        return _typed(_inverse_cached(loaders, resource.iri, predicate) or [], cls)

    return Rule(needs, children, cls)


def _typed(resources: Sequence[Resource | None], cls: type[T]) -> list[T]:
    result = []
    for resource in resources:
        found = wrap_as(resource, cls)
        if isinstance(found, cls):
            result.append(found)
    return result


def _cached_resources(loaders: Loaders, iris: Sequence[str]) -> list[Resource] | None:
    """The descriptions of `iris` (unknown ones dropped) when all are cached, else None."""
    found: list[Resource] = []
    for iri in iris:
        cached = loaders.resources.cached(iri)
        if isinstance(cached, Missing):
            return None
        if cached is not None:
            found.append(cached)
    return found


def _inverse_cached(loaders: Loaders, target: str, predicate: str) -> list[Resource] | None:
    links = loaders.referrers.cached((target, predicate))
    if isinstance(links, Missing):
        return None
    return _cached_resources(loaders, list(dict.fromkeys(links)))
