"""Document guards that bound their own work: tokens while parsing, depth and aliases in one pass over the AST.

strawberry's QueryDepthLimiter and MaxAliasesLimiter walk every expanded path, so forty fragments each spreading
the next one twice (1.4 KB) make them walk 2^40 paths. Here each fragment definition is measured once and its
spreads reuse the result, so the cost is linear in the document's size while the numbers stay exactly those of
strawberry's limiters (a fragment spread twice counts its aliases twice): the guards are as strict as before.

`prepare` parses with the token limit and measures; its result depends on the text only, so a caller may cache
it per document hash (`PreparedDocuments`) and hand the parsed document to the schema through the context,
which then skips its own parse (`DocumentGuards.on_parse`).

Depth and page size do not bound an answer: nested lists without `first` (organizers, events, partners) multiply,
and a 2.5 KB document asked for 23 MB. `ListBudget` counts the items of every list the execution completes and
stops the request past `Limits.max_list_items` (5,000; error RESULT_LIMIT, no data), bounding its CPU and memory.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
)
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from eventgraph.api.context import Limits
from eventgraph.errors import ResultTooLargeError


@dataclass(frozen=True, slots=True)
class Shape:
    """What the guards measure: the deepest operation's depth and name, and the aliases of all operations."""

    depth: int
    deepest: str
    aliases: int


class _Measure:
    """Depth and alias count of selection sets; each fragment definition measured once, in dependency order."""

    def __init__(self, document: DocumentNode) -> None:
        fragments = {
            d.name.value: d.selection_set for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.done: dict[str, tuple[int, int]] = {}
        for name in _dependency_order(fragments):
            self.done[name] = self.selections(fragments[name])

    def selections(self, selection_set: SelectionSetNode) -> tuple[int, int]:
        """(depth, aliases) as strawberry counts them: fields with selections on a path; introspection not walked.

        Recursion follows the nesting within one definition only, which the parser caps (200 levels); a spread
        reads its fragment's result (unknown fragments and cycles count 0: validation reports them).
        """
        depth = aliases = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                aliases += selection.alias is not None
                if selection.selection_set is not None:
                    inner_depth, inner_aliases = self.selections(selection.selection_set)
                    aliases += inner_aliases
                    if not selection.name.value.startswith("__"):
                        depth = max(depth, 1 + inner_depth)
            elif isinstance(selection, InlineFragmentNode):
                inner_depth, inner_aliases = self.selections(selection.selection_set)
                depth, aliases = max(depth, inner_depth), aliases + inner_aliases
            elif isinstance(selection, FragmentSpreadNode):
                inner_depth, inner_aliases = self.done.get(selection.name.value, (0, 0))
                depth, aliases = max(depth, inner_depth), aliases + inner_aliases
        return depth, aliases


def _spreads(selection_set: SelectionSetNode) -> list[str]:
    """The fragment names spread anywhere inside a selection set."""
    names, stack = [], [selection_set]
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                names.append(selection.name.value)
            elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set is not None:
                stack.append(selection.selection_set)
    return names


def _dependency_order(fragments: dict[str, SelectionSetNode]) -> list[str]:
    """Fragments so that each comes after those it spreads (a spread closing a cycle is skipped); no recursion."""
    spreads = {name: [s for s in _spreads(body) if s in fragments] for name, body in fragments.items()}
    order: list[str] = []
    placed: set[str] = set()
    for root in fragments:
        if root in placed:
            continue
        path = [(root, iter(spreads[root]))]
        on_path = {root}
        while path:
            name, pending = path[-1]
            for spread in pending:
                if spread not in placed and spread not in on_path:
                    path.append((spread, iter(spreads[spread])))
                    on_path.add(spread)
                    break
            else:
                path.pop()
                on_path.discard(name)
                placed.add(name)
                order.append(name)
    return order


def measure(document: DocumentNode) -> Shape:
    """The document's shape, in time linear in its size (the parser already bounds its nesting)."""
    measuring = _Measure(document)
    depth, deepest, aliases = 0, "anonymous", 0
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            op_depth, op_aliases = measuring.selections(definition.selection_set)
            aliases += op_aliases
            if op_depth > depth:
                depth, deepest = op_depth, definition.name.value if definition.name else "anonymous"
    return Shape(depth, deepest, aliases)


def check(shape: Shape, limits: Limits) -> list[GraphQLError]:
    """The guard errors for a shape (empty when it passes), worded like strawberry's limiters."""
    errors = []
    if shape.depth > limits.max_depth:
        errors.append(
            GraphQLError(
                f"'{shape.deepest}' exceeds maximum operation depth of {limits.max_depth}",
                extensions={"code": "DEPTH_LIMIT"},
            )
        )
    if shape.aliases > limits.max_aliases:
        errors.append(
            GraphQLError(
                f"{shape.aliases} aliases found. Allowed: {limits.max_aliases}", extensions={"code": "ALIAS_LIMIT"}
            )
        )
    return errors


@dataclass(frozen=True, slots=True)
class Prepared:
    """A parsed document that passed the guards, or the errors that refuse it."""

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...] = ()


def prepare(text: str, limits: Limits) -> Prepared:
    """Parse `text` stopping at `limits.max_tokens`, then measure; never walks more than the text."""
    try:
        document = parse(text, max_tokens=limits.max_tokens)
    except GraphQLSyntaxError as exc:
        code = "TOKEN_LIMIT" if f"more than {limits.max_tokens} tokens" in exc.message else "GRAPHQL_PARSE_FAILED"
        exc.extensions = {"code": code}
        return Prepared(None, (exc,))
    errors = check(measure(document), limits)
    return Prepared(None if errors else document, tuple(errors))


class PreparedDocuments:
    """A bounded LRU of `prepare` results by the text's sha256: a dashboard's repeated document is parsed once."""

    def __init__(self, limits: Limits, size: int = 256) -> None:
        self.limits = limits
        self.size = size
        self._entries: OrderedDict[str, Prepared] = OrderedDict()
        self._lock = threading.Lock()  # the schema's copy may serve the GraphQL thread and the server's loop

    def get(self, text: str) -> Prepared:
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        found = prepare(text, self.limits)  # outside the lock: parsing is the slow part
        if self.size > 0:
            with self._lock:
                self._entries[key] = found
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return found


class DocumentGuards(SchemaExtension):
    """The guards inside the schema: uses a document the caller prepared (context.document), else one `documents`
    prepared from the same text before (parsed and measured once per text, as the HTTP layer does), else
    parses itself. A text the guards refuse always takes the last path, so its errors are the same."""

    def __init__(self, *, limits: Limits, documents: PreparedDocuments | None = None) -> None:
        self.limits = limits
        self.documents = documents
        self._passed: DocumentNode | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        prepared = getattr(context.context, "document", None)
        if isinstance(prepared, DocumentNode):
            context.graphql_document = prepared
        else:
            found = self.documents.get(context.query) if self.documents and context.query else None
            if found is not None and found.document is not None:
                context.graphql_document = self._passed = found.document
            else:
                context.parse_options["max_tokens"] = self.limits.max_tokens
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if (
            document is not None
            and document is not self._passed
            and getattr(context.context, "document", None) is not document
        ):
            errors = check(measure(document), self.limits)
            if errors:
                context.pre_execution_errors = errors  # strawberry then skips the other validation rules
        yield


class ListBudget(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution, counting list items against the request's `Limits.max_list_items`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = getattr(self.context_value, "limits", None)
        self.budget = limits.max_list_items if isinstance(limits, Limits) else Limits().max_list_items
        self.items = 0
        self.exhausted = False

    def complete_iterable_value(
        self,
        item_type: GraphQLOutputType,
        field_details_list: Any,
        info: GraphQLResolveInfo[Any],
        path: Path,
        items: Iterable[Any],
        position_context: Any,
    ) -> AwaitableOrValue[list[Any]]:
        if self.exhausted:
            return []  # the answer is refused already (one error): stop the work under every other list
        if not isinstance(items, list | tuple):
            items = list(items)
        self.items += len(items)
        if self.items > self.budget:
            self.exhausted = True
            raise ResultTooLargeError(self.budget)
        return super().complete_iterable_value(item_type, field_details_list, info, path, items, position_context)
