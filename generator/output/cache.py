"""Build cache: what a build made, kept between builds under keys made of content hashes, so that
after a change to one assessment a rebuild redoes only what that change touches.

Measured on the synthetic corpora (BENCHMARKS.md, "Rebuild after a one-file change"), MkDocs is the
largest of the stages a cache can skip: each page is Markdown to HTML, then Material's templates.
The cache keeps each page's finished HTML (the MkDocs stage; generator/output/cache_hooks.py) under the
hash of everything it is made from: the page's Markdown, its paths, and what every page shares
(the MkDocs configuration without its output folder, the list of pages, the theme, our hooks, the
installed packages and Python). The Markdown is still written on every build, by the same code,
so a change anywhere in the content or the generator reaches the key of every page it changes;
nothing is trusted that was not hashed.

The cache is used only when asked for: ``kohyo build --cache DIR`` or ``KOHYO_CACHE=DIR`` (``make
site`` uses ``build/cache``; the Pages workflow restores and saves that folder with the Actions
cache). A build keeps in the store only the entries it used, so the cache is as large as one site.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # (the cache module stays light at run time: the MkDocs hooks import it)
    from generator.linking.link import Site

ENV = "KOHYO_CACHE"
FORMAT = "kohyo-cache-1"  # raise when the store's layout or the keys change
HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent  # generator/: its code and templates key the cache
HOOKS = (HERE / "mkdocs_hooks.py", HERE / "cache_hooks.py")


def cache_dir(explicit: str | Path | None = None) -> Path | None:
    """The cache folder asked for (``--cache``, else ``KOHYO_CACHE``), or None: no cache."""
    value = explicit if explicit is not None else os.environ.get(ENV)
    if not value:
        return None
    return Path(value).resolve()


def _sha(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def tree_digest(folder: Path) -> str:
    """Hash of every file below ``folder``: relative paths and contents, in sorted order."""
    h = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def environment_digest() -> str:
    """Python and every installed package with its version (MkDocs, Material, Markdown, Jinja…)."""
    dists = sorted(
        f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions() if d.metadata
    )
    return _sha(sys.version.encode(), "\n".join(dists).encode())


def _docs_listing(docs: Path) -> bytes:
    """The pages and files of the build: names of Markdown pages (each page's own text is in its
    key), names and hashes of anything else."""
    lines = []
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        rel = path.relative_to(docs).as_posix()
        if path.suffix == ".md":
            lines.append(rel)
        else:
            lines.append(f"{rel} {hashlib.sha256(path.read_bytes()).hexdigest()}")
    return "\n".join(lines).encode("utf-8")


def mkdocs_global_key(config_file: Path, docs: Path) -> str:
    """What every page of the MkDocs build shares; folders of this machine are left out (the
    theme and the hooks enter by their contents)."""
    cfg: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    cfg.pop("site_dir", None)
    theme = cfg.get("theme") or {}
    if theme.get("custom_dir"):
        theme["custom_dir"] = tree_digest(Path(theme["custom_dir"]))
    cfg["hooks"] = [_sha(Path(h).read_bytes()) for h in cfg.get("hooks") or []]
    cfg["docs_dir"] = None
    return _sha(
        FORMAT.encode(),
        json.dumps(cfg, sort_keys=True, ensure_ascii=False).encode("utf-8"),
        _docs_listing(docs),
        environment_digest().encode(),
    )


@dataclass
class CacheStats:
    """How much of a build came from the cache."""

    pages_reused: int = 0  # HTML pages from the store (MkDocs did not render them)
    pages_rendered: int = 0  # HTML pages MkDocs rendered
    markdown_reused: int = 0  # assessment pages (one language) whose Markdown came from the store
    pagefind_reused: int = 0  # Pagefind runs (one language of one bundle) put back from the store
    pagefind_ran: int = 0
    pruned: int = 0  # entries dropped from the store (unused by this build)


@dataclass
class MkDocsSession:
    """One MkDocs run with the page cache: the store, and this run's folder (new pages, used keys)."""

    store: Path
    folder: Path

    def env(self) -> dict[str, str]:
        from generator.output.cache_hooks import ENV as HOOK_ENV

        return {HOOK_ENV: str(self.folder)}

    def commit(self) -> CacheStats:
        """The build succeeded: its new pages join the store, pages it did not use leave it."""
        from generator.output.cache_hooks import entry

        stats = CacheStats()
        used_file = self.folder / "used.txt"
        used = set(used_file.read_text().split()) if used_file.is_file() else set()
        new = self.folder / "new"
        fresh = 0
        for path in sorted(new.rglob("*.html")) if new.is_dir() else []:
            key = path.stem
            html, facts = entry(self.store, key)
            html.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path.with_suffix(".json"), facts)
            os.replace(path, html)
            fresh += 1
        stats.pages_rendered = fresh
        stats.pages_reused = len(used) - fresh
        for path in sorted(self.store.rglob("*.*")):
            if path.stem not in used:
                path.unlink()
                stats.pruned += path.suffix == ".html"
        self.discard()
        return stats

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def mkdocs_session(cache: Path, config_file: Path, docs: Path) -> MkDocsSession:
    """Start a cached MkDocs run: the shared key goes to a session folder the hooks read."""
    store = cache / "mkdocs"
    store.mkdir(parents=True, exist_ok=True)
    runs = cache / "runs"
    shutil.rmtree(runs, ignore_errors=True)  # what an interrupted build left
    runs.mkdir()
    folder = Path(tempfile.mkdtemp(prefix="mkdocs-", dir=runs))
    session = {"store": str(store), "global": mkdocs_global_key(config_file, docs)}
    (folder / "session.json").write_text(json.dumps(session), encoding="utf-8")
    return MkDocsSession(store, folder)


# ---------------------------------------------------------------------------------------------
# The write stage: each assessment page's Markdown (both languages; with its change-log subpage)
# ---------------------------------------------------------------------------------------------


def code_digest() -> str:
    """The generator's own code and templates (what turns content into Markdown)."""
    h = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        h.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _content_digest(content: Path) -> str:
    """Every content file but the assessments: registries, municipalities, the translation
    memory, council papers, the glossary (any change there may reach any page)."""
    h = hashlib.sha256()
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        rel = path.relative_to(content)
        if rel.parts[0] == "assessments":
            continue
        h.update(rel.as_posix().encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _site_digest(site: Site) -> str:
    """What an assessment page reads from the rest of the linked site: the other assessments'
    ids, places and titles (the comparison link counts them; council papers name them), and the
    provisions cited anywhere (a citation becomes a link only if some indexed text cites it)."""
    shape = [
        [ident, a.municipality, a.process, a.title, site.council_by_assessment.get(ident, [])]
        for ident, a in sorted(site.assessments.items())
    ]
    known = site.linker.known if site.linker is not None else None
    cited = sorted(repr(r) for r in known) if known is not None else None
    laws = list(site.crosslinks.laws) if site.crosslinks is not None else []
    return _sha(json.dumps([shape, cited, laws], ensure_ascii=False, sort_keys=True).encode())


class MarkdownMemo:
    """Assessment pages' Markdown from earlier builds, under the hash of the assessment's own file
    and of everything else a page may read (``shared``). Passed to ``write_docs``."""

    def __init__(self, cache: Path, site: Site, root: Path, config: dict[str, Any]) -> None:
        self.store = cache / "markdown"
        self.store.mkdir(parents=True, exist_ok=True)
        self.site = site
        self.root = root
        self.used: set[str] = set()
        self.reused = 0
        content = site.content if site.content is not None else root / "content"
        self.shared = _sha(
            FORMAT.encode(),
            code_digest().encode(),
            environment_digest().encode(),
            _content_digest(Path(content)).encode(),
            json.dumps(config, sort_keys=True, ensure_ascii=False, default=str).encode(),
            _site_digest(site).encode(),
        )
        self._own: dict[str, bytes] = {}

    def key(self, lang: str, ident: str) -> str:
        a = self.site.assessments[ident]
        if ident not in self._own:
            self._own[ident] = hashlib.sha256((self.root / a.source.path).read_bytes()).digest()
        return _sha(self.shared.encode(), lang.encode(), ident.encode(), self._own[ident])

    def _file(self, key: str) -> Path:
        return self.store / key[:2] / f"{key}.json"

    def reuse(self, writer: Any, jobs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Write the stored pages of ``jobs``; return the jobs still to render."""
        from generator.rendering.blocks import Coverage

        todo = []
        for lang, ident in jobs:
            key = self.key(lang, ident)
            stored = self._file(key)
            if not stored.is_file():
                todo.append((lang, ident))
                continue
            entry = json.loads(stored.read_text(encoding="utf-8"))
            for path, text in entry["pages"]:
                writer.put(lang, path, text)
            if entry["coverage"] is not None:
                writer.result.coverage[ident] = Coverage(**entry["coverage"])
            self.used.add(key)
            self.reused += 1
        return todo

    def keep(self, writer: Any, jobs: list[tuple[str, str]]) -> None:
        """Store the pages ``jobs`` just wrote (the page and any subpage in its folder)."""
        import dataclasses

        for lang, ident in jobs:
            a = self.site.assessments[ident]
            base = writer.docs / lang
            page = base / a.path
            files = [page, *sorted((base / a.path.removesuffix(".md")).rglob("*.md"))]
            pages = [
                [f.relative_to(base).as_posix(), f.read_text(encoding="utf-8")]
                for f in files
                if f.is_file()
            ]
            coverage = writer.result.coverage.get(ident) if lang == "en" else None
            entry = {
                "pages": pages,
                "coverage": dataclasses.asdict(coverage) if coverage is not None else None,
            }
            key = self.key(lang, ident)
            stored = self._file(key)
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
            self.used.add(key)

    def prune(self) -> int:
        """Drop the entries this build did not use; returns how many."""
        gone = 0
        for path in sorted(self.store.rglob("*.json")):
            if path.stem not in self.used:
                path.unlink()
                gone += 1
        return gone


# ---------------------------------------------------------------------------------------------
# The search index: each Pagefind run (one language of one bundle)
# ---------------------------------------------------------------------------------------------


def _glob_patterns(glob: str) -> list[str]:
    """A Pagefind glob's alternatives, braces expanded (``{a,b}``, nested)."""
    depth, start = 0, -1
    for i, ch in enumerate(glob):
        if ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                inner, parts, level, last = glob[start + 1 : i], [], 0, 0
                for j, c in enumerate(inner):
                    level += (c == "{") - (c == "}")
                    if c == "," and level == 0:
                        parts.append(inner[last:j])
                        last = j + 1
                parts.append(inner[last:])
                head, tail = glob[:start], glob[i + 1 :]
                return [p for part in parts for p in _glob_patterns(head + part + tail)]
    return [glob]


def glob_regex(glob: str) -> re.Pattern[str]:
    """A Pagefind (wax) glob as a regular expression over paths relative to the site: ``*``
    stays within one folder, ``**/`` is any number of folders (none too); checked against
    Pagefind itself (``*.html`` indexes the top folder only, ``x/**/*.html`` includes x/)."""
    alternatives = []
    for pattern in _glob_patterns(glob):
        out = ""
        for part in pattern.split("/")[:-1]:
            out += "(?:[^/]+/)*" if part == "**" else re.escape(part).replace(r"\*", "[^/]*") + "/"
        last = pattern.split("/")[-1]
        out += re.escape(last).replace(r"\*", "[^/]*")
        alternatives.append(out)
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


class PagefindMemo:
    """Each Pagefind run of ``search.index_site`` (one language of one bundle) kept under the hash
    of the Pagefind binary, its arguments and every page its ``--glob`` matches: a run whose pages
    did not change is not made again, its files are put back. With one bundle any changed page
    changes both runs; with bundles by prefecture (``--search-shards``) a change to one assessment
    runs Pagefind over its own group only. Stands in for ``run_child`` (``run``)."""

    def __init__(self, cache: Path, run: Any) -> None:
        self.store = cache / "pagefind"
        self.store.mkdir(parents=True, exist_ok=True)
        self._run = run
        self.used: set[str] = set()
        self.reused = 0
        self.ran = 0

    def _key(self, cmd: list[str], site: Path) -> str:
        glob = glob_regex(cmd[cmd.index("--glob") + 1])
        h = hashlib.sha256()
        h.update(FORMAT.encode() + hashlib.sha256(Path(cmd[0]).read_bytes()).digest())
        h.update(json.dumps(cmd[1:]).encode())
        for path in sorted(p for p in site.rglob("*.html") if p.is_file()):
            rel = path.relative_to(site).as_posix()
            if glob.fullmatch(rel):
                h.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        return h.hexdigest()

    @staticmethod
    def _files(folder: Path) -> dict[str, bytes]:
        return {
            p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).digest()
            for p in folder.rglob("*")
            if p.is_file()
        }

    def run(
        self, cmd: Any, cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        cmd = list(cmd)
        if "--glob" not in cmd or "--output-subdir" not in cmd or cwd is None:
            return self._run(cmd, cwd=cwd, env=env)  # type: ignore[no-any-return]
        site = Path(cwd)
        bundle = site / cmd[cmd.index("--output-subdir") + 1]
        key = self._key(cmd, site)
        stored = self.store / key[:2] / key
        if stored.is_dir():
            for path in sorted(p for p in stored.rglob("*") if p.is_file()):
                out = bundle / path.relative_to(stored)
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, out)
            self.used.add(key)
            self.reused += 1
            return subprocess.CompletedProcess(cmd, 0, "", "")
        before = self._files(bundle) if bundle.is_dir() else {}
        proc: subprocess.CompletedProcess[str] = self._run(cmd, cwd=cwd, env=env)
        if proc.returncode != 0:
            return proc
        self.ran += 1
        after = self._files(bundle)
        # what this run wrote: new or changed files, and its own entry file always
        wrote = sorted(
            k for k, v in after.items() if before.get(k) != v or k == "pagefind-entry.json"
        )
        tmp = Path(tempfile.mkdtemp(prefix="pagefind-", dir=self.store))
        for rel in wrote:
            out = tmp / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(bundle / rel, out)
        stored.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(stored, ignore_errors=True)
        tmp.rename(stored)
        self.used.add(key)
        return proc

    def prune(self) -> int:
        gone = 0
        for sub in sorted(self.store.glob("*/*")):
            if sub.is_dir() and sub.name not in self.used:
                shutil.rmtree(sub)
                gone += 1
        for tmp in sorted(self.store.glob("pagefind-*")):
            shutil.rmtree(tmp, ignore_errors=True)
        return gone
