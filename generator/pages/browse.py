"""Browse by place and by type: prefecture pages and lists per assessment type.

The home page (with the latest publications), the municipality pages and the lists per process
come from generator/output/write.py; this plugin adds

- ``prefectures/index.md`` and ``prefectures/<slug>.md``: the municipalities of each prefecture;
- ``forms/index.md`` and ``forms/<slug>.md``: every assessment of one type (全項目, 重点項目, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.core.textfmt import esc
from generator.core.vocab import t, words
from generator.linking.link import Site, prefecture_slug
from generator.model import FORM_EN
from generator.output.listing import LIST_LIMIT
from generator.output.write import Writer
from generator.rendering.document import form_label
from generator.rendering.pagetemplates import ListPage, render_page

FORMS = {
    "全項目評価書": "full",
    "重点項目評価書": "focused",
    "基礎項目評価書": "basic",
    "概要": "summary",
}


def prefectures(site: Site) -> dict[str, tuple[Any, list[str]]]:
    """slug -> (prefecture name, municipality ids), municipalities in code order."""
    out: dict[str, tuple[Any, list[str]]] = {}
    for mid, muni in sorted(site.municipalities.items(), key=lambda kv: (kv[1].code, kv[0])):
        slug = prefecture_slug(muni.prefecture, muni.code)
        out.setdefault(slug, (muni.prefecture, []))[1].append(mid)
    return dict(sorted(out.items(), key=lambda kv: site.municipalities[kv[1][1][0]].code))


def _list(lang: str, title: str, sections: list[dict[str, Any]], intro: str = "") -> str:
    return render_page(
        "list.md.j2",
        ListPage(L=words(lang), title=title, description=None, intro=intro, sections=sections),
    )


def _section(caption: str, headers: list[str], rows: list[list[str]]) -> dict[str, Any]:
    return {"heading": "", "anchor": "", "caption": caption, "headers": headers, "rows": rows}


def pages(site: Site, lang: str) -> Iterable[tuple[str, str]]:
    writer = Writer(site, Path())
    prefs = prefectures(site)
    rows = [
        [
            f'<a href="{slug}/">{esc(name.show(lang))}</a>',
            str(len(mids)),
            str(sum(len(site.by_municipality.get(m, [])) for m in mids)),
        ]
        for slug, (name, mids) in prefs.items()
    ]
    yield (
        "prefectures/index.md",
        _list(
            lang,
            t("browse.all_prefectures", lang),
            [
                _section(
                    t("browse.all_prefectures", lang),
                    [t("prefecture", lang), t("municipalities", lang), t("assessments", lang)],
                    rows,
                )
            ],
        ),
    )
    for slug, (name, mids) in prefs.items():
        rows = [
            [
                f'<a href="../../municipalities/{m}/">{esc(site.municipalities[m].name.show(lang))}</a>',
                esc(site.municipalities[m].code),
                str(len(site.by_municipality.get(m, []))),
            ]
            for m in mids
        ]
        title = t("browse.munis_in", lang, name=name.show(lang))
        muni_section = _section(
            title, [t("municipality", lang), t("code", lang), t("assessments", lang)], rows
        )
        ids = [i for m in mids for i in site.by_municipality.get(m, [])]
        a_section = {
            "heading": t("assessments", lang),
            "anchor": "assessments",
            "caption": t("assessments", lang),
            "headers": writer.assessment_headers(lang),
            "rows": writer.assessment_rows(ids, lang, "../../"),
        }
        yield f"prefectures/{slug}.md", _list(lang, title, [muni_section, a_section])
    # per assessment type
    counts = {
        form: [
            i for i, a in sorted(site.assessments.items()) if getattr(a.record, "form", "") == form
        ]
        for form in FORMS
    }
    rows = [
        [f'<a href="{slug}/">{esc(form_label(form, lang))}</a>', str(len(counts[form]))]
        for form, slug in FORMS.items()
    ]
    yield (
        "forms/index.md",
        _list(
            lang,
            t("browse.all_forms", lang),
            [
                _section(
                    t("browse.all_forms", lang), [t("form", lang), t("browse.count", lang)], rows
                )
            ],
        ),
    )
    for form, slug in FORMS.items():
        name = FORM_EN.get(form, form) if lang == "en" else form
        title = t("browse.of_form", lang, name=name)
        yield (
            f"forms/{slug}.md",
            _list(
                lang,
                title,
                [
                    _section(
                        title,
                        writer.assessment_headers(lang),
                        writer.assessment_rows(counts[form], lang, "../../"),
                    )
                    if len(counts[form]) <= LIST_LIMIT
                    else writer.by_prefecture(
                        counts[form], lang, "../../prefectures/{}/#assessments".format
                    )
                ],
                ""
                if len(counts[form]) <= LIST_LIMIT
                else f'<p class="kh-intro">{esc(t("by_prefecture_intro", lang))}</p>',
            ),
        )


def nav(lang: str) -> list[tuple[str, str]]:
    return [
        (t("browse.prefectures", lang), "prefectures/index.md"),
        (t("browse.forms", lang), "forms/index.md"),
    ]
