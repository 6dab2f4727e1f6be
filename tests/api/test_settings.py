"""Deployment settings: one table gives each switch its default, variable, flag and documentation."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from eventgraph.api.http.settings import HttpSettings, flag_name, switches, variable
from eventgraph.cli import build_parser, main
from eventgraph.errors import SettingsError

DOC = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"


def test_every_switch_is_documented_with_its_variable_flag_and_default() -> None:
    text = DOC.read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| `--")}
    for f in switches():
        row = rows.get(f"`--{flag_name(f)}`")
        assert row is not None, f"docs/deployment.md has no row for --{flag_name(f)}"
        assert f"`{variable(f)}`" in row
        default = f.default
        shown = {True: "on", False: "off"}.get(default, default) if isinstance(default, bool) else default
        if isinstance(default, Path):
            shown = default.relative_to(Path(__file__).resolve().parents[2]).as_posix()
        elif isinstance(default, tuple):
            shown = "none"
        assert f"`{shown}`" in row, (f.name, row)
    assert len(rows) == len(list(switches())), "a documented switch that does not exist"


def test_the_environment_sets_every_switch_and_a_bad_value_names_its_variable() -> None:
    settings = HttpSettings.from_env(
        {
            "EVENTGRAPH_GRAPHIQL": "off",
            "EVENTGRAPH_SPARQL": "false",
            "EVENTGRAPH_MAX_BODY_BYTES": "1024",
            "EVENTGRAPH_SPARQL_TIMEOUT": "2.5",
            "EVENTGRAPH_CORS_ORIGINS": "https://a.example, https://b.example",
            "UNRELATED": "x",
        }
    )
    assert (settings.graphiql, settings.sparql, settings.explain) == (False, False, True)
    assert (settings.max_body_bytes, settings.sparql_timeout) == (1024, 2.5)
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    for key, value, said in (
        ("EVENTGRAPH_MAX_BODY_BYTES", "lots", "not a valid int"),
        ("EVENTGRAPH_INTROSPECTION", "maybe", "not a boolean"),
        ("EVENTGRAPH_HEADER_TIMEOUT", "0", "must be at least 0.1"),
        ("EVENTGRAPH_SPARQL_TIMEOUT", "nan", "must be at least 0.1"),
        ("EVENTGRAPH_SPARQL_MEMORY_MB", "100", "must be at least 256"),
    ):
        with pytest.raises(SettingsError, match=key) as raised:
            HttpSettings.from_env({key: value})
        assert said in str(raised.value)


def test_serve_flags_override_the_environment() -> None:
    flags = ["--no-graphiql", "--trusted-documents-only", "--cors-origin", "https://a.example", "--max-body-bytes", "9"]
    args = build_parser().parse_args(["serve", *flags])
    given = {f.name: getattr(args, f.name) for f in switches()}
    assert given["graphiql"] is False
    assert given["trusted_documents_only"] is True
    assert given["introspection"] is None  # not given: the environment or the default decides
    assert given["cors_origins"] == [("https://a.example",)]  # repeatable, each comma-separated; cmd_serve flattens
    settings = HttpSettings.from_env({"EVENTGRAPH_MAX_BODY_BYTES": "100"}).replace(
        max_body_bytes=given["max_body_bytes"], graphiql=given["graphiql"]
    )
    assert (settings.max_body_bytes, settings.graphiql) == (9, False)
    with pytest.raises(SettingsError, match="--max-body-bytes"):
        HttpSettings().replace(max_body_bytes=0)


def test_serve_refuses_a_bad_setting_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EVENTGRAPH_BODY_TIMEOUT", "soon")
    assert main(["serve", "--store", "/nonexistent/never-opened"]) == 1
    err = capsys.readouterr().err
    assert re.fullmatch(r"eventgraph serve: EVENTGRAPH_BODY_TIMEOUT has value 'soon': not a valid float\n", err)


def test_settings_stay_a_plain_frozen_dataclass() -> None:
    """The engine stream folds these into its settings module: plain fields, metadata for help and bounds."""
    assert dataclasses.is_dataclass(HttpSettings)
    assert all("help" in f.metadata for f in switches())
    with pytest.raises(dataclasses.FrozenInstanceError):
        HttpSettings().graphiql = False  # type: ignore[misc]
