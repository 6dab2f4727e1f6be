"""The files of one export, with the dataset version and the sources they hold, and how they are written."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventgraph.model import SourceInfo


@dataclass(frozen=True, slots=True)
class ExportFile:
    name: str
    media_type: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Export:
    """The files of one export, with what they hold; `notes` are extra manifest fields (filters, counts)."""

    format: str
    version: str
    sources: tuple[SourceInfo, ...]
    files: tuple[ExportFile, ...]
    notes: dict[str, Any] = field(default_factory=dict)

    def manifest(self) -> bytes:
        body: dict[str, Any] = {
            "dataset_version": self.version,
            "format": self.format,
            "files": [f.name for f in self.files],
            "sources": [source_json(s) for s in self.sources],
        }
        body.update(self.notes)
        return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    def archive(self) -> bytes:
        """The files and the manifest in one zip (how CSV goes over HTTP)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in [(f.name, f.content) for f in self.files] + [("manifest.json", self.manifest())]:
                entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # fixed: same data, same bytes
                archive.writestr(entry, content, compress_type=zipfile.ZIP_DEFLATED)
        return buffer.getvalue()

    def write(self, directory: Path) -> list[Path]:
        """Write the files and `manifest.json` into `directory` (created if missing)."""
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for f in (*self.files, ExportFile("manifest.json", "application/json", self.manifest())):
            path = directory / f.name
            path.write_bytes(f.content)
            written.append(path)
        return written


def source_json(s: SourceInfo) -> dict[str, Any]:
    """A loaded source as the manifests and `sources.csv` state it."""
    out: dict[str, Any] = {"graph": s.graph, "title": s.title, "url": s.url, "kind": s.kind, "triples": s.triples}
    for key, value in (("licence", s.licence), ("retrieved", s.retrieved), ("endpoint", s.endpoint)):
        if value:
            out[key] = value
    return out
