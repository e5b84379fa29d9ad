"""Stage 6, build: MkDocs (strict) into a temporary folder, then swap it into site/.

The previous site/ is replaced only when every step succeeded, so a failed build leaves the
published folder intact.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.cache import CacheStats
from generator.checks import check_site
from generator.children import run_child
from generator.findings import Findings
from generator.link import Site, link
from generator.load import load_file, refuse_symlink
from generator.memory import load_translator
from generator.model.glossary import SiteConfig
from generator.plugins import PAGES
from generator.search import index_site, prefecture_shards
from generator.validate import Corpus, validate_corpus, validate_record
from generator.write import WriteResult, content_updated, mkdocs_config, write_docs


@dataclass
class BuildResult:
    findings: Findings
    site: Site | None
    written: WriteResult | None
    ok: bool
    cache: CacheStats | None = None


def load_config(root: Path, findings: Findings | None = None) -> dict[str, Any]:
    """site_config.yml through the strict loader and its model (problems go to ``findings``;
    ``prepare`` reports them, so validate and build read the same); {} if absent or broken."""

    path = root / "site_config.yml"
    found = findings if findings is not None else Findings()
    config: dict[str, Any] = {}
    if path.is_symlink():
        refuse_symlink("site_config.yml", found)
    elif path.is_file():
        loaded = load_file(path, "site_config.yml", found)
        rec = validate_record(SiteConfig, loaded, found) if loaded is not None else None
        if rec is not None:
            config = rec.model_dump(exclude_none=True)
    env_url = os.environ.get("KOHYO_SITE_URL")
    if env_url:
        config["site_url"] = env_url
    env_feedback = os.environ.get("KOHYO_FEEDBACK_URL")
    if env_feedback:
        config["feedback_url"] = env_feedback
    return config or {}


def prepare(root: Path, findings: Findings, only: set[str] | None = None) -> tuple[Corpus, Site]:
    load_config(root, findings)
    corpus = validate_corpus(root / "content", findings, only=only)
    site = link(corpus, findings)
    check_site(site, findings)

    site.translator = load_translator(root / "content")  # the translation memory, for English pages
    return corpus, site


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
    config_file: Path, quiet: bool = True, env_extra: dict[str, str] | None = None
) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)]
    if quiet:
        cmd.append("-q")
    proc = run_child(cmd, env=env)
    if proc.returncode != 0:
        raise BuildError(proc.stdout + proc.stderr)


def build_site(
    root: Path,
    out: Path,
    strict: bool = False,
    only: set[str] | None = None,
    search: bool = True,
    cache: Path | None = None,
    search_shards: int = 1,
) -> BuildResult:
    """Validate, link, write, MkDocs, page plugins, search index; ``cache``: the build cache's
    folder (generator/cache.py), None for none; ``search_shards`` > 1 indexes the assessment
    pages in that many groups of prefectures, one Pagefind bundle each (generator/search.py)."""
    findings = Findings()
    _corpus, site = prepare(root, findings, only)
    if findings.failed(strict):
        return BuildResult(findings, site, None, False)
    build = root.resolve() / "build"  # absolute: MkDocs reads site_dir relative to its config
    build.mkdir(exist_ok=True)
    out = out.resolve()
    recover(out, build)
    written = write_docs(site, build, PAGES, only)
    cache_stats: CacheStats | None = None
    # the new site is made next to the old one's folder only when build/ is on another disk
    # (a rename cannot cross disks); build/ is git-ignored
    same_disk = build.stat().st_dev == out.parent.stat().st_dev
    tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=build if same_disk else out.parent))
    try:
        settings = load_config(root)
        config = mkdocs_config(
            settings, build, (root / "theme").resolve(), tmp, PAGES, updated=content_updated(site)
        )
        from generator import cache as build_cache

        session = build_cache.mkdocs_session(cache, config, build / "docs") if cache else None
        try:
            run_mkdocs(config, env_extra=session.env() if session else None)
        except BaseException:
            if session:
                session.discard()
            raise
        if session:
            cache_stats = session.commit()
        for plugin in PAGES:
            if hasattr(plugin, "after_build"):
                plugin.after_build(site, tmp, settings)
        if search:
            shards = prefecture_shards(site, search_shards) if search_shards > 1 else None
            index_site(tmp, shards)
        if out.exists():
            old = out.with_name(out.name + ".old")
            if old.exists():
                shutil.rmtree(old)
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old)
        else:
            tmp.rename(out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return BuildResult(findings, site, written, True, cache_stats)
