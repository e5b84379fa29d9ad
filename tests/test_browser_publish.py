"""The published site in a real browser, under the GitHub Pages sub-path /kohyo/.

One page of every page type in both languages, the 404 page at depth and the language switch.
Every request of every page is recorded: any request to another host (fonts, CDN scripts,
trackers) fails the test, and so does any failed or non-200 request of our own.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from tests.subpath import Served

playwright_sync = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
SKIP_DIRS = {"assets", "pagefind", "data", "en", "search"}


def page_types(site: Path) -> list[str]:
    """The home page, each section's index and its first page, in both languages (paths below the base)."""
    paths = ["", "search/", "data/"]
    for section in sorted(p for p in site.iterdir() if p.is_dir() and p.name not in SKIP_DIRS):
        if (section / "index.html").exists():
            paths.append(f"{section.name}/")
        first = next(iter(sorted(p.parent for p in section.glob("*/**/index.html"))), None)
        if first is not None:
            paths.append(first.relative_to(site).as_posix() + "/")
    paths = [p for p in paths if (site / p / "index.html").exists()]
    return paths + [f"en/{p}" for p in paths if (site / "en" / p / "index.html").exists()]


class Recorder:
    def __init__(self, base: str) -> None:
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
        self.requests: list[tuple[str, str]] = []  # (page, url)
        self.problems: list[str] = []
        self.page = ""

    def request(self, req: Any) -> None:
        url: str = req.url
        self.requests.append((self.page, url))
        if url.split(":", 1)[0] in ("data", "blob", "about"):
            return
        if not url.startswith(self.origin + "/"):
            self.problems.append(f"{self.page}: request to another host: {url}")

    def response(self, resp: Any) -> None:
        if (
            resp.url.startswith(self.origin)
            and resp.status >= 400
            and not resp.request.is_navigation_request()
        ):
            self.problems.append(f"{self.page}: {resp.status} {resp.url}")

    def failed(self, req: Any) -> None:
        if req.failure and "ERR_ABORTED" in req.failure:
            return  # cancelled because the test navigated on (e.g. the favicon of the previous page)
        self.problems.append(f"{self.page}: failed {req.url} ({req.failure})")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk")
    with playwright_sync.sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture()
def recorded(browser: Any, subpath_site: Served) -> Iterator[tuple[Any, Recorder]]:
    context = browser.new_context()
    rec = Recorder(subpath_site.base)
    context.on("request", rec.request)
    context.on("response", rec.response)
    context.on("requestfailed", rec.failed)
    page = context.new_page()
    yield page, rec
    context.close()


def test_every_page_type_loads_under_the_subpath_from_this_host_only(
    recorded: tuple[Any, Recorder], subpath_site: Served
) -> None:
    page, rec = recorded
    base = subpath_site.base
    paths = page_types(subpath_site.site)
    assert {"", "en/", "assessments/", "data/", "en/data/"} <= set(paths)
    assert any(
        p.startswith("assessments/") and p.count("/") == 3 for p in paths
    )  # an assessment page
    for path in paths:
        rec.page = path
        resp = page.goto(base + path, wait_until="networkidle")
        assert resp is not None and resp.status == 200, path
        hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        outside = [h for h in hrefs if h.startswith(rec.origin) and not h.startswith(base)]
        assert outside == [], f"{path}: links that leave the sub-path: {outside}"
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
            == "sticky"
        ), path
    print(
        f"\nbrowser: {len(paths)} pages of {len(paths) // 2} types, {len(rec.requests)} requests recorded, "
        f"{len({u for _, u in rec.requests})} distinct"
    )
    assert rec.problems == []
    assert len(rec.requests) > len(paths) * 3  # pages, styles, scripts were all seen


def test_404_page_works_at_any_depth(recorded: tuple[Any, Recorder], subpath_site: Served) -> None:
    page, rec = recorded
    base = subpath_site.base
    for path in ("missing", "no/such/page/at/depth/"):
        rec.page = path
        resp = page.goto(base + path, wait_until="networkidle")
        assert resp is not None and resp.status == 404
        assert page.locator("h1").first.inner_text() == "ページが見つかりません"
        assert page.locator('[lang="en"] h2').inner_text() == "Page not found"
        # One self-contained file (theme/404.html): its own style, its links from the site root.
        assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
        assert page.evaluate("document.baseURI") == base
    page.click("text=Home page")
    page.wait_for_url(base + "en/")
    page.goto(base + "no/such/page/", wait_until="networkidle")
    page.click("text=評価書の一覧")
    page.wait_for_url(base + "assessments/")
    assert rec.problems == []


def test_language_switch_keeps_the_page_under_the_subpath(
    recorded: tuple[Any, Recorder], subpath_site: Served
) -> None:
    page, rec = recorded
    base = subpath_site.base
    ident = sorted(subpath_site.result.site.assessments)[0] if subpath_site.result.site else ""
    ja, en = f"{base}assessments/{ident}/", f"{base}en/assessments/{ident}/"
    rec.page = "switch"
    page.goto(ja, wait_until="networkidle")
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="en"]')
    page.wait_for_url(en)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="ja"]')
    page.wait_for_url(ja)
    assert page.evaluate("document.documentElement.lang") == "ja"
    # The data link of the page gets the JSON of the same assessment (gzip-compressed: a
    # download, so fetched as the link's target rather than opened as a page).
    href = page.get_attribute("a.kh-data", "href")
    assert href is not None
    url = urljoin(page.url, href)
    assert url == f"{base}data/assessments/{ident}.json.gz"
    resp = page.request.get(url)
    assert resp.status == 200
    assert json.loads(gzip.decompress(resp.body()))["municipality"] == ident.split("/")[0]
    assert rec.problems == []
