"""Cross-links on the real content: citation pages, entity pages, coverage, no broken links."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.commands.coverage import measure
from generator.core.findings import Findings
from generator.linking.crosslink import CrossLinks
from generator.linking.linker import ref_path
from generator.loading.load import load_text
from generator.model.links import LegalRef
from generator.pipeline import BuildResult
from generator.validation.validate import validate_registry

HREF = re.compile(r'href="([^"#?]*)[^"]*"')


def _xl(result: BuildResult) -> CrossLinks:
    assert result.site is not None
    xl = result.site.crosslinks
    assert isinstance(xl, CrossLinks)
    return xl


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_neyagawa_one_click_to_article_19_8(real_site: tuple[Path, BuildResult]) -> None:
    root, result = real_site
    site = root / "site"
    page = _html(site, "assessments/neyagawa/juki-focused")
    assert 'href="../../../laws/bango/a19-i8/"' in page
    target = _html(site, "laws/bango/a19-i8")
    xl = _xl(result)
    citing = {o.doc for o in xl.refs[LegalRef(law="bango", article="19", item="8")]}
    munis = {d.split("/")[0].removeprefix("council:") for d in citing}
    # Kagoshima (2019-20) writes the old numbering: its 第19条第8号 is another provision
    assert {"neyagawa", "takatsuki"} <= munis and "kagoshima" not in munis
    for doc in citing:
        if not doc.startswith("council:"):
            assert f'href="../../../assessments/{doc}/"' in target, doc
    for muni in munis:
        assert f'id="m-{muni}"' in target


def test_titles_name_the_article_in_both_languages(real_site: tuple[Path, BuildResult]) -> None:
    site = real_site[0] / "site"
    title = re.compile(r"<title>([^<]*)</title>")
    ja = title.search(_html(site, "laws/bango/a19-i8"))
    en = title.search(_html(site, "en/laws/bango/a19-i8"))
    assert ja and "番号法第19条第8号" in ja.group(1)
    assert en and "Article 19, item (viii) of the My Number Act" in en.group(1)
    ja = title.search(_html(site, "laws/juki/a30-6"))
    en = title.search(_html(site, "en/laws/juki/a30-6"))
    assert ja and "第30条の6" in ja.group(1)
    assert en and "Article 30-6" in en.group(1)
    assert "https://laws.e-gov.go.jp/law/425AC0000000027#Mp-At_19-Pr_1-It_8" in _html(
        site, "laws/bango/a19-i8"
    )


def test_aliases_land_on_one_system_page(real_site: tuple[Path, BuildResult]) -> None:
    root, result = real_site
    assert result.site is not None and result.site.linker is not None
    linker = result.site.linker
    hrefs = {
        h
        for text in ("住基ネット", "住民基本台帳ネットワークシステム", "市町村CS")
        for _, h in linker(text)
        if h
    }
    assert hrefs == {"systems/juki-net/"}
    page = _html(root / "site", "systems/juki-net")
    assert "住基ネット" in page and "住民基本台帳ネットワークシステム" in page
    xl = _xl(result)
    assert len({o.doc for o in xl.mentions[("systems", "juki-net")]}) >= 4


def test_citation_coverage_at_least_95_percent(real_site: tuple[Path, BuildResult]) -> None:
    cov = measure(real_site[1].site)
    assert cov.total > 500
    assert cov.ratio >= 0.95, cov.misses


def test_every_referenced_entry_has_a_page(real_site: tuple[Path, BuildResult]) -> None:
    root, result = real_site
    site = root / "site"
    xl = _xl(result)
    for ref in xl.refs:
        for lang in ("", "en/"):
            assert (site / lang / ref_path(ref) / "index.html").exists(), ref
    for kind, ident in xl.mentions:
        assert (site / kind / ident / "index.html").exists()
        assert (site / "en" / kind / ident / "index.html").exists()
    assert xl.mentions.get(("contractors", "fujitsu")) and xl.mentions.get(("recipients", "j-lis"))


def test_assessment_pages_link_out_and_pages_link_back(real_site: tuple[Path, BuildResult]) -> None:
    root, result = real_site
    site = root / "site"
    assert result.site is not None
    for ident in result.site.assessments:
        page = _html(site, f"assessments/{ident}")
        assert 'id="related-pages"' in page, ident
        for lang in ("", "en/"):
            back = _html(site, f"{lang}laws/bango")
            assert f"assessments/{ident}/" in back, ident


def test_sections_link_to_where_they_are_shown(real_site: tuple[Path, BuildResult]) -> None:
    """A cited or mentioned place in a long part of a 全項目評価書 (on a page of its own) links to
    that page and section, in both languages: a contractor named in II, a law cited in III."""
    site = real_site[0] / "site"
    for lang in ("", "en/"):
        found = set()
        for page in sorted((site / lang / "contractors").glob("*/index.html")) + sorted(
            (site / lang / "laws").glob("*/*/index.html")
        ):
            found.update(
                re.findall(
                    r'href="(?:\.\./)+assessments/kagoshima/juki-full/'
                    r'((?:files/#file|risks/#risks-|annexes/#annex-)\d+)"',
                    page.read_text(encoding="utf-8"),
                )
            )
        parts = {f.split("/")[0] for f in found}
        assert {"files", "risks"} <= parts, (lang, sorted(found)[:10])


def test_no_broken_internal_links_in_crosslink_pages(real_site: tuple[Path, BuildResult]) -> None:
    site = real_site[0] / "site"
    pages = [
        p
        for folder in (
            "laws",
            "systems",
            "contractors",
            "recipients",
            "filetypes",
            "en/laws",
            "assessments",
        )
        for p in (site / folder).rglob("index.html")
    ]
    assert len(pages) > 100
    for page in pages:
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            if not href or href.startswith(("http:", "https:", "mailto:", "tel:", "/")):
                continue
            target = (page.parent / unquote(href)).resolve()
            assert target.exists() or (target / "index.html").exists(), (
                f"{page.relative_to(site)} -> {href}"
            )


def test_unresolved_citations_are_positioned_warnings(real_site: tuple[Path, BuildResult]) -> None:
    warnings = [f for f in real_site[1].findings.warnings if f.code == "unresolved-citation"]
    assert warnings
    for f in warnings:
        assert f.path.startswith("content/") and f.line > 1
    # the change row's old text names no law (the new one defines 「規則」): left unresolved
    assert any("規則第1条第1項" in f.message_ja for f in warnings)


def test_registry_mistakes_are_positioned() -> None:
    text = "laws:\n  - id: bango\n    name: 番号法\n  - id: Bad_Id\n    name: 何か\n  - id: bango\n    name: 別の法\n"
    findings = Findings()
    loaded = load_text(text, "content/registries/laws.yaml", findings)
    assert loaded is not None
    validate_registry("laws.yaml", loaded, findings)
    lines = sorted((f.line, f.code) for f in findings)
    assert any(line == 4 for line, _ in lines), lines
    findings = Findings()
    loaded = load_text(
        "laws:\n  - id: a\n    name: 番号法\n  - id: a\n    name: 住基法\n", "laws.yaml", findings
    )
    assert loaded is not None
    validate_registry("laws.yaml", loaded, findings)
    assert [(f.line, f.code) for f in findings] == [(4, "duplicate-id")]


def test_compact_lists_above_the_limit(
    real_site: tuple[Path, BuildResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At nation scale a provision is cited by thousands of documents: its page then lists them by
    prefecture, one link per municipality, instead of one row per document and file."""
    from generator.pages import _xlink, laws

    site = real_site[1].site
    monkeypatch.setattr(_xlink, "COMPACT_ABOVE", 2)
    monkeypatch.setattr(laws, "COMPACT_ABOVE", 2)
    pages = dict(laws.pages(site, "ja"))
    page = pages["laws/bango/a19-i8.md"]
    assert "都道府県ごとの引用" in page and 'id="m-neyagawa"' not in page
    assert 'href="../../../prefectures/osaka/"' in page  # the prefecture's page
    # a municipality with one citing document links to it; with several, to its own page + count
    assert 'href="../../../assessments/neyagawa/juki-focused/">寝屋川市</a>' in page
    assert re.search(r'href="../../../municipalities/takatsuki/">高槻市</a>（\d+件）', page)
    law = pages["laws/bango/index.md"]
    assert "団体" in law and "寝屋川市、" not in law.split("都道府県ごとの引用")[0]
    en = dict(laws.pages(site, "en"))["laws/bango/a19-i8.md"]
    assert "Citations by prefecture" in en
