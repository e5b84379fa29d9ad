"""Every template in generator/templates renders from a typed sample context with undefined names
as errors (StrictUndefined); HTML templates escape what they are given.

The templates are found by listing the folder: a new template without a sample here fails.
Templates whose name starts with "_" are partials, rendered through the templates including them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import pytest
from markupsafe import Markup

from generator.core.vocab import words
from generator.linking.link import AssessmentRef, CouncilRef
from generator.loading.original import Original
from generator.model.base import Doc
from generator.pages.compare import (
    CompareIndex,
    CompareItem,
    ComparePage,
    CompareTable,
    Link,
)
from generator.pages.data import DataPage, DocumentJson, Download
from generator.pages.glossary import GlossaryEntry, GlossaryGroup, GlossaryPage
from generator.rendering.blocks import KV, Heading, Html, Table
from generator.rendering.pagetemplates import (
    ENV,
    AssessmentPage,
    CouncilPage,
    ListPage,
    SubPage,
    render_page,
)

TEMPLATES = Path(__file__).resolve().parent.parent / "generator" / "templates"
ATTACK = "<script>alert(1)</script>"
BLOCKS: list[Any] = [
    Heading(2, "見出し", "part-1", "目次の見出し"),
    KV((("項目", "値"),)),
    Table("表", ("列",), (("行", "値"),), "kh-x"),
    Html("<p>本文</p>"),
]


def _ref(cls: type, **extra: Any) -> Any:
    fields = {"id": "sample/juki", "path": "assessments/sample/juki.md", "record": Doc()}
    return cls(
        **fields,
        municipality="sample",
        title={"ja": "見本", "en": "Sample"},
        source=None,
        **extra,
    )


def _assessment(lang: str) -> AssessmentPage:
    return AssessmentPage(
        lang=lang,
        L=words(lang),
        title="見本市 評価書",
        description=None,
        a=_ref(AssessmentRef, process="juki"),
        up="../../",
        muni_name="見本市",
        prefecture="大阪府",
        process_name="住民基本台帳",
        compare=True,
        form="全項目評価書",
        status="公表",
        published="令和8年1月19日",
        original=Original(
            "https://example.org/a.pdf",
            "search",
            {"ja": "原本", "en": "Original"},
            {"ja": "番号で探す", "en": "Search by number"},
            "1",
            "市長",
        ),
        coverage_pct="50%",
        coverage_text="50% of the text",
        draft_note="案です",
        council=[{"id": "sample/c1", "title": "諮問"}],
        blocks=BLOCKS,
        summary="## あらまし",
    )


def _council(lang: str) -> CouncilPage:
    return CouncilPage(
        lang=lang,
        L=words(lang),
        title="諮問",
        description=None,
        c=_ref(CouncilRef, assessments=("sample/juki",)),
        up="../../",
        muni_name="見本市",
        kind="諮問",
        targets=[{"id": "sample/juki", "title": "見本市 評価書"}],
        blocks=BLOCKS,
    )


def _list(lang: str) -> ListPage:
    section = {"heading": "一覧", "anchor": "all", "caption": "一覧", "headers": ["名前"]}
    return ListPage(
        L=words(lang),
        title="一覧",
        description=None,
        intro="<p>はじめに</p>",
        sections=[{**section, "rows": [["<a>見本</a>"]]}, {**section, "rows": []}],
    )


def _subpage(lang: str) -> SubPage:
    """A part page of a 全項目評価書 (with whose it is and the list of parts)."""
    return SubPage(
        L=words(lang),
        title="変更箇所",
        description=None,
        back="戻る",
        blocks=BLOCKS,
        facts='<p class="kh-part-facts">見本市</p>',
        parts=[("表紙", "../", False), ("III", "../risks/", True)],
    )


def _data(lang: str, documents: bool = True) -> DataPage:
    return DataPage(
        lang=lang,
        front_matter=Markup("---\ntitle: x\n---\n"),
        title=ATTACK,
        L=words(lang),
        licence_slot=Markup('<p class="kh-licence">'),
        data_dir="../data/",
        downloads=[Download("../data/a.csv", "a.csv", ATTACK)],
        documents=[DocumentJson("../a/", ATTACK, "../data/a.json", "a")] if documents else None,
        count="1,741",
        csv_fields=[("id", ATTACK)],
    )


def _glossary(lang: str) -> GlossaryPage:
    entry = GlossaryEntry(
        id="kojin-bango",
        name=ATTACK,
        meaning=ATTACK,
        confirmed=False,
        other_lang="en",
        other_name="Individual Number",
        reading="こじんばんごう",
        also=ATTACK,
        english_source=ATTACK,
        source=ATTACK,
        basis=ATTACK,
    )
    return GlossaryPage(
        front_matter=Markup("---\ntitle: x\n---\n"),
        title=ATTACK,
        L=words(lang),
        groups=[GlossaryGroup("か", "kh-gl-0", "行", [entry])],
    )


def _compare(lang: str, nation: bool = False) -> ComparePage:
    table = CompareTable(
        pid="juki",
        caption=ATTACK,
        hint=ATTACK,
        headers=[ATTACK],
        rows=[Markup('<tr data-kh-assessment="a"><th scope="row">見本市</th></tr>')],
        script="../../assets/kohyo-sort.js",
    )
    return ComparePage(
        front_matter=Markup("---\ntitle: x\n---\n"),
        title=ATTACK,
        L=words(lang),
        back=nation,
        table=None if nation else table,
        by_prefecture=Markup("<div>都道府県</div>") if nation else None,
        legend=[(ATTACK, ATTACK)],
        process=Link("../../processes/juki/", ATTACK),
    )


def _compare_index(lang: str) -> CompareIndex:
    return CompareIndex(
        front_matter=Markup("---\ntitle: x\n---\n"),
        title=ATTACK,
        items=[CompareItem("juki/", ATTACK, "（3件）")],
    )


SAMPLES: dict[str, Callable[[str], object]] = {
    "assessment.md.j2": _assessment,
    "council.md.j2": _council,
    "list.md.j2": _list,
    "subpage.md.j2": _subpage,
    "data.html.j2": _data,
    "glossary.html.j2": _glossary,
    "compare.html.j2": _compare,
    "compare_index.html.j2": _compare_index,
}


def _templates() -> list[str]:
    return sorted(p.name for p in TEMPLATES.glob("*.j2") if not p.name.startswith("_"))


def test_every_template_has_a_sample() -> None:
    assert sorted(SAMPLES) == _templates()


def test_every_partial_is_used() -> None:
    sources = "".join((TEMPLATES / name).read_text(encoding="utf-8") for name in _templates())
    for partial in TEMPLATES.glob("_*.j2"):
        assert f'"{partial.name}"' in sources, partial.name


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", _templates())
def test_template_renders_its_sample(name: str, lang: str) -> None:
    assert ENV.undefined is jinja2.StrictUndefined
    text = render_page(name, SAMPLES[name](lang))
    assert text.startswith("---\n") and text.endswith("\n")
    assert ATTACK not in text


def test_html_templates_escape_and_undefined_names_fail() -> None:
    text = render_page("data.html.j2", _data("en", documents=False))
    assert "&lt;script&gt;" in text and ATTACK not in text
    assert "1,741 files" in text
    assert "都道府県" in render_page("compare.html.j2", _compare("ja", nation=True))
    with pytest.raises(jinja2.UndefinedError):
        jinja2.Environment(undefined=jinja2.StrictUndefined).from_string("{{ x }}").render()
    with pytest.raises(TypeError):
        render_page("data.html.j2", {"lang": "ja"})
