"""Interrupted builds leave no litter: children die with the build, temporary trees live in the
git-ignored build/, and a build stopped between its two renames gets its site/ back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from generator.output.build import TMP_PREFIX, recover

# The parent takes Ctrl-C as a terminal's foreground job does, even when the tests themselves were
# started in the background of a shell without job control (which starts them with SIGINT ignored,
# and Python then leaves it ignored).
CHILD = """
import signal
import sys
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.path.insert(0, {repo!r})
from generator.core.children import run_child
print("started", flush=True)
run_child([sys.executable, "-c", "import time; time.sleep(600)"])
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (dead, not yet reaped by init) counts as gone
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


def _wait_until(condition: object, limit: float = 60.0) -> bool:
    end = time.monotonic() + limit  # a bound on waiting for a condition, not a timing assert
    while time.monotonic() < end:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def _grandchild(tmp: Path) -> tuple[subprocess.Popen[str], int]:
    repo = str(Path(__file__).resolve().parents[2])
    script = tmp / "parent.py"
    script.write_text(CHILD.format(repo=repo), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    assert parent.stdout.readline().strip() == "started"
    assert _wait_until(lambda: _children(parent.pid))
    (pid,) = _children(parent.pid)
    return parent, pid


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def test_a_child_runs_in_its_own_process_group(tmp_path: Path) -> None:
    parent, child = _grandchild(tmp_path)
    try:
        assert _wait_until(lambda: os.getpgid(child) == child)
        assert os.getpgid(child) != os.getpgid(parent.pid)
    finally:
        parent.kill()
        parent.wait()


def test_a_child_dies_when_its_build_is_killed(tmp_path: Path) -> None:
    parent, child = _grandchild(tmp_path)
    parent.kill()  # SIGKILL: no handler runs in the parent
    parent.wait()
    assert _wait_until(lambda: not _alive(child)), "the child outlived the killed build"


def test_a_child_dies_when_its_build_is_interrupted(tmp_path: Path) -> None:
    parent, child = _grandchild(tmp_path)
    parent.send_signal(signal.SIGINT)  # Ctrl-C reaches the build, which ends the child's group
    parent.wait()
    assert _wait_until(lambda: not _alive(child)), "the child outlived the interrupted build"


def test_site_old_is_recovered_and_temporary_trees_removed(tmp_path: Path) -> None:
    build = tmp_path / "build"
    build.mkdir()
    old = tmp_path / "site.old"
    old.mkdir()
    (old / "index.html").write_text("old", encoding="utf-8")
    (build / f"{TMP_PREFIX}abcd").mkdir()
    recover(tmp_path / "site", build)
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "old"
    assert not old.exists()
    assert not list(build.glob(f"{TMP_PREFIX}*"))
    # with both there, the interrupted build had already put the new site in place
    old.mkdir()
    recover(tmp_path / "site", build)
    assert not old.exists() and (tmp_path / "site").is_dir()
