"""The writer's base and the list pages of the site: home, municipalities, processes, and the
assessments by form and by prefecture (one row per prefecture above ``LIST_LIMIT``).

``generator.output.write`` renders the assessment and council pages on top of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.core.paths import to_root
from generator.core.textfmt import esc
from generator.core.vocab import t, words
from generator.linking.link import AssessmentRef, Site, prefecture_groups
from generator.model.base import DateValue, Text
from generator.rendering.blocks import Coverage, Ctx
from generator.rendering.document import form_label, kind_label, status_label
from generator.rendering.facts import publication_date
from generator.rendering.pagetemplates import ListPage, render_page

if TYPE_CHECKING:
    pass

LANGS = ("ja", "en")


@dataclass
class WriteResult:
    pages: int = 0
    coverage: dict[str, Coverage] = field(default_factory=dict)  # assessment id -> en coverage


# Lists longer than this (assessments, municipalities) show one row per prefecture instead, linking
# to the prefecture's own list: at nation scale a flat list is megabytes, too much for a phone.
LIST_LIMIT = 400


def published_date(a: AssessmentRef) -> DateValue | None:
    return publication_date(a.record)


def date_html(d: DateValue | None, lang: str, draft: bool = False) -> str:
    if draft:
        return f'<span class="kh-draft-date">{esc(t("not_published", lang))}</span>'
    return esc(d.render(lang)) if d else Ctx(lang).empty()


class PageWriter:
    """Where each page goes (``docs``/<lang>/<path>), the rendering context of a page, and the
    list pages: home, municipalities, processes, assessments by form and by prefecture.

    ``generator.output.write.Writer`` adds the assessment and council pages; page plugins use the
    list helpers (``by_prefecture``, ``assessment_rows``) through it."""

    def __init__(self, site: Site, docs: Path) -> None:
        self.site = site
        self.docs = docs
        self.result = WriteResult()

    def ctx(self, lang: str, path: str) -> Ctx:
        """The rendering context of a page: translation memory and citation links come from the site."""
        linker = self.site.linker
        return Ctx(
            lang,
            up=to_root(path),
            translator=self.site.translator if lang == "en" else None,
            originals=self.site.originals,
            # a municipality's own ordinances
            linker=linker.for_page(path) if linker is not None else None,
            page=path.removesuffix(".md").removesuffix("index")
            + ("" if path.endswith("index.md") else "/"),
        )

    def put(self, lang: str, path: str, text: str) -> None:
        out = self.docs / lang / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="\n")
        self.result.pages += 1

    # ---------------------------------------------------------------- list pages
    def assessment_rows(
        self, ids: list[str], lang: str, up: str, keep_order: bool = False
    ) -> list[list[str]]:
        """Table rows of assessments, by municipality (``keep_order``: in the order given)."""
        rows = []
        order = (
            ids
            if keep_order
            else sorted(ids, key=lambda i: (self.site.assessments[i].municipality, i))
        )
        for ident in order:
            a = self.site.assessments[ident]
            rec = a.record
            muni = self.site.municipalities[a.municipality]
            rows.append(
                [
                    f'<a href="{up}assessments/{ident}/">{esc(a.title[lang])}</a>',
                    f'<a href="{up}municipalities/{a.municipality}/">{esc(muni.name.show(lang))}</a>',
                    f'<a href="{up}processes/{a.process}/">{esc(self.site.processes[a.process].name.show(lang))}</a>',
                    esc(form_label(rec.form, lang)),
                    esc(status_label(rec.status, lang)),
                    date_html(published_date(a), lang, rec.status == "案"),
                ]
            )
        return rows

    def assessment_headers(self, lang: str) -> list[str]:
        return [
            t("assessments", lang),
            t("municipality", lang),
            t("process", lang),
            t("form", lang),
            t("status", lang),
            t("published", lang),
        ]

    def by_prefecture(
        self, ids: list[str], lang: str, target: Callable[[str], str]
    ) -> dict[str, Any]:
        """A long list condensed (more than LIST_LIMIT assessments): one row per prefecture with
        its numbers per form, linking to ``target(prefecture slug)`` where they are listed."""
        groups = prefecture_groups(self.site, ids)
        forms = ("基礎項目評価書", "重点項目評価書", "全項目評価書")
        rows = []
        for slug, (pref, members) in groups.items():
            form_of: list[str] = [self.site.assessments[i].record.form for i in members]
            munis = {self.site.assessments[i].municipality for i in members}
            rows.append(
                [
                    f'<a href="{target(slug)}">{esc(pref.show(lang))}</a>',
                    str(len(munis)),
                    str(len(members)),
                    *(str(form_of.count(f)) for f in forms),
                ]
            )
        return {
            "heading": t("by_prefecture", lang),
            "anchor": "by-prefecture",
            "caption": t("by_prefecture_of", lang, n=f"{len(ids):,}"),
            "headers": [
                t("prefecture", lang),
                t("municipalities", lang),
                t("assessments", lang),
                *(form_label(f, lang) for f in forms),
            ],
            "rows": rows,
        }

    def list_page(
        self, lang: str, path: str, title: str, intro: str, sections: list[dict[str, Any]]
    ) -> None:
        self.put(
            lang,
            path,
            render_page(
                "list.md.j2",
                ListPage(
                    L=words(lang), title=title, description=None, intro=intro, sections=sections
                ),
            ),
        )

    def condensed(self, lang: str, path: str, title_key: str, target: str) -> None:
        """An index page of the whole site by prefecture (``target``: the prefecture's list,
        ``{}`` standing for its slug)."""
        intro = f'<p class="kh-intro">{esc(t("by_prefecture_intro", lang))}</p>'
        section = self.by_prefecture(sorted(self.site.assessments), lang, target.format)
        self.list_page(lang, path, t(title_key, lang), intro, [section])

    def single_table(
        self, lang: str, path: str, title_key: str, headers: list[str], rows: list[list[str]]
    ) -> None:
        """A page that is one captioned table (the index pages)."""
        section = {
            "heading": "",
            "anchor": "",
            "caption": t(title_key, lang),
            "headers": headers,
            "rows": rows,
        }
        self.list_page(lang, path, t(title_key, lang), "", [section])

    def site_index(
        self,
        lang: str,
        path: str,
        title_key: str,
        entries: int,
        target: str,
        headers: list[str],
        rows: Callable[[], list[list[str]]],
    ) -> None:
        """An index of the whole site: one table of ``rows``, or by prefecture (``target``) when
        there are more than LIST_LIMIT ``entries`` (the rows are then not made at all)."""
        if entries > LIST_LIMIT:
            self.condensed(lang, path, title_key, target)
        else:
            self.single_table(lang, path, title_key, headers, rows())

    def lists(self, lang: str) -> None:
        site = self.site

        def muni_rows() -> list[list[str]]:
            return [
                [
                    f'<a href="../municipalities/{mid}/">{esc(muni.name.show(lang))}</a>',
                    esc(muni.prefecture.show(lang)),
                    esc(muni.code),
                    str(len(site.by_municipality.get(mid, []))),
                ]
                for mid, muni in sorted(
                    site.municipalities.items(), key=lambda kv: (kv[1].code, kv[0])
                )
            ]

        self.site_index(
            lang,
            "municipalities/index.md",
            "all_municipalities",
            len(site.municipalities),
            "../prefectures/{}/",
            [
                t("municipality", lang),
                t("prefecture", lang),
                t("code", lang),
                t("assessments", lang),
            ],
            muni_rows,
        )
        for mid, muni in sorted(site.municipalities.items()):
            path = f"municipalities/{mid}.md"
            up = to_root(path)
            intro_parts = [
                f"{esc(t('prefecture', lang))}: {esc(muni.prefecture.show(lang))}",
                f"{esc(t('code', lang))}: {esc(muni.code)}",
            ]
            if muni.url:
                intro_parts.append(
                    f'{esc(t("official_site", lang))}: <a href="{esc(muni.url)}">{esc(muni.url)}</a>'
                )
            sections = [
                {
                    "heading": t("assessments_of", lang, name=muni.name.show(lang)),
                    "anchor": "assessments",
                    "caption": t("assessments_of", lang, name=muni.name.show(lang)),
                    "headers": self.assessment_headers(lang),
                    "rows": self.assessment_rows(site.by_municipality.get(mid, []), lang, up),
                }
            ]
            council_ids = site.council_by_municipality.get(mid, [])
            if council_ids:
                sections.append(
                    {
                        "heading": t("council_of", lang, name=muni.name.show(lang)),
                        "anchor": "council",
                        "caption": t("council_of", lang, name=muni.name.show(lang)),
                        "headers": [t("title", lang), t("kind", lang)],
                        "rows": [
                            [
                                f'<a href="{up}council/{c}/">{esc(site.council[c].title[lang])}</a>',
                                esc(kind_label(site.council[c].record.kind, lang)),
                            ]
                            for c in council_ids
                        ],
                    }
                )
            self.put(
                lang,
                path,
                render_page(
                    "list.md.j2",
                    ListPage(
                        L=words(lang),
                        title=muni.name.show(lang),
                        description=None,
                        intro='<p class="kh-intro">'
                        + (" ／ " if lang == "ja" else " / ").join(intro_parts)
                        + "</p>",
                        sections=sections,
                    ),
                ),
            )
        # processes
        rows = [
            [
                f'<a href="../processes/{pid}/">{esc(p.name.show(lang))}</a>',
                str(len(site.by_process.get(pid, []))),
            ]
            for pid, p in sorted(site.processes.items())
        ]
        self.single_table(
            lang,
            "processes/index.md",
            "all_processes",
            [t("process", lang), t("assessments", lang)],
            rows,
        )
        for pid, p in sorted(site.processes.items()):
            path = f"processes/{pid}.md"
            intro = (
                f'<div class="kh-intro">{_desc_html(p.description, lang)}</div>'
                if p.description
                else ""
            )
            if len(site.by_process.get(pid, [])) > 1:
                intro += (
                    f'\n\n<p class="kh-compare-link"><a href="../../compare/{pid}/">'
                    f"{esc(t('compare_process', lang, name=p.name.show(lang)))}</a></p>"
                )
            self.put(
                lang,
                path,
                render_page(
                    "list.md.j2",
                    ListPage(
                        L=words(lang),
                        title=p.name.show(lang),
                        description=None,
                        intro=intro,
                        sections=[
                            {
                                "heading": t("assessments", lang),
                                "anchor": "assessments",
                                "caption": t("assessments", lang),
                                "headers": self.assessment_headers(lang),
                                "rows": self.assessment_rows(
                                    site.by_process.get(pid, []), lang, to_root(path)
                                ),
                            }
                            if len(site.by_process.get(pid, [])) <= LIST_LIMIT
                            else self.by_prefecture(
                                sorted(site.by_process[pid]),
                                lang,
                                f"../../compare/{pid}/{{}}/".format,
                            )
                        ],
                    ),
                ),
            )
        # all assessments
        self.site_index(
            lang,
            "assessments/index.md",
            "all_assessments",
            len(site.assessments),
            "../prefectures/{}/#assessments",
            self.assessment_headers(lang),
            lambda: self.assessment_rows(list(site.assessments), lang, "../"),
        )

    def home(self, lang: str) -> None:
        site = self.site

        def newest(ident: str) -> tuple[str, str]:
            when = published_date(site.assessments[ident])
            return (when.iso if when else "", ident)

        latest = sorted(site.assessments, key=newest, reverse=True)[:10]
        intro = (
            "<p>全国の地方公共団体が公表する特定個人情報保護評価書（マイナンバーを扱う事務のプライバシー影響評価）を、"
            "読みやすく比べやすいウェブページにしています。評価書の原本が正本です。</p>"
            if lang == "ja"
            else "<p>The Specific Personal Information Protection Assessments (privacy impact assessments of work that "
            "uses My Number data) that municipalities publish, as readable and comparable web pages. The English is an "
            "unofficial translation; the Japanese original is authoritative.</p>"
        )
        links = (
            f'<ul class="kh-browse"><li><a href="municipalities/">{esc(t("all_municipalities", lang))}</a></li>'
            f'<li><a href="processes/">{esc(t("all_processes", lang))}</a></li>'
            f'<li><a href="assessments/">{esc(t("all_assessments", lang))}</a></li></ul>'
        )
        self.put(
            lang,
            "index.md",
            render_page(
                "list.md.j2",
                ListPage(
                    L=words(lang),
                    title=t("site_name", lang),
                    description=None,
                    intro=intro + "\n\n" + links,
                    sections=[
                        {
                            "heading": t("latest", lang),
                            "anchor": "latest",
                            "caption": t("latest", lang),
                            "headers": self.assessment_headers(lang),
                            "rows": self.assessment_rows(latest, lang, "", keep_order=True),
                        }
                    ],
                ),
            ),
        )


def _desc_html(d: Text, lang: str) -> str:
    from generator.core.textfmt import text_html

    if lang == "en" and d.en:
        return text_html(d.en)
    if lang == "en":
        return f'<div lang="ja">{text_html(d.ja)}</div>'
    return text_html(d.ja)
