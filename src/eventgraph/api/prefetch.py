"""Loading what a level's fields will read with the level that found them, so those fields answer at once.

graphql-core completes a resolver that returns a value in the same call; one that returns an awaitable costs a
coroutine, a future, a task when its list is gathered, and several loop turns. On an 83-event map page the
events' `location`, `venue`, `series` and `country` were ~420 tasks and ~1,300 loop callbacks per request, more
than half its time. A resolver that returns entities (a connection's page, an entity's events) calls `prefetch`
with them: the fields the query selects on them name, through their type's `Rule`s (declared next to their
resolvers), the keys they will load; those go to the store in the level's batch, one level of the selection
after the other, and the fields then find their answers cached and return them without awaiting (see
`refs.one_now`). The keys are the ones the fields would have asked one level later, batched as they would have
been, so round-trips do not change; a field whose answer is not cached (a rule missing, a load that failed)
awaits its loader as before, and a failed key fails only the fields that read it, at their own path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    SelectionSetNode,
)
from graphql.type import is_abstract_type
from strawberry.schema.schema_converter import GraphQLCoreConverter

from eventgraph.api.batching import Missing
from eventgraph.api.dataloaders import Key, Loaders
from eventgraph.model import Resource

if TYPE_CHECKING:
    from eventgraph.api.context import Info
    from eventgraph.api.types.common import Entity

MAX_ROUNDS = 3
"""Loads per level: a key found by another (a chain's members once the chain is in) takes a second one."""


@dataclass(frozen=True, slots=True)
class Rule:
    """What one field of a type reads through the loaders."""

    needs: Callable[[Resource, Loaders], Iterable[Key]]
    """The keys the field's resolver loads for this entity, as far as the cache already tells (a chain's members
    only once the chain is in)."""
    children: Callable[[Resource, Loaders], Sequence[Entity]] | None = None
    """The entities the field answers with, read from the cache once its needs are in, whose own selected fields
    are prefetched in turn; None for a field that answers with no entity (or with entities inside other objects)."""
    child_type: type | None = None
    """The type of those entities: when it declares no rules, there is nothing to prefetch below the field."""


_DECLARED: dict[type, Callable[[], dict[str, Rule]]] = {}
_RULES: dict[type, dict[str, Rule]] = {}


def register(cls: type, rules: Callable[[], dict[str, Rule]]) -> None:
    """Declare the rules of `cls`'s fields, by the module that defines the resolvers they mirror. A function, called
    at the first request: the rules name types of modules that import this one."""
    _DECLARED[cls] = rules
    _RULES.pop(cls, None)


def rules_of(cls: type) -> dict[str, Rule] | None:
    """Field name -> rule for the GraphQL type `cls`, or None when it declares none."""
    found = _RULES.get(cls)
    if found is None and cls in _DECLARED:
        found = _RULES[cls] = _DECLARED[cls]()
    return found


Level = list[tuple["Entity", list[SelectionSetNode]]]


CONNECTION_PATHS = (("nodes",), ("edges", "node"))
"""Where a connection's entities are selected."""


async def prefetch(info: Info, items: Sequence[Entity], paths: Sequence[tuple[str, ...]] = ((),)) -> None:
    """Load what the fields selected on `items` (under one of `paths` in the current field, e.g. `CONNECTION_PATHS`)
    will read, and what their entities' selected fields will read, level after level."""
    raw = info._raw_info
    selections: list[SelectionSetNode] = []
    for path in paths:
        sets = [node.selection_set for node in raw.field_nodes if node.selection_set is not None]
        for name in path:
            sets = [
                node.selection_set
                for nodes in _fields(sets, None, raw.fragments, raw.schema).get(name, {}).values()
                for node in nodes
                if node.selection_set is not None
            ]
        selections.extend(sets)
    loaders = info.context.loaders
    level: Level = [(item, selections) for item in items] if selections else []
    while level:
        work: list[tuple[Entity, Rule, list[FieldNode]]] = []
        plans: dict[tuple[type, tuple[int, ...]], list[tuple[Rule, list[FieldNode]]]] = {}
        for item, sets in level:
            key = (type(item), tuple(map(id, sets)))  # the items of a level share their selections
            plan = plans.get(key)
            if plan is None:
                plan = _plan(type(item), sets, raw.fragments, raw.schema)
                if plan is None:
                    return  # a field loads on its own: its keys would follow ours in a batch of their own
                plans[key] = plan
            work.extend((item, rule, nodes) for rule, nodes in plan)
        if not work or not await _load_needs(loaders, work):
            return
        level = _next_level(work, loaders, info.context.limits.max_list_items)


def selects(info: Info, path: tuple[str, ...]) -> bool:
    """Whether the current field's selection reaches `path` (through any fragment), e.g. ("edges", "events")."""
    raw = info._raw_info
    sets = [node.selection_set for node in raw.field_nodes if node.selection_set is not None]
    for name in path:
        sets = [
            node.selection_set if node.selection_set is not None else SelectionSetNode(selections=())
            for nodes in _fields(sets, None, raw.fragments, raw.schema).get(name, {}).values()
            for node in nodes
        ]
    return bool(sets)


def _next_level(work: list[tuple[Entity, Rule, list[FieldNode]]], loaders: Loaders, budget: int) -> Level:
    """The entities the level's fields answer with, each with its selections once (an entity reached by many rows
    needs its keys once), or nothing past `budget` entities: a nested query that multiplies its rows (a series'
    events' series' events...) is left to the list budget that completion enforces, not walked here."""
    found: dict[tuple[str, type, tuple[int, ...]], tuple[Entity, list[SelectionSetNode]]] = {}
    for item, rule, nodes in work:
        if rule.children is None or (rule.child_type is not None and not rules_of(rule.child_type)):
            continue
        sets = [n.selection_set for n in nodes if n.selection_set is not None]
        if not sets:
            continue
        for child in rule.children(item.resource, loaders):
            found.setdefault((child.resource.iri, type(child), tuple(map(id, sets))), (child, sets))
            if len(found) > budget:
                return []
    return list(found.values())


def _plan(
    cls: type, sets: list[SelectionSetNode], fragments: dict[str, FragmentDefinitionNode], schema: GraphQLSchema
) -> list[tuple[Rule, list[FieldNode]]] | None:
    """The rules of the fields selected on a `cls` with their nodes; None when a selected field loads without a
    rule (prefetching the others would split the level's batch in two)."""
    rules = rules_of(cls) or {}
    type_name: str = cls.__strawberry_definition__.name  # type: ignore[attr-defined]
    plan = []
    for name, by_alias in _fields(sets, type_name, fragments, schema).items():
        rule = rules.get(name)
        if rule is not None:
            plan.append((rule, [node for nodes in by_alias.values() for node in nodes]))
        elif _awaits(schema, type_name, name):
            return None
    return plan


async def _load_needs(loaders: Loaders, work: list[tuple[Entity, Rule, list[FieldNode]]]) -> bool:
    """Load every key the level's fields need, in as few batches as the chains allow; False when a load failed
    (its fields then meet the failure themselves)."""
    for _ in range(MAX_ROUNDS):
        missing = list(
            dict.fromkeys(
                key
                for item, rule, _nodes in work
                for key in rule.needs(item.resource, loaders)
                if isinstance(loaders.cached(key), Missing)
            )
        )
        if not missing:
            return True
        try:
            await loaders.load_keys(missing)
        except Exception:  # cached by the loader: each field that reads the key reports it
            return False
    return True


@lru_cache(maxsize=4096)
def _awaits(schema: GraphQLSchema, type_name: str, field_name: str) -> bool:
    """Whether the field's resolver is a coroutine function (its loads are not declared by a rule)."""
    graphql_type = schema.get_type(type_name)
    field = graphql_type.fields.get(field_name) if isinstance(graphql_type, GraphQLObjectType) else None
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF) if field else None
    return bool(getattr(definition, "is_async", False))


def _fields(
    selections: Iterable[SelectionSetNode],
    type_name: str | None,
    fragments: dict[str, FragmentDefinitionNode],
    schema: GraphQLSchema,
) -> dict[str, dict[str, list[FieldNode]]]:
    """Selected field name -> response key -> its nodes, through fragments that apply to `type_name` (any
    fragment when None), each fragment visited once."""
    found: dict[str, dict[str, list[FieldNode]]] = {}
    seen: set[str] = set()
    stack = list(selections)
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                found.setdefault(selection.name.value, {}).setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition.name.value if selection.type_condition else None
                if _applies(condition, type_name, schema):
                    stack.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                seen.add(selection.name.value)
                fragment = fragments.get(selection.name.value)
                if fragment is not None and _applies(fragment.type_condition.name.value, type_name, schema):
                    stack.append(fragment.selection_set)
    return found


def _applies(condition: str | None, type_name: str | None, schema: GraphQLSchema) -> bool:
    """Whether a fragment on `condition` applies to an object of type `type_name`."""
    if condition is None or type_name is None or condition == type_name:
        return True
    abstract, concrete = schema.get_type(condition), schema.get_type(type_name)
    return (
        abstract is not None
        and concrete is not None
        and is_abstract_type(abstract)
        and schema.is_sub_type(abstract, concrete)
    )
