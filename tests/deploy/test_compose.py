"""docker-compose.yml, validated by Debian's docker-compose (no Docker engine here) and held to what the tests run."""

from __future__ import annotations

import re
from typing import Any

import pytest

from eventgraph.cli import build_parser
from eventgraph.settings import NEO4J_DATABASE_KEY, NEO4J_PASSWORD_KEY, NEO4J_USER_KEY, STORE_KEY, ServeSettings
from tests.deploy.conftest import PASSWORD, ROOT, docker_compose_config
from tests.deploy.dockerfile import stages
from tools.local_neo4j import DEFAULT_PORT, neo4j_version


def published(service: dict[str, Any]) -> set[str]:
    """A service's published ports as HOST_IP:PUBLISHED:TARGET (docker-compose 1.x prints them as strings)."""
    return {str(port).removesuffix("/tcp") for port in service.get("ports", [])}


def test_neo4j_is_the_official_community_image_of_the_release_the_tests_run(compose: dict[str, Any]) -> None:
    assert compose["services"]["neo4j"]["image"] == f"neo4j:{neo4j_version()}-community"


def test_a_password_is_required_not_defaulted() -> None:
    done = docker_compose_config({})
    assert done.returncode != 0
    assert "NEO4J_PASSWORD" in done.stderr


def test_the_password_reaches_neo4j_and_the_service(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["neo4j"]["environment"]["NEO4J_AUTH"] == f"neo4j/{PASSWORD}"
    for name in ("load", "eventgraph"):
        assert services[name]["environment"]["EVENTGRAPH_NEO4J_PASSWORD"] == PASSWORD
        assert services[name]["environment"]["EVENTGRAPH_NEO4J_USER"] == "neo4j"


def test_browser_and_bolt_are_published_on_loopback_at_the_make_neo4j_port(compose: dict[str, Any]) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    make_port = re.search(r"^NEO4J_PORT \?= (\d+)$", makefile, re.MULTILINE)
    assert make_port is not None
    assert int(make_port[1]) == DEFAULT_PORT
    assert published(compose["services"]["neo4j"]) == {
        "127.0.0.1:7474:7474",
        f"127.0.0.1:{make_port[1]}:7687",
    }


def test_services_run_cli_commands_that_parse(compose: dict[str, Any]) -> None:
    for name, command in (("load", "load"), ("eventgraph", "serve")):
        argv = compose["services"][name]["command"]
        assert argv[0] == "eventgraph"
        assert build_parser().parse_args(argv[1:]).command == command


def test_the_api_listens_where_it_is_published_and_health_checked(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PORT", raising=False)
    service = compose["services"]["eventgraph"]
    serve = build_parser().parse_args(service["command"][1:])
    listens = serve.port or ServeSettings().port  # a flag, else the documented default
    assert published(service) == {f"127.0.0.1:{ServeSettings().port}:{listens}"}
    image_env = stages(ROOT / "Dockerfile")[-1].env()
    assert image_env["PORT"] == str(listens)  # the image's HEALTHCHECK asks /healthz on $PORT


def test_the_store_is_the_neo4j_service_over_bolt(compose: dict[str, Any]) -> None:
    for name in ("load", "eventgraph"):
        assert compose["services"][name]["environment"]["EVENTGRAPH_STORE"] == "bolt://neo4j:7687"


def test_start_order_and_health(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert "cypher-shell" in " ".join(services["neo4j"]["healthcheck"]["test"])
    assert services["load"]["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert services["load"]["restart"] == "no"
    assert services["eventgraph"]["depends_on"] == {"load": {"condition": "service_completed_successfully"}}
    assert services["neo4j"]["volumes"] == ["neo4j-data:/data:rw"]
    assert "neo4j-data" in compose["volumes"]
    for name in ("load", "eventgraph"):
        assert services[name]["build"]["context"] == str(ROOT)


def test_every_setting_named_in_compose_is_one_eventgraph_reads(compose: dict[str, Any]) -> None:
    read = {STORE_KEY, NEO4J_USER_KEY, NEO4J_PASSWORD_KEY, NEO4J_DATABASE_KEY}
    for name in ("load", "eventgraph"):
        named = {k for k in compose["services"][name]["environment"] if k.startswith("EVENTGRAPH_")}
        assert named <= read, named - read
        assert {STORE_KEY, NEO4J_USER_KEY, NEO4J_PASSWORD_KEY} <= named
