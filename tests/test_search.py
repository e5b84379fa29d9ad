"""Search, tested as residents use it: the real header search box of the built site, in Chromium.

The site (content/, built once per session by the ``real_site`` fixture, Pagefind included) is
served on 127.0.0.1 under a sub-path, as on GitHub Pages. Each query of ../shared/search-queries.yml
is typed into the header search box of a page of its language; the test reads the first five
results of the search page and checks that one of the expected pages is among them.

Recall@1 and recall@5 per language, and the transferred bytes and latency of a first (cold) query,
go to build/search-report.json and the terminal.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT.parent / "shared" / "search-queries.yml"
REPORT = ROOT / "build" / "search-report.json"
SUB_PATH = "kohyo"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TOP = 5
FILTERS = {
    "ja": {"地方公共団体", "都道府県", "事務", "評価書の種類"},
    "en": {"Municipality", "Prefecture", "Process", "Form"},
}


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def _load_queries() -> list[dict[str, Any]]:
    if not QUERIES.exists():
        return []
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return list(data["queries"])


QUERY_LIST = _load_queries()


def _matches(title: str, expect: list[list[str]]) -> bool:
    t = _nfkc(title)
    return any(all(_nfkc(s) in t for s in entry) for entry in expect)


# ---------------------------------------------------------------- the built index


def _fragments(site: Path) -> list[dict[str, Any]]:
    out = []
    for f in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(f.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        out.append(json.loads(data[len(b"pagefind_dcd") :]))
    return out


@pytest.fixture(scope="module")
def site_dir(real_site: tuple[Path, Any]) -> Path:
    return real_site[0] / "site"


def test_one_bundle_an_index_per_language(site_dir: Path) -> None:
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["en", "ja"]
    frags = _fragments(site_dir)
    urls = {f["url"] for f in frags}
    assert "/search/" not in urls and "/en/search/" not in urls  # the search pages are not results
    ja = [f for f in frags if not f["url"].startswith("/en/")]
    en = [f for f in frags if f["url"].startswith("/en/")]
    assert entry["languages"]["ja"]["page_count"] == len(ja)
    assert entry["languages"]["en"]["page_count"] == len(en)


def test_index_has_body_only_and_titles_as_written(site_dir: Path) -> None:
    frags = {f["url"]: f for f in _fragments(site_dir)}
    page = frags["/assessments/neyagawa/juki-focused/"]
    content = page["content"]
    # header, navigation, language switcher and footer are outside data-pagefind-body
    for outside in ("言語切り替え", "English", "Made with", "ナビゲーション", "サイト内検索"):
        assert outside not in content, outside
    # the result title is the page title
    assert page["meta"]["title"] == "寝屋川市 住民基本台帳に関する事務 重点項目評価書"
    assert page["filters"]["地方公共団体"] == ["寝屋川市"]
    assert page["filters"]["都道府県"] == ["大阪府"]
    assert page["filters"]["事務"] == ["住民基本台帳に関する事務"]
    assert page["filters"]["評価書の種類"] == ["特定個人情報保護評価書（重点項目評価書）"]
    en = frags["/en/assessments/neyagawa/juki-focused/"]
    assert en["filters"]["Municipality"] and en["filters"]["Prefecture"] == ["Osaka Prefecture"]


_JA_ELEMENT = re.compile(r'<(\w+)[^<>]*\slang="ja"[^<>]*>([^<]{4,})</\1>')
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def test_english_index_leaves_out_the_japanese_shown_on_english_pages(site_dir: Path) -> None:
    """What an English page shows in Japanese (lang="ja") is not in the English index (the
    Japanese index has it from the twin page); the filters and meta fields stay. Before, a
    quarter of the English index's text was Japanese."""
    frags = {f["url"]: f for f in _fragments(site_dir)}
    checked = 0
    for url, frag in frags.items():
        if not url.startswith("/en/assessments/") or url.count("/") != 5:
            continue
        html = (site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8")
        article = html.split("<article", 1)[1]
        shown = [" ".join(text.split()) for _, text in _JA_ELEMENT.findall(article)]
        twin = frags[url.removeprefix("/en")]["content"]
        for text in shown:
            if _CJK.search(text) and text in twin:  # indexed on the Japanese page only
                assert text not in frag["content"], (url, text)
                checked += 1
        assert frag["filters"]["Municipality"] and frag["meta"]["municipality"], url
    assert checked > 0
    english = "".join(f["content"] for u, f in frags.items() if u.startswith("/en/"))
    assert len(_CJK.findall(english)) < 0.03 * len(english)


class _PageText(HTMLParser):
    """The indexed body of an assessment page (``data-pagefind-body`` without what is ignored) in
    text nodes by kind: ``form`` the form's own words (field labels, states of empty fields,
    unticked options and group labels of a checklist, words for screen readers), ``heading``,
    ``value`` (a field's value) and ``other``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {"form": [], "heading": [], "value": [], "other": []}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr"):
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def _kind(self) -> str | None:
        classes = [(t, (a.get("class") or "").split()) for t, a in self.stack]
        if not any("data-pagefind-body" in a for _, a in self.stack):
            return None
        if any(
            "data-pagefind-ignore" in a or "headerlink" in (a.get("class") or "")
            for _, a in self.stack
        ):
            return None
        for i, (tag, cls) in enumerate(classes):
            table = next((c for t, c in reversed(classes[:i]) if t == "table"), [])
            if (
                (tag == "th" and "kh-kv" in table)
                or "kh-state" in cls
                or "kh-sr" in cls
                or (tag == "li" and ("kh-off" in cls or "kh-group" in cls))
            ):
                return "form"
        if any(t in ("h2", "h3", "h4") for t, _ in classes):
            return "heading"
        if any(t == "td" for t, _ in classes):
            return "value"
        return "other"

    def handle_data(self, data: str) -> None:
        kind, text = self._kind(), " ".join(data.split())
        if kind is not None and text:
            self.text[kind].append(text)


def test_the_forms_words_are_not_indexed(site_dir: Path) -> None:
    """An assessment's index entry holds its headings and what the municipality wrote, not the
    form's own words, the same on every assessment (generator/output/search.py, EXCLUDE_SELECTORS):
    field labels, 記載なし（空欄） and the other states, unticked options, screen-reader words."""
    url = "/assessments/neyagawa/juki-focused/"
    frag = next(f for f in _fragments(site_dir) if f["url"] == url)
    indexed = " ".join(frag["content"].replace("\u200b", "").split())
    parser = _PageText()
    parser.feed((site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8"))
    form, headings, values = (parser.text[k] for k in ("form", "heading", "value"))
    elsewhere = " ".join(headings + values + parser.text["other"])
    # words of the form that the page does not also say elsewhere
    own = sorted({w for w in form if len(w) >= 3 and w not in elsewhere})
    assert len(own) >= 20 and "記載なし（空欄）" in own and "②所属長の役職名" in own, own
    assert [w for w in own if w in indexed] == []
    assert [h for h in headings if h not in indexed] == []
    assert len(values) >= 100
    assert [v for v in values if len(v) >= 2 and v not in indexed] == []
    # the form's name stays a filter (and is in the title)
    assert frag["filters"]["評価書の種類"] == ["特定個人情報保護評価書（重点項目評価書）"]


# ---------------------------------------------------------------- the browser: residents' journeys
#
# One build of content/ (no site URL set, as the README's `make site`), served twice: at the root of
# a host and under /kohyo/ as GitHub Pages serves a project site. Every query is typed into the
# HEADER search box of the home page of its language, and each of its first five results is clicked:
# it must open a page (HTTP 200) whose heading is the result's title. Every query is clicked through
# at the root at 1280 px and under /kohyo/ at 390 px; the other two combinations run the first query
# of each language, so both widths and both places are exercised without doubling the suite's time.

VIEWPORTS = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}
FULL = (("root", 1280), ("kohyo", 390))
SPOT = (("root", 390), ("kohyo", 1280))
RESULT_LINK = (
    "ol.pagefind-ui__results > li > .pagefind-ui__result-inner > .pagefind-ui__result-title a"
)
# The first TOP results have their links (Pagefind UI loads a result when it scrolls into view, so
# the next one without a link is scrolled to), or the search found nothing.
RESULTS_READY = """(top) => {
  const msg = document.querySelector('.pagefind-ui__message')?.textContent || '';
  if (/一致する情報はありません|No results/.test(msg)) return true;
  const items = [...document.querySelectorAll('ol.pagefind-ui__results > li')].slice(0, top);
  const waiting = items.find(li => !li.querySelector(':scope > .pagefind-ui__result-inner > .pagefind-ui__result-title a[href]'));
  if (waiting) { waiting.scrollIntoView({block: 'center'}); return false; }
  return items.length > 0;
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def bases(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The site served on 127.0.0.1 at the root and under /kohyo/ (one build, no site URL)."""
    folder = tmp_path_factory.mktemp("serve")
    (folder / SUB_PATH).symlink_to(site_dir, target_is_directory=True)
    servers = {
        where: ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory))
        )
        for where, directory in (("root", site_dir), ("kohyo", folder))
    }
    for server in servers.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield {
            "root": f"http://127.0.0.1:{servers['root'].server_address[1]}/",
            "kohyo": f"http://127.0.0.1:{servers['kohyo'].server_address[1]}/{SUB_PATH}/",
        }
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def base_url(bases: dict[str, str]) -> str:
    return bases["kohyo"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def contexts(browser: Any) -> Iterator[dict[int, Any]]:
    """One browser context per width, so later queries use the cache like a resident would."""
    ctxs = {width: browser.new_context(viewport=vp) for width, vp in VIEWPORTS.items()}
    yield ctxs
    for ctx in ctxs.values():
        ctx.close()


@dataclass
class Report:
    queries: list[dict[str, Any]] = field(default_factory=list)
    first_query: dict[str, Any] = field(default_factory=dict)
    journeys: dict[str, dict[str, Any]] = field(default_factory=dict)

    def recall(self, lang: str, k: int) -> float | None:
        rows = [q for q in self.queries if q["lang"] == lang]
        if not rows:
            return None
        return round(
            sum(1 for q in rows if q["rank"] is not None and q["rank"] <= k) / len(rows), 3
        )

    def journey(self, key: str, clicked: int, failed: list[str]) -> None:
        row = self.journeys.setdefault(key, {"queries": 0, "clicked": 0, "failed": []})
        row["queries"] += 1
        row["clicked"] += clicked
        row["failed"].extend(failed)


@pytest.fixture(scope="module")
def report(request: pytest.FixtureRequest) -> Iterator[Report]:
    rep = Report()
    yield rep
    if not rep.queries and not rep.first_query:
        return
    summary: dict[str, Any] = {
        "queries": rep.queries,
        "first_query": rep.first_query,
        "journeys": rep.journeys,
        "recall": {},
    }
    for lang in ("ja", "en"):
        summary["recall"][lang] = {
            "recall@1": rep.recall(lang, 1),
            "recall@5": rep.recall(lang, TOP),
            "queries": sum(1 for q in rep.queries if q["lang"] == lang),
        }
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    lines = [f"search report ({REPORT.relative_to(ROOT)}):"]
    for lang, r in summary["recall"].items():
        lines.append(
            f"  {lang}: recall@1 {r['recall@1']}  recall@5 {r['recall@5']} with the links clicked "
            f"({r['queries']} queries, at the root, 1280 px)"
        )
    for key, j in sorted(rep.journeys.items()):
        lines.append(
            f"  journey {key}: {j['queries']} queries, {j['clicked']} result links clicked, "
            f"{len(j['failed'])} failed"
        )
    for lang, fq in rep.first_query.items():
        lines.append(
            f"  first query ({lang}, {fq['query']}): {fq['bytes']} bytes in {fq['requests']} responses "
            f"({fq['pagefind_bytes']} bytes of Pagefind), {fq['latency_ms']} ms to the first results"
        )
    for q in rep.queries:
        if q["rank"] is None or q["rank"] > 1:
            lines.append(f"  {q['lang']} {q['q']}: rank {q['rank']}; top: {q['top'][:TOP]}")
    terminal = request.config.pluginmanager.get_plugin("terminalreporter")
    if terminal is not None:
        terminal.write_line("")
        for line in lines:
            terminal.write_line(line)
    else:
        print("\n".join(lines))


def _results(page: Any) -> list[tuple[str, str]]:
    """The titles and links of the results on the search page, once the first TOP have loaded."""
    page.wait_for_selector(".pagefind-ui__message", timeout=30000)
    page.wait_for_function(RESULTS_READY, arg=TOP, timeout=60000)
    return [
        (a.inner_text().strip(), a.get_attribute("href") or "")
        for a in page.locator(RESULT_LINK).all()
    ]


def _search(page: Any, base: str, lang: str, query: str) -> list[tuple[str, str]]:
    """Type ``query`` into the header search box of the home page of ``lang``; the results."""
    page.goto(base + ("" if lang == "ja" else "en/"))
    box = page.locator("header form[role=search] input[name=q]")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    return _results(page)


def _shown(page: Any) -> dict[str, Any]:
    """The text of the results page: every title (results and sub-results), every excerpt, the
    result count and the live region that announces it."""
    page.wait_for_function(
        """() => { const s = document.querySelector('#kh-search ~ [role=status], [role=status].kh-sr');
                   const m = document.querySelector('.pagefind-ui__message');
                   return s && m && s.textContent.trim() === m.textContent.trim(); }""",
        timeout=30000,
    )
    return dict(
        page.evaluate(
            """() => ({
              titles: [...document.querySelectorAll('.pagefind-ui__result-title')].map(e => e.textContent.trim()),
              excerpts: [...document.querySelectorAll('.pagefind-ui__result-excerpt')].map(e => e.textContent),
              status: document.querySelector('[role=status].kh-sr').textContent.trim(),
              message: document.querySelector('.pagefind-ui__message').textContent.trim(),
            })"""
        )
    )


def _plain(text: str) -> str:
    """A title or heading as read: NFKC, no permalink sign, white space collapsed."""
    return " ".join(_nfkc(text).replace("¶", " ").split())


def _click(page: Any, index: int) -> tuple[int | None, str, str]:
    """Click the ``index``-th result; the HTTP status, the URL and the heading of the page opened."""
    link = page.locator(RESULT_LINK).nth(index)
    with page.expect_navigation(wait_until="domcontentloaded") as nav:
        link.click()
    response = nav.value
    heading = page.locator("h1").first
    text = heading.inner_text() if heading.count() else ""
    return (response.status if response else None), page.url, text


JOURNEYS = [(where, width, q) for where, width in FULL for q in QUERY_LIST] + [
    (where, width, next(q for q in QUERY_LIST if q["lang"] == lang))
    for where, width in SPOT
    for lang in ("ja", "en")
    if QUERY_LIST
]


@pytest.mark.parametrize(
    ("where", "width", "query"),
    JOURNEYS,
    ids=[f"{w}-{px}-{q['lang']}-{q['q']}" for w, px, q in JOURNEYS],
)
def test_search_journey(
    where: str,
    width: int,
    query: dict[str, Any],
    bases: dict[str, str],
    contexts: dict[int, Any],
    report: Report,
) -> None:
    """Type the query into the header box, click each of the first five results: every one opens
    a page (HTTP 200) whose heading is the result's title, and an expected page is among them."""
    lang, q, expect = query["lang"], query["q"], query["expect"]
    base = bases[where]
    prefix = base.removeprefix(base.split("/", 3)[0] + "//" + base.split("/", 3)[2])
    page = contexts[width].new_page()
    failed: list[str] = []
    worked: list[str] = []  # titles of the results whose link opened the right page
    try:
        results = _search(page, base, lang, q)[:TOP]
        shown = _shown(page)
        for i, (title, _href) in enumerate(results):
            status, url, heading = _click(page, i)
            ok = status == 200 and _plain(title) == _plain(heading)
            worked.append(title if ok else "")
            if not ok:
                failed.append(f"{q} #{i + 1} {title!r} -> {url} ({status}, heading {heading!r})")
            page.go_back(wait_until="domcontentloaded")
            _results(page)
    finally:
        page.close()
    report.journey(f"{where} {width}px {lang}", len(results), failed)
    # the links stay under the sub-path and in the language of the search page
    assert all(href.startswith(prefix) for _, href in results), results
    assert all(href.startswith(prefix + "en/") == (lang == "en") for _, href in results), results
    assert not failed, failed
    # what the results page shows: titles without the permalink sign or markup, excerpts that do
    # not start with table debris, and the count announced to screen readers
    assert not [t for t in shown["titles"] if "¶" in t or "<" in t], shown["titles"]
    assert not [e for e in shown["excerpts"] if re.match(r"[\s.。、,]", e)], shown["excerpts"]
    assert shown["status"] and shown["status"] == shown["message"], shown
    ranks = [i for i, title in enumerate(worked, 1) if title and _matches(title, expect)]
    rank = ranks[0] if ranks else None
    if (where, width) == FULL[0]:
        report.queries.append({"lang": lang, "q": q, "rank": rank, "top": [t for t, _ in results]})
    assert rank is not None, f"{q!r}: no expected page in the first {TOP}: {results}"


@pytest.mark.skipif(
    not QUERY_LIST, reason=f"{QUERIES.name} not found beside the repository (../shared)"
)
def test_first_query_cost(browser: Any, base_url: str, report: Report) -> None:
    """A first search in a fresh browser (empty cache): bytes transferred and time to results.
    Waits on conditions only (results shown, the four filters named, the network idle)."""
    for lang in ("ja", "en"):
        query = next(q["q"] for q in QUERY_LIST if q["lang"] == lang)
        context = browser.new_context(viewport=VIEWPORTS[1280])
        page = context.new_page()
        page.goto(base_url + ("" if lang == "ja" else "en/"))
        responses: list[Any] = []
        page.on("response", lambda r, out=responses: out.append(r))
        box = page.locator("header form[role=search] input[name=q]")
        box.fill(query)
        start = time.perf_counter()
        box.press("Enter")
        page.wait_for_selector(f"{RESULT_LINK}[href]", timeout=60000)
        latency = (time.perf_counter() - start) * 1000
        # the four filters, named in the page's language (the panel renders after the results)
        page.wait_for_function(
            """(want) => {
              const names = new Set([...document.querySelectorAll('.pagefind-ui__filter-name')]
                .map(e => e.textContent.trim()));
              return want.every(n => names.has(n));
            }""",
            arg=sorted(FILTERS[lang]),
            timeout=60000,
        )
        page.wait_for_load_state("networkidle")
        failed = [f"{r.status} {r.url}" for r in responses if r.status >= 400]
        sizes: list[tuple[str, int]] = []  # bytes on the wire (0 for what came from the cache)
        for r in responses:
            r.finished()
            n = r.request.sizes()
            sizes.append((r.url, n["responseBodySize"] + n["responseHeadersSize"]))
        context.close()
        assert not failed, failed
        report.first_query[lang] = {
            "query": query,
            "bytes": sum(n for _, n in sizes),
            "pagefind_bytes": sum(n for u, n in sizes if "/pagefind/" in u),
            "requests": len(sizes),
            "latency_ms": round(latency),
        }


def test_a_fields_value_finds_its_page(bases: dict[str, str], contexts: dict[int, Any]) -> None:
    """A field's label is not indexed, its value is: a query for the value (寝屋川市's ②所属長の
    役職名, 「市民サービス部課長」) finds the assessment on the real search page, and the result's
    link opens it."""
    page = contexts[1280].new_page()
    try:
        results = _search(page, bases["root"], "ja", "市民サービス部課長")[:TOP]
        found = [i for i, (t, _) in enumerate(results) if "寝屋川市" in t and "重点項目評価書" in t]
        assert found, results
        status, _url, heading = _click(page, found[0])
        assert status == 200 and _plain(heading) == _plain(results[found[0]][0])
    finally:
        page.close()


def _no_axe_violation(page: Any) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    violations = axe.run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


@pytest.mark.parametrize(
    ("lang", "query", "other"), [("ja", "vaccination", "en"), ("en", "予防接種", "ja")]
)
def test_other_language_hint(
    lang: str, query: str, other: str, bases: dict[str, str], contexts: dict[int, Any]
) -> None:
    """A query in the other language's script that finds little on this search page offers the
    other language's search; its link runs the query there and finds the assessment."""
    page = contexts[390].new_page()
    try:
        _search(page, bases["kohyo"], lang, query)
        hint = page.locator(".kh-search-hint a")
        hint.wait_for(state="visible", timeout=30000)
        _no_axe_violation(page)
        with page.expect_navigation():
            hint.click()
        assert f"/{SUB_PATH}/{'en/' if other == 'en' else ''}search/?q=" in page.url
        titles = [t for t, _ in _results(page)[:TOP]]
        assert any("Takatsuki" in t or "高槻市" in t for t in titles), titles
        assert page.locator(".kh-search-hint").is_hidden()  # the right search for this query
    finally:
        page.close()


def test_search_page_on_a_phone(bases: dict[str, str], contexts: dict[int, Any]) -> None:
    """At 390 px the results start on the first screen (the filters are behind one button), the
    filter options are 16 px text with 44 px targets, and none of them would find nothing."""
    page = contexts[390].new_page()
    try:
        _search(page, bases["kohyo"], "ja", "住民基本台帳")
        page.evaluate("window.scrollTo(0, 0)")
        first = page.locator(RESULT_LINK).first.bounding_box()
        assert first is not None and first["y"] + first["height"] <= VIEWPORTS[390]["height"]
        toggle = page.locator(".kh-filters-toggle")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert page.locator(".pagefind-ui__filter-panel").is_hidden()
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        page.locator(".pagefind-ui__filter-name").first.click()
        page.locator(".pagefind-ui__filter-label").first.wait_for(state="visible")
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('.pagefind-ui__filter-label, .pagefind-ui__filter-name')]
                .filter(e => e.offsetParent)
                .map(e => [e.textContent.trim(), parseFloat(getComputedStyle(e).fontSize),
                           e.getBoundingClientRect().height])"""
        )
        assert sizes and all(font >= 16 and height >= 44 for _, font, height in sizes), sizes
        labels = [text for text, _, _ in sizes]
        assert not [t for t in labels if t.endswith("(0)")], labels
        _no_axe_violation(page)  # results, the open filter panel and its button
    finally:
        page.close()
