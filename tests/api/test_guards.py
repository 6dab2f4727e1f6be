"""The one-pass guards count exactly what strawberry's depth and alias limiters count, without walking paths."""

from __future__ import annotations

from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse
from hypothesis import given, settings
from hypothesis import strategies as st
from strawberry.extensions.max_aliases import count_fields_with_alias
from strawberry.extensions.query_depth_limiter import determine_depth

from eventgraph.api.context import Limits
from eventgraph.api.guards import check, measure, prepare
from tests.api.test_hardening import fragment_bomb

FIELDS = ["events", "nodes", "label", "organizers", "__typename", "__schema", "series"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Operations and fragments with aliases, nesting, inline fragments and spreads (fragment i spreads only j > i)."""
    fragments = draw(st.integers(0, 4))

    def selection(depth: int, above: int) -> str:
        items = []
        for _ in range(draw(st.integers(1, 3))):
            kind = draw(st.sampled_from(["field", "field", "inline", "spread"]))
            if kind == "spread" and above < fragments:
                items.append(f"...F{draw(st.integers(above, fragments - 1))}")
            elif kind == "inline" and depth > 0:
                items.append(f"... on Query {{ {selection(depth - 1, above)} }}")
            else:
                alias = f"a{draw(st.integers(0, 9))}: " if draw(st.booleans()) else ""
                name = draw(st.sampled_from(FIELDS))
                inner = f" {{ {selection(depth - 1, above)} }}" if depth > 0 and draw(st.booleans()) else ""
                items.append(f"{alias}{name}{inner}")
        return " ".join(items)

    operations = [f"query Q{i} {{ {selection(4, 0)} }}" for i in range(draw(st.integers(1, 2)))]
    definitions = [f"fragment F{i} on Query {{ {selection(3, i + 1)} }}" for i in range(fragments)]
    return "\n".join(operations + definitions)


def strawberry_counts(text: str) -> tuple[int, int]:
    """(deepest operation, aliases of all operations) by strawberry's own functions, which walk every path."""
    document = parse(text)
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    depths = [
        determine_depth(op, fragments, 0, 10_000, None, "q", None)  # type: ignore[arg-type]
        for op in operations
    ]
    aliases = sum(count_fields_with_alias(op, fragments) for op in operations)
    return max(depths), aliases


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(documents())
def test_depth_and_aliases_equal_strawberrys(text: str) -> None:
    shape = measure(parse(text))
    assert (shape.depth, shape.aliases) == strawberry_counts(text)


@settings(max_examples=100, derandomize=True, deadline=None, database=None)
@given(documents(), st.integers(0, 6), st.integers(0, 6))
def test_refused_exactly_when_strawberry_refuses(text: str, max_depth: int, max_aliases: int) -> None:
    depth, aliases = strawberry_counts(text)
    limits = Limits(max_depth=max_depth, max_aliases=max_aliases)
    codes = [(e.extensions or {}).get("code") for e in check(measure(parse(text)), limits)]
    assert ("DEPTH_LIMIT" in codes) == (depth > max_depth)
    assert ("ALIAS_LIMIT" in codes) == (aliases > max_aliases)


def test_forty_fragments_each_spreading_the_next_twice_are_counted_not_walked() -> None:
    shape = measure(parse(fragment_bomb(40)))
    assert shape.aliases == 2**40 - 1
    nested = measure(parse(fragment_bomb(40, alias=False, nest=True)))
    assert nested.depth == 2 + 2 * 40  # eventSeries, nodes are not counted: depth counts fields with selections


def test_a_chain_of_fragments_longer_than_the_recursion_limit_is_measured() -> None:
    chain = ["query { ...F0 }"] + [f"fragment F{i} on Query {{ a{i}: __typename ...F{i + 1} }}" for i in range(2999)]
    chain.append("fragment F2999 on Query { __typename }")
    shape = measure(parse("\n".join(chain), max_tokens=100_000))
    assert shape.aliases == 2999


def test_prepare_stops_counting_tokens_at_the_limit() -> None:
    prepared = prepare("{ " + "__typename " * 10_000 + "}", Limits(max_tokens=3000))
    assert prepared.document is None
    assert [e.extensions["code"] for e in prepared.errors if e.extensions] == ["TOKEN_LIMIT"]
