"""The deployment files read the way Docker would: `docker-compose config` (Debian's; `make docker-compose`)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
PASSWORD = "synthetic-test-password"  # a placeholder the compose file interpolates, never a real secret


def docker_compose_config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`docker-compose config` over the checked-in file, with only the given variables (and PATH, HOME) set."""
    command = shutil.which("docker-compose")
    if command is None:
        reason = "compose file not validated: docker-compose is not installed (`make docker-compose` installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    base = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/")}
    return subprocess.run(
        [command, "--file", str(COMPOSE_FILE), "--project-directory", str(ROOT), "config"],
        env=base | env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.fixture(scope="session")
def compose() -> dict[str, Any]:
    """The compose file as Docker Compose resolves it, with NEO4J_PASSWORD set and every other setting defaulted."""
    done = docker_compose_config({"NEO4J_PASSWORD": PASSWORD})
    assert done.returncode == 0, done.stderr
    config = yaml.safe_load(done.stdout)
    assert isinstance(config, dict)
    return config
