"""Accessibility of the built site: axe-core finds no violation on any page type in either
language, and the keyboard reaches the skip link, the language switch and the search with a
visible focus indicator.

The results are written to build/accessibility-results.yaml; with `--update-a11y` (`make a11y`)
they go to content/registries/accessibility-results.yaml, which the accessibility statement
(generator/pages/accessibility.py) shows: commit it with the change.  A plain test run never
changes the tracked tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.pipeline import BuildResult
from tests.pagetypes import CHROMIUM, CHROMIUM_ARGS, page_types, serve

playwright = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "content" / "registries" / "accessibility-results.yaml"
SCRATCH_RESULTS = ROOT / "build" / "accessibility-results.yaml"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Debian chromium at /usr/bin/chromium"
)


# axe takes minutes on the largest real assessments (Kagoshima: ~780 kB of HTML), so every page
# type is checked on the fixture corpus, and the real site adds the pages whose content differs
# most (the comparison, the glossary-marked assessments of the smaller forms).
REAL_EXTRA = [
    ("real-home", ""),
    ("real-compare", "compare/juki/"),
    ("real-glossary", "glossary/"),
    ("real-assessment-basic", "assessments/takatsuki/juki-basic/"),
    ("real-assessment-summary", "assessments/adachi/juki-summary/"),
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser_site(
    chromium: Any, real_site: tuple[Path, BuildResult]
) -> Iterator[tuple[Any, str, Path]]:
    site = real_site[0] / "site"
    with serve(site) as base:
        yield chromium, base, site


@pytest.fixture(scope="module")
def browser_fixture(
    chromium: Any, fixture_site: tuple[Path, BuildResult]
) -> Iterator[tuple[Any, str, Path]]:
    site = fixture_site[0] / "site"
    with serve(site) as base:
        yield chromium, base, site


def _urls(site: Path, types: list[tuple[str, str]] | None = None) -> list[tuple[str, str, str]]:
    out = []
    for kind, path in types if types is not None else page_types(site):
        out.append((kind, "ja", path))
        if path != "404.html":
            out.append((kind, "en", f"en/{path}"))
    return out


def test_axe_finds_no_violation_on_any_page_type(
    request: pytest.FixtureRequest,
    browser_fixture: tuple[Any, str, Path],
    browser_site: tuple[Any, str, Path],
) -> None:
    axe = axe_module.Axe()
    results: list[dict[str, Any]] = []
    failures: list[str] = []
    engine = ""
    real = browser_site[2]
    runs = [
        (browser_fixture, "fixture", _urls(browser_fixture[2])),
        (
            browser_site,
            "content",
            [u for u in _urls(real, REAL_EXTRA) if (real / u[2] / "index.html").exists()],
        ),
    ]
    for (browser, base, _site), corpus, urls in runs:
        page = browser.new_page()
        for kind, lang, path in urls:
            response = page.goto(base + path)
            assert response is not None and (response.ok or path == "404.html"), path
            res = axe.run(page)
            engine = res.response.get("testEngine", {}).get("version", engine)
            violations = res.response["violations"]
            results.append(
                {
                    "corpus": corpus,
                    "type": kind,
                    "lang": lang,
                    "url": "/" + path,
                    "violations": len(violations),
                }
            )
            for v in violations:
                targets = [n["target"] for n in v["nodes"][:3]]
                failures.append(f"{corpus} /{path}: {v['id']} ({v['impact']}) {targets}")
        page.close()
    kinds = {r["type"] for r in results}
    for required in (
        "home",
        "list",
        "municipality",
        "prefecture",
        "process",
        "compare",
        "assessment-full",
        "assessment-focused",
        "assessment-basic",
        "assessment-summary",
        "council",
        "glossary",
        "accessibility",
        "404",
    ):
        assert required in kinds, f"no page of type {required} in the built site"
    _record(
        request, results=results, tools={"axe-core": engine, "chromium": browser_site[0].version}
    )
    assert not failures, "\n".join(failures)


def _focus_info(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(
        """() => {
        const el = document.activeElement;
        if (!el || el === document.body) return {tag: "body"};
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {tag: el.tagName.toLowerCase(), cls: el.className || "", href: el.getAttribute("href") || "",
                hreflang: el.getAttribute("hreflang") || "", type: el.getAttribute("type") || "",
                role: el.getAttribute("role") || "", label: el.getAttribute("aria-label") || "",
                text: (el.textContent || "").trim().slice(0, 40),
                outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
                shadow: s.boxShadow !== "none",
                visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight};
    }"""
    )
    return result


def test_keyboard_skip_link_focus_language_switch_and_search(
    request: pytest.FixtureRequest, browser_site: tuple[Any, str, Path]
) -> None:
    browser, base, site = browser_site  # the real site: its pages have the most to Tab through
    checks: dict[str, bool] = {}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for lang, path in (("ja", "assessments/takatsuki/juki-basic/"), ("en", "en/compare/juki/")):
        page.goto(base + path)
        page.keyboard.press("Tab")
        first = _focus_info(page)
        assert "md-skip" in str(first["cls"]), (
            f"{path}: the first Tab stop is not the skip link: {first}"
        )
        assert first["visible"] and (first["outline"] or first["shadow"]), (
            f"{path}: skip link not visible: {first}"
        )
        page.keyboard.press("Enter")
        page.wait_for_timeout(100)
        assert "#" in page.url, f"{path}: the skip link did not move to the content"
        checks[f"skip_link_{lang}"] = True
        # Tab through the page from the top: a visible focus on every stop, reaching the language
        # switch and (when the site has one) the search.
        page.goto(base + path)
        seen_lang = seen_search = False
        invisible: list[str] = []
        for _ in range(80):
            page.keyboard.press("Tab")
            info = _focus_info(page)
            if info["tag"] == "body":
                break
            if not (info["outline"] or info["shadow"]):
                invisible.append(f"{info['tag']}.{info['cls']} {info['text']}")
            if (
                info["hreflang"] in ("ja", "en")
                or "select.language" in str(info["label"])
                or (info["tag"] == "button" and info["label"] in ("言語の選択", "Select language"))
            ):
                seen_lang = True
            if (
                "search" in str(info["href"])
                or info["type"] == "search"
                or "search" in str(info["cls"]).lower()
            ):
                seen_search = True
            if seen_lang and (seen_search or not (site / "search").exists()):
                break
        assert not invisible, f"{path}: focus not visible on: {invisible[:5]}"
        assert seen_lang, f"{path}: the language switch is not reachable with Tab"
        checks[f"focus_visible_{lang}"] = True
        checks[f"language_switch_{lang}"] = True
        if (site / "search").exists():
            assert seen_search, f"{path}: the search is not reachable with Tab"
            checks[f"search_{lang}"] = True
    page.close()
    _record(request, keyboard=checks)


def test_glossary_term_definition_on_focus(browser_site: tuple[Any, str, Path]) -> None:
    browser, base, _site = browser_site
    url = base + "assessments/kagoshima/juki-full/"
    # without the script: a link to the glossary entry, its definition a tooltip shown on focus
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(url)
    link = page.locator("a.kh-term-link").first
    ident = link.get_attribute("aria-describedby")
    tip = page.locator(f"#{ident}")
    assert tip.get_attribute("role") == "tooltip" and (tip.text_content() or "").strip()
    assert not tip.is_visible()
    link.focus()
    assert tip.is_visible()
    context.close()
    # with it: a button that opens the definition in place; Escape closes it (WCAG 1.4.13)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.wait_for_function("() => document.querySelector('.kh-term-btn') !== null")
    button = page.locator(".kh-term-btn").first
    definition = page.locator(f"#{button.get_attribute('aria-controls')}")
    assert not definition.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and definition.is_visible()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not definition.is_visible()
    # never inside headings or links
    assert (
        page.locator("h1 .kh-term, h2 .kh-term, h3 .kh-term, h4 .kh-term, a .kh-term").count() == 0
    )
    page.close()


def test_comparison_sorts_with_script_and_reads_without(
    browser_site: tuple[Any, str, Path],
) -> None:
    browser, base, _site = browser_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "compare/juki/")
    assert page.locator("table.kh-compare tbody tr").count() >= 2
    assert page.locator("table.kh-compare button").count() == 0
    context.close()
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(base + "compare/juki/")
    headers = page.locator("table.kh-compare thead th")
    published = next(
        i for i in range(headers.count()) if headers.nth(i).inner_text().startswith("公表日")
    )
    button = headers.nth(published).locator("button")
    button.click()
    keys = [
        k
        for k in page.locator(
            f"table.kh-compare tbody tr td:nth-child({published + 1})"
        ).evaluate_all("cells => cells.map(c => c.dataset.sort)")
        if k
    ]
    assert keys == sorted(keys)
    assert headers.nth(published).get_attribute("aria-sort") == "ascending"
    button.click()
    keys = [
        k
        for k in page.locator(
            f"table.kh-compare tbody tr td:nth-child({published + 1})"
        ).evaluate_all("cells => cells.map(c => c.dataset.sort)")
        if k
    ]
    assert keys == sorted(keys, reverse=True)
    # readable on a phone: the page itself does not scroll sideways (the table scrolls in its region)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width
    page.close()


def _record(request: pytest.FixtureRequest, **parts: Any) -> None:
    """Merge parts into the results file: content/ with --update-a11y, otherwise build/."""
    target = RESULTS if request.config.getoption("--update-a11y") else SCRATCH_RESULTS
    source = target if target.exists() else RESULTS
    data: dict[str, Any] = {}
    if source.exists():
        data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    data.update(parts)
    header = (
        "# 自動試験の結果（tests/test_a11y.py が書き出します。手で編集しないでください）\n"
        "# Automated accessibility results, written by tests/test_a11y.py; do not edit by hand.\n"
    )
    text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=True)
    text = re.sub(r"[ \t]+\n", "\n", text)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
