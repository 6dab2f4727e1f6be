"""Deployment settings of the HTTP layer: the `http` section of `eventgraph.settings.Settings`.

One table: each field of `HttpSettings` is a switch with a default, an environment variable `EVENTGRAPH_<NAME>`
and a `serve` flag `--<name>` (both derived from the field), and a help text; docs/deployment.md lists them all
(a test keeps it complete). A value that does not parse stops the start with the variable named. Read by the
settings module at an entry point, never by library code.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventgraph.errors import SettingsError
from eventgraph.resources import queries_dir, web_dir

EXAMPLES_DIR = queries_dir("examples")
GRAPHIQL_ASSETS_DIR = web_dir() / "node_modules"
EXPLORER_ASSETS_DIR = web_dir() / "dist" / "explore"
PREFIX = "EVENTGRAPH_"


def _about(help: str, *, minimum: float | None = None, alias: str | None = None) -> dict[str, Any]:
    """A switch's metadata: its help text, the smallest value it accepts, another flag name it answers to."""
    return {"help": help, "minimum": minimum, "alias": alias}


@dataclass(frozen=True, slots=True)
class HttpSettings:
    """What a deployment may change; the defaults suit a local, open, read-only service."""

    # ---- what is open
    graphiql: bool = field(default=True, metadata=_about("serve GraphiQL to browsers at /graphql"))
    introspection: bool = field(
        default=True, metadata=_about("answer __schema and __type queries (GraphiQL needs them)")
    )
    sparql: bool = field(default=True, metadata=_about("serve the read-only SPARQL endpoint at /sparql"))
    explain: bool = field(
        default=True, metadata=_about("honour the `explain` request extension (store queries and timings)")
    )
    trusted_documents_only: bool = field(
        default=False, metadata=_about("execute only persisted documents (queries/examples)")
    )
    cors_origins: tuple[str, ...] = field(
        default=(),
        metadata=_about("origins allowed by CORS, comma-separated; none: no CORS headers", alias="cors-origin"),
    )
    # ---- how much a request may take
    max_body_bytes: int = field(
        default=1_048_576, metadata=_about("largest request body in bytes, on every route (413 above)", minimum=1)
    )
    header_timeout: float = field(
        default=10.0, metadata=_about("seconds a client has to send its request line and headers", minimum=0.1)
    )
    body_timeout: float = field(
        default=10.0, metadata=_about("seconds a client has to send its request body (408 after)", minimum=0.1)
    )
    request_timeout: float = field(
        default=10.0,
        metadata=_about("GraphQL: seconds after which no store call starts (fields answer TIMEOUT)", minimum=0.1),
    )
    execution_timeout: float = field(
        default=15.0,
        metadata=_about("GraphQL: seconds after which the whole execution is stopped (TIMEOUT, no data)", minimum=0.1),
    )
    sparql_timeout: float = field(
        default=10.0, metadata=_about("SPARQL: seconds per query before its worker is killed", minimum=0.1)
    )
    sparql_memory_mb: int = field(
        default=1024,
        metadata=_about("SPARQL: address space per worker process in MiB (the query fails beyond)", minimum=256),
    )
    sparql_max_rows: int = field(
        default=10_000, metadata=_about("SPARQL: rows or triples returned before the answer is cut", minimum=1)
    )
    # ---- logging
    access_log: bool = field(
        default=False, metadata=_about("log one line per request (uvicorn's access log; off: a fifth more req/s)")
    )
    # ---- caching and files
    cache_control: str = field(
        default="public, max-age=0, must-revalidate",
        metadata=_about("Cache-Control of cacheable (GET, error-free) answers"),
    )
    response_cache_size: int = field(
        default=512, metadata=_about("persisted answers kept in memory per dataset version; 0: off", minimum=0)
    )
    persisted_dir: Path = field(default=EXAMPLES_DIR, metadata=_about("folder of trusted documents (*.graphql)"))
    graphiql_assets: Path = field(
        default=GRAPHIQL_ASSETS_DIR, metadata=_about("folder of GraphiQL's pinned assets (make web-assets)")
    )
    explorer_assets: Path = field(
        default=EXPLORER_ASSETS_DIR, metadata=_about("folder of the built /explore page (make web-assets)")
    )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> HttpSettings:
        """Read EVENTGRAPH_* variables; unset ones keep the defaults; a bad value raises `SettingsError`."""
        env = os.environ if env is None else env
        values = {f.name: parse(f, env[variable(f)], variable(f)) for f in switches() if variable(f) in env}
        return cls(**values)

    def replace(self, **changes: Any) -> HttpSettings:
        """A copy with `changes` (None values ignored), each checked like an environment value."""
        unknown = set(changes) - {f.name for f in switches()}
        if unknown:
            raise SettingsError(f"no such setting: {', '.join(sorted(unknown))}")
        checked = {}
        for f in switches():
            if changes.get(f.name) is not None:
                checked[f.name] = _check(f, changes[f.name], "--" + flag_name(f))
        return dataclasses.replace(self, **checked)


def switches() -> Iterator[dataclasses.Field[Any]]:
    return iter(dataclasses.fields(HttpSettings))


def variable(f: dataclasses.Field[Any]) -> str:
    return PREFIX + f.name.upper()


def flag_name(f: dataclasses.Field[Any]) -> str:
    return f.name.replace("_", "-")


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def parse(f: dataclasses.Field[Any], raw: str, key: str) -> Any:
    """The value of switch `f` from its text form; `SettingsError` naming `key` when it does not fit."""
    kind: type[Any] = type(f.default)
    text = raw.strip()
    try:
        if kind is bool:
            if text.lower() not in _TRUE | _FALSE:
                raise ValueError("not a boolean (use true or false)")
            value: Any = text.lower() in _TRUE
        elif kind is tuple:
            value = tuple(part.strip() for part in text.split(",") if part.strip())
        elif kind is int:
            value = int(text)
        elif kind is float:
            value = float(text)
        elif issubclass(kind, Path):
            value = Path(text)
        else:
            value = raw
    except ValueError as exc:
        message = str(exc) if kind is bool else f"not a valid {kind.__name__}"
        raise SettingsError(f"{key} has value {raw[:80]!r}: {message}") from None
    return _check(f, value, key)


def _check(f: dataclasses.Field[Any], value: Any, key: str) -> Any:
    minimum = f.metadata.get("minimum")
    if minimum is not None and not value >= minimum:  # also refuses NaN
        raise SettingsError(f"{key} has value {value!r}: must be at least {minimum:g}")
    return value
