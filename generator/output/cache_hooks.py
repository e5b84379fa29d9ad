"""MkDocs hooks of the build cache (generator/output/cache.py): a page whose inputs are unchanged is not
rendered again; its HTML from an earlier build is written instead.

MkDocs renders every page on every build (Markdown, then Material's templates): at nation scale
most of the MkDocs stage. Its own ``--dirty`` mode compares file times and warns (which fails
``--strict``), and gives no guarantee about the result. Here a page is skipped only when its key
is in the store: the hash of its Markdown, its source and output path, and everything that is the
same for every page of the build (the MkDocs configuration without the output folder, the list of
pages, the theme, these hooks, the installed packages: ``cache.mkdocs_session``). For such a page
MkDocs still makes its ``Page`` (so the navigation, the language switcher and the sitemap see the
whole site), but reading and rendering its Markdown and filling the template are replaced by the
stored output; its title and anchor ids come from the store too, so the anchor check of links
into it still runs.

The hooks do nothing unless the build sets ``KOHYO_PAGE_CACHE`` (the session folder) in the
environment of the MkDocs process: previews (``kohyo serve``) and side builds render as always.
New pages go to the session folder and reach the store only when the whole build succeeded
(``cache.MkDocsSession.commit``), so a page of a failed build (a strict warning) is never reused.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import mkdocs.commands.build as _mkbuild
from mkdocs import utils as _mkutils

ENV = "KOHYO_PAGE_CACHE"
_state: dict[str, Any] = {}  # "store", "new", "global", "used" while a cached build runs
_ORIGINAL: dict[str, Any] = {}


def entry(store: Path, key: str) -> tuple[Path, Path]:
    """The stored output and its facts (title, anchors) of a page key."""
    folder = store / key[:2]
    return folder / f"{key}.html", folder / f"{key}.json"


def page_key(global_key: str, src_path: str, src_uri: str, dest_uri: str) -> str:
    h = hashlib.sha256()
    for part in (global_key, src_uri, dest_uri):
        h.update(part.encode("utf-8") + b"\0")
    h.update(Path(src_path).read_bytes())
    return h.hexdigest()


def _populate_page(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
    if not _state or page.file.abs_src_path is None:
        _ORIGINAL["populate"](page, config, files, dirty)
        return
    key = page_key(_state["global"], page.file.abs_src_path, page.file.src_uri, page.file.dest_uri)
    page._kohyo_key = key
    html, facts = entry(_state["store"], key)
    if html.is_file() and facts.is_file():
        known = json.loads(facts.read_text(encoding="utf-8"))
        page.markdown = ""
        page.content = ""
        page._title_from_render = known["title"]
        page.present_anchor_ids = set(known["anchors"])
        page._kohyo_hit = html
        return
    _ORIGINAL["populate"](page, config, files, dirty)


def _build_page(
    page: Any, config: Any, doc_files: Any, nav: Any, env: Any, *a: Any, **kw: Any
) -> None:
    hit: Path | None = getattr(page, "_kohyo_hit", None)
    key: str | None = getattr(page, "_kohyo_key", None)
    if _state and hit is not None and key is not None:
        _mkutils.write_file(hit.read_bytes(), page.file.abs_dest_path)
        _state["used"].add(key)
        return
    _ORIGINAL["build"](page, config, doc_files, nav, env, *a, **kw)
    if not _state or key is None:
        return
    out = Path(page.file.abs_dest_path)
    if not out.is_file():  # MkDocs writes nothing for an empty page
        return
    html, facts = entry(_state["new"], key)
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_bytes(out.read_bytes())
    anchors = sorted(page.present_anchor_ids or ())
    facts.write_text(json.dumps({"title": page.title, "anchors": anchors}, ensure_ascii=False))
    _state["used"].add(key)


def on_config(config: Any, **_kw: Any) -> Any:
    """Install the page cache for this MkDocs process (once; the language builds of the i18n
    plugin run ``build`` again in the same process)."""
    session = os.environ.get(ENV)
    if not session:
        return config
    if not _ORIGINAL:
        _ORIGINAL["populate"] = _mkbuild._populate_page
        _ORIGINAL["build"] = _mkbuild._build_page
        _mkbuild._populate_page = _populate_page
        _mkbuild._build_page = _build_page
    if not _state:
        folder = Path(session)
        meta = json.loads((folder / "session.json").read_text(encoding="utf-8"))
        _state.update(
            store=Path(meta["store"]), new=folder / "new", used=set(), **{"global": meta["global"]}
        )
    return config


def on_shutdown(**_kw: Any) -> None:
    """The keys this build used (found or new): the session's list, for pruning the store."""
    if _state:
        session = Path(os.environ[ENV])
        (session / "used.txt").write_text("\n".join(sorted(_state["used"])) + "\n")
