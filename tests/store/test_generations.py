"""Store generations: a load killed at any moment changes nothing served; removed files go; old ones are deleted.

The loads here are real `eventgraph load` processes, killed with SIGKILL or SIGTERM while they work. Each test builds
its own small synthetic sources (ids eg:gen-*: invented for tests).
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
import weakref
from collections.abc import Mapping
from pathlib import Path

import pytest

from eventgraph.cli import main
from eventgraph.errors import StoreDamagedError
from eventgraph.store.oxigraph import Generations
from eventgraph.store.oxigraph.generations import GENERATIONS, PAUSE_KEY, Generation, collect_previous
from loaders.pipeline import load_local

pytestmark = pytest.mark.slow

SOURCE = """provenance:
  title: Generation test {name}
  url: https://example.org/{name}
  licence: CC0 1.0
records:
{records}"""
RECORD = """- id: gen-{name}-{n}
  type: Event
  label: Generation test event {name} {n}
  kind: meetup
  start: '2024-0{month}'
  sources:
  - url: https://example.org/{name}
    quote: invented for a test
"""


def write_source(directory: Path, name: str, records: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    body = "".join(RECORD.format(name=name, n=n, month=1 + n % 9) for n in range(records))
    path = directory / f"{name}.yaml"
    path.write_text(SOURCE.format(name=name, records=body), encoding="utf-8")
    return path


def state(location: Path) -> tuple[str, Mapping[str, int], list[str]]:
    """What a reader opening the location now is served: version, counts, sources."""
    with Generations(location) as store:
        reader = store.snapshot()
        return reader.dataset_version(), dict(reader.counts()), [s.graph for s in reader.sources()]


def generations(location: Path) -> list[str]:
    return sorted(p.name for p in (location / GENERATIONS).iterdir())


@pytest.fixture
def loaded(tmp_path: Path) -> tuple[Path, Path]:
    """A store loaded from one source; and a second sources folder with other data for the next load."""
    first, second = tmp_path / "first", tmp_path / "second"
    write_source(first, "alpha", 3)
    write_source(second, "alpha", 5)
    write_source(second, "beta", 200)
    location = tmp_path / "store"
    with Generations(location) as store:
        load_local(store, first)
    return location, second


def _load(location: Path, sources: Path, pause: str | None = None) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env.pop(PAUSE_KEY, None)
    if pause:
        env[PAUSE_KEY] = pause
    command = [sys.executable, "-m", "eventgraph.cli", "load", "--source", "local"]
    return subprocess.Popen(
        [*command, "--store", str(location), "--sources", str(sources)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
@pytest.mark.parametrize("step", ["copied", "written", "sealed"])
def test_a_load_killed_at_any_step_changes_nothing(loaded: tuple[Path, Path], step: str, sig: signal.Signals) -> None:
    location, second = loaded
    before = state(location)
    process = _load(location, second, pause=step)
    assert process.stderr is not None
    line = process.stderr.readline()
    assert line.strip() == f"paused at {step}", line + process.stderr.read()
    process.send_signal(sig)
    process.communicate(timeout=30)
    assert state(location) == before
    assert len(generations(location)) == 2, "the half-built generation is still there..."
    assert main(["load", "--source", "local", "--store", str(location), "--sources", str(second)]) == 0
    after = state(location)
    assert after[0] != before[0]
    assert [g.rsplit("/", 1)[-1] for g in after[2]] == ["alpha", "beta"]
    assert len(generations(location)) == 1, "...until the next load removes it, with the one it replaced"


def test_a_load_killed_at_a_random_moment_serves_the_old_data_or_the_new(loaded: tuple[Path, Path]) -> None:
    location, second = loaded
    before = state(location)
    process = _load(location, second)
    time.sleep(1.0)  # somewhere in start-up, reading, writing or sealing
    process.kill()
    process.communicate(timeout=30)
    found = state(location)
    assert main(["load", "--source", "local", "--store", str(location), "--sources", str(second)]) == 0
    assert found in (before, state(location))


def test_a_removed_source_file_is_gone_after_the_next_load(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    write_source(folder, "alpha", 2)
    beta = write_source(folder, "beta", 2)
    location = tmp_path / "store"
    assert main(["load", "--source", "local", "--store", str(location), "--sources", str(folder)]) == 0
    beta.unlink()
    assert main(["load", "--source", "local", "--store", str(location), "--sources", str(folder)]) == 0
    _, counts, sources = state(location)
    assert [s.rsplit("/", 1)[-1] for s in sources] == ["alpha"]
    assert counts["Event"] == 2


def test_old_generations_are_removed_once_no_one_reads_them(loaded: tuple[Path, Path]) -> None:
    location, second = loaded
    [first] = generations(location)
    reader = Generation(location / GENERATIONS / first)  # a process still answering from the first generation
    with Generations(location) as store:
        load_local(store, second)
        assert first in generations(location), "kept while read"
        assert reader.counts()["Event"] == 3, "and still readable"
        reader.close()
        assert store.collect_garbage() == [first]
    assert len(generations(location)) == 1


def _current_data(location: Path) -> Path:
    name = (location / "CURRENT").read_text(encoding="utf-8").strip()
    return location / GENERATIONS / name / "data"


def _truncate_largest_table(location: Path) -> None:
    largest = max(_current_data(location).glob("*.sst"), key=lambda p: p.stat().st_size)
    with largest.open("r+b") as table:
        table.truncate(largest.stat().st_size // 2)


def _corrupt_manifest(location: Path) -> None:
    [manifest] = _current_data(location).glob("MANIFEST-*")
    data = bytearray(manifest.read_bytes())
    data[: len(data) // 2] = os.urandom(len(data) // 2)
    manifest.write_bytes(bytes(data))


def _corrupt_seal(location: Path) -> None:
    (_current_data(location).parent / "seal.json").write_text("{ not json", encoding="utf-8")


def _lose_a_table(location: Path) -> None:
    next(_current_data(location).glob("*.sst")).unlink()


@pytest.mark.parametrize("damage", [_truncate_largest_table, _corrupt_manifest, _corrupt_seal, _lose_a_table])
def test_a_damaged_store_is_refused_in_one_line(
    loaded: tuple[Path, Path], damage: object, capsys: pytest.CaptureFixture[str]
) -> None:
    location, _ = loaded
    damage(location)  # type: ignore[operator]
    with pytest.raises(StoreDamagedError, match="run `eventgraph load` to rebuild it"):
        Generations(location).snapshot()
    assert main(["report", "--store", str(location)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "is damaged" in err[0]


def test_a_load_repairs_a_damaged_store(loaded: tuple[Path, Path]) -> None:
    location, second = loaded
    _truncate_largest_table(location)
    assert main(["load", "--source", "local", "--store", str(location), "--sources", str(second)]) == 1, (
        "a partial load would have to keep sources from the damaged generation"
    )
    assert main(["load", "--store", str(location), "--sources", str(second)]) == 0, "a full load rebuilds it all"
    assert [g.rsplit("/", 1)[-1] for g in state(location)[2]] == ["alpha", "beta", "wikidata"]
    assert len(generations(location)) == 1


def test_a_switch_collects_what_the_frozen_heap_held_and_freezes_again() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only a collection frees it, never a reference count

    gc.collect()
    held = Node()
    gone = weakref.ref(held)
    gc.freeze()
    try:
        del held
        gc.collect()
        assert gone() is not None, "a frozen cycle is not collected"
        collect_previous()
        assert gone() is None, "unfrozen, collected"
        assert gc.get_freeze_count() > 0, "and the heap frozen again"
    finally:
        gc.unfreeze()
