"""Residents' journeys in a real browser, on the real build of content/ (issue 14).

The site is built as the README's `make site` builds it, without a site URL, and served twice, as
GitHub Pages would: at the root of a host and under the project-site sub-path /kohyo/. The tests
follow what a person does (switch language in the middle of a page, follow every link, read on a
390 px phone, tap a glossary term) and check what they would see. Every wait is on a condition.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from generator.pages.glossary import reading_key
from generator.pipeline import BuildResult
from generator.validation.terms import load_terms
from tests.pagetypes import CHROMIUM, CHROMIUM_ARGS, page_types
from tests.subpath import SUBPATH, serve_site

playwright_sync = pytest.importorskip("playwright.sync_api")

PHONE = {"width": 390, "height": 844}
NARROWEST = 320
DESKTOP = {"width": 1280, "height": 900}
MIN_CELL = 44  # px: no table cell with text may be narrower (a finger's width)
ASSESSMENT = "assessments/neyagawa/juki-focused/"  # has IV 開示請求、問合せ with phone numbers


@pytest.fixture(scope="module")
def built(real_site: tuple[Path, BuildResult]) -> Path:
    site = real_site[0] / "site"
    assert not (site / "sitemap.xml").exists(), "these tests need a build without a site URL"
    return site


@pytest.fixture(scope="module")
def bases(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The same build served at the root of a host and under /kohyo/."""
    tmp = tmp_path_factory.mktemp("journeys")
    with serve_site(built, tmp, "") as root, serve_site(built, tmp, SUBPATH) as sub:
        yield {"root": root, "sub": sub}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk")
    with playwright_sync.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _types(site: Path) -> list[tuple[str, str]]:
    """(name, path below the base) of one page of every type, in both languages."""
    out = []
    for kind, path in page_types(site):
        out.append((kind, path))
        if path != "404.html" and (site / "en" / path / "index.html").exists():
            out.append((f"en {kind}", f"en/{path}"))
    return out


# ---------------------------------------------------------------- the language switch


@pytest.mark.parametrize("where", ["root", "sub"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_language_switch_keeps_the_section(
    browser: Any, bases: dict[str, str], where: str, viewport: dict[str, int]
) -> None:
    base = bases[where]
    page = browser.new_page(viewport=viewport)
    try:
        for start, twin, name in (
            (ASSESSMENT, f"en/{ASSESSMENT}", "English"),
            (f"en/{ASSESSMENT}", ASSESSMENT, "日本語"),
        ):
            page.goto(f"{base}{start}#contacts", wait_until="load")
            switch = page.locator("a.kh-lang__link")
            assert switch.count() == 1 and switch.is_visible()
            assert switch.inner_text().strip() == name  # the language named in words
            switch.click()
            page.wait_for_url(f"{base}{twin}#contacts")
            page.wait_for_function(
                "() => { const h = document.getElementById('contacts');"
                " return h && h.getBoundingClientRect().top < innerHeight; }"
            )
    finally:
        page.close()


def test_home_page_language_links_are_relative(built: Path) -> None:
    for path in ("index.html", "en/index.html"):
        html = (built / path).read_text(encoding="utf-8")
        hrefs = re.findall(r'<a href="([^"]*)" hreflang', html)
        assert hrefs, path
        assert not any(h.startswith("/") for h in hrefs), (path, hrefs)


# ---------------------------------------------------------------- every link under the sub-path


def _status(url: str, cache: dict[str, int]) -> int:
    if url not in cache:
        try:
            with urllib.request.urlopen(url) as resp:
                cache[url] = resp.status
        except urllib.error.HTTPError as err:
            cache[url] = err.code
    return cache[url]


_IDS = re.compile(r'\sid="([^"]+)"')


def _ids(url: str, cache: dict[str, set[str]]) -> set[str]:
    if url not in cache:
        with urllib.request.urlopen(url) as resp:
            cache[url] = set(_IDS.findall(resp.read().decode("utf-8", "replace")))
    return cache[url]


@pytest.mark.parametrize("where", ["sub", "root"])
def test_every_internal_link_and_asset_resolves(
    browser: Any, bases: dict[str, str], built: Path, where: str
) -> None:
    """One page of every type in both languages, and the 404 page at depth 3: every link, stylesheet,
    script, image and form target on this host stays under the base and answers 200, every #anchor
    exists, and no page fetches the sitemap or fails a request."""
    base = bases[where]
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    context = browser.new_context(viewport=PHONE)
    problems: list[str] = []
    requested: list[str] = []
    current = [""]

    def response(resp: Any) -> None:
        requested.append(resp.url)
        # the 404 page's HEAD probe looks for the site root (theme/404.html)
        failed = resp.status >= 400 and not resp.request.is_navigation_request()
        if failed and resp.request.method != "HEAD":
            problems.append(f"{current[0]}: {resp.status} {resp.url}")

    context.on("response", response)
    page = context.new_page()
    statuses: dict[str, int] = {}
    ids: dict[str, set[str]] = {}
    checked = 0
    try:
        pages = [p for _, p in _types(built) if p != "404.html"] + ["no/such/page/"]
        for path in pages:
            current[0] = path
            resp = page.goto(base + path, wait_until="load")
            assert resp is not None and resp.status == (404 if path.startswith("no/") else 200)
            urls: list[str] = page.evaluate(
                """() => [
                  ...[...document.querySelectorAll('a[href], link[href]')].map(e => e.href),
                  ...[...document.querySelectorAll('script[src], img[src]')].map(e => e.src),
                  ...[...document.querySelectorAll('form[action]')].map(e => e.action)]"""
            )
            if path.startswith("no/"):  # the error page: styled by its own stylesheet
                assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
            for url in urls:
                if not url.startswith(origin + "/"):
                    continue
                target, fragment = urldefrag(url)
                checked += 1
                if not target.startswith(base):
                    problems.append(f"{path}: leaves the site: {url}")
                    continue
                status = _status(target, statuses)
                if status != 200:
                    problems.append(f"{path}: {status} {url}")
                elif fragment and target.endswith("/") and fragment not in _ids(target, ids):
                    problems.append(f"{path}: no #{fragment} on {target}")
    finally:
        context.close()
    sitemap = [u for u in requested if "sitemap" in u]
    print(f"\n{where}: {len(pages)} pages, {checked} internal links and assets checked")
    assert sitemap == [], "Material fetches the sitemap: a <link rel=alternate> is in a page head"
    assert problems == []
    assert checked > 2000


# ---------------------------------------------------------------- phone layout

_CELLS = """() => {
  const cells = [...document.querySelectorAll('article td, article th')]
    .filter(c => c.innerText.trim() !== '' && c.getClientRects().length);
  const widths = cells.map(c => c.getBoundingClientRect().width);
  return {cells: cells.length, narrow: widths.filter(w => w < MIN_CELL).length,
          min: widths.length ? Math.round(Math.min(...widths)) : null,
          scroll: document.documentElement.scrollWidth};
}""".replace("MIN_CELL", str(MIN_CELL))


def test_phone_tables_and_no_sideways_scroll(
    browser: Any, bases: dict[str, str], built: Path
) -> None:
    """At 390 px no table cell with text is narrower than 44 px (Japanese would read vertically)
    and nothing makes the page scroll sideways, at 390 and 320 px, on every page type in both
    languages."""
    page = browser.new_page(viewport=PHONE)
    report, problems = [], []
    try:
        for kind, path in _types(built):
            page.goto(bases["sub"] + path, wait_until="load")
            m = page.evaluate(_CELLS)
            report.append(f"{kind}: {m['cells']} cells, narrowest {m['min']} px")
            if m["narrow"]:
                problems.append(f"{kind}: {m['narrow']} cells narrower than {MIN_CELL} px")
            if m["scroll"] > PHONE["width"]:
                problems.append(f"{kind}: the page is {m['scroll']} px wide")
        # 320 px, the width WCAG 1.4.10 (reflow) asks for: still no sideways scroll
        page.set_viewport_size({"width": NARROWEST, "height": PHONE["height"]})
        for kind, path in _types(built):
            page.goto(bases["sub"] + path, wait_until="load")
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > NARROWEST:
                problems.append(f"{kind}: the page is {wide} px wide at {NARROWEST} px")
    finally:
        page.close()
    print("\n" + "\n".join(report))
    assert problems == []


@pytest.mark.parametrize(
    "path",
    [
        ASSESSMENT,
        f"en/{ASSESSMENT}",
        "assessments/kagoshima/juki-full/",
        "assessments/takatsuki/vaccination-full/",
    ],
)
def test_contents_list_within_two_phone_screens(
    browser: Any, bases: dict[str, str], path: str
) -> None:
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(bases["sub"] + path, wait_until="load")
        nav = page.locator("nav.kh-contents")
        assert nav.is_visible()
        assert nav.bounding_box()["y"] < 2 * PHONE["height"]
        # a section on a page of its own (a long part of a 全項目評価書) is linked to that page
        sections = page.eval_on_selector_all(
            "article h2[id]", "hs => hs.map(h => h.dataset.khPart || '#' + h.id)"
        )
        links = page.eval_on_selector_all(
            "nav.kh-contents a", "as => as.map(a => a.getAttribute('href'))"
        )
        assert links == sections
        assert "#contacts" in links
    finally:
        page.close()


LARGEST = "assessments/kagoshima/juki-full/"  # its long parts are on pages of their own


@pytest.mark.parametrize("lang", ["", "en/"], ids=["ja", "en"])
def test_long_parts_of_an_assessment_on_pages_of_their_own(
    browser: Any, bases: dict[str, str], lang: str
) -> None:
    """II, III and the 別紙 of the largest assessment are pages of their own: the summary, the
    contents list and an old address of a moved section lead there, to the section; a part page
    says whose it is, lists the parts and switches language at the same section."""
    base = bases["sub"] + lang
    main = base + LARGEST
    page = browser.new_page(viewport=PHONE)
    seen_at_top = (
        "id => { const h = document.getElementById(id);"
        " return h !== null && Math.abs(h.getBoundingClientRect().top) < innerHeight; }"
    )
    try:
        # the summary's link to the serious-incident answer opens III at that section
        page.goto(main, wait_until="load")
        link = page.locator('.kh-glance a[href^="risks/#"]').first
        href = link.get_attribute("href")
        assert href is not None
        link.click()
        page.wait_for_url(main + href)
        page.wait_for_function(seen_at_top, arg=href.split("#")[1])
        # the parts of the assessment, within the first screen, this one marked
        parts = page.locator("nav.kh-parts")
        assert parts.is_visible() and parts.bounding_box()["y"] < PHONE["height"]
        assert (
            page.locator("nav.kh-parts a[aria-current=page]").get_attribute("href") == "../risks/"
        )
        # the language switch keeps the section on the part page
        page.goto(main + "risks/#risks-1", wait_until="load")
        page.locator("a.kh-lang__link").click()
        twin = bases["sub"] + ("" if lang else "en/") + LARGEST + "risks/#risks-1"
        page.wait_for_url(twin)
        page.wait_for_function(seen_at_top, arg="risks-1")
        # the contents list of the assessment's page opens the 別紙 page
        page.goto(main, wait_until="load")
        page.locator('nav.kh-contents a[href="annexes/"]').click()
        page.wait_for_url(main + "annexes/")
        assert page.locator("article h2#annexes").count() == 1
        page.locator("nav.kh-parts a").first.click()  # back to the assessment's page
        page.wait_for_url(main)
        # an old address of a section that moved (a bookmark) opens its new page there
        page.goto(main + "#file1-outsourcing", wait_until="load")
        page.wait_for_url(main + "files/#file1-outsourcing")
        page.wait_for_function(seen_at_top, arg="file1-outsourcing")
    finally:
        page.close()


def test_phone_numbers_of_the_contacts_are_tel_links(built: Path) -> None:
    html = (built / ASSESSMENT / "index.html").read_text(encoding="utf-8")
    contacts = html[html.index('<h2 id="contacts"') : html.index('<h2 id="procedure"')]
    assert re.findall(r'<a class="kh-tel" href="(tel:[^"]+)">', contacts) == [
        "tel:+81-72-825-2195",
        "tel:+81-72-813-1211",
    ]
    assert "kh-tel" not in html[: html.index('<h2 id="contacts"')]  # nowhere else


# ---------------------------------------------------------------- glossary terms on a phone


@pytest.mark.parametrize("path", [ASSESSMENT, f"en/{ASSESSMENT}"])
def test_glossary_terms_open_in_place_on_a_phone(
    browser: Any, bases: dict[str, str], path: str
) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True)
    page = context.new_page()
    try:
        url = bases["sub"] + path
        page.goto(url, wait_until="load")
        buttons = page.locator(".kh-term-btn")
        page.wait_for_function("() => document.querySelector('.kh-term-btn') !== null")
        n, off = buttons.count(), []
        assert n >= 20
        for i in range(n):
            button = buttons.nth(i)
            if not button.is_visible():  # inside a closed disclosure: not tappable yet
                continue
            button.scroll_into_view_if_needed()
            button.tap()
            assert button.get_attribute("aria-expanded") == "true"
            box = page.evaluate(
                "i => { const d = document.querySelectorAll('.kh-term .kh-def')[i];"
                " const r = d.getBoundingClientRect();"
                " return [r.left, r.right, getComputedStyle(d).display]; }",
                i,
            )
            if box[2] != "block" or box[0] < 0 or box[1] > PHONE["width"]:
                off.append((i, box))
            button.tap()  # closes it again
            assert button.get_attribute("aria-expanded") == "false"
        assert page.url == url  # tapping a term never left the page
        assert off == [], f"{len(off)} of {n} definitions off the screen"
        # the keyboard: Enter opens, Escape closes
        buttons.first.focus()
        page.keyboard.press("Enter")
        assert buttons.first.get_attribute("aria-expanded") == "true"
        page.keyboard.press("Escape")
        assert buttons.first.get_attribute("aria-expanded") == "false"
    finally:
        context.close()


def test_glossary_page_in_reading_order_with_an_index(built: Path) -> None:
    html = (built / "glossary" / "index.html").read_text(encoding="utf-8")
    by_name = {t.ja: t for t in load_terms(Path(__file__).resolve().parent.parent / "content")}
    names = re.findall(r'<dt id="[^"]+">([^<]*)</dt>', html)
    readings = [reading_key(by_name[n].reading) for n in names]
    assert len(names) == len(by_name) and readings == sorted(readings)
    index = re.search(r'<nav class="kh-gl-index kh-page-index"[^>]*>(.*?)</nav>', html, re.S)
    assert index is not None
    assert re.findall(r'href="#([^"]+)"', index.group(1)) == re.findall(
        r'<h2 class="kh-gl-letter" id="([^"]+)"', html
    )


# ---------------------------------------------------------------- comparison


def test_comparison_on_phone_and_desktop(browser: Any, bases: dict[str, str], built: Path) -> None:
    url = bases["sub"] + "compare/juki/"
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(url, wait_until="load")
        # on a phone the city column scrolls with the values instead of covering them
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('table.kh-compare tbody th')).position"
            )
            == "static"
        )
        page.set_viewport_size(DESKTOP)
        page.wait_for_function(
            "() => getComputedStyle(document.querySelector('table.kh-compare tbody th'))"
            ".position === 'sticky'"
        )
        wrap = page.locator(".kh-compare-wrap")
        hidden = page.evaluate(
            "() => { const w = document.querySelector('.kh-compare-wrap');"
            " return w.scrollWidth > w.clientWidth; }"
        )
        hint = page.locator(".kh-scroll-hint")
        assert hidden and hint.is_visible()  # the table is cut: the reader is told it scrolls
        assert wrap.get_attribute("aria-describedby") == hint.get_attribute("id")
    finally:
        page.close()
    for where in ("processes/juki/index.html", f"{ASSESSMENT}index.html"):
        html = (built / where).read_text(encoding="utf-8")
        assert re.search(r'href="(\.\./)+compare/juki/"', html), where
    index = (built / "compare" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"（\d+件）</li>", index)  # the counts are shown
    assert not re.search(r"（0件）</li>|\(0\)</li>", index)  # nothing empty is offered


# ---------------------------------------------------------------- trust and wayfinding


def test_footer_title_and_home_list(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", home, re.S)
    assert title is not None and title.group(1).strip() == "kohyo 特定個人情報保護評価書"
    footer = re.search(r"<footer.*?</footer>", home, re.S)
    assert footer is not None
    for words in ("運営", "非公式", "CC BY 4.0", "開示請求"):
        assert words in footer.group(0), words
    assert re.search(r'<time datetime="\d{4}-\d{2}(-\d{2})?">', footer.group(0))
    # 最近公表・更新された評価書: newest first
    table = home[home.index('id="latest"') :]
    cells = re.findall(r"<tr>.*?</tr>", table[table.index("<tbody>") : table.index("</table>")])
    dates = [m.group(1) for c in cells if (m := re.search(r"<td>((?:令和|平成)[^<]*)</td>", c))]
    assert len(dates) >= 1
    # the undated ones last
    assert all(re.search(r"(令和|平成)", c) for c in cells[: len(dates)])

    def when(d: str) -> tuple[int, int, int]:
        era, y, m, day = re.match(r"(令和|平成)(\d+)年(\d+)月(\d+)日", d).groups()  # type: ignore[union-attr]
        return (int(y) + (2018 if era == "令和" else 1988), int(m), int(day))

    assert [when(d) for d in dates] == sorted((when(d) for d in dates), reverse=True)
    page = (built / ASSESSMENT / "index.html").read_text(encoding="utf-8")
    assert "Permanent link" not in page
    assert 'name="description" content="' in page
