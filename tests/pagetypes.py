"""Every page type of a built site, one example each, for the accessibility test and the screenshots.

Fixed types come first; then every other top-level section of the site (pages added by other
plugins, such as laws or search) contributes its index and its first detail page, so that new
page types are checked without editing this list.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FIXED = [
    ("home", ""),
    ("list", "assessments/"),
    ("municipalities", "municipalities/"),
    ("municipality", "municipalities/{muni}/"),
    ("prefectures", "prefectures/"),
    ("prefecture", "prefectures/{pref}/"),
    ("forms", "forms/"),
    ("form", "forms/full/"),
    ("processes", "processes/"),
    ("process", "processes/juki/"),
    ("compare", "compare/juki/"),
    ("assessment-full", "assessments/{full}/"),
    ("assessment-part", "assessments/{full}/risks/"),  # a long part on a page of its own
    ("assessment-focused", "assessments/{focused}/"),
    ("assessment-basic", "assessments/{basic}/"),
    ("assessment-summary", "assessments/{summary}/"),
    ("council", "council/{council}/"),
    ("glossary", "glossary/"),
    ("accessibility", "accessibility/"),
]
_FORM = re.compile(r"<dt>評価書の種類</dt>\s*<dd[^>]*>(.*?)</dd>", re.S)
SKIP_DIRS = {"assets", "pagefind", "en", "data", "search"} | {
    p.split("/")[0] for _, p in FIXED if p
}


def _first(site: Path, pattern: str) -> str | None:
    hits = sorted(site.glob(pattern))
    return hits[0].parent.relative_to(site).as_posix() if hits else None


def page_types(site: Path) -> list[tuple[str, str]]:
    """(type, path below the language root) of one page of each type that the site has."""
    forms = {
        "full": "全項目評価書",
        "focused": "重点項目評価書",
        "basic": "基礎項目評価書",
        "summary": "概要",
    }
    found: dict[str, str | None] = {"muni": None, "pref": None, "council": None}
    kinds: dict[str, str] = {}
    for f in sorted(site.glob("assessments/*/*/index.html")):
        m = _FORM.search(f.read_text(encoding="utf-8"))
        if m:
            kinds.setdefault(
                re.sub(r"<[^>]+>", "", m.group(1)).strip(),
                f.parent.relative_to(site / "assessments").as_posix(),
            )
    for key, form in forms.items():
        found[key] = next((v for k, v in kinds.items() if form in k), None)
    found["muni"] = (_first(site, "municipalities/*/index.html") or "/").split("/")[-1]
    found["pref"] = (_first(site, "prefectures/*/index.html") or "/").split("/")[-1]
    council = _first(site, "council/*/*/index.html")
    found["council"] = council.split("/", 1)[1] if council else None
    out: list[tuple[str, str]] = []
    for kind, pattern in FIXED:
        try:
            path = pattern.format(**found)
        except (KeyError, IndexError):
            continue
        if "None" in path or not (site / path / "index.html").exists():
            continue
        out.append((kind, path))
    if (site / "search" / "index.html").exists():
        out.append(("search", "search/"))
    for d in sorted(p for p in site.iterdir() if p.is_dir() and p.name not in SKIP_DIRS):
        if (d / "index.html").exists():
            out.append((d.name, f"{d.name}/"))
        detail = _first(d, "*/index.html")
        if detail:
            out.append((f"{d.name}-page", f"{d.name}/{detail}/"))
    out.append(("404", "404.html"))
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free local port; yields the base URL (ending in /)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
