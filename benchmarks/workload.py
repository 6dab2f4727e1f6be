"""What the benchmarks run: every example query (queries/examples) with its default variables.

tests/golden/ holds the answers of this workload taken before any optimisation, and a test insists they stay the
same: a change that makes a query faster must not change what it answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import FieldNode, FragmentDefinitionNode, InlineFragmentNode, OperationDefinitionNode, SelectionSetNode
from graphql import parse as parse_graphql

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES_DIR = ROOT / "queries" / "examples"


@dataclass(frozen=True, slots=True)
class Request:
    """One GraphQL request of the workload: a persisted document by name, with variables (None: its defaults)."""

    name: str
    text: str
    variables: dict[str, Any] | None = field(default=None, hash=False)


def examples() -> list[Request]:
    """Every example, with its default variables, by name."""
    return [Request(path.stem, path.read_text(encoding="utf-8")) for path in sorted(EXAMPLES_DIR.glob("*.graphql"))]


def depth(document: str) -> int:
    """The query's depth as the depth guard counts it: nested fields, fragments inlined."""
    ast = parse_graphql(document)
    fragments = {d.name.value: d for d in ast.definitions if isinstance(d, FragmentDefinitionNode)}

    def of(selections: SelectionSetNode | None) -> int:
        if selections is None:
            return 0
        deepest = 0
        for s in selections.selections:
            if isinstance(s, FieldNode):
                deepest = max(deepest, 1 + of(s.selection_set) if s.selection_set else 0)
            elif isinstance(s, InlineFragmentNode):
                deepest = max(deepest, of(s.selection_set))
            else:
                deepest = max(deepest, of(fragments[s.name.value].selection_set))  # type: ignore[attr-defined]
        return deepest

    return max(of(d.selection_set) for d in ast.definitions if isinstance(d, OperationDefinitionNode))
