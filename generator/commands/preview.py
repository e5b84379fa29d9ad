"""The preview build behind ``kohyo serve``: the site kept up to date page by page as editors edit.

The preview builds the site once (the same stages as ``kohyo build``: validate, link, write,
MkDocs, page-plugin hooks), and (``generator.commands.serve``) serves it on 127.0.0.1 and watches ``content/``, ``theme/`` and
``site_config.yml``.  After an edit it

1. validates again only the files whose modification time or size changed (every file's
   result is cached);
2. links the whole corpus (fast, no file access) and renders the Markdown of the pages the
   edit can affect: the edited file's pages, the other pages of its municipality and every
   list page;
3. runs MkDocs only on the pages whose Markdown differs from the last build, in a small
   side build that holds those pages and the navigation targets, and copies their HTML into
   the preview.

The pages of the edited file are built and shown first; the other affected pages (lists,
cross-reference pages) follow in a second pass.  So an edit shows after one file's validation
and one page's MkDocs build, whatever the size of the corpus.  A change to ``theme/`` or ``site_config.yml`` rebuilds everything.

A file that fails validation keeps its last good version on the site; the server adds a
banner with its problems to that page when it sends it (the files on disk stay as MkDocs wrote
them).  A new file that has never validated gets a page that lists its problems.  Pages carry
a small polling script, added only by this server, that reloads them after each update.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import threading
import time
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from generator.core.findings import Finding, Findings, Severity
from generator.linking.link import Site
from generator.loading.contentfiles import content_files
from generator.output.build import swap
from generator.output.listing import LANGS
from generator.output.mkdocs_yml import extra_nav
from generator.output.search import index_site
from generator.output.write import Writer
from generator.pipeline import Project, after_build, configure, link_site, read, render
from generator.plugins import PAGES
from generator.validation.validate import Corpus

NAV_TARGETS = ("index.md", "municipalities/index.md", "processes/index.md", "assessments/index.md")

PageKey = tuple[str, str]  # (language, Markdown path below the language folder)


# ---------------------------------------------------------------------------------------------
# Pages and the files they come from
# ---------------------------------------------------------------------------------------------


def html_path(lang: str, md_path: str) -> str:
    """Where MkDocs writes a page (directory URLs), relative to the site folder."""
    prefix = "" if lang == "ja" else f"{lang}/"
    if md_path == "index.md" or md_path.endswith("/index.md"):
        return prefix + md_path[: -len(".md")] + ".html"
    return prefix + md_path[: -len(".md")] + "/index.html"


def _folder(lang: str, md_path: str) -> str:
    """The site folder (URL path without the leading slash) of a page."""
    return html_path(lang, md_path).removesuffix("index.html")


def source_pages(display: str) -> list[str]:
    """The site folders (URL paths without the leading slash) that show a content file."""
    parts = display.split("/")
    if len(parts) < 3 or parts[0] != "content":
        return [""]
    section, rest = parts[1], "/".join(parts[2:])
    ident = rest.rsplit(".", 1)[0]
    if section in ("assessments", "council"):
        return [f"{section}/{ident}/", f"en/{section}/{ident}/"]
    if section == "municipalities":
        return [f"municipalities/{ident}/", f"en/municipalities/{ident}/"]
    if section == "registries":
        return ["processes/", "en/processes/"]
    return [""]


def _municipality_of(display: str) -> str | None:
    parts = display.split("/")
    if len(parts) >= 4 and parts[1] in ("assessments", "council"):
        return parts[2]
    if len(parts) == 3 and parts[1] == "municipalities":
        return parts[2].rsplit(".", 1)[0]
    return None


def _merge(parts: list[Corpus]) -> Corpus:
    """One corpus from the per-file ones (every field of Corpus but ``content`` is a dict keyed by id)."""
    merged: dict[str, dict[str, Any]] = {f.name: {} for f in fields(Corpus) if f.name != "content"}
    for c in parts:
        for name, table in merged.items():
            table.update(getattr(c, name))
    content = next((c.content for c in parts if c.content is not None), None)
    return Corpus(**merged, content=content)


@dataclass
class FileState:
    """One content file: its stamp, its current findings, and its last version without errors."""

    stamp: tuple[int, int]
    findings: list[Finding]
    good: Corpus | None


class _Capture(Writer):
    """A writer that keeps the pages in memory, so unchanged pages can be left alone."""

    forks = False  # a forked worker's pages would stay in the worker

    def __init__(self, site: Site) -> None:
        super().__init__(site, Path("."))
        self.pages: dict[PageKey, str] = {}

    def put(self, lang: str, path: str, text: str) -> None:
        self.pages[(lang, path)] = text


# ---------------------------------------------------------------------------------------------
# The preview build
# ---------------------------------------------------------------------------------------------


@dataclass
class Update:
    """What one update did, for the terminal."""

    changed_files: list[str]
    pages: int
    seconds: float
    full: bool
    first_pages: int = 0  # the pages of the edited files, rebuilt first
    first_seconds: float = 0.0


@dataclass
class Preview:
    root: Path
    site_url: str
    only: set[str] | None = None
    search: bool = False
    files: dict[str, FileState] = field(default_factory=dict)
    texts: dict[PageKey, str] = field(default_factory=dict)
    link_findings: list[Finding] = field(default_factory=list)
    site: Site | None = None
    version: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    pending: set[str] | None = field(default_factory=set)  # municipalities for ``related``
    pending_site: Site | None = None

    @property
    def work(self) -> Path:
        return self.root / "build" / "preview"

    @property
    def site_dir(self) -> Path:
        return self.work / "site"

    # ------------------------------------------------------------ validation
    def _content_files(self) -> dict[str, Path]:
        content = self.root / "content"
        out: dict[str, Path] = {}
        if not content.is_dir():
            return out
        if self.only is None:
            paths = content_files(content)
        else:  # with --only, the other municipalities' folders are not even walked
            paths = sorted(
                p
                for top in sorted(content.iterdir())
                if top.is_dir()
                for sub in (
                    [top / m for m in sorted(self.only)]
                    if top.name in ("assessments", "council")
                    else [top]
                )
                if sub.is_dir()
                for p in content_files(sub)
            ) + sorted(p for p in content.glob("*.y*ml") if p.is_file())
        for path in paths:
            display = path.relative_to(self.root).as_posix()
            muni = _municipality_of(display)
            parts = display.split("/")
            if (
                self.only is not None
                and parts[1] in ("assessments", "council")
                and muni not in self.only
            ):
                continue
            out[display] = path
        return out

    def scan(self) -> list[str]:
        """Validate the files that are new or changed; forget deleted ones. Returns what changed."""
        changed: list[str] = []
        current = self._content_files()
        for display in sorted(set(self.files) - set(current)):
            del self.files[display]
            changed.append(display)
        for display, path in current.items():
            try:
                st = path.stat()
            except FileNotFoundError:
                continue
            stamp = (st.st_mtime_ns, st.st_size)
            old = self.files.get(display)
            if old is not None and old.stamp == stamp:
                continue
            findings = Findings()
            corpus = read(Project(self.root), findings, files=[path])
            items = list(findings)
            has_error = any(f.severity is Severity.ERROR for f in items)
            good = old.good if (has_error and old is not None) else (None if has_error else corpus)
            self.files[display] = FileState(stamp, items, good)
            changed.append(display)
        return changed

    def findings(self) -> list[Finding]:
        out = {f for s in self.files.values() for f in s.findings}
        out.update(self.link_findings)
        return sorted(out)

    def problems_by_page(self) -> dict[str, list[Finding]]:
        """Findings per site folder ("" is the home page, which also lists every problem)."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings():
            for page in source_pages(f.path):
                out.setdefault(page, []).append(f)
        return out

    # ------------------------------------------------------------ rendering
    def _link(self) -> Site:
        corpus = _merge([s.good for _, s in sorted(self.files.items()) if s.good is not None])
        findings = Findings()
        project = self.project(findings)  # site_config.yml's problems, as validate reports them
        site = link_site(project, corpus, findings)  # as the build: translation memory, checks
        self.link_findings = list(findings)
        if self.only is not None:
            site = replace(
                site,
                municipalities={k: v for k, v in site.municipalities.items() if k in self.only},
            )
        return site

    def _render(self, site: Site, munis: set[str] | None) -> dict[PageKey, str]:
        """Markdown of the list pages and of the pages of ``munis`` (all pages when None)."""
        w = _Capture(site)
        render(w, munis)
        return w.pages

    def _expected(self, site: Site, rendered: dict[PageKey, str]) -> set[PageKey]:
        keys = set(rendered)
        for lang in LANGS:
            keys.update((lang, a.path) for a in site.assessments.values())
            keys.update((lang, c.path) for c in site.council.values())
        return keys

    def _mkdocs(self, site: Site, docs_pages: dict[PageKey, str], site_dir: Path) -> None:
        build = site_dir.parent
        docs = build / "docs"
        if docs.exists():
            shutil.rmtree(docs)
        for (lang, path), text in sorted(docs_pages.items()):
            out = docs / lang / path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8", newline="\n")
        partial = site_dir.parent.name == "partial"
        config = configure(self.project(), site, build, site_dir, partial=partial)
        # Side builds reuse their folder: MkDocs then skips copying the theme's assets again.
        run_mkdocs_in_process(config, dirty=partial)

    def full(self) -> Update:
        """Build every page into a new folder and swap it in."""
        start = time.monotonic()
        changed = self.scan()
        site = self._link()
        pages = self._render(site, None)
        self.work.mkdir(parents=True, exist_ok=True)
        tmp = self.work / "full" / "site"
        if tmp.exists():
            shutil.rmtree(tmp)
        self._mkdocs(site, pages, tmp)
        after_build(site.project, site, tmp, search=self.search)
        with self.lock:
            swap(tmp, self.site_dir)
            self.texts = pages
            self.site = site
            self.pending, self.pending_site = set(), None
            self.version += 1
        return Update(changed, len(pages), time.monotonic() - start, True)

    def project(self, findings: Findings | None = None) -> Project:
        """The project as ``kohyo build`` reads it, served at the preview's own address."""
        project = Project.open(self.root, findings)
        return replace(project, config={**project.config, "site_url": self.site_url})

    def update(self) -> Update | None:
        """Bring the preview up to date after content edits; None when nothing changed.

        Only the pages of the edited files are rebuilt here, so the edit shows at once; the other
        pages it can affect (lists, cross-reference pages) are left to ``related``, which the
        loop runs when no further edit is waiting.
        """
        start = time.monotonic()
        old_findings = self.findings()
        before = {k: s.good for k, s in self.files.items()}
        changed = self.scan()
        if not changed:
            return None
        moved = [
            d for d in changed if d not in self.files or self.files[d].good is not before.get(d)
        ]
        site = self._link()
        own = self._render_own(site, set(moved))
        first = self._apply(site, own, set(), bump=self.findings() != old_findings)
        first_seconds = time.monotonic() - start
        if not moved:  # only problems changed: every page stays as it was
            return Update(changed, first, first_seconds, False, first, first_seconds)
        for display in moved:
            if display.startswith("content/registries/"):
                self.pending = None  # processes and shared registries appear on every page
            muni = _municipality_of(display)
            if muni is not None and self.pending is not None:
                self.pending.add(muni)
        self.pending_site = site
        return Update(changed, first, first_seconds, False, first, first_seconds)

    def related(self) -> Update | None:
        """The second pass: every page the last edits can affect, rebuilt where it differs."""
        site = self.pending_site
        if site is None:
            return None
        start = time.monotonic()
        munis, self.pending, self.pending_site = self.pending, set(), None
        rendered = self._render(site, munis)
        expected = self._expected(site, rendered)
        # A page whose file has problems stays as it was last built (the banner explains why).
        kept = set(self.problems_by_page())
        gone = {k for k in self.texts if k not in expected and _folder(*k) not in kept}
        n = self._apply(site, rendered, gone, bump=False)
        return Update([], n, time.monotonic() - start, False)

    def _render_own(self, site: Site, displays: set[str]) -> dict[PageKey, str]:
        """Markdown of the pages that show the given content files."""
        w = _Capture(site)
        for lang in LANGS:
            for a in site.assessments.values():
                if a.source.path in displays:
                    w.assessment(a, lang)
            for ident, c in site.council.items():
                if c.source.path in displays:
                    w.council(ident, lang)
        return w.pages

    def _apply(
        self, site: Site, rendered: dict[PageKey, str], gone: set[PageKey], bump: bool
    ) -> int:
        """Build the pages of ``rendered`` that differ from the last build; swap them in."""
        dirty = {k: v for k, v in rendered.items() if self.texts.get(k) != v}
        staged: list[tuple[Path, Path]] = []
        if dirty:
            paths = {path for _, path in dirty}
            batch = {
                (lang, p): rendered.get((lang, p)) or self.texts[(lang, p)]
                for lang in LANGS
                for p in paths
                if (lang, p) in rendered or (lang, p) in self.texts
            }
            for lang in LANGS:  # navigation targets: only their titles (from the nav) matter here
                for p in (*NAV_TARGETS, *self._extra_nav()):
                    if (lang, p) not in batch and (lang, p) in self.texts:
                        batch[(lang, p)] = "# -\n"
            side = self.work / "partial" / "site"
            self._mkdocs(site, batch, side)
            staged = [
                (side / html_path(lang, p), self.site_dir / html_path(lang, p)) for lang, p in dirty
            ]
        with self.lock:
            for src, dst in staged:
                dst.parent.mkdir(parents=True, exist_ok=True)
                tmp = dst.with_name(dst.name + ".tmp")
                shutil.copyfile(src, tmp)
                tmp.replace(dst)
            for lang, p in gone:
                target = self.site_dir / html_path(lang, p)
                target.unlink(missing_ok=True)
                with contextlib.suppress(OSError):
                    target.parent.rmdir()
                self.texts.pop((lang, p), None)
            self.texts.update(dirty)
            self.site = site
            if staged or gone or bump:
                self.version += 1
        if self.search and (staged or gone):
            index_site(self.site_dir)
        return len(dirty)

    @staticmethod
    def _extra_nav() -> list[str]:
        return [path for entry in extra_nav(PAGES) for path in entry.values()]


def run_mkdocs_in_process(config_file: Path, dirty: bool = False) -> None:
    """``mkdocs build`` without a new interpreter (imports stay warm between updates)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_load_config

    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)  # the side builds lack most pages: link warnings are expected
    try:
        cfg = mkdocs_load_config(str(config_file), strict=False)
        cfg.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(cfg, dirty=dirty)
        finally:
            cfg.plugins.on_shutdown()
    finally:
        logger.setLevel(level)
