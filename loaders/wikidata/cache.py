"""Recorded responses, so a load can be replayed without the network (`--cache DIR`).

One JSON file per (endpoint, query text, format), holding the raw body and the query it answers; written
only once the body parsed, so a truncated answer is never replayed.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from loaders.wikidata.queries import NamedQuery

Format = Literal["json", "turtle"]


class ResponseCache:
    """Responses on disk, one JSON file per (endpoint, query, format), written only once they parsed."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def key(endpoint: str, query: NamedQuery, fmt: Format) -> str:
        material = json.dumps({"endpoint": endpoint, "query": query.text, "format": fmt}, sort_keys=True)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def _path(self, query: NamedQuery, key: str) -> Path:
        return self.directory / f"{query.name}-{key[:24]}.json"

    def get(self, endpoint: str, query: NamedQuery, fmt: Format) -> str | None:
        key = self.key(endpoint, query, fmt)
        path = self._path(query, key)
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("key") != key or not isinstance(record.get("body"), str):
            return None
        body: str = record["body"]
        return body

    def put(self, endpoint: str, query: NamedQuery, fmt: Format, body: str) -> None:
        key = self.key(endpoint, query, fmt)
        record = {
            "key": key,
            "endpoint": endpoint,
            "query_name": query.name,
            "format": fmt,
            "query": query.text,
            "fetched_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "body": body,
        }
        path = self._path(query, key)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
