"""Resolvers called directly: strawberry's per-field wrapper, minus the work it does for features unused here.

strawberry wraps every resolver in a chain built for features this schema does not use: it converts arguments
(a field without any included), folds field extensions over the call (there are none), and awaits an async
resolver in a coroutine of its own that graphql-core then awaits again. On an 83-event map page that is ~1,500
calls per request, about a tenth of its time. `call_resolvers_directly` gives each field that uses none of those
features a resolve function that calls the resolver with what strawberry would pass: the source as `self`, the
same `Info`, the arguments under their Python names (leaf scalars only, which strawberry passes unchanged; lists
copied as strawberry copies them). Fields with input objects, enums, extensions or permissions keep strawberry's
wrapper, as does every field when the schema has exception handlers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import strawberry
from graphql import GraphQLInterfaceType, GraphQLObjectType, GraphQLResolveInfo
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.base import StrawberryList, StrawberryOptional
from strawberry.types.field import StrawberryField

LEAF_SCALARS: tuple[object, ...] = (str, int, float, bool, strawberry.ID)
"""Argument types strawberry hands to a resolver as graphql-core parsed them."""

Resolve = Callable[..., Any]


def call_resolvers_directly(schema: strawberry.Schema) -> int:
    """Replace the resolve function of every eligible field of `schema`; returns how many were replaced."""
    if getattr(schema.schema_converter, "_exception_handler_specs", None):
        return 0  # handlers turn exceptions into results inside strawberry's wrapper: keep it everywhere
    replaced = 0
    for graphql_type in schema._schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType) or graphql_type.name[:2] == "__":
            continue
        for graphql_field in graphql_type.fields.values():
            field = (graphql_field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if isinstance(field, StrawberryField):
                direct = _direct(field, schema)
                if direct is not None:
                    graphql_field.resolve = direct
                    replaced += 1
    return replaced


def _leaf(annotation: object) -> tuple[bool, bool]:
    """(passed unchanged, is a list) for an argument type: a leaf scalar or a list of them, optional or not."""
    if isinstance(annotation, StrawberryOptional):
        annotation = annotation.of_type
    if isinstance(annotation, StrawberryList):
        item = annotation.of_type
        if isinstance(item, StrawberryOptional):
            item = item.of_type
        return item in LEAF_SCALARS, True
    return annotation in LEAF_SCALARS, False


def _direct(field: StrawberryField, schema: strawberry.Schema) -> Resolve | None:
    """A resolve function calling `field`'s resolver as strawberry would, or None when the field needs strawberry."""
    resolver = field.base_resolver
    if resolver is None or field.extensions or field.is_subscription:
        return None  # attribute fields already take strawberry's fast path; the others need its wrapper
    if resolver.root_parameter is not None or resolver.parent_parameter is not None:
        return None
    names: list[tuple[str, str, bool]] = []  # (GraphQL name, Python name, copy the list)
    for argument in field.arguments:
        unchanged, is_list = _leaf(argument.type)
        if not unchanged or argument.python_name is None:
            return None
        names.append((schema.config.name_converter.from_argument(argument), argument.python_name, is_list))
    func = resolver.wrapped_func
    if not callable(func):
        return None  # e.g. a classmethod object: strawberry's wrapper reports it
    pass_self = resolver.self_parameter is not None
    info_name = resolver.info_parameter.name if resolver.info_parameter is not None else None
    info_class = cast(Callable[..., Any], schema.config.info_class)  # strawberry's Info or the configured one

    def resolve(source: Any, info: GraphQLResolveInfo[Any], **given: Any) -> Any:
        kwargs: dict[str, Any] = {}
        for graphql_name, python_name, is_list in names:
            if graphql_name in given:
                value = given[graphql_name]
                kwargs[python_name] = list(value) if is_list and value is not None else value
        if info_name is not None:
            kwargs[info_name] = info_class(_raw_info=info, _field=field)
        return func(source, **kwargs) if pass_self else func(**kwargs)

    return resolve
