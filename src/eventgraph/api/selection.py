"""What a request's document selects, told to its loaders before execution: blank nodes no field reads stay
unexpanded in the store (a third of an event's facts are its citations' URLs and quotes)."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import DocumentNode, FieldNode, Node
from strawberry.extensions import SchemaExtension

from eventgraph.model import P

CITATION_FIELDS = frozenset({"citations"})
"""The GraphQL fields that read citation nodes (`citations` on entities, claims, figures, involvements)."""


def field_names(document: DocumentNode) -> set[str]:
    """Every field name the document mentions, in any operation or fragment."""
    names: set[str] = set()
    stack: list[Node] = list(document.definitions)
    while stack:
        node = stack.pop()
        if isinstance(node, FieldNode):
            names.add(node.name.value)
        selections = getattr(node, "selection_set", None)
        if selections is not None:
            stack.extend(selections.selections)
    return names


class SelectionHints(SchemaExtension):
    """Before execution, tell the loaders which blank-node values no selected field reads."""

    def on_execute(self) -> Iterator[None]:
        document = self.execution_context.graphql_document
        loaders = getattr(self.execution_context.context, "loaders", None)
        if document is not None and loaders is not None and not field_names(document) & CITATION_FIELDS:
            loaders.unexpanded = (P.citation,)
        yield
