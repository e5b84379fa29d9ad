"""Child processes of a build (MkDocs, Pagefind) that never outlive it.

Each child runs in a process group of its own, so that a Ctrl-C in the terminal reaches the
build only, and the build ends the whole group (Pagefind's wrapper and its binary) whatever
stops it: an exception, Ctrl-C, SIGTERM (``kohyo build`` turns it into an exit) or, on Linux,
the build being killed outright (the child asks the kernel for SIGKILL when its parent dies).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol


def _die_with(parent: int) -> Callable[[], None]:
    def arm() -> None:  # pragma: no cover - runs in the child, before it starts its program
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before the signal was asked for
            os._exit(1)

    return arm


class RunChild(Protocol):
    """``run_child`` or a stand-in for it (the benchmark's, which records each child)."""

    def __call__(
        self, cmd: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]: ...


def run_child(
    cmd: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``subprocess.run(cmd, capture_output=True, text=True)`` in a process group of its own,
    ended with everything in it when the caller stops for any reason."""
    proc = subprocess.Popen(
        list(cmd),
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_die_with(os.getpid()) if sys.platform.startswith("linux") else None,
    )
    try:
        out, err = proc.communicate()
    except BaseException:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    return subprocess.CompletedProcess(list(cmd), proc.returncode, out, err)


def exit_on_sigterm() -> None:
    """SIGTERM ends the process through SystemExit, so that ``finally`` blocks run (children
    are ended, temporary folders removed)."""

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
