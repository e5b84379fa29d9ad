"""End to end: the real build (validate -> render -> mkdocs build --strict -> Pagefind)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from generator.pipeline import BuildResult, Project, build_site
from tests.htmltext import japanese_leaks

ROOT = Path(__file__).resolve().parent.parent


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def test_fixture_site_builds_in_both_languages(fixture_site: tuple[Path, BuildResult]) -> None:
    root, result = fixture_site
    site = root / "site"
    assert result.written is not None and result.written.pages > 0
    for rel in (
        "assessments/sample/juki-focused",
        "assessments/sample/vaccination-full",
        "assessments/sample/juki-basic",
        "assessments/sample/juki-summary",
        "council/sample/shimon-1",
        "municipalities/sample",
        "processes/juki",
        "",
    ):
        assert (site / rel / "index.html").exists(), rel
        assert (site / "en" / rel / "index.html").exists(), f"en/{rel}"
    ja = (site / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in ja and '<html lang="en"' in en


def test_material_search_is_off_and_pagefind_indexes_both_languages(
    fixture_site: tuple[Path, BuildResult],
) -> None:
    site = fixture_site[0] / "site"
    assert not (site / "search" / "search_index.json").exists()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["en", "ja"]  # one bundle, an index per language
    assert not (site / "en" / "pagefind").exists()


def test_language_switch_lands_on_the_same_page(real_site: tuple[Path, BuildResult]) -> None:
    site = real_site[0] / "site"
    for page in _pages(site):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(("en/", "pagefind/")):
            continue
        html = page.read_text(encoding="utf-8")
        alt = re.search(r'<a href="([^"]+)" hreflang="en"', html)
        assert alt, rel
        base = site if alt.group(1).startswith("/") else page.parent
        target = (base / alt.group(1).lstrip("/")).resolve() / "index.html"
        assert target == (site / "en" / rel).resolve(), rel
        back = re.search(r'<a href="([^"]+)" hreflang="ja"', target.read_text(encoding="utf-8"))
        assert back, rel
        base = site if back.group(1).startswith("/") else target.parent
        assert (base / back.group(1).lstrip("/")).resolve() / "index.html" == page.resolve(), rel


def test_no_japanese_fixed_label_on_english_pages(real_site: tuple[Path, BuildResult]) -> None:
    site = real_site[0] / "site" / "en"
    leaks = {
        p.relative_to(site).as_posix(): japanese_leaks(p.read_text(encoding="utf-8"))
        for p in _pages(site)
    }
    leaks = {k: v for k, v in leaks.items() if v}
    assert not leaks, leaks


def test_untranslated_text_is_marked_and_noted(fixture_site: tuple[Path, BuildResult]) -> None:
    html = (fixture_site[0] / "site/en/assessments/sample/juki-focused/index.html").read_text(
        encoding="utf-8"
    )
    assert (
        '<div class="kh-text kh-untranslated" lang="ja"><p>見本市に住所を有する者</p></div>' in html
    )
    assert "Japanese original (not translated yet)" in html
    assert "Translation coverage" in html


def test_empty_fields_read_not_stated(fixture_site: tuple[Path, BuildResult]) -> None:
    site = fixture_site[0] / "site"
    ja = (site / "assessments/sample/juki-focused/index.html").read_text(encoding="utf-8")
    en = (site / "en/assessments/sample/juki-focused/index.html").read_text(encoding="utf-8")
    assert "記載なし（空欄）" in ja and "Left blank in the report" in en
    for html in (ja, en):
        body = html.split("data-pagefind-body", 1)[1]
        assert not re.search(r">\s*(None|null|undefined)\s*<", body)
        assert "{{" not in body and "{%" not in body


def test_choices_show_the_chosen_option_only(fixture_site: tuple[Path, BuildResult]) -> None:
    html = (fixture_site[0] / "site/assessments/sample/juki-focused/index.html").read_text(
        encoding="utf-8"
    )
    assert "10万人以上100万人未満" in html
    assert "1,000万人以上" not in html  # an option that was not chosen
    assert "令和8年1月19日" in html  # 和暦 on Japanese pages
    en = (fixture_site[0] / "site/en/assessments/sample/juki-focused/index.html").read_text(
        encoding="utf-8"
    )
    assert "19 January 2026" in en and "100,000 to fewer than 1 million" in en


def test_content_html_is_shown_literally(fixture_site: tuple[Path, BuildResult]) -> None:
    html = (fixture_site[0] / "site/assessments/sample/juki-focused/index.html").read_text(
        encoding="utf-8"
    )
    assert "<script>alert(1)</script>" not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; | 表の区切り * 強調 # 見出し [リンク](x) `code`"
        in html
    )


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(
    fixture_site: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    root = fixture_site[0]
    again = build_site(Project.open(root), tmp_path / "site2")
    assert again.ok
    assert _digest(root / "site") == _digest(tmp_path / "site2")


def test_failed_build_keeps_the_previous_site(
    fixture_site: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    root = tmp_path / "p"
    shutil.copytree(fixture_site[0], root, ignore=shutil.ignore_patterns("build"))
    before = _digest(root / "site")
    broken = root / "content/assessments/sample/juki-basic.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("form: 基礎項目評価書", "form: 基礎項目"),
        encoding="utf-8",
    )
    result = build_site(Project.open(root), root / "site")
    assert not result.ok
    assert _digest(root / "site") == before
