"""Copies of one entity across files: a QID stated by any copy links them all; one label per language."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventgraph.errors import SourceFileError, SourceFilesError
from eventgraph.model import EG_ID, WD, P
from eventgraph.store.oxigraph import OxigraphStore
from loaders.local import read_sources
from loaders.pipeline import load_local

PAGE = """\
provenance: {title: A page, url: 'https://meta.wikimedia.org/wiki/Synthetic'}
records:
- {id: synthetic-town, type: Place, label: Synthetic Town, kind: city}
- {id: synthetic-meetup-2030, type: Event, label: Synthetic meetup 2030, location: synthetic-town}
"""

GAZETTEER = """\
provenance: {title: A gazetteer, url: 'https://example.org/gazetteer'}
records:
- id: synthetic-town
  type: Place
  qid: Q9000001
  label: {ru: Синтетический город}
  coordinates: {latitude: 10.0, longitude: 20.0}
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_qid_stated_by_one_copy_identifies_every_copy(tmp_path: Path, fresh_store: OxigraphStore) -> None:
    write(tmp_path, "a-page.yaml", PAGE)
    write(tmp_path, "b-gazetteer.yaml", GAZETTEER)
    load_local(fresh_store, tmp_path)
    town = fresh_store.describe([WD + "Q9000001"])[WD + "Q9000001"]
    assert {f.graph.rsplit("/", 1)[-1] for f in town.facts} == {"a-page", "b-gazetteer"}
    assert {(lit.lexical, lit.language) for lit in town.literals("http://www.w3.org/2000/01/rdf-schema#label")} == {
        ("Synthetic Town", "en"),
        ("Синтетический город", "ru"),
    }
    assert EG_ID + "synthetic-town" in town.iris(P.same_as), "the record id keeps working as eg:synthetic-town"
    meetup = fresh_store.describe([EG_ID + "synthetic-meetup-2030"])[EG_ID + "synthetic-meetup-2030"]
    assert meetup.iris(P.location) == [WD + "Q9000001"], "references by id follow the QID"
    assert EG_ID + "synthetic-town" not in fresh_store.describe([EG_ID + "synthetic-town"]), "no second entity"


def test_two_qids_for_one_id_are_refused(tmp_path: Path) -> None:
    page = write(tmp_path, "a-page.yaml", PAGE.replace("type: Place,", "type: Place, qid: Q9000002,"))
    gazetteer = write(tmp_path, "b-gazetteer.yaml", GAZETTEER)
    with pytest.raises(SourceFileError, match="'synthetic-town' has qid Q9000002") as caught:
        read_sources([page, gazetteer])
    assert (caught.value.path, caught.value.line, caught.value.field) == (str(gazetteer), 5, "qid")


def test_two_labels_in_one_language_are_refused(tmp_path: Path) -> None:
    page = write(tmp_path, "a-page.yaml", PAGE)
    gazetteer = write(tmp_path, "b-gazetteer.yaml", GAZETTEER.replace("{ru: Синтетический город}", "Synthetictown"))
    with pytest.raises(SourceFileError) as caught:
        read_sources([page, gazetteer])
    error = caught.value
    assert (error.path, error.line, error.field) == (str(gazetteer), 6, "label")
    assert "Q9000001 already has the en label 'Synthetic Town' (a-page.yaml:3)" in str(error)
    assert "list 'Synthetictown' under aliases" in str(error)


def test_the_same_label_twice_and_other_spellings_as_aliases_load(tmp_path: Path) -> None:
    page = write(tmp_path, "a-page.yaml", PAGE)
    same = GAZETTEER.replace("{ru: Синтетический город}", "Synthetic Town\n  aliases: [Synthetictown]")
    gazetteer = write(tmp_path, "b-gazetteer.yaml", same)
    mapped = read_sources([page, gazetteer])
    aliases = {t.object for m in mapped for t in m.triples if t.predicate.value.endswith("#altLabel")}
    assert [getattr(a, "lexical", None) for a in aliases] == ["Synthetictown"]


def test_labels_of_entities_linked_only_by_qid_are_compared(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", GAZETTEER)
    other = write(
        tmp_path,
        "b.yaml",
        "provenance: {title: Other, url: 'https://example.org/other'}\n"
        "records:\n- {id: another-id, type: Place, qid: Q9000001, label: {ru: Другой город}}\n",
    )
    with pytest.raises(SourceFileError, match="already has the ru label"):
        read_sources([first, other])


def test_every_disagreement_between_copies_is_reported_in_one_run(tmp_path: Path) -> None:
    page = write(tmp_path, "a-page.yaml", PAGE.replace("label: Synthetic meetup 2030", "label: Meetup, qid: Q9000003"))
    other = write(
        tmp_path,
        "b-other.yaml",
        "provenance: {title: Other, url: 'https://example.org/other'}\n"
        "records:\n"
        "- {id: synthetic-town, type: Place, label: Synthetictown}\n"
        "- {id: synthetic-meetup-2030, type: Event, label: Meetup, qid: Q9000004}\n",
    )
    with pytest.raises(SourceFilesError) as caught:
        read_sources([page, other])
    assert sorted(e.field or "" for e in caught.value.errors) == ["label", "qid"]
