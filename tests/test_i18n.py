"""Translation memory: segmentation, rendering (whole and partial), export/import round trip,
near matches, glossary warnings, coverage figures on the real corpus."""

from __future__ import annotations

import csv
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.commands.cli import main
from generator.core.findings import Findings
from generator.linking.i18n import XLIFF
from generator.loading.memory import (
    Entry,
    Memory,
    Translator,
    lines,
    load_memory,
    normalise,
    segments,
    sentences,
)
from generator.model.base import Text
from generator.pipeline import BuildResult, Project, prepare
from generator.rendering.blocks import Ctx
from generator.rendering.stats import document_stats

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "corpus"
FOCUSED = Path("content/assessments/sample/juki-focused.yaml")


def memory(pairs: dict[str, str]) -> Translator:
    return Translator(
        Memory({normalise(ja): Entry(ja, en, "test.yaml") for ja, en in pairs.items()})
    )


# ---------------------------------------------------------------------------------------------
# Segmentation and keys
# ---------------------------------------------------------------------------------------------


def test_sentences_split_after_maru_outside_brackets() -> None:
    assert sentences("窓口で確認する。記録を残す。") == ["窓口で確認する。", "記録を残す。"]
    assert sentences("省令（以下「番号省令」という。）に基づく。次へ") == [
        "省令（以下「番号省令」という。）に基づく。",
        "次へ",
    ]
    assert sentences("（以下「法」という。）") == ["（以下「法」という。）"]


def test_lines_keep_structure_and_enumerators() -> None:
    got = lines(
        "<中間サーバー・プラットフォームにおける措置>\n①回線を分離する。暗号化する。\n\n・国内で保管する。"
    )
    assert [(ln.kind, ln.marker, ln.parts) for ln in got] == [
        ("sub", "", ("中間サーバー・プラットフォームにおける措置",)),
        ("p", "①", ("回線を分離する。", "暗号化する。")),
        ("blank", "", ()),
        ("li", "", ("国内で保管する。",)),
    ]
    assert segments("(1)記録する。") == ["記録する。"]


def test_normalise_folds_width_space_and_radicals() -> None:
    assert normalise("ＩＤ と パスワード　で認証する。") == normalise("IDとパスワードで認証する。")
    assert normalise("⻑期保存") == normalise("長期保存")  # CJK radical supplement form


# ---------------------------------------------------------------------------------------------
# Rendering: own English first, then the memory, partial texts, coverage
# ---------------------------------------------------------------------------------------------


def test_whole_text_from_memory_keeps_lines_and_markers() -> None:
    tr = memory(
        {
            "回線を分離する。": "Lines are separated.",
            "暗号化する。": "Traffic is encrypted.",
            "措置": "Measures",
        }
    )
    assert (
        tr("<措置>\n①回線を分離する。暗号化する。")
        == "<Measures>\n① Lines are separated. Traffic is encrypted."
    )
    assert tr("①回線を分離する。未知の文。") is None


def test_own_english_wins_over_memory() -> None:
    ctx = Ctx("en", translator=memory({"記録する。": "From memory."}))
    html = ctx.text(Text(ja="記録する。", en="Own English."))
    assert "Own English." in html and "From memory" not in html
    assert (ctx.coverage.en_chars, ctx.coverage.memory_chars) == (5, 0)


def test_partial_text_marks_the_rest_japanese_and_counts_only_translated() -> None:
    ctx = Ctx("en", translator=memory({"回線を分離する。": "Lines are <separated>."}))
    html = ctx.text(Text(ja="①回線を分離する。<b>未訳</b>の文。\n・回線を分離する。"))
    assert (
        '<div class="kh-text kh-partial"><p>① Lines are &lt;separated&gt;. <span lang="ja">&lt;b&gt;未訳&lt;/b&gt;の文。</span></p>'
        in html
    )
    assert "<ul><li>Lines are &lt;separated&gt;.</li></ul>" in html
    assert "Partly translated" in html
    total = len("①回線を分離する。<b>未訳</b>の文。・回線を分離する。")
    assert ctx.coverage.ja_chars == total
    assert ctx.coverage.en_chars == ctx.coverage.memory_chars == 2 * len("回線を分離する。")


def test_nothing_known_is_shown_untranslated_as_before() -> None:
    ctx = Ctx("en", translator=memory({"別の文。": "Other."}))
    html = ctx.text(Text(ja="未訳の文。"))
    assert 'kh-untranslated" lang="ja"' in html and "kh-partial" not in html
    assert (ctx.coverage.ja_chars, ctx.coverage.en_chars) == (5, 0)


# ---------------------------------------------------------------------------------------------
# Export / import round trip (the kohyo command, on a copy of the fixture corpus)
# ---------------------------------------------------------------------------------------------


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE / "content", root / "content")
    (root / "content" / "translations").mkdir()
    (root / "content" / "translations" / "common-measures.yaml").write_text(
        "subject: common-measures\nentries:\n"
        "- ja: 寝屋川市は、住民基本台帳に関する事務における特定個人情報ファイルの取扱いに当たり、十分な措置を行うことを宣言する。\n"
        "  en: Neyagawa City declares that it takes sufficient measures in handling the Specific Personal Information File.\n",
        encoding="utf-8",
    )
    return root


def _export(root: Path) -> Path:
    out = root / "build" / "tr"
    assert main(["--root", str(root), "i18n", "export", "--out", str(out)]) == 0
    return out


def test_export_writes_xliff_and_csv_with_context_and_near_matches(project: Path) -> None:
    out = _export(project)
    xml = ET.parse(out / "untranslated.xlf").getroot()
    assert (
        xml.tag == f"{{{XLIFF}}}xliff"
        and xml.get("version") == "2.0"
        and xml.get("srcLang") == "ja"
    )
    ns = {"x": XLIFF}
    sources = {
        "".join(u.find("x:segment/x:source", ns).itertext()): u
        for u in xml.iterfind(".//x:unit", ns)
    }  # type: ignore[union-attr]
    unit = sources["・証明書の交付"] if "・証明書の交付" in sources else sources["証明書の交付"]
    notes = {n.get("category"): n.text for n in unit.iterfind("x:notes/x:note", ns)}
    assert notes["document"] == "sample/juki-focused"
    assert str(notes["location"]).startswith("content/assessments/sample/juki-focused.yaml:")
    assert notes["previous"] == "住民票の記載、消除、修正"
    assert len(notes["source-hash"] or "") == 64
    # the declaration differs from a memory sentence only in the city: offered, never applied
    decl = sources[
        "見本市は、住民基本台帳に関する事務における特定個人情報ファイルの取扱いに当たり、十分な措置を行うことを宣言する。"
    ]
    dnotes = {n.get("category"): n.text for n in decl.iterfind("x:notes/x:note", ns)}
    assert dnotes["near-difference"] == "寝屋川 → 見本"
    assert (
        decl.find("x:segment/x:target", ns) is not None
        and not decl.find("x:segment/x:target", ns).text
    )  # type: ignore[union-attr]
    rows = list(csv.DictReader((out / "untranslated.csv").open(encoding="utf-8")))
    assert {r["source"] for r in rows} == set(sources)
    assert any(r["near_target"].startswith("Neyagawa City declares") for r in rows)


def test_round_trip_imports_translations_and_rejects_changed_sources(project: Path) -> None:
    out = _export(project)
    ns = {"x": XLIFF}
    ET.register_namespace("", XLIFF)
    tree = ET.parse(out / "untranslated.xlf")
    translated: dict[str, str] = {}
    for unit in tree.getroot().iterfind(".//x:unit", ns):
        seg = unit.find("x:segment", ns)
        assert seg is not None
        src = "".join(seg.find("x:source", ns).itertext())  # type: ignore[union-attr]
        if src in ("住民基本台帳法に基づき、次の事務を行う。", "窓口で本人確認を行う。"):
            seg.find("x:target", ns).text = f"EN[{src}]"  # type: ignore[union-attr]
            translated[src] = f"EN[{src}]"
    assert len(translated) == 2
    tree.write(out / "done.xlf", encoding="utf-8", xml_declaration=True)
    # CSV: one row translated whose Japanese is then edited in the content (must be rejected)
    rows = list(csv.DictReader((out / "untranslated.csv").open(encoding="utf-8")))
    changed = next(r for r in rows if r["source"] == "日本国内でのデータ保管を条件としている。")
    changed["target"] = "Data must be kept in Japan."
    with (out / "done.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerow(changed)
    path = project / FOCUSED
    path.write_text(
        path.read_text(encoding="utf-8").replace("日本国内でのデータ保管", "国内でのデータ保管"),
        encoding="utf-8",
    )

    assert main(["--root", str(project), "i18n", "import", str(out / "done.xlf")]) == 0
    assert main(["--root", str(project), "i18n", "import", str(out / "done.csv")]) == 1  # rejected
    mem = load_memory(project / "content")
    for src, en in translated.items():
        assert mem.get(src) == en
    assert mem.get("日本国内でのデータ保管を条件としている。") is None
    assert mem.get("国内でのデータ保管を条件としている。") is None
    # the memory now translates the texts on English pages, and a second export no longer lists them
    findings = Findings()
    _c, site = prepare(Project.open(project, findings), findings)
    assert (
        site.translator is not None
        and site.translator("窓口で本人確認を行う。") == "EN[窓口で本人確認を行う。]"
    )
    again = _export(project)
    remaining = {
        r["source"] for r in csv.DictReader((again / "untranslated.csv").open(encoding="utf-8"))
    }
    assert not remaining & set(translated)
    assert main(["--root", str(project), "validate"]) == 0  # the memory files stay valid


def test_import_rejects_a_source_edited_in_the_exported_file(project: Path) -> None:
    out = _export(project)
    rows = list(csv.DictReader((out / "untranslated.csv").open(encoding="utf-8")))
    row = next(r for r in rows if r["source"] == "窓口で本人確認を行う。")
    row["source"], row["target"] = "窓口で本人確認を行わない。", "Not confirmed."
    with (out / "bad.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerow(row)
    assert main(["--root", str(project), "i18n", "import", str(out / "bad.csv")]) == 1
    assert load_memory(project / "content").get("窓口で本人確認を行わない。") is None


# ---------------------------------------------------------------------------------------------
# Glossary and memory-file checks in `kohyo validate`
# ---------------------------------------------------------------------------------------------


def test_glossary_term_rendered_otherwise_is_a_warning_with_position(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / FOCUSED
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "      ja: 住民基本台帳に関する事務\n      en: Basic resident registration\n",
        "      ja: 住民基本台帳ネットワークシステムに関する事務\n      en: Work on the resident network\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("      en: Work on the resident network") + 1
    assert main(["--root", str(project), "--lang", "en", "validate"]) == 0
    err = capsys.readouterr().err
    assert (
        f"{FOCUSED.as_posix()}:{line}:11: warning: '住民基本台帳ネットワークシステム' is not rendered as the glossary's "
        "'Basic Resident Registers Network System' [glossary-term]" in err
    )
    assert "'住民基本台帳' is not rendered" not in err  # the longer term covers its part


def test_memory_file_errors_have_positions(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "translations" / "juki-net.yaml").write_text(
        "subject: juki-net\nentries:\n- ja: 記録する。\n  en: Recorded.\n- ja: 記録する。\n  en: Again.\n- ja: 英語なし。\n",
        encoding="utf-8",
    )
    assert main(["--root", str(project), "--lang", "en", "validate"]) == 1
    err = capsys.readouterr().err
    assert (
        "content/translations/juki-net.yaml:7:3: error: an entry needs both ja and en [memory-entry]"
        in err
    )
    assert "content/translations/juki-net.yaml:5:3: warning" in err and "[memory-duplicate]" in err


# ---------------------------------------------------------------------------------------------
# The real corpus: the figure the memory must reach, and coverage on the English pages
# ---------------------------------------------------------------------------------------------

UNTRANSLATED_DOCS = (
    "kagoshima/juki-full",
    "takatsuki/juki-full",
    "takatsuki/juki-basic",
    "adachi/juki-summary",
)


def test_memory_translates_at_least_30_percent_of_text_without_own_english() -> None:
    findings = Findings()
    _c, site = prepare(Project.open(ROOT, findings), findings)
    assert not findings.errors
    stats = {s.id: s for s in document_stats(site)}
    without_own = sum(
        stats[d].ja_chars - (stats[d].en_chars - stats[d].memory_chars) for d in UNTRANSLATED_DOCS
    )
    by_memory = sum(stats[d].memory_chars for d in UNTRANSLATED_DOCS)
    assert by_memory / without_own >= 0.30, (by_memory, without_own)
    assert load_memory(ROOT / "content").problems == []


def test_english_pages_use_the_memory_and_show_its_coverage(
    real_site: tuple[Path, BuildResult],
) -> None:
    root, result = real_site
    assert result.written is not None
    cov = result.written.coverage["kagoshima/juki-full"]
    assert cov.memory_chars > 0.25 * cov.ja_chars
    page = (
        root / "site" / "en" / "assessments" / "kagoshima" / "juki-full" / "index.html"
    ).read_text(encoding="utf-8")
    assert "Measures in the Intermediate Server Platform" in page
    assert 'class="kh-text kh-partial"' in page
    assert f"{cov.ratio * 100:.0f}%" in page


def test_long_untranslated_text_links_to_the_japanese_section() -> None:
    """A long text with no English is not copied onto the English page (that doubled the site):
    its length, its first words and a link to the same section of the Japanese page."""
    long = "未訳の長い文章です。" * 30
    ctx = Ctx("en", up="../../../", page="assessments/x/y/", section="basic-info-process")
    html = ctx.text(Text(ja=long))
    assert long not in html and "300 characters" in html
    assert 'href="../../../../assessments/x/y/#basic-info-process" hreflang="ja"' in html
    assert '<q lang="ja">未訳の長い文章です。' in html
    assert 'kh-untranslated" lang="ja"' in Ctx("en", page="a/").text(Text(ja="短い文。"))


def test_english_links_to_japanese_sections_resolve(real_site: tuple[Path, BuildResult]) -> None:
    import re
    from urllib.parse import urljoin

    site = real_site[0] / "site"
    page = site / "en" / "assessments" / "kagoshima" / "juki-full" / "index.html"
    links = re.findall(r'<a href="([^"]+)" hreflang="ja">', page.read_text(encoding="utf-8"))
    assert links, "kagoshima's English page has long untranslated texts"
    base = "http://x/en/assessments/kagoshima/juki-full/"
    for href in set(links):
        url = urljoin(base, href)
        path, _, anchor = url.removeprefix("http://x/").partition("#")
        target = (site / path / "index.html").read_text(encoding="utf-8")
        assert path == "assessments/kagoshima/juki-full/"
        assert f'id="{anchor}"' in target, href


def test_partly_translated_text_shows_untranslated_sentences_in_japanese_where_they_stand() -> None:
    """Issue 15: no "[…]" elision; an untranslated sentence is shown in Japanese (lang="ja")."""
    ctx = Ctx(
        "en",
        translator=memory({"回線を分離する。": "Lines are separated."}),
        up="../../../",
        page="assessments/x/y/",
        section="risks",
    )
    rest = "未訳の長い文章です。" * 25
    html = ctx.text(Text(ja="回線を分離する。" + rest))
    assert "Lines are separated." in html
    assert "[…]" not in html and "kh-elided" not in html
    assert html.count('<span lang="ja">未訳の長い文章です。</span>') == 25
    assert 'href="../../../../assessments/x/y/#risks" hreflang="ja"' in html
    lines = "回線を分離する。\n" + "\n".join(
        f"({i}) 未訳の行です。未訳の行です。" for i in range(1, 20)
    )
    shown = ctx.text(Text(ja=lines))
    assert shown.count('<span lang="ja">未訳の行です。</span>') == 38
