"""The Dockerfile: its install steps, run for real in a clean venv (no Docker engine here), and its runtime setup."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.conftest import ROOT
from tests.deploy.dockerfile import Stage, stages

DOCKERFILE = ROOT / "Dockerfile"
NOT_RUN_HERE = ("useradd ",)  # changes this machine's users; checked below instead of run
PATH_VARIABLES = {"SRC", "WHEELS", "VIRTUAL_ENV"}  # every path a RUN step touches, moved to a temp dir here


def run_steps(all_stages: list[Stage]) -> list[str]:
    """The shell-form RUN steps of every stage, in build order, without the ones named in NOT_RUN_HERE."""
    return [run for stage in all_stages for run in stage.of("RUN") if not run.startswith(NOT_RUN_HERE)]


def checkout_copy(target: Path) -> Path:
    """The files a clean checkout has (tracked, or new and not ignored): what `COPY . /src` sees, less local state."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_every_path_a_step_touches_is_a_variable_the_test_can_move() -> None:
    all_stages = stages(DOCKERFILE)
    declared = {key for stage in all_stages[:1] + all_stages[-1:] for key in stage.env()}
    assert declared >= PATH_VARIABLES
    for step in run_steps(all_stages):
        without_variables = re.sub(r'"?\$\{?(' + "|".join(PATH_VARIABLES) + r')\}?"?\S*', "", step)
        assert "/" not in without_variables, f"a literal path in {step!r}: use one of {sorted(PATH_VARIABLES)}"


def test_the_service_runs_as_a_non_root_user_and_is_health_checked_on_healthz() -> None:
    final = stages(DOCKERFILE)[-1]
    users = final.of("USER")
    assert users
    assert users[-1] not in {"root", "0"}
    assert any(
        run.startswith(f"useradd --system --uid 10001 --create-home --home-dir {final.of('WORKDIR')[-1]} {users[-1]}")
        for run in final.of("RUN")
    )
    [healthcheck] = final.of("HEALTHCHECK")
    assert "/healthz" in healthcheck
    assert json.loads(final.of("CMD")[-1]) == ["eventgraph", "serve"]


@pytest.mark.slow
def test_the_install_steps_give_a_non_editable_eventgraph_in_a_clean_venv(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)  # the image's `python`: this interpreter, 3.11
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "SRC": str(checkout_copy(tmp_path / "src")),
        "WHEELS": str(tmp_path / "wheels"),
        "VIRTUAL_ENV": str(tmp_path / "venv"),
    }
    for step in run_steps(stages(DOCKERFILE)):
        done = subprocess.run(["/bin/sh", "-c", step], env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{step}\n{done.stdout}\n{done.stderr}"
    venv_python = tmp_path / "venv" / "bin" / "python"
    where = subprocess.run(
        [str(venv_python), "-c", "import eventgraph, loaders; print(eventgraph.__file__); print(loaders.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(p).is_relative_to(tmp_path / "venv") for p in where), where  # installed, not linked to src
    version = subprocess.run(
        [str(tmp_path / "venv" / "bin" / "eventgraph"), "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("eventgraph ")
