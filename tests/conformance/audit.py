"""The GraphQL-over-HTTP audit: graphql-http's `auditServer` (npm) against a live uvicorn server on loopback.

Run: `make audit` (or `.venv/bin/python -m tests.conformance.audit`); tests/conformance/test_graphql_http_audit.py
runs the same in the suite and fails on any MUST.
"""

from __future__ import annotations

import json
import logging
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from eventgraph.api.app import create_app
from eventgraph.api.http import serving
from eventgraph.api.http.settings import HttpSettings
from eventgraph.store.protocols import GraphReader

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "audit.mjs"
INSTALLED = HERE / "node_modules" / "graphql-http"


@dataclass(frozen=True, slots=True)
class AuditResult:
    id: str
    name: str
    status: str  # "ok" | "warn" | "error"
    reason: str | None

    @property
    def level(self) -> str:
        """MUST, SHOULD or MAY: the audit's own name starts with it."""
        return self.name.split(" ", 1)[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(store: GraphReader, settings: HttpSettings | None = None) -> Iterator[str]:
    """Uvicorn as `eventgraph serve` configures it, on a free loopback port in a thread; yields the /graphql URL."""
    port = free_port()
    settings = settings or HttpSettings()
    app = create_app(store, settings=settings)
    server = uvicorn.Server(serving.config(app, settings, "127.0.0.1", port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise RuntimeError("uvicorn did not start within 10 s")
    try:
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def run_audit(url: str) -> list[AuditResult]:
    node = shutil.which("node")
    if node is None or not INSTALLED.is_dir():
        raise RuntimeError("node and tests/conformance/node_modules are needed: run `make conformance-deps`")
    completed = subprocess.run(
        [node, str(SCRIPT), url], cwd=HERE, capture_output=True, text=True, timeout=60, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(f"the audit script failed: {completed.stderr.strip()}")
    rows: list[dict[str, Any]] = json.loads(completed.stdout)
    return [AuditResult(r["id"], r["name"], r["status"], r.get("reason")) for r in rows]


def summary(results: list[AuditResult]) -> str:
    lines = []
    for level in ("MUST", "SHOULD", "MAY"):
        group = [r for r in results if r.level == level]
        passed = sum(r.status == "ok" for r in group)
        lines.append(f"{level}: {passed}/{len(group)} passed")
    for r in results:
        if r.status != "ok":
            lines.append(f"  {r.status.upper()} {r.id} {r.name}: {r.reason}")
    return "\n".join(lines)


def main() -> int:
    from eventgraph.store.oxigraph import OxigraphStore
    from loaders.pipeline import load_local

    logging.getLogger("strawberry.execution").setLevel(logging.CRITICAL)  # the audit's bad requests are expected
    store = OxigraphStore.in_memory()
    load_local(store)
    with live_server(store) as url:
        results = run_audit(url)
    print(summary(results))
    return 1 if any(r.level == "MUST" and r.status != "ok" for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
