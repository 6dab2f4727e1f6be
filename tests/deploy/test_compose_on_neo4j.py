"""docker-compose.yml's services run for real, without Docker: the `load` and `eventgraph` commands with their
environment, from the venv the Dockerfile's steps install, against the tests' real Neo4j; healthy by the image's
own HEALTHCHECK."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from eventgraph.store.neo4j import Neo4jStore
from tests.deploy.dockerfile import stages
from tests.deploy.image import DOCKERFILE
from tools.local_neo4j import LocalNeo4j

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port: int = probe.getsockname()[1]
    return port


def service_env(compose: dict[str, Any], name: str, image_venv: Path, store: str, **extra: str) -> dict[str, str]:
    """The image's ENV, then the service's environment, with the Neo4j host of compose's network replaced."""
    env = {"HOME": str(image_venv), "PATH": f"{image_venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    image_env = stages(DOCKERFILE)[-1].env()
    env.update({k: v for k, v in image_env.items() if k not in ("PATH", "VIRTUAL_ENV", "WHEELS")})
    env.update({k: str(v) for k, v in compose["services"][name]["environment"].items()})
    assert env["EVENTGRAPH_STORE"] == "bolt://neo4j:7687"
    env["EVENTGRAPH_STORE"] = store
    env.update(extra)
    return env


def healthy(image_venv: Path, env: dict[str, str]) -> bool:
    """The image's HEALTHCHECK command, run as Docker would (its `python` is the image's)."""
    [healthcheck] = stages(DOCKERFILE)[-1].of("HEALTHCHECK")
    command = json.loads(healthcheck.split(" CMD ", 1)[1])
    assert command[0] == "python"
    done = subprocess.run([str(image_venv / "bin" / "python"), *command[1:]], env=env, capture_output=True, check=False)
    return done.returncode == 0


def test_the_load_and_api_services_run_on_neo4j(
    compose: dict[str, Any], image_venv: Path, neo4j_server: LocalNeo4j
) -> None:
    wiped = Neo4jStore.connect(neo4j_server.uri)
    wiped.wipe()
    wiped.close()
    load = compose["services"]["load"]["command"]
    env = service_env(compose, "load", image_venv, neo4j_server.uri)
    done = subprocess.run(
        [str(image_venv / "bin" / load[0]), *load[1:]], env=env, cwd=image_venv, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "store:" in done.stdout

    serve = list(compose["services"]["eventgraph"]["command"])
    port = free_port()
    serve[serve.index("--host") + 1], serve[serve.index("--port") + 1] = "127.0.0.1", str(port)
    env = service_env(compose, "eventgraph", image_venv, neo4j_server.uri, PORT=str(port), EVENTGRAPH_WORKERS="1")
    server = subprocess.Popen(
        [str(image_venv / "bin" / serve[0]), *serve[1:]],
        env=env,
        cwd=image_venv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while not healthy(image_venv, env):
            assert server.poll() is None, "the API process exited"
            assert time.monotonic() < deadline, "the API never became healthy"
            time.sleep(0.5)
        query = urllib.parse.quote('{ entity(qid: "Q406") { label } }')
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/graphql?query={query}", timeout=10) as response:
            assert json.load(response) == {"data": {"entity": {"label": "Istanbul"}}}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
