"""The Dockerfile: its install steps, run for real in a clean venv (no Docker engine here), and its runtime setup."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.deploy.dockerfile import stages
from tests.deploy.image import DOCKERFILE, PATH_VARIABLES, run_steps


def test_every_path_a_step_touches_is_a_variable_the_test_can_move() -> None:
    all_stages = stages(DOCKERFILE)
    declared = {key for stage in all_stages for key in stage.env()}
    assert declared >= PATH_VARIABLES
    for step in run_steps(all_stages):
        without_variables = re.sub(r'"?\$\{?(' + "|".join(PATH_VARIABLES) + r')\}?"?\S*', "", step)
        assert "/" not in without_variables, f"a literal path in {step!r}: use one of {sorted(PATH_VARIABLES)}"


def test_the_web_stage_builds_where_the_wheel_looks() -> None:
    web, build, _ = stages(DOCKERFILE)
    assert web.env()["WEB"] == "/web"
    assert build.env()["SRC"] == "/src"
    copies = set(build.of("COPY"))
    assert {"--from=web /web/node_modules /src/web/node_modules", "--from=web /web/dist /src/web/dist"} <= copies, (
        "tests/deploy/image.py builds the web assets in place, in $SRC/web: the image must copy them there too"
    )


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


WHERE = "import eventgraph, loaders; print(eventgraph.__file__, loaders.__file__)"


@pytest.mark.slow
def test_the_install_steps_give_a_non_editable_eventgraph_in_a_clean_venv(image_venv: Path) -> None:
    where = subprocess.run(
        [
            str(image_venv / "bin" / "python"),
            "-c",
            "import eventgraph, loaders; print(eventgraph.__file__, loaders.__file__)",
        ],
        cwd=image_venv,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(p).is_relative_to(image_venv) for p in where), where  # installed, not linked to the sources
    version = subprocess.run(
        [str(image_venv / "bin" / "eventgraph"), "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("eventgraph ")
