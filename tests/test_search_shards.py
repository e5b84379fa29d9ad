"""A search index sharded by prefecture, as builds on several machines would make it: each group of
prefectures has its own Pagefind bundle, and the search page merges them (Pagefind's multisite
``mergeIndex``).

content/ (built once per session by ``real_site``) is indexed again in two shards into a copy of its
site; in Chromium, a query for a municipality of each shard finds its assessment, the result's
fragment comes from that shard's bundle, and the result link opens the page.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from generator.output.search import index_site, prefecture_shards

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
RESULT_LINK = (
    "ol.pagefind-ui__results > li > .pagefind-ui__result-inner > .pagefind-ui__result-title a"
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def sharded(
    real_site: tuple[Path, Any], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[list[str]], list[str]]:
    """A copy of the built site indexed in two shards: (site, shards, bundles)."""
    root, result = real_site
    site = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(root / "site", site, ignore=shutil.ignore_patterns("pagefind"))
    shards = prefecture_shards(result.site, 2)
    return site, shards, index_site(site, shards)


@pytest.fixture(scope="module")
def base(sharded: tuple[Path, list[list[str]], list[str]]) -> Iterator[str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(sharded[0]))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_two_bundles_each_with_both_languages(
    sharded: tuple[Path, list[list[str]], list[str]],
) -> None:
    site, shards, bundles = sharded
    assert bundles == ["pagefind", "pagefind-2"]
    assert len(shards) == 2 and all(shards) and not set(shards[0]) & set(shards[1])
    for name in bundles:
        assert sorted((site / name).glob("pagefind.ja_*.pf_meta")), name
        assert sorted((site / name).glob("pagefind.en_*.pf_meta")), name
    # the second shard holds only the assessment pages of its municipalities
    fragments = sorted((site / "pagefind-2" / "fragment").glob("ja_*.pf_fragment"))
    assert fragments
    assert 'data-merge="[&quot;../pagefind-2/&quot;]"' in (
        site / "search" / "index.html"
    ).read_text(encoding="utf-8")


def test_a_query_finds_a_page_of_each_shard_and_opens_it(
    sharded: tuple[Path, list[list[str]], list[str]], base: str, real_site: tuple[Path, Any]
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing")
    _site, shards, bundles = sharded
    municipalities = real_site[1].site.municipalities
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for shard, members in enumerate(shards):
                ident = members[0]
                name = municipalities[ident].name.ja
                page = browser.new_page()
                fragments: list[str] = []
                page.on(
                    "requestfinished",
                    lambda r, got=fragments: got.append(r.url) if "pf_fragment" in r.url else None,
                )
                page.goto(f"{base}search/?q={name}")
                page.wait_for_selector(RESULT_LINK, timeout=60000)
                links = page.locator(RESULT_LINK)
                hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
                hit = next((i for i, h in enumerate(hrefs) if f"/assessments/{ident}/" in h), None)
                assert hit is not None, (name, hrefs)
                # the result's text came from its own shard's bundle
                assert any(f"/{bundles[shard]}/fragment/" in u for u in fragments), fragments
                title = links.nth(hit).inner_text().strip()
                with page.expect_navigation(wait_until="domcontentloaded") as nav:
                    links.nth(hit).click()
                assert nav.value is not None and nav.value.status == 200
                assert re.search(rf"/assessments/{re.escape(ident)}/", page.url)
                heading = " ".join(page.locator("h1").first.inner_text().replace("¶", "").split())
                assert heading == " ".join(title.split())
                page.close()
        finally:
            browser.close()
