"""Tidy CSV: one file per entity type, one per relation, and the sources, with ids that join.

Every type file has `id` (the GraphQL id), `qid`, `iri`, `label` and then a column per property; every relation
file has `source` and `target` (ids found in the type files), their types and the sources that state the edge.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from eventgraph.exports.bundle import ExportFile, source_json
from eventgraph.exports.document import text
from eventgraph.exports.entities import RELATIONS, EntityGraph
from eventgraph.model import EntityClass, SourceInfo

MEDIA = "text/csv; charset=utf-8"
_BASE = ["id", "qid", "iri", "label"]


def snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def type_file(entity_class: EntityClass) -> str:
    return f"{snake(entity_class.value)}.csv"


def relation_file(relation: str) -> str:
    return f"relation_{snake(relation)}.csv"


def csv_files(graph: EntityGraph, version: str, sources: tuple[SourceInfo, ...]) -> list[ExportFile]:
    """The type files, the relation files (every relation, even without edges) and `sources.csv`."""
    files = []
    types = {}
    for entity_class in EntityClass:
        rows = [n.values for n in graph.nodes if n.type == entity_class.value]
        for node in graph.nodes:
            types[node.id] = node.type
        columns = _BASE + sorted({c for row in rows for c in row} - set(_BASE))
        files.append(
            ExportFile(
                type_file(entity_class), MEDIA, _csv(columns, ({k: text(v) for k, v in r.items()} for r in rows))
            )
        )
    for relation in RELATIONS:
        rows = [
            {
                "source": e.source,
                "target": e.target,
                "source_type": types[e.source],
                "target_type": types[e.target],
                "graphs": " ".join(e.graphs),
            }
            for e in graph.edges
            if e.relation == relation
        ]
        header = ["source", "target", "source_type", "target_type", "graphs"]
        files.append(ExportFile(relation_file(relation), MEDIA, _csv(header, rows)))
    header = ["dataset_version", "graph", "title", "url", "kind", "licence", "retrieved", "triples"]
    files.append(
        ExportFile(
            "sources.csv", MEDIA, _csv(header, ({"dataset_version": version, **source_json(s)} for s in sources))
        )
    )
    return files


def _csv(header: list[str], rows: Iterable[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
