"""How the supervisor names the way Neo4j ended (the restart itself: test_supervision.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from graph.managed.supervisor import UNKNOWN, describe


def wait_status(code: str) -> int:
    process = subprocess.Popen([sys.executable, "-c", code])
    _, status = os.waitpid(process.pid, 0)
    return status


def test_a_killed_process_is_named_by_its_signal() -> None:
    status = wait_status("import os, signal; os.kill(os.getpid(), signal.SIGKILL)")
    assert describe(status) == (-9, "killed by SIGKILL")


def test_an_exit_code_is_reported_as_it_is() -> None:
    assert describe(wait_status("raise SystemExit(3)")) == (3, "exited with code 3")


def test_a_child_reaped_elsewhere_has_no_known_code() -> None:
    code, how = describe(UNKNOWN)
    assert code is None and "unknown" in how
