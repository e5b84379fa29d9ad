"""Stage 6, build: MkDocs (strict) into a temporary folder, then swap it into site/.

The mechanics of the build (``generator.pipeline.build_site`` runs them in order): the previous
site/ is replaced only when every step succeeded, so a failed build leaves the published folder
intact, and what an interrupted build left is cleaned up by the next.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from generator.core.children import RunChild, run_child
from generator.output.cache import CacheStats, mkdocs_session

TMP_PREFIX = "site-tmp-"


def recover(out: Path, build: Path) -> None:
    """Undo what an interrupted build left: ``site.old/`` becomes ``site/`` again if the build
    stopped between the two renames (else it goes), and temporary trees go."""
    old = out.with_name(out.name + ".old")
    if old.is_dir() and not old.is_symlink():
        if out.exists():
            shutil.rmtree(old)
        else:
            old.rename(out)
    for folder in (build, out.parent):
        for stale in sorted(folder.glob(f"{TMP_PREFIX}*")):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)


class BuildError(Exception):
    pass


def run_mkdocs(
    config_file: Path,
    quiet: bool = True,
    env_extra: dict[str, str] | None = None,
    run: RunChild = run_child,
) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)]
    if quiet:
        cmd.append("-q")
    proc = run(cmd, env=env)
    if proc.returncode != 0:
        raise BuildError(proc.stdout + proc.stderr)


def mkdocs_build(
    config_file: Path, docs: Path, cache: Path | None = None, run: RunChild = run_child
) -> CacheStats | None:
    """MkDocs over ``docs``, reusing the pages of the build cache in ``cache`` (generator/output/cache.py)
    when one is given; returns what the cache did."""
    session = mkdocs_session(cache, config_file, docs) if cache else None
    try:
        run_mkdocs(config_file, env_extra=session.env() if session else None, run=run)
    except BaseException:
        if session:
            session.discard()
        raise
    return session.commit() if session else None


def swap(new: Path, out: Path) -> None:
    """Put the finished site ``new`` in the place of ``out`` (two renames; ``recover`` finishes
    the job if the process stops between them)."""
    if out.exists():
        old = out.with_name(out.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        out.rename(old)
        new.rename(out)
        shutil.rmtree(old)
    else:
        new.rename(out)
