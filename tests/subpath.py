"""A corpus built for a GitHub Pages project site and served locally under the same sub-path.

GitHub Pages serves a project site at https://OWNER.github.io/REPO/; here the site is built with
``KOHYO_SITE_URL=http://127.0.0.1:<port>/kohyo/`` and served at that address, with 404.html
for unknown paths as Pages does.  Used by the session fixture ``subpath_site`` (conftest.py).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from generator.pipeline import BuildResult, Project, build_site

SUBPATH = "kohyo"
REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Served:
    root: Path  # the project folder that was built
    site: Path  # its site/
    serve: Path  # the folder served at "/": serve/kohyo -> site
    base: str  # http://127.0.0.1:<port>/kohyo/
    result: BuildResult


class _Handler(SimpleHTTPRequestHandler):
    prefix = SUBPATH  # where the site sits below the served folder ("" for the root)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / self.prefix / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve_subpath_site(tmp: Path, source_root: Path) -> Iterator[Served]:
    serve = tmp / "serve"
    serve.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(serve)))
    base = f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    root = tmp / "project"
    root.mkdir()
    shutil.copytree(source_root / "content", root / "content")
    shutil.copy(source_root / "site_config.yml", root / "site_config.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    old = os.environ.get("KOHYO_SITE_URL")
    os.environ["KOHYO_SITE_URL"] = base
    try:
        result = build_site(Project.open(root), root / "site")
    finally:
        if old is None:
            del os.environ["KOHYO_SITE_URL"]
        else:
            os.environ["KOHYO_SITE_URL"] = old
    assert result.ok, [f.format("en") for f in result.findings]
    (serve / SUBPATH).symlink_to(root / "site", target_is_directory=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(root, root / "site", serve, base, result)
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_site(site: Path, tmp: Path, prefix: str = SUBPATH) -> Iterator[str]:
    """An already built ``site`` served as GitHub Pages serves it, at ``/<prefix>/`` (or at the
    root with ``prefix=""``), with 404.html for unknown paths; yields the site's address."""
    folder = tmp / f"serve-{prefix or 'root'}"
    folder.mkdir(exist_ok=True)
    if prefix:
        link = folder / prefix
        if not link.exists():
            link.symlink_to(site, target_is_directory=True)
        directory = folder
    else:
        directory = site
    handler = type("_At", (_Handler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/" + (f"{prefix}/" if prefix else "")
    finally:
        server.shutdown()
        server.server_close()
