"""The accessibility statement (アクセシビリティ方針 / Accessibility statement).

It states the target (JIS X 8341-3:2016 level AA, WCAG 2.0/2.1 AA), the scope and the method,
and lists the results of the automated tests.  The results are not computed here: tests/test_a11y.py
writes them to ``content/registries/accessibility-results.yaml`` (committed with the change that
produced them), and this page shows that file.  Like the glossary, the file is read from this
repository's content/ whatever corpus is being built.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.core.findings import Findings
from generator.core.textfmt import esc, page_start
from generator.core.vocab import t
from generator.linking.link import Site
from generator.loading.load import load_file
from generator.model.glossary import A11yResults
from generator.validation.validate import validate_record

RESULTS = Path("registries") / "accessibility-results.yaml"  # in the content/ folder built

TITLE = {"ja": "アクセシビリティ方針", "en": "Accessibility statement"}

BODY = {
    "ja": """<h2 id="target">目標とする適合レベル</h2>
<p>このサイトは、日本産業規格 JIS X 8341-3:2016「高齢者・障害者等配慮設計指針－情報通信における機器，ソフトウェア及びサービス－第3部：ウェブコンテンツ」の<strong>適合レベルAAに準拠すること</strong>を目標とします（WCAG 2.1 のレベルAAにも対応します）。</p>
<h2 id="scope">対象範囲</h2>
<p>このサイトの全てのページ（日本語と英語）。ただし、リンク先の外部サイトと、各地方公共団体が公開している評価書の原本（PDF など）は対象外です。原本の内容は、このサイトで HTML として読めるようにしています。</p>
<h2 id="method">試験の方法</h2>
<ul>
<li>サイトを作るたびに、ページの種類ごとに日本語と英語の両方で、自動試験ツール axe-core（axe-playwright-python、Chromium）を実行し、違反が0件であることを確かめています。</li>
<li>キーボードだけで操作できること（「本文へ移動」リンク、フォーカスの見え方、言語の切替えと検索への到達）を自動で確かめています。</li>
<li>画面幅 1280px・375px・320px での表示を画像で確かめています。</li>
</ul>
<p>自動試験で見つけられる問題は一部です。人による試験（スクリーンリーダーでの確認など）はまだ行っていないため、現時点の表記は「準拠」ではなく、<strong>AA に一部準拠（自動試験の範囲）</strong>とします。</p>
<h2 id="known">既知の問題</h2>
<ul>
<li>英語のページは非公式の翻訳です。翻訳のない部分は日本語のまま表示し、言語を示しています。</li>
<li>比較の表は列が多いため、狭い画面では横にスクロールして読みます（表の中にフォーカスを移すと矢印キーでスクロールできます）。</li>
</ul>
""",
    "en": """<h2 id="target">Target</h2>
<p>This site aims to <strong>conform to level AA of JIS X 8341-3:2016</strong>, the Japanese Industrial Standard for web content accessibility (equivalent to WCAG 2.0; the site also targets WCAG 2.1 level AA).</p>
<h2 id="scope">Scope</h2>
<p>Every page of this site, in Japanese and English. External sites that the pages link to and the original reports that the municipalities publish (PDF and other files) are out of scope; their content is readable on this site as HTML.</p>
<h2 id="method">How it is tested</h2>
<ul>
<li>Every build runs the automated checker axe-core (axe-playwright-python in Chromium) on every page type in Japanese and in English, and requires zero violations.</li>
<li>Keyboard use is checked automatically: the skip link, a visible focus indicator, and reaching the language switch and the search.</li>
<li>Every page type is rendered at 1280, 375 and 320 pixels wide and the screenshots are reviewed.</li>
</ul>
<p>Automated tests find only part of the possible problems. No manual testing (for example with screen readers) has been done yet, so the site claims <strong>partial conformance with AA (within the automated tests)</strong>, not full conformance.</p>
<h2 id="known">Known issues</h2>
<ul>
<li>The English pages are an unofficial translation. Text without a translation is shown in Japanese and marked as Japanese.</li>
<li>The comparison tables have many columns; on narrow screens they scroll sideways (focus the table and use the arrow keys).</li>
</ul>
""",
}


def load_results(content: Path | None) -> dict[str, Any]:
    """The recorded results of ``content`` (strict loader and model, as ``kohyo validate`` reads
    them; a file with problems gives none here: validation reports them and stops the build)."""

    path = content / RESULTS if content is not None else None
    if path is None or not path.is_file() or path.is_symlink():
        return {}
    findings = Findings()
    loaded = load_file(path, path.name, findings)
    rec = validate_record(A11yResults, loaded, findings) if loaded is not None else None
    if rec is None or findings.errors:
        return {}
    return rec.model_dump()


def results_html(results: dict[str, Any], lang: str) -> str:
    out = [f'<h2 id="results">{esc(t("a11y.results", lang))}</h2>']
    pages = results.get("pages") or []
    if not pages:
        return out[0] + f"<p>{esc(t('a11y.none', lang))}</p>"
    total = sum(int(p.get("violations", 0)) for p in pages)
    keyboard = results.get("keyboard") or {}
    ok = bool(keyboard) and all(keyboard.values())
    types = len({p.get("type") for p in pages})
    out.append(
        "<p>"
        + esc(
            t(
                "a11y.summary",
                lang,
                pages=len(pages),
                types=types,
                violations=total,
                keyboard=t("a11y.passed" if ok else "a11y.failed", lang),
            )
        )
        + "</p>"
    )
    tools = results.get("tools") or {}
    if tools:
        out.append(
            f'<p class="kh-note">{esc(t("a11y.tool", lang))}: '
            + esc(", ".join(f"{k} {v}" for k, v in sorted(tools.items())))
            + "</p>"
        )
    head = "".join(
        f'<th scope="col">{esc(t(k, lang))}</th>'
        for k in ("a11y.type", "a11y.lang", "a11y.url", "a11y.violations")
    )
    rows = "".join(
        f'<tr><th scope="row">{esc(str(p.get("type", "")))}</th><td>{esc(str(p.get("lang", "")))}</td>'
        f"<td><code>{esc(str(p.get('url', '')))}</code></td><td>{int(p.get('violations', 0))}</td></tr>"
        for p in pages
    )
    caption = esc(t("a11y.results", lang))
    out.append(
        f'<div class="kh-table-wrap" tabindex="0" role="region" aria-label="{caption}">'
        f'<table class="kh-data"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )
    return "".join(out)


def pages(site: Site, lang: str) -> Iterable[tuple[str, str]]:
    title = TITLE[lang]
    text = page_start(title)
    text += BODY[lang] + "\n" + results_html(load_results(site.content), lang) + "\n"
    yield "accessibility/index.md", text


def nav(lang: str) -> list[tuple[str, str]]:
    return [(TITLE[lang], "accessibility/index.md")]


# ---------------------------------------------------------------------------------------------
# After the build: scrollable table regions get distinct names (axe landmark-unique)
# ---------------------------------------------------------------------------------------------

_REGION = re.compile(r'(role="region" aria-label=")([^"]*)(")')


def unique_regions(text: str) -> str:
    """Number repeated region names on a page: "構成要素", "構成要素 (2)", ..."""
    seen: dict[str, int] = {}

    def name(m: re.Match[str]) -> str:
        label = m.group(2)
        seen[label] = seen.get(label, 0) + 1
        n = seen[label]
        return m.group(0) if n == 1 else f"{m.group(1)}{label} ({n}){m.group(3)}"

    return _REGION.sub(name, text)


def after_build(site: Site, site_dir: Path, config: dict[str, Any]) -> None:
    for f in sorted(site_dir.rglob("*.html")):
        text = f.read_text(encoding="utf-8")
        if text.count('role="region"') < 2:
            continue
        new = unique_regions(text)
        if new != text:
            f.write_text(new, encoding="utf-8", newline="")
