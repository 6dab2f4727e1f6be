"""What a load records about the data it wrote: content digests, the dataset version, counts and the files.

A digest is a multiset hash of a source's quads (the sum of a hash of each N-Quads line, modulo 2^128): it does not
depend on the order quads are written in, so it is computed while writing, with no sort and no second read. The
dataset version hashes the sorted (graph, digest) pairs: it changes exactly when some source's data changes. The
files (names and sizes) let a reader tell a damaged generation from a sound one before answering from it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eventgraph.errors import StoreDamagedError

_MODULUS = 1 << 128
EMPTY_DIGEST = "0" * 32


def digest(lines: Iterable[str]) -> str:
    """The multiset hash of these (distinct) N-Quads lines."""
    total = 0
    for line in lines:
        total += int.from_bytes(hashlib.blake2b(line.encode("utf-8"), digest_size=16).digest(), "big")
    return f"{total % _MODULUS:032x}"


def dataset_version(digests: Mapping[str, str]) -> str:
    """sha256 of the sorted `graph digest` lines: equal for equal data, whatever the load times."""
    text = "".join(f"{graph} {value}\n" for graph, value in sorted(digests.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Seal:
    """The record of one complete generation, written once its store is closed."""

    version: str
    counts: Mapping[str, int]
    digests: Mapping[str, str]
    quads: int
    files: Mapping[str, int] = field(default_factory=dict)
    created: str = ""

    def write(self, path: Path) -> None:
        """Write to `path` through a temporary file, synced, so a reader sees all of it or nothing."""
        temporary = path.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8") as out:
            json.dump(asdict(self), out, indent=1, sort_keys=True)
            out.flush()
            _sync(out.fileno())
        temporary.replace(path)

    @classmethod
    def read(cls, path: Path) -> Seal:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                version=str(raw["version"]),
                counts={str(k): int(v) for k, v in raw["counts"].items()},
                digests={str(k): str(v) for k, v in raw["digests"].items()},
                quads=int(raw["quads"]),
                files={str(k): int(v) for k, v in raw["files"].items()},
                created=str(raw.get("created", "")),
            )
        except FileNotFoundError as exc:
            raise StoreDamagedError(f"{path} is missing") from exc
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreDamagedError(f"{path} is unreadable ({type(exc).__name__}: {exc})") from exc

    def check_files(self, directory: Path) -> None:
        """Every file the load wrote is there with the size it had: else `StoreDamagedError` naming one."""
        for name, size in sorted(self.files.items()):
            try:
                found = (directory / name).stat().st_size
            except FileNotFoundError as exc:
                raise StoreDamagedError(f"{directory / name} is missing") from exc
            if found != size:
                raise StoreDamagedError(f"{directory / name} has {found} bytes; the load wrote {size}")


def _sync(fd: int) -> None:
    import os

    os.fsync(fd)
