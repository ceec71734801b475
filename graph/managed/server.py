"""Run a real Neo4j Community server from Maven Central's jars, as a child process."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import neo4j

from graph.errors import ServerError
from graph.managed.jars import fetch_jars, find_java
from graph.settings import ManagedServer

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
]


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    uri: str
    state_dir: Path


def _pid_file(server: ManagedServer) -> Path:
    return server.state_dir / "run" / "neo4j.pid"


def _stop_marker(server: ManagedServer) -> Path:
    return server.state_dir / "run" / "stopped"


def stopped_on_purpose(server: ManagedServer) -> bool:
    """Whether the last Neo4j to exit was stopped by stop() (`deedgraph neo4j stop`), which a
    supervisor must not undo."""
    return _stop_marker(server).exists()


def _conf_dir(server: ManagedServer) -> Path:
    return server.state_dir / "conf"


def console_log(server: ManagedServer) -> Path:
    return server.state_dir / "logs" / "console.log"


def write_config(server: ManagedServer) -> Path:
    home = server.state_dir
    conf = _conf_dir(server)
    conf.mkdir(parents=True, exist_ok=True)
    lines = {
        "server.directories.data": home / "data",
        "server.directories.logs": home / "logs",
        "server.directories.run": home / "run",
        "server.directories.plugins": home / "plugins",
        "server.directories.import": home / "import",
        "server.default_listen_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{server.bolt_port}",
        "server.bolt.advertised_address": f"127.0.0.1:{server.bolt_port}",
        "server.http.enabled": "true" if server.http_port else "false",
        "server.http.listen_address": f"127.0.0.1:{server.http_port or 7474}",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "false",
        "server.memory.pagecache.size": server.pagecache,
        "db.transaction.timeout": server.transaction_timeout,
        "dbms.usage_report.enabled": "false",
        "dbms.routing.enabled": "false",
        # Bolt's event loops wait out a quiet period each (5 s) after the databases have
        # stopped: a stop took 10.5 s, 10 of them after the last checkpoint, at any size.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
    }
    path = conf / "neo4j.conf"
    path.write_text("".join(f"{key}={value}\n" for key, value in lines.items()))
    return path


def _alive(pid: int, marker: str) -> bool:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our own exited child
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z" and marker in cmdline


def _running_pid(server: ManagedServer) -> int | None:
    path = _pid_file(server)
    try:
        pid = int(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    if _alive(pid, str(_conf_dir(server))):
        return pid
    path.unlink(missing_ok=True)
    return None


def status(server: ManagedServer) -> Status:
    pid = _running_pid(server)
    return Status(running=pid is not None, pid=pid, uri=server.uri, state_dir=server.state_dir)


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def log_tail(server: ManagedServer, lines: int = 8) -> str:
    for path in (server.state_dir / "logs" / "neo4j.log", console_log(server)):
        if path.exists() and path.stat().st_size:
            text = path.read_text(errors="replace").strip().splitlines()
            cause = [line for line in text if "Exception" in line or " ERROR " in line][:1]
            tail = [line for line in text[-lines:] if line not in cause]
            return f"last lines of {path}:\n" + "\n".join(cause + tail)
    return "(no log written)"


def _wait_until_ready(server: ManagedServer, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + server.start_timeout
    with neo4j.GraphDatabase.driver(server.uri, auth=None) as driver:
        while True:
            if process.poll() is not None:
                raise ServerError(
                    f"Neo4j exited with code {process.returncode} while starting; "
                    + log_tail(server)
                )
            try:
                driver.verify_connectivity()
                return
            except Exception:  # not listening yet: any driver error means "try again"
                if time.monotonic() > deadline:
                    raise ServerError(
                        f"Neo4j did not become ready within {server.start_timeout:.0f}s "
                        f"(raise DEEDGRAPH_NEO4J_START_TIMEOUT); " + log_tail(server)
                    ) from None
                time.sleep(0.25)


def start(server: ManagedServer) -> tuple[int, bool]:
    """Start Neo4j (or find it running); returns its pid and whether this call started it."""
    pid = _running_pid(server)
    if pid is not None:
        return pid, False
    java = find_java()
    fetch_jars(server)
    for name, port in (("Bolt", server.bolt_port), ("HTTP", server.http_port)):
        if port and not port_free(port):
            raise ServerError(
                f"port {port} ({name}) on 127.0.0.1 is already in use: stop what uses it or "
                f"set DEEDGRAPH_{name.upper()}_PORT to a free port"
            )
    conf = write_config(server).parent
    _stop_marker(server).unlink(missing_ok=True)
    console = console_log(server)
    console.parent.mkdir(parents=True, exist_ok=True)
    _pid_file(server).parent.mkdir(parents=True, exist_ok=True)
    command = [
        java,
        f"-Xms{server.heap}",
        f"-Xmx{server.heap}",  # the JVM is started here, not by neo4j's launcher: heap set here
        *JVM_FLAGS,
        "-cp",
        str(server.jars_dir / "*"),
        ENTRY_POINT,
        f"--home-dir={server.state_dir}",
        f"--config-dir={conf}",
        "--console-mode",
    ]
    with console.open("ab") as out:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=server.state_dir,
            start_new_session=True,  # a Ctrl-C meant for the CLI must not kill Neo4j mid-write
        )
    _pid_file(server).write_text(f"{process.pid}\n")
    try:
        _wait_until_ready(server, process)
    except BaseException:
        _terminate(process.pid, str(conf), timeout=30)
        _pid_file(server).unlink(missing_ok=True)
        raise
    return process.pid, True


def _terminate(pid: int, marker: str, timeout: float) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while _alive(pid, marker):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
        time.sleep(0.1)


def stop(server: ManagedServer, timeout: float = 60.0) -> bool:
    """Shut Neo4j down cleanly (SIGTERM, then SIGKILL after timeout); False if it was not up."""
    pid = _running_pid(server)
    if pid is None:
        return False
    _stop_marker(server).touch()
    _terminate(pid, str(_conf_dir(server)), timeout)
    _pid_file(server).unlink(missing_ok=True)
    return True
