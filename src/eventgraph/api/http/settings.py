"""Deployment settings of the HTTP layer: the `http` section of `eventgraph.settings.Settings`.

Read from the environment by the settings module (never by library code).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from eventgraph.resources import queries_dir, web_dir

EXAMPLES_DIR = queries_dir("examples")
GRAPHIQL_ASSETS_DIR = web_dir() / "node_modules"
EXPLORER_ASSETS_DIR = web_dir() / "dist" / "explore"


@dataclass(frozen=True, slots=True)
class HttpSettings:
    """What a deployment may change; the defaults suit a local, open, read-only service."""

    trusted_documents_only: bool = False
    """Execute only persisted documents (a public dashboard deployment); off by default."""
    cache_control: str = "public, max-age=0, must-revalidate"
    """Sent with cacheable (GET, error-free) answers; ETags make revalidation cheap."""
    cors_origins: tuple[str, ...] = ()
    """Origins allowed by CORS; empty means no CORS headers at all."""
    response_cache_size: int = 512
    """Persisted-query answers kept in memory per dataset version; 0 turns the cache off."""
    request_timeout: float = 10.0
    """Seconds after which no further store call starts; unresolved fields answer with code TIMEOUT."""
    persisted_dir: Path = field(default=EXAMPLES_DIR)
    graphiql_assets: Path = field(default=GRAPHIQL_ASSETS_DIR)
    explorer_assets: Path = field(default=EXPLORER_ASSETS_DIR)
    """The built /explore page (`make web-assets` writes it: web/build.mjs)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> HttpSettings:
        """Read EVENTGRAPH_* variables; unset ones keep the defaults."""
        env = os.environ if env is None else env
        default = cls()
        origins = env.get("EVENTGRAPH_CORS_ORIGINS", "")
        return cls(
            trusted_documents_only=env.get("EVENTGRAPH_TRUSTED_DOCUMENTS_ONLY", "").lower() in {"1", "true", "yes"},
            cache_control=env.get("EVENTGRAPH_CACHE_CONTROL", default.cache_control),
            cors_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
            response_cache_size=int(env.get("EVENTGRAPH_RESPONSE_CACHE_SIZE", default.response_cache_size)),
            request_timeout=float(env.get("EVENTGRAPH_REQUEST_TIMEOUT", default.request_timeout)),
            persisted_dir=Path(env.get("EVENTGRAPH_PERSISTED_DIR", str(default.persisted_dir))),
            graphiql_assets=Path(env.get("EVENTGRAPH_GRAPHIQL_ASSETS", str(default.graphiql_assets))),
            explorer_assets=Path(env.get("EVENTGRAPH_EXPLORER_ASSETS", str(default.explorer_assets))),
        )
