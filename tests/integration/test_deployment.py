"""docker-compose.yml and the Dockerfile: no Docker engine here, but the files must be right."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import yaml

from tests.support import ROOT


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


def test_compose_runs_neo4j_with_auth_volume_and_healthcheck() -> None:
    neo4j = compose()["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    assert any(volume.endswith(":/data") for volume in neo4j["volumes"])
    assert "healthcheck" in neo4j


def test_compose_wires_the_api_to_neo4j() -> None:
    api = compose()["services"]["api"]
    assert api["build"] == "."
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert "${NEO4J_PASSWORD" in api["environment"]["NEO4J_PASSWORD"]  # no secret in the repo


def test_dockerfile_installs_like_the_makefile() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "-c constraints.txt" in dockerfile and "-c constraints.txt" in makefile
    assert 'CMD ["deedgraph", "serve"' in dockerfile


def test_compose_config_parses_with_a_compose_cli_when_one_is_installed() -> None:
    # Parsing above always runs; this adds the real CLI's verdict where a compose CLI exists.
    for command in (["docker", "compose"], ["docker-compose"]):
        if shutil.which(command[0]) is None:
            continue
        probe = subprocess.run([*command, "version"], capture_output=True)
        if probe.returncode != 0:
            continue
        result = subprocess.run(
            [*command, "config", "--quiet"],
            cwd=ROOT,
            env={"NEO4J_PASSWORD": "test-only", "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr


def test_compose_runs_api_replicas_behind_one_proxy_port() -> None:
    services = compose()["services"]
    api, proxy = services["api"], services["proxy"]
    assert api["deploy"]["replicas"] == "${DEEDGRAPH_REPLICAS:-2}"
    assert "ports" not in api  # replicas cannot share a host port: the proxy has it
    assert proxy["ports"] == ["127.0.0.1:8000:8000"]
    assert proxy["depends_on"]["api"]["condition"] == "service_healthy"
    [mount] = proxy["volumes"]
    config = (ROOT / mount.split(":")[0]).read_text()
    assert "server api:8000 resolve;" in config  # every replica, followed as they change
    assert "resolver 127.0.0.11" in config  # Docker's DNS
    assert "proxy_pass http://deedgraph_api;" in config
    assert "listen 8000;" in config
