"""Validating a document once: the errors of each (document, rules) pair kept in a bounded LRU.

graphql-core's validation walks the document with every rule of the specification, about 40% of a small
query's time; a dashboard sends the same few documents again and again. graphql-core's AST nodes are frozen
dataclasses, so a document is its own key (equal text, equal key; a document the JSON-LD answer rewrites is
another key). It runs after the document guards and only when they passed, so a document they refuse is never
validated, let alone kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

CACHED_DOCUMENTS = 256
"""Distinct (document, rules) pairs kept: the trusted documents many times over; an LRU beyond that."""

_validate = lru_cache(maxsize=CACHED_DOCUMENTS)(validate_document)


class CachedValidation(SchemaExtension):
    """strawberry's validation step, answered from the cache for a document already validated."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if context.pre_execution_errors is None and document is not None and context.validation_rules:
            context.pre_execution_errors = list(
                _validate(context.schema._schema, document, tuple(context.validation_rules))
            )
        yield
