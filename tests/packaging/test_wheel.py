"""A non-editable install works like a checkout: build the wheel, install it in a clean venv, load, answer a query.

This is what a Dockerfile does (`pip install .`). The clean venv gets its dependencies from pip as usual (pip's cache
makes repeated runs quick); the test runs from a directory outside the checkout, so nothing can be found by
accident through the working directory or the source tree.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(image_venv: Path) -> Path:
    """The `bin` folder of a fresh venv holding the wheel built from this checkout, installed by the Dockerfile's
    own steps (tests/deploy/image.py), so the image and this test install eventgraph the same way."""
    return image_venv / "bin"


def test_the_installed_package_loads_and_answers_from_any_directory(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "EVENTGRAPH_", "VIRTUAL_ENV"))}
    env["EVENTGRAPH_STORE"] = str(tmp_path / "store")
    eventgraph = str(installed / "eventgraph")
    loaded = _run([eventgraph, "load"], elsewhere, env)
    assert "Wikidata (snapshot" in loaded, "the snapshot and the loader's queries are package data"
    answer = json.loads(_run([eventgraph, "query", '{ entity(qid: "Q406") { label } }'], elsewhere, env))
    assert answer == {"data": {"entity": {"label": "Istanbul"}}}
    assert "type Query" in _run([eventgraph, "schema"], elsewhere, env)
    assert "conforms" in _run([eventgraph, "validate"], elsewhere, env).lower(), "schema/shapes.ttl is package data"
    location = _run(
        [str(installed / "python"), "-c", "import eventgraph.resources as r; print(r.load_query('store/find.rq')[:9])"],
        elsewhere,
        env,
    )
    assert location.strip() == "# Purpose"
    packaged = _run(
        [
            str(installed / "python"),
            "-c",
            "import eventgraph.resources as r; print('query' in r.load_query('exports/co-organization.graphql'));"
            "print((r.web_dir() / 'dist' / 'explore' / 'index.html').is_file())",
        ],
        elsewhere,
        env,
    )
    assert packaged.split() == ["True", "True"], "the co-organization export and the built explorer are package data"
