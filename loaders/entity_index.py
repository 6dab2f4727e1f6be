"""Every entity across all local source files: who it is (id, QID, IRI) and what it is called.

The same entity may appear in several files (a city named by three conference pages and by the gazetteer).
The copies must agree on what the entity is: one type, at most one QID (a QID stated by any copy identifies
the entity, so a generated file can link a place without editing every page that names it), and one
preferred label per language. Two different labels in one language would give SPARQL users joining on
labels two rows for one entity, so the load refuses them and says which files disagree: keep one as the
label and move the other spelling to `aliases`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from eventgraph.errors import SourceFileError
from eventgraph.model import EG_ID, WD, EntityClass, short_id
from loaders.yaml_lines import LineDict


class IndexedRecord(Protocol):
    """What the index reads from a parsed record."""

    @property
    def path(self) -> str: ...
    @property
    def data(self) -> LineDict: ...
    @property
    def entity_class(self) -> EntityClass: ...
    @property
    def id(self) -> str: ...
    @property
    def qid(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class _Label:
    text: str
    path: str
    line: int


def _fail(record: IndexedRecord, key: str, message: str) -> SourceFileError:
    return SourceFileError(record.path, record.data.line_of(key), key, message)


def _labels(record: IndexedRecord) -> Iterator[tuple[str, str]]:
    """(language, text) of a record's label; malformed values are left for the mapper to report."""
    value = record.data.get("label")
    pairs = value.items() if isinstance(value, dict) else [("en", value)]
    for lang, text in pairs:
        if isinstance(text, str | int | float) and not isinstance(text, bool) and str(text).strip():
            yield str(lang), str(text).strip()


class EntityIndex:
    """id -> record and QID, QID -> record; checks that all copies of an entity agree."""

    def __init__(self, records: Sequence[IndexedRecord], errors: list[SourceFileError] | None = None) -> None:
        """Index the records; with `errors`, each disagreement is appended there and the others are still checked,
        else the first one is raised."""
        self.by_id: dict[str, IndexedRecord] = {}
        self.by_qid: dict[str, IndexedRecord] = {}
        self._qid_of: dict[str, IndexedRecord] = {}
        found = errors if errors is not None else []
        for record in records:
            try:
                self._add(record)
            except SourceFileError as exc:
                found.append(exc)
                if errors is None:
                    raise
        self._check_labels(records, found, raise_first=errors is None)

    def _add(self, record: IndexedRecord) -> None:
        first = self.by_id.get(record.id)
        if first is None:
            self.by_id[record.id] = record
        elif first.entity_class is not record.entity_class:
            raise _fail(record, "type", f"{record.id!r} is a {first.entity_class.value} in {first.path}")
        if not record.qid:
            return
        stated = self._qid_of.setdefault(record.id, record)
        if stated.qid != record.qid:
            raise _fail(record, "qid", f"{record.id!r} has qid {stated.qid} in {stated.path}")
        other = self.by_qid.setdefault(record.qid, record)
        if other.entity_class is not record.entity_class:
            raise _fail(record, "type", f"{record.qid} is a {other.entity_class.value} in {other.path}")

    def qid(self, record_id: str) -> str | None:
        """The QID any copy of the entity states, else None."""
        stated = self._qid_of.get(record_id)
        return stated.qid if stated is not None else None

    def iri(self, record_id: str) -> str:
        """The entity's IRI: its Wikidata IRI when any copy states a QID, else the minted one."""
        qid = self.qid(record_id)
        return WD + qid if qid else EG_ID + record_id

    def resolve(self, reference: str) -> IndexedRecord | None:
        """The record a reference names, by id or by QID."""
        return self.by_id.get(reference) or self.by_qid.get(reference)

    def _check_labels(
        self, records: Sequence[IndexedRecord], errors: list[SourceFileError], *, raise_first: bool
    ) -> None:
        seen: dict[tuple[str, str], _Label] = {}
        for record in records:
            iri = self.iri(record.id)
            line = record.data.line_of("label")
            for lang, text in _labels(record):
                first = seen.setdefault((iri, lang), _Label(text, record.path, line))
                if first.text != text:
                    problem = _fail(
                        record,
                        "label",
                        f"{short_id(iri)} already has the {lang} label {first.text!r} "
                        f"({Path(first.path).name}:{first.line}); one label per language per entity: "
                        f"use that label here and list {text!r} under aliases",
                    )
                    if raise_first:
                        raise problem
                    errors.append(problem)
