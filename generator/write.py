"""Stage 5, write: the linked site -> Markdown files per language and the MkDocs configuration.

Output goes to a fresh folder (``build/docs/{ja,en}`` and ``build/mkdocs.yml``) in sorted order,
with no wall-clock dates, so the same content always gives the same files.
"""

from __future__ import annotations

import html
import json
import multiprocessing
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import yaml

from generator.facts import publication_date
from generator.link import AssessmentRef, Site, prefecture_groups
from generator.model import FullAssessment
from generator.model.base import DateValue
from generator.pages._xlink import related_block
from generator.paths import to_root
from generator.render import (
    AssessmentPage,
    CouncilPage,
    Coverage,
    Ctx,
    Heading,
    ListPage,
    SubPage,
    assessment_blocks,
    form_label,
    form_title,
    kind_label,
    render_page,
    status_label,
)
from generator.summary import summary_markdown
from generator.textfmt import esc, md_inline, md_inline_html, pagefind_value
from generator.vocab import english_only, t, words

if TYPE_CHECKING:
    from generator.cache import MarkdownMemo

LANGS = ("ja", "en")


@dataclass
class WriteResult:
    pages: int = 0
    coverage: dict[str, Coverage] = field(default_factory=dict)  # assessment id -> en coverage


# A change log with more rows than this is a page of its own (Writer.changes_page).
CHANGES_INLINE = 30

# Lists longer than this (assessments, municipalities) show one row per prefecture instead, linking
# to the prefecture's own list: at nation scale a flat list is megabytes, too much for a phone.
LIST_LIMIT = 400


def _published(a: AssessmentRef) -> DateValue | None:
    return publication_date(a.record)


def _date(d: DateValue | None, lang: str, draft: bool = False) -> str:
    if draft:
        return f'<span class="kh-draft-date">{esc(t("not_published", lang))}</span>'
    return esc(d.render(lang)) if d else Ctx(lang).empty()


class Writer:
    """Renders the pages of a site and puts each into ``docs``/<lang>/<path>."""

    forks = True  # assessment pages may be rendered by forked workers (each writes its own files)

    def __init__(self, site: Site, docs: Path) -> None:
        self.site = site
        self.docs = docs
        self.result = WriteResult()

    def ctx(self, lang: str, path: str) -> Ctx:
        """The rendering context of a page: translation memory and citation links come from the site."""
        scoped = getattr(self.site.linker, "for_page", None)  # a municipality's own ordinances
        return Ctx(
            lang,
            up=to_root(path),
            translator=self.site.translator if lang == "en" else None,
            originals=self.site.originals,
            linker=scoped(path) if callable(scoped) else self.site.linker,
            page=path.removesuffix(".md").removesuffix("index")
            + ("" if path.endswith("index.md") else "/"),
        )

    def put(self, lang: str, path: str, text: str) -> None:
        out = self.docs / lang / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="\n")
        self.result.pages += 1

    # ---------------------------------------------------------------- assessment pages
    def assessment(self, a: AssessmentRef, lang: str) -> None:
        site = self.site
        rec: Any = a.record
        muni = site.municipalities[a.municipality]
        proc = site.processes[a.process]
        base = a.path.removesuffix(".md")
        # the long form: its long parts on pages of their own
        full = isinstance(rec, FullAssessment)
        blocks, coverage = assessment_blocks(
            rec,
            lang,
            self.ctx(lang, a.path),
            muni.name.ja,
            parts=(lambda part: self.ctx(lang, f"{base}/{part}.md")) if full else None,
        )
        blocks, where = self.part_pages(a, lang, blocks) if full else (blocks, {})
        blocks = self.changes_page(a, lang, blocks)
        if lang == "en":
            self.result.coverage[a.id] = coverage
        pct = f"{coverage.ratio * 100:.0f}%"
        council = [
            {"id": c, "title": site.council[c].title[lang]}
            for c in site.council_by_assessment.get(a.id, [])
        ]
        text = render_page(
            "assessment.md.j2",
            AssessmentPage(
                lang=lang,
                L=words(lang),
                title=a.title[lang],
                description=None,
                a=a,
                up=to_root(a.path),
                muni_name=muni.name.show(lang),
                prefecture=muni.prefecture.show(lang),
                process_name=proc.name.show(lang),
                compare=len(site.by_process.get(a.process, [])) > 1,
                form=form_title(rec.form, lang),
                status=status_label(rec.status, lang),
                published=_date(_published(a), lang, rec.status == "案"),
                original=site.originals.of(rec, muni.name.ja),
                coverage_pct=pct,
                coverage_text=english_only("coverage_text", pct=pct) if lang == "en" else "",
                draft_note=t("draft_note", lang) if rec.status == "案" else "",
                council=council,
                blocks=blocks,
                summary=summary_markdown(
                    a,
                    site,
                    lang,
                    self.ctx(lang, a.path),
                    {
                        **{b.anchor: f"#{b.anchor}" for b in blocks if isinstance(b, Heading)},
                        **where,
                    },
                ),
            ),
        )
        if 'class="kh-important"' in text:  # the legend of the ※ mark, under the facts
            legend = (
                f'<p class="kh-note kh-important-legend">{esc(t("important_legend", lang))}</p>'
            )
            text = text.replace("</dl>\n", "</dl>\n\n" + legend + "\n", 1)
        self.put(lang, a.path, text + related_block(site, a.id, lang, to_root(a.path)))

    def part_pages(
        self, a: AssessmentRef, lang: str, blocks: list[Any]
    ) -> tuple[list[Any], dict[str, str]]:
        """The parts of OWN_PAGES (rendered for their pages by ``assessment_blocks``) lifted out
        onto pages of their own. Where each stood, its heading stays (the contents list links
        it to the part's page) with a list of the part's sections, each linked. Returns the
        page's blocks and, for every anchor that moved, its address from the page ("risks/#x")."""
        from generator.render import OWN_PAGES, Html

        out: list[Any] = []  # the page's blocks; a part's name (str) where the part stood
        parts: dict[str, list[Any]] = {}
        current: list[Any] | None = None
        for b in blocks:
            if isinstance(b, Heading) and b.level == 2:
                current = None
                if b.anchor in OWN_PAGES and b.anchor not in parts:
                    current = parts[b.anchor] = []
                    out.append(b.anchor)
            (out if current is None else current).append(b)
        if not parts:
            return blocks, {}
        where: dict[str, str] = {}
        sep = t("sep.colon", lang)
        names = {name: md_inline_html(part[0].text) for name, part in parts.items()}
        for name, part in parts.items():
            head = part[0]
            where.update({b.anchor: f"{name}/#{b.anchor}" for b in part if isinstance(b, Heading)})
            where[head.anchor] = f"{name}/"
            label = html.unescape(re.sub(r"<[^>]*>", "", names[name]))
            title = f"{a.title[lang]}{sep}{label}"
            nav = [(esc(t("part_main", lang)), "../", False)] + [
                (names[n], f"../{n}/", n == name) for n in parts
            ]
            self.put(
                lang,
                f"{a.path.removesuffix('.md')}/{name}.md",
                render_page(
                    "subpage.md.j2",
                    SubPage(
                        L=words(lang),
                        title=title,
                        description=None,
                        back=t("back_to_assessment", lang, title=a.title[lang]),
                        facts=self.part_facts(a, lang),
                        parts=nav,
                        blocks=part,
                    ),
                ),
            )
            entries = "".join(
                f'<li><a href="{name}/#{b.anchor}">{md_inline_html(b.text) or esc(b.toc_label)}</a></li>'
                for b in part
                if isinstance(b, Heading) and b.level == 3
            )
            stub = (
                f'<p class="kh-part-link" data-kh-moved="{esc(OWN_PAGES[name])}">'
                f"{esc(t('part_elsewhere', lang))} "
                f'<a href="{name}/">{esc(t("part_open", lang))}</a></p>'
                + (f'<ul class="kh-part-contents">{entries}</ul>' if entries else "")
            )
            at = out.index(name)
            out[at : at + 1] = [replace(head, part=f"{name}/"), Html(stub)]
        return out, where

    def part_facts(self, a: AssessmentRef, lang: str) -> str:
        """Whose assessment a part page belongs to, with the search filters of the assessment's
        own page (a search filtered by municipality finds the part pages too)."""
        site, rec = self.site, a.record
        muni = site.municipalities[a.municipality]
        L = words(lang)
        form = form_title(getattr(rec, "form", ""), lang)
        o, c = ("（", "）") if lang == "ja" else (" (", ")")
        dot = "・" if lang == "ja" else " · "
        return (
            f'<p class="kh-part-facts">'
            f'<span data-pagefind-filter="{L["municipality"]}:{pagefind_value(muni.name.show(lang))}">'
            f"{esc(muni.name.show(lang))}</span>{o}"
            f'<span data-pagefind-filter="{L["prefecture"]}:{pagefind_value(muni.prefecture.show(lang))}">'
            f"{esc(muni.prefecture.show(lang))}</span>{c}{dot}"
            f'<span data-pagefind-filter="{L["process"]}:{pagefind_value(site.processes[a.process].name.show(lang))}">'
            f"{esc(site.processes[a.process].name.show(lang))}</span>{dot}"
            f'<span data-pagefind-filter="{L["form"]}:{pagefind_value(form)}">{esc(form)}</span></p>'
        )

    def changes_page(self, a: AssessmentRef, lang: str, blocks: list[Any]) -> list[Any]:
        """A change log (変更箇所) longer than CHANGES_INLINE rows goes to a page of its own, linked
        where it stood: on the largest assessments it is a third of the page (thousands of
        elements a phone lays out before the reader can scroll). It stays searchable there."""
        import html as _html

        from generator.render import Html, Table, Walker, changes

        at = next(
            (i for i, b in enumerate(blocks) if isinstance(b, Table) and b.cls == "kh-changes"),
            None,
        )
        if at is None or len(blocks[at].rows) <= CHANGES_INLINE:
            return blocks
        table = blocks[at]
        prefix = _html.unescape(table.caption).removesuffix(t("changes", lang))
        sub = a.path.removesuffix(".md") + "/changes.md"
        w = Walker(self.ctx(lang, sub))
        changes(w, a.record, prefix)
        title = f"{a.title[lang]}{t('sep.colon', lang)}{prefix}{t('changes', lang)}"
        self.put(
            lang,
            sub,
            render_page(
                "subpage.md.j2",
                SubPage(
                    L=words(lang),
                    title=title,
                    description=None,
                    back=t("back_to_assessment", lang, title=a.title[lang]),
                    facts=self.part_facts(a, lang),
                    blocks=w.blocks,
                ),
            ),
        )
        link = Html(
            f"<p>{esc(t('changes_elsewhere', lang, n=f'{len(table.rows):,}'))} "
            f'<a href="changes/">{esc(t("changes_open", lang))}</a></p>'
        )
        return [*blocks[:at], link, *blocks[at + 1 :]]

    def council(self, ident: str, lang: str) -> None:
        from generator.render import Walker

        c = self.site.council[ident]
        rec: Any = c.record
        w = Walker(self.ctx(lang, c.path))
        w.model(rec, 2, "", skip=("kind", "municipality", "process", "assessments", "source_notes"))
        text = render_page(
            "council.md.j2",
            CouncilPage(
                lang=lang,
                L=words(lang),
                title=c.title[lang],
                description=None,
                c=c,
                up=to_root(c.path),
                muni_name=self.site.municipalities[c.municipality].name.show(lang),
                kind=kind_label(rec.kind, lang),
                targets=[
                    {"id": x, "title": self.site.assessments[x].title[lang]} for x in c.assessments
                ],
                blocks=w.blocks,
            ),
        )
        self.put(lang, c.path, text)

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
            rec: Any = a.record
            muni = self.site.municipalities[a.municipality]
            rows.append(
                [
                    f'<a href="{up}assessments/{ident}/">{esc(a.title[lang])}</a>',
                    f'<a href="{up}municipalities/{a.municipality}/">{esc(muni.name.show(lang))}</a>',
                    f'<a href="{up}processes/{a.process}/">{esc(self.site.processes[a.process].name.show(lang))}</a>',
                    esc(form_label(rec.form, lang)),
                    esc(status_label(rec.status, lang)),
                    _date(_published(a), lang, getattr(a.record, "status", "") == "案"),
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
            form_of = [getattr(self.site.assessments[i].record, "form", "") for i in members]
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
                                esc(kind_label(getattr(site.council[c].record, "kind", ""), lang)),
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
            intro = f'<div class="kh-intro">{_desc_html(p, lang)}</div>' if p.description else ""
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
            published = _published(site.assessments[ident])
            return (published.iso if published else "", ident)

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


def _desc_html(p: Any, lang: str) -> str:
    from generator.textfmt import text_html

    d = p.description
    if lang == "en" and d.en:
        return text_html(d.en)
    if lang == "en":
        return f'<div lang="ja">{text_html(d.ja)}</div>'
    return text_html(d.ja)


def write_pages(
    w: Writer,
    plugins: Sequence[ModuleType],
    munis: set[str] | None = None,
    memo: MarkdownMemo | None = None,
) -> WriteResult:
    """Every page in both languages through ``w``, the page plugins' pages too (the plugins are
    passed in: they are above this stage and use its ``Writer``); ``munis``: only the assessment
    and council pages of these municipalities (every list and plugin page still); ``memo``
    (generator/cache.py): assessment pages from earlier builds.  Returns counts and coverage."""
    site = w.site
    jobs = [
        (lang, ident)
        for lang in LANGS
        for ident, a in sorted(site.assessments.items())
        if munis is None or a.municipality in munis
    ]
    if memo is not None:
        jobs = memo.reuse(w, jobs)
    rendered = list(jobs)
    if w.forks and len(jobs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1 and hasattr(os, "fork"):
        _render_in_workers(w, jobs)
        jobs = []
    for lang, ident in jobs:
        w.assessment(site.assessments[ident], lang)
    if memo is not None:
        memo.keep(w, rendered)
        w.result.coverage = dict(sorted(w.result.coverage.items()))
    for lang in LANGS:
        w.home(lang)
        w.lists(lang)
        for ident, c in sorted(site.council.items()):
            if munis is None or c.municipality in munis:
                w.council(ident, lang)
        for plugin in plugins:
            if hasattr(plugin, "pages"):
                for path, text in plugin.pages(site, lang):
                    w.put(lang, path, text)
    return w.result


# From this many assessment pages on, they are rendered by one worker per core (forked, so the
# linked site is shared, not copied); each page is written on its own, so the output is the same.
PARALLEL_FROM = 400
_FORKED: Writer | None = None


def _render_chunk(jobs: list[tuple[str, str]]) -> tuple[int, dict[str, Coverage]]:
    w = _FORKED
    assert w is not None
    w.result = WriteResult()
    for lang, ident in jobs:
        w.assessment(w.site.assessments[ident], lang)
    return w.result.pages, w.result.coverage


def _render_in_workers(w: Writer, jobs: list[tuple[str, str]]) -> None:
    global _FORKED
    workers = min(os.cpu_count() or 1, 4)
    chunks = [jobs[i :: workers * 8] for i in range(workers * 8)]
    _FORKED = w
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for pages, coverage in pool.map(_render_chunk, chunks):
                w.result.pages += pages
                w.result.coverage.update(coverage)
    finally:
        _FORKED = None
    w.result.coverage = dict(sorted(w.result.coverage.items()))


def extra_nav(plugins: Sequence[ModuleType]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for plugin in plugins:
        if hasattr(plugin, "nav"):
            out.extend({title: path} for title, path in plugin.nav("ja"))
    return out


def nav_translations(plugins: Sequence[ModuleType]) -> dict[str, str]:
    table = {
        "ホーム": "Home",
        "地方公共団体": "Municipalities",
        "事務": "Processes",
        "評価書": "Assessments",
    }
    for plugin in plugins:
        if hasattr(plugin, "nav"):
            for (ja, _), (en, _) in zip(plugin.nav("ja"), plugin.nav("en"), strict=True):
                table[ja] = en
    return table


# The site's footer (theme/main.html), in each language; the rest comes from site_config.yml.
FOOTER = {
    "ja": {
        "description": "全国の地方公共団体が公表する特定個人情報保護評価書（マイナンバーを扱う事務のプライバシー影響評価）を、"
        "読みやすく比べやすいウェブページにしたものです。",
        "separator": "｜",
        "operator_label": "運営",
        "disclaimer": "このサイトは非公式です。地方公共団体や個人情報保護委員会が運営するものではありません。"
        "評価書の原本が正本です。内容の誤りに気づいたときは原本でご確認ください。",
        "contact": "ご自身の情報の開示請求や評価書の内容についての問い合わせは、各評価書の「開示請求、問合せ」に"
        "載っている地方公共団体の窓口へ。",
        "feedback_label": "このサイトへのご意見・誤りの報告",
        "licence_label": "データの利用条件",
        "data_label": "公開データについて",
        "updated_label": "掲載している評価書の最新の公表日",
    },
    "en": {
        "description": "The Specific Personal Information Protection Assessments (privacy impact assessments "
        "of work that uses My Number data) that municipalities publish, as readable and comparable web pages.",
        "separator": " | ",
        "operator_label": "Run by",
        "disclaimer": "This site is unofficial: it is not run by the municipalities or by the Personal "
        "Information Protection Commission. The original Japanese reports are authoritative, and the English is "
        "an unofficial translation.",
        "contact": "To see your own data or ask about an assessment, contact the municipality's office named "
        "under \u201cDisclosure requests and enquiries\u201d in the assessment.",
        "feedback_label": "Comments on this site and reports of mistakes",
        "licence_label": "Terms of use of the data",
        "data_label": "About the open data",
        "updated_label": "Newest publication date of the assessments shown",
    },
}


def content_updated(site: Site) -> DateValue | None:
    """The newest publication date of the assessments on the site (from the content, never the
    clock, so that the same content gives the same site)."""
    dates = [d for d in map(_published, site.assessments.values()) if d and not d.planned]
    return max(dates, key=lambda d: d.iso) if dates else None


def footer(config: dict[str, Any], updated: DateValue | None) -> dict[str, dict[str, str]]:
    out = {}
    for lang in LANGS:
        words = dict(FOOTER[lang])
        words["operator"] = str((config.get("operator") or {}).get(lang) or "")
        words["licence"] = str((config.get("licence") or {}).get(lang) or "")
        words["feedback_url"] = str(config.get("feedback_url") or "")
        words["site_name"] = str((config.get("site_name") or {}).get(lang) or "kohyo")
        if updated is not None:
            words["updated"], words["updated_iso"] = updated.render(lang), updated.iso
        out[lang] = words
    return out


def mkdocs_config(
    config: dict[str, Any],
    build: Path,
    theme_dir: Path,
    site_dir: Path,
    plugins: Sequence[ModuleType],
    partial: bool = False,
    updated: DateValue | None = None,
) -> Path:
    """Write build/mkdocs.yml from site_config.yml settings (``partial``: a preview's side build
    of a few pages, which skips the site-wide templates such as the sitemap)."""
    site_url = config.get("site_url") or None
    # The site name is HTML to MkDocs and Material (printed unescaped): handed over escaped.
    cfg: dict[str, Any] = {
        "site_name": esc(config.get("site_name", {}).get("ja", "kohyo")),
        "site_url": site_url,
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "strict": True,
        "theme": {
            "name": "material",
            "language": "ja",
            "custom_dir": str(theme_dir),
            "font": False,
            "features": ["navigation.prune", "navigation.top", "toc.follow"],
            "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
        },
        "extra_css": ["assets/kohyo.css"],
        "extra_javascript": [{"path": "assets/kohyo.js", "defer": True}],
        "extra": {"kohyo": footer(config, updated)},
        "hooks": [str(Path(__file__).with_name(f)) for f in ("mkdocs_hooks.py", "cache_hooks.py")],
        "markdown_extensions": [
            "attr_list",
            "tables",
            {"toc": {"permalink": True, "toc_depth": 3}},
        ],
        "plugins": [
            {
                "i18n": {
                    "docs_structure": "folder",
                    "reconfigure_material": True,
                    "reconfigure_search": False,
                    "languages": [
                        {
                            "locale": "ja",
                            "default": True,
                            "name": "日本語",
                            "build": True,
                            "site_name": esc(config.get("site_name", {}).get("ja", "kohyo")),
                        },
                        {
                            "locale": "en",
                            "name": "English",
                            "build": True,
                            "site_name": esc(config.get("site_name", {}).get("en", "kohyo")),
                            "nav_translations": nav_translations(plugins),
                        },
                    ],
                }
            }
        ],
        "nav": [
            {"ホーム": "index.md"},
            {"地方公共団体": "municipalities/index.md"},
            {"事務": "processes/index.md"},
            {"評価書": "assessments/index.md"},
            *extra_nav(plugins),
        ],
        "not_in_nav": "\n".join(
            [
                "/assessments/*/",
                "/municipalities/*.md",
                "/processes/*.md",
                "/council/",
                "/assessments/*/*.md",
                "/assessments/*/*/*.md",
            ]
        ),
        "validation": {
            "nav": {"omitted_files": "ignore", "not_found": "warn"},
            "links": {"not_found": "warn", "anchors": "warn", "unrecognized_links": "warn"},
        },
    }
    if config.get("copyright"):
        cfg["copyright"] = esc(str(config["copyright"]))  # HTML to Material, as the site name
    if partial:
        cfg["extra"]["kohyo_partial"] = True
    path = build / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def dump_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1)


__all__ = ["LANGS", "WriteResult", "dump_json", "md_inline", "mkdocs_config", "write_pages"]
