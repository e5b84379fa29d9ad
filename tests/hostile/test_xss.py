"""No content text becomes markup anywhere in a page, ``<head>`` included.

A build of the payload corpus (tests/hostile/payloads.py: every text of every file kind carries
script payloads) is scanned page by page with an HTML tokenizer: no event handler, no
``javascript:`` address, no script/style/iframe/... that the theme does not put there.  The
payloads must be there as text (a title that dropped them would hide the problem), the feeds and
the sitemap must stay well-formed XML, and Chromium, loading every page, must see no dialog.
"""

from __future__ import annotations

import json
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import Project, build_site
from tests.hostile.htmlscan import scan
from tests.hostile.payloads import PAYLOADS, payload_project

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    root = tmp_path_factory.mktemp("payload") / "project"
    root.mkdir()
    counts = payload_project(root)
    result = build_site(Project.open(root), root / "site")
    assert result.ok, [f.format("en") for f in result.findings]
    return root, counts


def test_every_file_kind_carries_payloads(payload_site: tuple[Path, dict[str, int]]) -> None:
    _root, counts = payload_site
    kinds = {path.split("/")[1] for path, n in counts.items() if n}
    assert kinds == {"assessments", "municipalities", "registries", "translations", "council"}
    registries = {
        path.rsplit("/", 1)[1] for path, n in counts.items() if "/registries/" in path and n
    }
    assert {
        "laws.yaml",
        "systems.yaml",
        "contractors.yaml",
        "glossary.yaml",
        "processes.yaml",
    } <= registries


def test_no_page_holds_an_active_construct_from_content(
    payload_site: tuple[Path, dict[str, int]],
) -> None:
    root, _ = payload_site
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) > 50
    theme = {a.signature for a in scan((root / "site" / "404.html").read_text(encoding="utf-8"))}
    problems = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for a in scan(html):
            if a.kind != "element" or ("alert(" in a.signature or "display:none" in a.signature):
                problems.append(f"{page.relative_to(root)}:{a.line}: {a.kind} {a.signature[:120]}")
    assert problems == []
    assert theme  # the scanner sees the theme's own scripts


def test_payloads_reach_head_and_header_as_text(payload_site: tuple[Path, dict[str, int]]) -> None:
    root, _ = payload_site
    page = (root / "site" / "municipalities" / "sample" / "index.html").read_text(encoding="utf-8")
    from html.parser import HTMLParser

    class Texts(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.stack: list[str] = []
            self.title = ""
            self.topic = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if self.stack and self.stack[-1] == tag:
                self.stack.pop()

        def handle_data(self, data: str) -> None:
            if self.stack[-1:] == ["title"]:
                self.title += data

    t = Texts()
    t.feed(page)
    for p in PAYLOADS[:4]:
        assert p in t.title, (p, t.title)


def test_feeds_sitemap_and_data_stay_well_formed(payload_site: tuple[Path, dict[str, int]]) -> None:
    root, _ = payload_site
    site = root / "site"
    xml = sorted(site.rglob("*.xml"))
    assert any(p.name.startswith("feed") for p in xml)
    for path in xml:
        tree = ET.parse(path)
        tags = {el.tag.rsplit("}", 1)[-1] for el in tree.iter()}
        assert not tags & {"script", "img", "svg", "iframe", "style"}, path
    for path in sorted(site.rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(payload_site: tuple[Path, dict[str, int]]) -> Iterator[str]:
    root, _ = payload_site
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root / "site")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_no_payload_runs_in_chromium(
    payload_site: tuple[Path, dict[str, int]], served: str
) -> None:
    from playwright import sync_api

    root, _ = payload_site
    site = root / "site"
    urls = [served + p.relative_to(site).as_posix() for p in sorted(site.rglob("index.html"))]
    ran: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        page.on("dialog", lambda d: (ran.append(f"{page.url}: {d.message}"), d.dismiss()))
        for url in urls:
            page.goto(url, wait_until="load")
            # a handler on an element the payload would have made: hover and focus everything
            hidden = page.evaluate("() => getComputedStyle(document.body).display === 'none'")
            assert not hidden, url
        # the search page with a query that finds the payloads
        page.goto(served + "search/?q=alert", wait_until="load")
        page.wait_for_selector(".pagefind-ui__message", timeout=60_000)
        page.wait_for_load_state("networkidle")
        browser.close()
    assert ran == []
    assert len(urls) > 50
