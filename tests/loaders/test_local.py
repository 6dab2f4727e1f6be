"""Local YAML sources: validated whole before anything is written; errors name file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventgraph.errors import SourceFileError
from eventgraph.model import EG_ID, WD, Iri, P
from eventgraph.store.oxigraph import OxigraphStore
from loaders.local import read_sources
from loaders.pipeline import SOURCES_DIR, load_local

GOOD = """\
provenance:
  title: Synthetic test page
  url: https://meta.wikimedia.org/wiki/Synthetic
records:
- id: synthetic-series
  type: EventSeries
  label: Synthetic series
- id: synthetic-city
  type: Place
  qid: Q9000001
  label: Synthetic city
  kind: city
- id: synthetic-event-2024
  type: Event
  label: Synthetic event 2024
  series: synthetic-series
  start: '2024-05'
  location: Q9000001
  attendance: 90+
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_records_map_to_triples_with_ids_and_precision(tmp_path: Path) -> None:
    [mapped] = read_sources([write(tmp_path, "good.yaml", GOOD)])
    objects = {(t.subject, t.predicate.value): t.object for t in mapped.triples}
    event = Iri(EG_ID + "synthetic-event-2024")
    start = objects[(event, P.start_date)]
    assert getattr(start, "lexical", None) == "2024-05"
    assert getattr(objects[(event, P.location)], "value", None) == WD + "Q9000001"
    assert mapped.records == 3


@pytest.mark.parametrize(
    ("broken", "line", "field", "message"),
    [
        (GOOD.replace("  label: Synthetic city\n", "  label: [unclosed\n"), 12, None, "not valid YAML"),
        (GOOD.replace("type: Place", "type: Planet"), 9, "type", "unknown type 'Planet'"),
        (GOOD.replace("series: synthetic-series", "series: no-such-series"), 16, "series", "names no record"),
        (GOOD.replace("start: '2024-05'", "start: 2023-13-40"), 17, "start", "month 13"),
        (GOOD.replace("location: Q9000001", "location: synthetic-series"), 18, "location", "expected Place"),
        (GOOD.replace("  kind: city\n", "  kind: planet\n"), 12, "kind", "not one of"),
        (GOOD.replace("  attendance: 90+\n", "  attendence: 90+\n"), 19, "attendence", "unknown field"),
    ],
)
def test_broken_files_name_file_line_and_field(
    tmp_path: Path, broken: str, line: int, field: str | None, message: str
) -> None:
    path = write(tmp_path, "broken.yaml", broken)
    with pytest.raises(SourceFileError) as caught:
        read_sources([path])
    error = caught.value
    assert error.path == str(path)
    assert error.line == line
    assert error.field == field
    assert message in str(error)
    assert f"broken.yaml:{line}" in str(error)


@pytest.mark.parametrize(
    ("duplicate", "line", "first"),
    [
        (GOOD.replace("  label: Synthetic city\n", "  label: Synthetic city\n  label: Another city\n"), 12, 11),
        (GOOD.replace("  title: Synthetic test page\n", "  title: Synthetic test page\n  title: Again\n"), 3, 2),
    ],
)
def test_a_key_given_twice_is_refused_with_file_and_line(tmp_path: Path, duplicate: str, line: int, first: int) -> None:
    """YAML itself keeps the last value silently; a source record that says two things must not pass."""
    path = write(tmp_path, "twice.yaml", duplicate)
    with pytest.raises(SourceFileError) as caught:
        read_sources([path])
    assert caught.value.line == line
    assert f"twice.yaml:{line}" in str(caught.value)
    assert "duplicate key" in str(caught.value)
    assert f"first on line {first}" in str(caught.value)


def test_a_failed_load_keeps_what_the_store_had(tmp_path: Path, fresh_store: OxigraphStore) -> None:
    write(tmp_path, "good.yaml", GOOD)
    load_local(fresh_store, tmp_path)
    before = fresh_store.dump()
    write(tmp_path, "zz-broken.yaml", GOOD.replace("start: '2024-05'", "start: 2023-13-40"))
    write(tmp_path, "good.yaml", GOOD.replace("Synthetic event 2024", "Renamed event"))
    with pytest.raises(SourceFileError):
        load_local(fresh_store, tmp_path)
    assert fresh_store.dump() == before


def test_loading_twice_gives_the_same_counts(tmp_path: Path, fresh_store: OxigraphStore) -> None:
    write(tmp_path, "good.yaml", GOOD)
    load_local(fresh_store, tmp_path)
    first = fresh_store.counts()
    load_local(fresh_store, tmp_path)
    assert fresh_store.counts() == first
    assert first["Event"] == 1


def test_the_same_entity_in_two_files_merges(tmp_path: Path, fresh_store: OxigraphStore) -> None:
    write(tmp_path, "a.yaml", GOOD)
    write(
        tmp_path,
        "b.yaml",
        "provenance: {title: Other, url: 'https://meta.wikimedia.org/wiki/Other'}\n"
        "records:\n- {id: other-name, type: Place, qid: Q9000001, label: {tr: Sentetik şehir}}\n",
    )
    load_local(fresh_store, tmp_path)
    city = fresh_store.describe([WD + "Q9000001"])[WD + "Q9000001"]
    assert {f.graph.rsplit("/", 1)[-1] for f in city.facts} == {"a", "b"}
    assert fresh_store.counts()["Place"] == 1


def test_conflicting_types_for_one_qid_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD)
    other = write(
        tmp_path,
        "b.yaml",
        "provenance: {title: Other, url: 'https://meta.wikimedia.org/wiki/Other'}\n"
        "records:\n- {id: other-name, type: Organization, qid: Q9000001, label: Not a city}\n",
    )
    with pytest.raises(SourceFileError, match="Q9000001 is a Place"):
        read_sources([tmp_path / "a.yaml", other])


def test_claims_keep_every_value_and_mark_the_preferred(tmp_path: Path, fresh_store: OxigraphStore) -> None:
    text = GOOD.replace(
        "  attendance: 90+\n",
        "  attendance:\n    claims:\n"
        "    - {value: '4,000+', source: 'https://example.org/a'}\n"
        "    - {value: '2,000', source: 'https://example.org/b', preferred: true}\n",
    )
    write(tmp_path, "good.yaml", text)
    load_local(fresh_store, tmp_path)
    event = fresh_store.describe([EG_ID + "synthetic-event-2024"])[EG_ID + "synthetic-event-2024"]
    [served] = event.nodes(P.attendance)
    assert served.literal(P.text) == "2,000"
    claims = event.nodes(P.claim)
    assert sorted(c.literal(P.preferred) or "" for c in claims) == ["false", "true"]


def test_the_shipped_sources_are_valid() -> None:
    mapped = read_sources(sorted(SOURCES_DIR.glob("*.yaml")))
    assert len(mapped) >= 3
    assert all(m.triples for m in mapped)
