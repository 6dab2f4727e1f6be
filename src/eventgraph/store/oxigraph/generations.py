"""An on-disk store location as a series of generations: loads build a new one, readers follow the switch.

    <location>/CURRENT                 the name of the current generation (replaced atomically: rename + fsync)
    <location>/load.lock               held (flock) by the one load running
    <location>/generations/<name>/data       a pyoxigraph (RocksDB) store, written once, then only read
    <location>/generations/<name>/seal.json  counts, digests, dataset version and files, written after `data`
    <location>/generations/<name>/readers    held (shared flock) by every process reading the generation

A load copies the sources it keeps from the current generation, bulk-writes the new ones, counts, closes the store,
records the seal and only then replaces CURRENT. Killed at any moment before that rename, it leaves CURRENT and
everything it names as they were; its half-built directory is removed by the next load. Readers open the current
generation read-only (any number of processes), pin one per request (`snapshot`) and move to a new one when CURRENT
changes; a generation is deleted once nobody holds its `readers` lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import logging
import os
import secrets
import shutil
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from eventgraph.errors import StoreDamagedError, StoreError
from eventgraph.model import (
    EntityClass,
    EventProfile,
    FacetQuery,
    FacetRows,
    FindQuery,
    GraphEdge,
    LinkQuery,
    LocalEntity,
    OrganizationLink,
    Page,
    Resource,
    SearchHit,
    SearchQuery,
    SourceInfo,
    Triple,
    ValuePair,
)
from eventgraph.store.oxigraph.seal import Seal
from eventgraph.store.oxigraph.seal import dataset_version as seal_version
from eventgraph.store.oxigraph.store import OxigraphStore
from eventgraph.store.protocols import GraphStore, Point

logger = logging.getLogger(__name__)

CURRENT = "CURRENT"
GENERATIONS = "generations"
PAUSE_KEY = "EVENTGRAPH_TEST_PAUSE_AT"
"""Tests only: a load stops at this step (copied, written, sealed), says so on stderr and waits to be killed."""


def _checkpoint(step: str) -> None:
    if os.environ.get(PAUSE_KEY) == step:
        os.write(2, f"paused at {step}\n".encode())
        time.sleep(3600)


def _sync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _Lock:
    """An flock on a file, released when closed (or when the process dies, however it dies)."""

    def __init__(self, path: Path, *, shared: bool, wait: bool = True) -> None:
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | (0 if wait else fcntl.LOCK_NB))
        except OSError:
            os.close(self.fd)
            raise

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class Generation(OxigraphStore):
    """One sealed generation, opened read-only; holds its `readers` lock until closed or collected."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.name = directory.name
        self._lock: _Lock | None = _Lock(directory / "readers", shared=True)
        try:
            seal = Seal.read(directory / "seal.json")
            seal.check_files(directory / "data")
            try:
                store = ox.Store.read_only(str(directory / "data"))
                quads = len(store)  # reads every key of one index: a lost or cut table shows here
            except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as either
                raise StoreDamagedError(f"{directory / 'data'} does not open: {exc}") from exc
            if quads != seal.quads:
                raise StoreDamagedError(f"{directory / 'data'} holds {quads} quads; the load wrote {seal.quads}")
        except Exception:
            self._release()
            raise
        super().__init__(store, seal)

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def close(self) -> None:
        super().close()
        self._release()

    def __del__(self) -> None:
        self._release()


class Generations:
    """`GraphStore` over a store location: reads from the current generation, loads build the next one."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self._current: Generation | None = None
        self._empty = OxigraphStore.in_memory()
        self._seen: tuple[int, int] | None = None  # (inode, mtime) of CURRENT when last read
        self._guard = threading.Lock()
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()

    # ------------------------------------------------------------------ following the current generation

    def exists(self) -> bool:
        """Whether a load has completed here."""
        return (self.location / CURRENT).is_file()

    def snapshot(self) -> OxigraphStore:
        """The current generation (opened on first use, and again after a load switched CURRENT).

        Before the first load, an empty store: loads read it (nothing to keep); commands refuse it earlier
        (`eventgraph.backends.open_store`).
        """
        if self._watcher is None:
            self.refresh()
        return self._current if self._current is not None else self._empty

    def refresh(self) -> bool:
        """Follow CURRENT if it changed; True when a new generation became current."""
        pointer = self.location / CURRENT
        try:
            stat = pointer.stat()
        except FileNotFoundError:
            return False
        seen = (stat.st_ino, stat.st_mtime_ns)
        with self._guard:
            if seen == self._seen and self._current is not None:
                return False
            name = pointer.read_text(encoding="utf-8").strip()
            if self._current is not None and self._current.name == name:
                self._seen = seen
                return False
            opened = self._open(name)
            previous, self._current, self._seen = self._current, opened, seen
        if previous is not None:
            logger.info("now answering from generation %s (was %s)", opened.name, previous.name)
        return True

    def _open(self, name: str) -> Generation:
        directory = self.location / GENERATIONS / name
        if not (directory / "seal.json").exists() and not directory.is_dir():
            raise StoreDamagedError(
                f"the store at {self.location} names generation {name!r}, which is missing: "
                "run `eventgraph load` to rebuild it"
            )
        try:
            return Generation(directory)
        except StoreDamagedError as exc:
            raise StoreDamagedError(
                f"the store at {self.location} is damaged ({exc}): run `eventgraph load` to rebuild it"
            ) from exc

    def watch(self, interval_s: float = 0.25, warm: bool = True) -> None:
        """Follow CURRENT from a background thread, opening (and warming) a new generation before it serves."""
        if self._watcher is not None:
            return
        self.refresh()

        def follow() -> None:
            while not self._stop.wait(interval_s):
                try:
                    if self.refresh():
                        if warm and self._current is not None:
                            _warm(self._current)
                        collect_previous()  # the previous generation goes once no request holds it...
                        self.collect_garbage()  # ...and its files once no process does
                except StoreError as exc:  # keep serving the generation we have
                    logger.error("%s", exc)

        if warm and self._current is not None:
            _warm(self._current)
        self._watcher = threading.Thread(target=follow, name="eventgraph-generations", daemon=True)
        self._watcher.start()

    def close(self) -> None:
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(5)
            self._watcher = None
        with self._guard:
            if self._current is not None:
                self._current.close()
            self._current = None
            self._seen = None

    def __enter__(self) -> Generations:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ loading

    @contextlib.contextmanager
    def transaction(self, keep: Sequence[str] | None = None) -> Iterator[GraphStore]:
        """Build a new generation from the kept sources plus the writes inside the block; switch to it at the end."""
        self.location.mkdir(parents=True, exist_ok=True)
        try:
            load_lock = _Lock(self.location / "load.lock", shared=False, wait=False)
        except BlockingIOError as exc:
            raise StoreError(f"another load is writing to {self.location}; try again when it has finished") from exc
        try:
            self._collect_garbage(holding_load_lock=True)
            previous = None
            if keep is None or keep:  # only a load keeping sources reads the current generation
                self.refresh()
                previous = self._current
            name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(4)
            directory = self.location / GENERATIONS / name
            (directory / "data").mkdir(parents=True)
            building = _Lock(directory / "readers", shared=True)  # no one may collect it while we build it
            try:
                builder = OxigraphStore(ox.Store(str(directory / "data")))
                if previous is not None:
                    kept = [s.graph for s in previous.sources() if keep is None or s.graph in keep]
                    builder.copy_sources(previous, kept)
                _checkpoint("copied")
                yield builder
                _checkpoint("written")
                self._seal(builder, directory)
                _checkpoint("sealed")
                self._switch(name)
            except BaseException:
                building.close()
                shutil.rmtree(directory, ignore_errors=True)
                raise
            building.close()
            with self._guard:  # this process reads the new generation when it next looks...
                self._current, self._seen = None, None
            del previous  # ...and lets go of the old one (its readers lock goes with the last reference)
            self._collect_garbage(holding_load_lock=True)
        finally:
            load_lock.close()

    def _seal(self, builder: OxigraphStore, directory: Path) -> None:
        counts = builder.count()
        quads = len(builder._store)
        digests = builder.digests
        builder._store = ox.Store()  # the last reference: RocksDB closes its files now, before they are listed
        for file in (directory / "data").iterdir():  # on disk before CURRENT may name them (power loss included)
            with file.open("rb") as written:
                os.fsync(written.fileno())
        files = {
            f.name: f.stat().st_size
            for f in sorted((directory / "data").iterdir())
            if f.name != "LOCK" and not f.name.startswith("LOG")  # the lock and RocksDB's own logs are no data
        }
        seal = Seal(
            version=seal_version(digests),
            counts=counts,
            digests=digests,
            quads=quads,
            files=files,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        seal.write(directory / "seal.json")
        _sync_directory(directory)

    def _switch(self, name: str) -> None:
        pointer = self.location / CURRENT
        temporary = self.location / (CURRENT + ".tmp")
        with temporary.open("w", encoding="utf-8") as out:
            out.write(name + "\n")
            out.flush()
            os.fsync(out.fileno())
        temporary.replace(pointer)
        _sync_directory(self.location)

    def _collect_garbage(self, *, holding_load_lock: bool = False) -> list[str]:
        """Delete the generations that are not current and that no process reads (nor a load builds)."""
        if not holding_load_lock:
            try:
                load_lock = _Lock(self.location / "load.lock", shared=False, wait=False)
            except (BlockingIOError, FileNotFoundError):
                return []
            try:
                return self._collect_garbage(holding_load_lock=True)
            finally:
                load_lock.close()
        root = self.location / GENERATIONS
        current = (self.location / CURRENT).read_text(encoding="utf-8").strip() if self.exists() else None
        removed = []
        for directory in sorted(root.iterdir()) if root.is_dir() else []:
            if directory.name == current:
                continue
            lock: _Lock | None = None
            try:
                lock = _Lock(directory / "readers", shared=False, wait=False)
            except BlockingIOError:
                continue  # some process still reads it
            except FileNotFoundError:
                pass
            try:
                shutil.rmtree(directory, ignore_errors=True)
                removed.append(directory.name)
            finally:
                if lock is not None:
                    lock.close()
        if removed:
            logger.info("removed generations no one reads: %s", ", ".join(removed))
        return removed

    def collect_garbage(self) -> list[str]:
        """Remove unused old generations now (unless a load is running); the names removed."""
        return self._collect_garbage()

    # ------------------------------------------------------------------ GraphStore, delegated

    def describe(self, iris: Sequence[str]) -> Mapping[str, Resource]:
        return self.snapshot().describe(iris)

    def referrers(self, iris: Sequence[str], predicate: str) -> Mapping[str, list[str]]:
        return self.snapshot().referrers(iris, predicate)

    def find(self, query: FindQuery) -> Page:
        return self.snapshot().find(query)

    def sources(self) -> list[SourceInfo]:
        return self.snapshot().sources()

    def counts(self) -> Mapping[str, int]:
        return self.snapshot().counts()

    def dataset_version(self) -> str:
        return self.snapshot().dataset_version()

    def search(self, query: SearchQuery) -> list[SearchHit]:
        return self.snapshot().search(query)

    def facets(self, query: FacetQuery) -> FacetRows:
        return self.snapshot().facets(query)

    def event_profiles(self, iris: Sequence[str] | None) -> list[EventProfile]:
        return self.snapshot().event_profiles(iris)

    def edges(self, iris: Sequence[str], predicates: Sequence[str]) -> list[GraphEdge]:
        return self.snapshot().edges(iris, predicates)

    def organization_links(self, query: LinkQuery) -> list[OrganizationLink]:
        return self.snapshot().organization_links(query)

    def points(self, entity_class: EntityClass, iris: Sequence[str] | None) -> Mapping[str, tuple[Point, ...]]:
        return self.snapshot().points(entity_class, iris)

    def local_entities(self, exclude_graph: str) -> list[LocalEntity]:
        return self.snapshot().local_entities(exclude_graph)

    def value_pairs(self, wikidata_graph: str) -> list[ValuePair]:
        return self.snapshot().value_pairs(wikidata_graph)

    def replace_sources(
        self, batch: Sequence[tuple[SourceInfo, Iterable[Triple]]], remove: Sequence[str] = ()
    ) -> list[SourceInfo]:
        replaced = {*remove, *(source.graph for source, _ in batch)}
        keep = [s.graph for s in self.snapshot().sources() if s.graph not in replaced] if self.exists() else []
        with self.transaction(keep=keep) as load:
            return load.replace_sources(batch)

    def replace_source(self, source: SourceInfo, triples: Iterable[Triple]) -> SourceInfo:
        return self.replace_sources([(source, triples)])[0]

    def remove_source(self, graph: str) -> None:
        self.replace_sources([], remove=[graph])


def collect_previous() -> None:
    """A full collection after a switch. A process that froze its heap (`serve` does, once warmed: full collections
    then skip the name index and profiles) unfreezes it first, so the previous generation's frozen objects are
    collected too, and freezes again: the new generation's warmed indexes take their place, and a full collection
    during requests stays as short as it was (~0.3 us per object it scans)."""
    frozen = gc.get_freeze_count() > 0
    if frozen:
        gc.unfreeze()
    gc.collect()
    if frozen:
        gc.freeze()


def _warm(generation: Generation) -> None:
    """Read what the first requests would otherwise wait for: sources, the name index, every event's profile."""
    started = time.perf_counter()
    generation.sources()
    generation.search(SearchQuery("warm"))
    generation.event_profiles(None)
    logger.info("generation %s warmed in %.2f s", generation.name, time.perf_counter() - started)
