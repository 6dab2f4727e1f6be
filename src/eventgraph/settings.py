"""One home for settings: environment variables and CLI flags, with documented defaults and errors naming the key.

Every setting is read here, once, at an entry point (the CLI; the app factory `serve --workers` starts), never by
library code, which receives plain values. A flag given on the command line wins over the environment, which wins
over the default. A value that does not parse raises `SettingsError` naming the key, as Starlette's `Config` does:
"EVENTGRAPH_WORKERS has value 'abc': not a valid int".

Sections: `store` (where the data lives), `serve` (processes, host, port, web assets) and `http` (the HTTP layer's
`HttpSettings`, read by its own `from_env` for now; it becomes a section read through `Config` like the others).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from eventgraph.api.http.settings import HttpSettings
from eventgraph.errors import SettingsError as SettingsError  # one class for every setting (re-exported)
from eventgraph.resources import web_dir

T = TypeVar("T")

STORE_KEY = "EVENTGRAPH_STORE"
NEO4J_USER_KEY = "EVENTGRAPH_NEO4J_USER"
NEO4J_PASSWORD_KEY = "EVENTGRAPH_NEO4J_PASSWORD"  # noqa: S105 (the name of the variable, not a password)
NEO4J_DATABASE_KEY = "EVENTGRAPH_NEO4J_DATABASE"


def default_store() -> Path:
    """`$XDG_DATA_HOME/eventgraph/store` (`~/.local/share/eventgraph/store`): the same from any directory."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "eventgraph" / "store"


def cores() -> int:
    """The cores this process may run on (the default number of `serve` workers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Config:
    """Typed reads of an environment mapping; a bad value names its key."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def __call__(self, key: str, cast: Callable[[str], T], default: T) -> T:
        raw = self.environ.get(key)
        if raw is None or raw == "":
            return default
        try:
            return cast(raw)
        except (TypeError, ValueError) as exc:
            kind = getattr(cast, "__name__", "value")
            raise SettingsError(f"{key} has value {raw!r}: not a valid {kind} ({exc})") from exc


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError("must be 1 or more")
    return value


def port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise ValueError("must be between 0 and 65535")
    return value


def location(text: str) -> str:
    """A store location: a `bolt://`/`neo4j://` URI as it is, else a path made absolute against the cwd."""
    if "://" in text:
        return text
    return str(Path(text).expanduser().resolve())


@dataclass(frozen=True, slots=True)
class StoreSettings:
    """Where the data lives."""

    location: str = field(default_factory=lambda: str(default_store()))
    """$EVENTGRAPH_STORE / --store: a directory (embedded Oxigraph) or a bolt:// URI (Neo4j). Relative paths are
    resolved against the current directory once, here; the default does not depend on it."""
    neo4j_user: str | None = None
    """$EVENTGRAPH_NEO4J_USER: the Neo4j user when the server has authentication on (none: connect without auth)."""
    neo4j_password: str | None = field(default=None, repr=False)
    """$EVENTGRAPH_NEO4J_PASSWORD: that user's password."""
    neo4j_database: str | None = None
    """$EVENTGRAPH_NEO4J_DATABASE: the Neo4j database (default: the server's default database, `neo4j`)."""


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """`eventgraph serve`: processes and where to listen."""

    host: str = "127.0.0.1"
    """$HOST / --host"""
    port: int = 8000
    """$PORT / --port"""
    workers: int = field(default_factory=cores)
    """$EVENTGRAPH_WORKERS / --workers: server processes, each opening the current data read-only (default: cores)."""
    web_dir: Path = field(default_factory=web_dir)
    """$EVENTGRAPH_WEB_DIR: the web assets folder (GraphiQL under node_modules/); default: the packaged `web/`."""


@dataclass(frozen=True, slots=True)
class Settings:
    store: StoreSettings = field(default_factory=StoreSettings)
    serve: ServeSettings = field(default_factory=ServeSettings)
    http: HttpSettings = field(default_factory=HttpSettings)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **flags: object) -> Settings:
        """The environment, overridden by the CLI flags that were given (None means not given)."""
        config = Config(environ)
        given = {k: v for k, v in flags.items() if v is not None}
        store = StoreSettings(
            location(str(given.get("store") or config(STORE_KEY, str, str(default_store())))),
            neo4j_user=config.environ.get(NEO4J_USER_KEY) or None,
            neo4j_password=config.environ.get(NEO4J_PASSWORD_KEY) or None,
            neo4j_database=config.environ.get(NEO4J_DATABASE_KEY) or None,
        )
        serve = ServeSettings(
            host=str(given.get("host") or config("HOST", str, "127.0.0.1")),
            port=_flag(given, "port", port, config("PORT", port, 8000)),
            workers=_flag(given, "workers", positive_int, config("EVENTGRAPH_WORKERS", positive_int, cores())),
            web_dir=Path(config("EVENTGRAPH_WEB_DIR", str, str(web_dir()))),
        )
        try:
            http = HttpSettings.from_env(config.environ)
        except ValueError as exc:
            raise SettingsError(f"an EVENTGRAPH_* HTTP setting has a bad value: {exc}") from exc
        if "EVENTGRAPH_GRAPHIQL_ASSETS" not in config.environ:
            http = _replace(http, graphiql_assets=serve.web_dir / "node_modules")
        if "EVENTGRAPH_EXPLORER_ASSETS" not in config.environ:
            http = _replace(http, explorer_assets=serve.web_dir / "dist" / "explore")
        return cls(store, serve, http)


def _flag(given: Mapping[str, object], key: str, cast: Callable[[str], T], default: T) -> T:
    """A flag's value when it was given (checked like the environment's, naming the flag), else `default`."""
    if key not in given:
        return default
    try:
        return cast(str(given[key]))
    except ValueError as exc:
        raise SettingsError(f"--{key} has value {given[key]!r}: {exc}") from exc


def _replace(http: HttpSettings, **changes: object) -> HttpSettings:
    import dataclasses

    return dataclasses.replace(http, **changes)  # type: ignore[arg-type]
