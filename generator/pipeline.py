"""The pipeline, in one place: load -> validate -> link -> check -> write -> MkDocs -> plugins -> search.

Every caller runs the stages through here (``kohyo build``, ``validate``, ``stats``, ``i18n``, the
preview server, the benchmark and the tests), so all of them read the same: the project's
settings, the translation memory, the cross-links and the checks.  A caller that wants to watch
the stages passes an ``Observer`` (the benchmark times each stage and records the children)
instead of patching the stage modules.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from subprocess import CompletedProcess

from generator.core import children
from generator.core.collect import fewer_collections
from generator.core.findings import Findings
from generator.linking.checks import check_site
from generator.linking.link import Site, link
from generator.loading.load import LoadedFile, load_file
from generator.loading.memory import load_translator
from generator.output.build import TMP_PREFIX, BuildError, mkdocs_build, recover, swap
from generator.output.cache import CacheStats, MarkdownMemo, PagefindMemo
from generator.output.listing import WriteResult
from generator.output.mkdocs_yml import content_updated, mkdocs_config
from generator.output.search import index_site, prefecture_shards
from generator.output.write import Writer, write_pages
from generator.plugins import PAGES
from generator.validation.project import Project
from generator.validation.validate import Corpus, validate_corpus

LoadFile = Callable[[Path, str, Findings], LoadedFile | None]

__all__ = [
    "BuildError",
    "BuildResult",
    "Observer",
    "Project",
    "after_build",
    "build_site",
    "configure",
    "link_site",
    "prepare",
    "read",
    "render",
    "write",
]


class Observer:
    """What a caller may watch of a run; this one watches nothing.

    ``stage(name)`` wraps each stage (load is inside validate: ``loader`` wraps the file reader);
    ``run_child`` runs MkDocs and Pagefind."""

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        yield

    def loader(self, load: LoadFile) -> LoadFile:
        return load

    def run_child(
        self, cmd: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> CompletedProcess[str]:
        return children.run_child(cmd, cwd=cwd, env=env)


QUIET = Observer()


@dataclass
class BuildResult:
    findings: Findings
    site: Site | None
    written: WriteResult | None
    ok: bool
    cache: CacheStats | None = None  # what the build cache did, when one was used


def read(
    project: Project,
    findings: Findings,
    only: set[str] | None = None,
    files: list[Path] | None = None,
    observer: Observer = QUIET,
) -> Corpus:
    """Load and validate the project's content (or only ``files`` of it)."""
    with observer.stage("validate"):
        return validate_corpus(
            project.content, findings, only=only, files=files, load=observer.loader(load_file)
        )


def link_site(
    project: Project, corpus: Corpus, findings: Findings, observer: Observer = QUIET
) -> Site:
    """Link the corpus with the project's translation memory, then run the checks over it."""
    with observer.stage("link"):
        site = link(corpus, findings, project, load_translator(project.content))
    with observer.stage("check"):
        check_site(site, findings)
    return site


def prepare(
    project: Project, findings: Findings, only: set[str] | None = None, observer: Observer = QUIET
) -> tuple[Corpus, Site]:
    """Everything ``kohyo validate`` checks, and the linked site ``kohyo build`` writes."""
    with fewer_collections():
        corpus = read(project, findings, only, observer=observer)
        return corpus, link_site(project, corpus, findings, observer)


def render(
    writer: Writer, munis: set[str] | None = None, memo: MarkdownMemo | None = None
) -> WriteResult:
    """Every page of the writer's site, with the page plugins' (``munis``: only their assessment
    and council pages, with every list and plugin page; the preview's second pass; ``memo``:
    assessment pages from the build cache)."""
    return write_pages(writer, PAGES, munis, memo)


def write(
    site: Site,
    build: Path | None = None,
    observer: Observer = QUIET,
    memo: MarkdownMemo | None = None,
) -> WriteResult:
    """The Markdown of every page into ``build``/docs (the project's build/ by default)."""
    build = build or site.project.build
    build.mkdir(parents=True, exist_ok=True)
    docs = build / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    with observer.stage("write"):
        return render(Writer(site, docs), memo=memo)


def configure(
    project: Project, site: Site, build: Path, site_dir: Path, partial: bool = False
) -> Path:
    """build/mkdocs.yml for a build of ``site`` into ``site_dir``."""
    return mkdocs_config(
        project.config,
        build,
        project.theme.resolve(),
        site_dir,
        PAGES,
        partial=partial,
        updated=content_updated(site),
    )


def after_build(
    project: Project,
    site: Site,
    site_dir: Path,
    search: bool = True,
    observer: Observer = QUIET,
    search_shards: int = 1,
    pagefind: PagefindMemo | None = None,
) -> None:
    """What comes after MkDocs: the page plugins' files (data, feeds, glossary marks), then the
    search index over the finished pages (``search_shards`` > 1: the assessment pages in that many
    groups of prefectures, one Pagefind bundle each; generator/output/search.py; ``pagefind``: Pagefind
    runs from the build cache)."""
    with observer.stage("plugins"):
        for plugin in PAGES:
            if hasattr(plugin, "after_build"):
                plugin.after_build(site, site_dir, project.config)
    if search:
        shards = prefecture_shards(site, search_shards) if search_shards > 1 else None
        with observer.stage("search"):
            index_site(site_dir, shards, run=pagefind.run if pagefind else observer.run_child)


def build_site(
    project: Project,
    out: Path | None = None,
    strict: bool = False,
    only: set[str] | None = None,
    search: bool = True,
    observer: Observer = QUIET,
    findings: Findings | None = None,
    cache: Path | None = None,
    search_shards: int = 1,
) -> BuildResult:
    """The whole build into ``out`` (the project's site/ by default), swapped in only when every
    step succeeded, so a failed build leaves the published folder as it was.  ``findings``: where
    the findings go (with those of opening the project, if the caller has them); ``cache``: the
    build cache's folder (generator/output/cache.py), None for none; ``search_shards``: see
    ``after_build``."""
    with fewer_collections():
        return _build_site(
            project, out, strict, only, search, observer, findings, cache, search_shards
        )


def _build_site(
    project: Project,
    out: Path | None,
    strict: bool,
    only: set[str] | None,
    search: bool,
    observer: Observer,
    findings: Findings | None,
    cache: Path | None,
    search_shards: int,
) -> BuildResult:
    findings = findings if findings is not None else Findings()
    _corpus, site = prepare(project, findings, only, observer)
    if findings.failed(strict):
        return BuildResult(findings, site, None, False)
    build = project.build
    build.mkdir(exist_ok=True)
    out = (out or project.site).resolve()
    recover(out, build)
    memo = MarkdownMemo(cache, site, project.root, project.config) if cache and not only else None
    written = write(site, build, observer, memo)
    # the new site is made next to the old one's folder only when build/ is on another disk
    # (a rename cannot cross disks); build/ is git-ignored
    same_disk = build.stat().st_dev == out.parent.stat().st_dev
    tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=build if same_disk else out.parent))
    try:
        config = configure(project, site, build, tmp)
        with observer.stage("mkdocs"):
            cache_stats = mkdocs_build(config, build / "docs", cache, run=observer.run_child)
        if cache_stats is not None and memo is not None:
            cache_stats.markdown_reused = memo.reused
            cache_stats.pruned += memo.prune()
        pagefind = PagefindMemo(cache, observer.run_child) if cache else None
        after_build(project, site, tmp, search, observer, search_shards, pagefind)
        if cache_stats is not None and pagefind is not None:
            cache_stats.pagefind_reused, cache_stats.pagefind_ran = pagefind.reused, pagefind.ran
            cache_stats.pruned += pagefind.prune()
        swap(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return BuildResult(findings, site, written, True, cache_stats)
