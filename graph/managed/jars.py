"""Neo4j's jars from Maven Central, cached once, and the Java that runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path

from graph.errors import ServerError
from graph.settings import NEO4J_VERSION, ManagedServer

COMPLETE_MARK = ".complete"


def find_java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise ServerError(
            "java not found: install Java 17 (Debian: apt-get install openjdk-17-jre-headless) "
            "or set JAVA_HOME, or point NEO4J_URI at a running Neo4j"
        )
    return found


def jars_ready(server: ManagedServer) -> bool:
    return (server.jars_dir / COMPLETE_MARK).exists()


def fetch_jars(server: ManagedServer) -> bool:
    """Copy Neo4j's jars from Maven Central into the cache; False when they were there already."""
    if jars_ready(server):
        return False
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError(
            f"mvn not found: install Maven (Debian: apt-get install maven) to fetch Neo4j "
            f"{NEO4J_VERSION}, or set DEEDGRAPH_NEO4J_JARS to a folder of its jars"
        )
    partial = server.jars_dir.with_name(server.jars_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    with resources.as_file(resources.files("graph.managed") / "pom.xml") as pom:
        result = subprocess.run(
            [
                mvn,
                "-q",
                "-B",
                "-f",
                str(pom),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={partial}",
                "-DincludeScope=runtime",
            ],
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        tail = (result.stdout + result.stderr).strip().splitlines()[-5:]
        raise ServerError("mvn could not fetch Neo4j's jars: " + " | ".join(tail))
    (partial / COMPLETE_MARK).write_text(NEO4J_VERSION + "\n")
    shutil.rmtree(server.jars_dir, ignore_errors=True)
    partial.rename(server.jars_dir)
    return True
