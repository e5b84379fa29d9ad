"""Issue 15, "plain and honest pages": each of the eight problems pinned on the real content
(content/, built end to end), in both languages."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import pytest

from generator.core.fieldstate import FieldNotes, parse_path
from generator.linking.i18n import avoided_renderings, other_renderings
from generator.pipeline import BuildResult
from generator.validation.terms import load_terms
from tests.htmltext import CJK, japanese_leaks

ROOT = Path(__file__).resolve().parent.parent
PPC = "https://www.ppc.go.jp/legal/assessment/"
LANGS = ("ja", "en")


def page(site: Path, lang: str, path: str) -> str:
    prefix = "en/" if lang == "en" else ""
    return (site / prefix / path / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    """The visible text of an HTML fragment (tags dropped, entities kept as written)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def glance(html: str) -> str:
    m = re.search(r'<div class="kh-glance"[^>]*>(.*?)</div>', html, re.S)
    assert m, "every assessment page opens with the plain summary"
    return m.group(1)


def compare_row(html: str, ident: str) -> list[str]:
    m = re.search(rf'<tr data-kh-assessment="{re.escape(ident)}">(.*?)</tr>', html, re.S)
    assert m, ident
    return [text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", m.group(1), re.S)]


@pytest.fixture(scope="module")
def site(real_site: tuple[Path, BuildResult]) -> Path:
    return real_site[0] / "site"


# 1. Three different things all read 記載なし --------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "missing", "unreadable"),
    [
        ("ja", "電子版に未収録", "原本から判読できず"),
        ("en", "Not in this electronic version", "Unreadable in the original"),
    ],
)
def test_empty_fields_say_which_state_applies(
    site: Path, lang: str, missing: str, unreadable: str
) -> None:
    neyagawa = page(site, lang, "assessments/neyagawa/juki-focused")
    # I-1 (事務の名称・内容・対象人数) is missing from the source text: not "not stated"
    section = neyagawa.split('id="basic-info-process"', 1)[1].split("<h", 1)[1]
    section = neyagawa.split('id="basic-info-process"', 1)[1].split('id="basic-info-systems"')[0]
    assert section.count('data-kh-state="未収録"') >= 3, "name, description, persons covered"
    assert missing in section and "記載なし" not in section and "Not stated" not in section
    takatsuki = page(site, lang, "assessments/takatsuki/juki-full")
    assert takatsuki.count('data-kh-state="判読不能"') >= 6 and unreadable in takatsuki
    # an unreadable checkbox says so in visible words, not only to screen readers
    li = re.search(r'<li class="kh-unknown">(.*?)</li>', neyagawa, re.S)
    assert li and unreadable in text(li.group(1))
    # the state links to its explanation in 「この電子版について」
    href = re.search(r'data-kh-state="未収録" href="#(source-note-\d+)"', neyagawa)
    assert href and f'id="{href.group(1)}"' in neyagawa


@pytest.mark.parametrize("lang", LANGS)
def test_comparison_names_neyagawa_population_as_missing_not_absent(site: Path, lang: str) -> None:
    html = page(site, lang, "compare/juki")
    row = compare_row(html, "neyagawa/juki-focused")
    assert row[2] == ("電子版に未収録" if lang == "ja" else "Not in this electronic version")
    assert "no such entry" not in html and "該当する記載がない" not in html


def _record(site: Path, ident: str) -> str:
    """The text of one assessment's published JSON (gzip-compressed)."""
    return gzip.decompress((site / f"data/assessments/{ident}.json.gz").read_bytes()).decode()


def test_states_are_chosen_in_the_content_and_kept_in_the_json(site: Path) -> None:
    data = json.loads(_record(site, "neyagawa/juki-focused"))
    states = {n["field"]: n["state"] for n in data["source_notes"]}
    assert states["basic_info.process"] == "未収録"
    assert states["files[1].risks.training.level"] == "判読不能"
    notes = FieldNotes([type("N", (), {"field": f, "state": s}) for f, s in states.items()])
    assert notes.state(parse_path("basic_info.process.population"))[0] == "未収録"
    assert notes.state(parse_path("cover.special_notes"))[0] == "空欄"


# 2. Blanks counted as zero ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_unreadable_ratings_are_never_counted_as_zero(site: Path, lang: str) -> None:
    summary = text(glance(page(site, lang, "assessments/takatsuki/juki-full")))
    assert "特に力を入れている 0件" not in summary and "0 particular" not in summary
    assert ("原本から判読できない評価が6件" if lang == "ja" else "6 ratings unreadable") in summary
    row = compare_row(page(site, lang, "compare/juki"), "takatsuki/juki-full")
    effort = row[8]
    assert ("ほかに不明 6件" if lang == "ja" else "+6 unknown") in effort, effort
    basic = compare_row(page(site, lang, "compare/juki"), "takatsuki/juki-basic")
    assert not any(re.fullmatch(r"0(件)?", c) for c in basic[8:11]), basic


def test_csv_keeps_unknown_ratings_apart(site: Path) -> None:
    raw = (site / "data/assessments.csv").read_text(encoding="utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw))}
    assert rows["takatsuki/juki-full"]["rating_unknown"] == "6"
    assert rows["takatsuki/juki-basic"]["rating_special_effort"] == ""  # all 8 unreadable
    assert rows["neyagawa/juki-focused"]["population"] == ""
    assert rows["neyagawa/juki-focused"]["population_state"] == "未収録"
    assert rows["neyagawa/juki-focused"]["files_unknown_disclosure"] == "2"


# 3. A draft shown with a publication date ---------------------------------------------------


@pytest.mark.parametrize(("lang", "date"), [("ja", "令和4年7月8日"), ("en", "8 July 2022")])
def test_a_draft_shows_no_publication_date(site: Path, lang: str, date: str) -> None:
    html = page(site, lang, "assessments/takatsuki/vaccination-full")
    facts = html.split('<dl class="kh-facts">', 1)[1].split("</dl>", 1)[0]
    assert date not in facts
    assert ("未公表（案）" if lang == "ja" else "Not published (draft)") in facts
    cover = html.split('id="cover"', 1)[1].split('id="basic-info"', 1)[0]
    assert date not in text(cover)
    muni = page(site, lang, "municipalities/takatsuki")
    assert date not in muni
    raw = (site / "data/assessments.csv").read_text(encoding="utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw))}
    assert rows["takatsuki/vaccination-full"]["published"] == ""


# 4. Developer notes as content --------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "ident", ["neyagawa/juki-focused", "takatsuki/juki-full", "kagoshima/juki-full"]
)
def test_source_notes_are_for_residents(site: Path, lang: str, ident: str) -> None:
    html = page(site, lang, f"assessments/{ident}")
    body = html.split("data-pagefind-body", 1)[1]
    for raw in (
        "files[0]",
        "basic_info.",
        "&lt;input",
        "<input",
        "原本テキスト",
        "contractor_lookup",
    ):
        assert raw not in body, raw
    about = re.search(r'<details class="kh-about"([^>]*)>(.*?)</details>', html, re.S)
    assert about, "the notes sit under 「この電子版について」"
    assert "open" not in about.group(1), "collapsed by default"
    assert 'data-pagefind-ignore="all"' in about.group(1), "kept out of the search index"
    heading = "この電子版について" if lang == "ja" else "About this electronic version"
    assert 'id="about-this-version"' in html and heading in html
    notes = re.findall(r'<li id="source-note-\d+"[^>]*><strong>(.*?)</strong>', about.group(2))
    assert notes and all(
        re.match(r"(I|II|III|IV|V|VI|Ⅰ|Ⅱ|Ⅲ|Ⅳ|変更|Changes|\(|事務|Desc|別|Ann|用語|Gloss)", n)
        for n in notes
    ), notes[:5]


def test_the_raw_notes_stay_in_the_json(site: Path) -> None:
    data = _record(site, "neyagawa/juki-focused")
    assert "原本テキスト54行目" in data


def test_the_printed_place_of_a_note(real_site: tuple[Path, BuildResult]) -> None:
    from generator.rendering.document import printed_place

    rec = real_site[1].site.assessments["takatsuki/juki-full"].record  # type: ignore[union-attr]
    place = printed_place(rec, parse_path("files[0].outsourcing.items[*].contractor"), "ja")
    assert place == (
        "II 特定個人情報ファイルの概要 › (1) 住民基本台帳ファイル › "
        "4. 特定個人情報ファイルの取扱いの委託 › 委託事項（すべて） › ⑥委託先名"
    )
    en = printed_place(rec, parse_path("files[0].outsourcing.items[*].contractor"), "en")
    assert "contractor" not in en.split("›")[0] and "(every entry)" in en


# 5. The summary is counts, not plain language -----------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "ident",
    [
        "neyagawa/juki-focused",
        "takatsuki/vaccination-full",
        "takatsuki/juki-full",
        "takatsuki/juki-basic",
        "kagoshima/juki-full",
    ],
)
def test_every_summary_answers_the_residents_questions(site: Path, lang: str, ident: str) -> None:
    html = page(site, lang, f"assessments/{ident}")
    box = glance(html)
    said = text(box)
    assert 'data-kh-point="contacts"' in box and re.search(r'href="#(contacts|related[^"]*)"', box)
    assert "(s)" not in said and "…" not in said and "別紙提供先一覧のとおり" not in said
    assert "city's own" in said if lang == "en" else "市自身の評価" in said
    for href in re.findall(r'href="#([^"]+)"', box):
        assert f'id="{href}"' in html, href  # every figure links to where it comes from


@pytest.mark.parametrize(
    ("lang", "wanted"),
    [
        ("ja", ["株式会社両備システムズ", "株式会社ミラボ", "提供先）", "予防接種の対象者"]),
        ("en", ["Ryobi Systems Co., Ltd.", "Mirabo Co., Ltd.", "2 other bodies", "3 tasks"]),
    ],
)
def test_vaccination_summary_names_who_receives_and_handles_the_data(
    site: Path, lang: str, wanted: list[str]
) -> None:
    said = text(glance(page(site, lang, "assessments/takatsuki/vaccination-full")))
    for w in wanted:
        assert w in said, w


@pytest.mark.parametrize("lang", LANGS)
def test_neyagawa_summary_says_the_annex_is_not_on_the_site(site: Path, lang: str) -> None:
    said = text(glance(page(site, lang, "assessments/neyagawa/juki-focused")))
    assert (
        "別紙にあり、この電子版には含まれていません" if lang == "ja" else "not part of this"
    ) in said
    assert ("ほかに未収録のファイル 2件" if lang == "ja" else "2 files not in this version") in said


# 6. Answers as double negatives -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "label", "answer"),
    [("ja", "4. 委託の有無", "委託する"), ("en", "Entrustment", "Work is entrusted")],
)
def test_checkbox_answers_are_the_statement_chosen(
    site: Path, lang: str, label: str, answer: str
) -> None:
    html = page(site, lang, "assessments/takatsuki/juki-basic")
    assert f'<th scope="row">{label}</th><td>{answer}</td>' in html
    for neg in (
        "委託しない</th>",
        "提供・移転しない</th>",
        "接続しない（入手）</th>",
        "Not entrusted</th>",
    ):
        assert neg not in html, neg


# 7. The original is never linked ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_assessment_links_its_original(
    real_site: tuple[Path, BuildResult], site: Path, lang: str
) -> None:
    for ident, a in real_site[1].site.assessments.items():  # type: ignore[union-attr]
        html = page(site, lang, f"assessments/{ident}")
        facts = html.split('<dl class="kh-facts">', 1)[1].split("</dl>", 1)[0]
        assert f'class="kh-original" href="{PPC}"' in facts, ident
        cover = getattr(a.record, "cover", None)
        if cover is not None:
            assert cover.assessor.ja in facts and f"{cover.number}" in facts, ident
    raw = (site / "data/assessments.csv").read_text(encoding="utf-8-sig")
    for row in csv.DictReader(io.StringIO(raw)):
        assert row["original_url"] == PPC and row["original_how"], row["id"]
    data = json.loads(_record(site, "takatsuki/juki-basic"))
    assert data["source"]["find_at"] == "個人情報保護委員会"


# 8. English: one name per concept -----------------------------------------------------------


def test_validate_reports_other_renderings_of_glossary_terms() -> None:
    avoid = avoided_renderings(load_terms(ROOT / "content"))
    for wrong, right in (
        ("via the Information Provision Network System", "Information Providing Network System"),
        ("the Address system", "addressee system"),
        ("Appended Table 2, item 16-2", "Appended Table 2, row 16-2"),
        ("the Mailing Address Information File", "Delivery Address Information File"),
    ):
        found = other_renderings(wrong, avoid)
        assert found and found[0][1] == right, wrong
    assert other_renderings("the Information Providing Network System", avoid) == []


def test_real_content_uses_one_english_name_per_concept(
    real_site: tuple[Path, BuildResult],
) -> None:
    found = [
        f
        for f in real_site[1].findings.items
        if f.code == "glossary-term" and "用語集では" in f.message_ja
    ]
    assert found == [], [f.format("en") for f in found]


def test_english_pages_are_marked_unofficial_and_never_elide(
    real_site: tuple[Path, BuildResult], site: Path
) -> None:
    for ident in real_site[1].site.assessments:  # type: ignore[union-attr]
        html = page(site, "en", f"assessments/{ident}")
        assert "Unofficial translation." in html, ident
        assert japanese_leaks(html) == [], ident
        assert "[…]" not in html and "kh-elided" not in html, ident
        found = re.search(r"<h1[^>]*>(.*?)(?:<a class=\"headerlink\".*?)?</h1>", html, re.S)
        assert found is not None, ident
        title = text(found.group(1)).strip()
        assert re.fullmatch(
            r"[A-Z][a-z]+ City: [A-Z][^—]+ — (Basic|Focused|Full) Assessment Report( \(draft\))?"
            r"|[A-Z][a-z]+ City: [^—]+ — Summary of an Assessment Report( \(draft\))?",
            title,
        ), title
        assert not CJK.search(title)


def test_the_generator_s_own_english_uses_the_glossary_names() -> None:
    """Labels, choices and field labels of the model follow the glossary too."""
    from generator.core.vocab import ENGLISH_ONLY, VOCAB
    from generator.model import FORMS
    from generator.model.choices import CHOICE_EN
    from generator.rendering.render import STATEMENTS

    strings = (
        [w.en for w in VOCAB.values()] + list(ENGLISH_ONLY.values()) + list(CHOICE_EN.values())
    )
    strings += [s["en"] for said in STATEMENTS.values() for s in said]

    def walk(model: type) -> None:
        for finfo in getattr(model, "model_fields", {}).values():
            extra = finfo.json_schema_extra if isinstance(finfo.json_schema_extra, dict) else {}
            strings.append(str(extra.get("label_en", "")))
            for arg in (finfo.annotation, *getattr(finfo.annotation, "__args__", ())):
                if isinstance(arg, type) and hasattr(arg, "model_fields") and arg not in seen:
                    seen.add(arg)
                    walk(arg)

    seen: set[type] = set()
    for form in FORMS.values():
        walk(form)
    avoid = avoided_renderings(load_terms(ROOT / "content"))
    wrong = [(s, other_renderings(s, avoid)) for s in strings if other_renderings(s, avoid)]
    assert wrong == []
