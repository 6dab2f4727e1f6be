"""A loaded source's metadata as every backend keeps it: flat text properties, read back into a `SourceInfo`.

Both backends store the same keys (graph, title, url, kind, retrieved, licence, loadedAt, triples, endpoint and a
JSON `extra`), so turning a row of them back into a record is written once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from eventgraph.model import SourceInfo


def source_info(row: Mapping[str, Any], digest: str = "") -> SourceInfo:
    """The `SourceInfo` of one metadata row; optional keys may be absent or empty."""
    extra = json.loads(row["extra"]) if row.get("extra") else {}
    return SourceInfo(
        graph=row["graph"],
        title=row["title"],
        url=row["url"],
        kind=row["kind"],
        retrieved=row.get("retrieved"),
        licence=row.get("licence"),
        loaded_at=datetime.fromisoformat(row["loadedAt"]),
        triples=int(row["triples"]),
        endpoint=row.get("endpoint"),
        extra={str(k): str(v) for k, v in extra.items()},
        digest=digest,
    )
