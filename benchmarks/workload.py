"""What the benchmarks run: every example query (queries/examples) with its default variables.

tests/golden/ holds the answers of this workload taken before any optimisation, and a test insists they stay the
same: a change that makes a query faster must not change what it answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
