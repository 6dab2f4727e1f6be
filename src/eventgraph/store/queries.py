"""Query text lives in files under queries/ (one query per file); this finds and caches them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parents[3] / "queries"


@cache
def load_query(name: str) -> str:
    """The text of `queries/<name>`, e.g. `store/find.rq`."""
    return (QUERY_DIR / name).read_text(encoding="utf-8")
