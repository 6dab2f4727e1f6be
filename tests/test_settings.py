"""One settings module: documented defaults, flags over environment, errors naming the key, missing stores."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventgraph.cli import main
from eventgraph.settings import Settings, SettingsError, cores, default_store


def test_defaults_do_not_depend_on_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    here = Settings.from_env({})
    monkeypatch.chdir(tmp_path)
    elsewhere = Settings.from_env({})
    assert here.store.location == elsewhere.store.location == str(tmp_path / "data" / "eventgraph" / "store")
    assert default_store() == tmp_path / "data" / "eventgraph" / "store"
    assert (here.serve.host, here.serve.port, here.serve.workers) == ("127.0.0.1", 8000, cores())


def test_a_relative_location_is_made_absolute_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert Settings.from_env({"EVENTGRAPH_STORE": "var/store"}).store.location == str(tmp_path / "var" / "store")
    assert Settings.from_env({"EVENTGRAPH_STORE": "bolt://localhost:7687"}).store.location == "bolt://localhost:7687"


def test_flags_win_over_the_environment() -> None:
    env = {"EVENTGRAPH_STORE": "/env/store", "PORT": "9000", "EVENTGRAPH_WORKERS": "3"}
    settings = Settings.from_env(env, store="/flag/store", port="0", workers=None)
    assert (settings.store.location, settings.serve.port, settings.serve.workers) == ("/flag/store", 0, 3)


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({"PORT": "eighty"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"EVENTGRAPH_WORKERS": "0"}, "EVENTGRAPH_WORKERS"),
        ({"EVENTGRAPH_WORKERS": "two"}, "EVENTGRAPH_WORKERS"),
    ],
)
def test_a_bad_value_names_its_key(env: dict[str, str], key: str) -> None:
    with pytest.raises(SettingsError, match=rf"^{key} has value"):
        Settings.from_env(env)


def test_a_bad_flag_names_the_flag() -> None:
    with pytest.raises(SettingsError, match=r"^--workers has value"):
        Settings.from_env({}, workers="many")


@pytest.mark.parametrize("command", ["query", "report", "export", "validate", "conflicts"])
def test_a_command_on_a_missing_store_says_so_and_creates_nothing(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo" / "store"
    args = {"query": ["{ sources { title } }"], "export": ["--format", "turtle", "--out", str(tmp_path / "out")]}
    assert main([command, "--store", str(missing), *args.get(command, [])]) == 1
    err = capsys.readouterr().err
    assert f"no store at {missing}" in err
    assert "eventgraph load" in err
    assert len(err.strip().splitlines()) == 1, "one line, no traceback"
    assert not missing.exists()
    assert not (tmp_path / "out").exists()


def test_a_command_on_an_empty_store_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["report", "--store", str(empty)]) == 1
    assert "run `eventgraph load` first" in capsys.readouterr().err


def test_the_cli_reads_the_store_from_the_environment_from_any_directory(tmp_path: Path) -> None:
    """A real process started elsewhere: the setting, not the working directory, decides."""
    env = dict(os.environ, EVENTGRAPH_STORE=str(tmp_path / "nowhere"))
    run = subprocess.run(
        [sys.executable, "-m", "eventgraph.cli", "report"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert f"no store at {tmp_path / 'nowhere'}" in run.stderr
    assert not (tmp_path / "var").exists()
