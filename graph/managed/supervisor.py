"""Keeps the managed Neo4j running: a thread that reaps the java child when it exits and starts
it again, waiting longer after each failure.

    supervisor = Supervisor(managed, pid)    # pid: the child server.start() launched
    supervisor.start()
    ...                                      # the API runs; Neo4j may die and come back
    supervisor.stop()                        # stops watching, then stops Neo4j

Without it, a Neo4j killed under the API (OOM killer, kill -9) stayed a zombie and /ready said
503 until the whole service was restarted by hand (issue #17).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

from graph.errors import ServerError
from graph.managed import server
from graph.settings import ManagedServer

logger = logging.getLogger("deedgraph.neo4j")

POLL = 0.5  # seconds between looks at the child
BACKOFF = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)  # seconds before each restart after a failure
STEADY = 60.0  # a Neo4j that ran this long before exiting starts the backoff afresh


UNKNOWN = -1  # the wait status of a child something else in this process reaped


def describe(status: int) -> tuple[int | None, str]:
    """The exit code as subprocess reports it (negative: the signal) and a phrase for it."""
    if status == UNKNOWN:
        return None, "exited (exit code unknown: reaped elsewhere)"
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        return code, f"killed by {signal.Signals(-code).name}"
    return code, f"exited with code {code}"


class Supervisor:
    """Watches one managed Neo4j child process and restarts it when it exits."""

    def __init__(self, managed: ManagedServer, pid: int) -> None:
        self.managed = managed
        self.pid = pid
        self.restarts = 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="neo4j-supervisor", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 60.0) -> None:
        """Stop watching and stop Neo4j (SIGTERM, then SIGKILL after `timeout`)."""
        self._stopping.set()
        server.stop(self.managed, timeout)
        self._thread.join(timeout=self.managed.start_timeout + timeout)
        # A restart that was already under way when stop() began has finished by now.
        server.stop(self.managed, timeout)

    def _wait_for_exit(self) -> int | None:
        """Block until the child exits (its wait status) or stop() is called (None)."""
        while not self._stopping.wait(POLL):
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return None if self._stopping.is_set() else UNKNOWN
            if pid == self.pid:
                return status
        return None

    def _watch(self) -> None:
        failures = 0
        started_at = time.monotonic()
        while True:
            status = self._wait_for_exit()
            if status is None or self._stopping.is_set():
                return
            if server.stopped_on_purpose(self.managed):
                logger.warning(
                    "Neo4j (pid %d) was stopped with `deedgraph neo4j stop`: not restarting "
                    "it (`deedgraph neo4j start` brings it back)",
                    self.pid,
                    extra={"neo4j_pid": self.pid},
                )
                return
            if time.monotonic() - started_at > STEADY:
                failures = 0
            code, how = describe(status)
            delay = BACKOFF[min(failures, len(BACKOFF) - 1)]
            logger.error(
                "Neo4j (pid %d) %s; restarting in %.0fs; %s",
                self.pid,
                how,
                delay,
                server.log_tail(self.managed),
                extra={"neo4j_pid": self.pid, "exit_code": code, "restart_in_s": delay},
            )
            while not self._restart(delay):
                failures += 1
                delay = BACKOFF[min(failures, len(BACKOFF) - 1)]
            if self._stopping.is_set():
                return
            failures += 1
            started_at = time.monotonic()

    def _restart(self, delay: float) -> bool:
        """Wait `delay`, then start Neo4j; True when it is up (or stop() was called)."""
        if self._stopping.wait(delay):
            return True
        try:
            pid, _ = server.start(self.managed)
        except ServerError as error:
            if self._stopping.is_set():
                return True
            logger.error("Neo4j did not restart: %s", error, extra={"restart_failed": True})
            return False
        self.pid = pid
        self.restarts += 1
        logger.warning(
            "Neo4j restarted (pid %d, restart %d)",
            pid,
            self.restarts,
            extra={"neo4j_pid": pid, "restarts": self.restarts},
        )
        return True
