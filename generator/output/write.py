"""Stage 5, write: the linked site -> Markdown files per language and the MkDocs configuration.

Output goes to a fresh folder (``build/docs/{ja,en}`` and ``build/mkdocs.yml``) in sorted order,
with no wall-clock dates, so the same content always gives the same files.
"""

from __future__ import annotations

import html
import multiprocessing
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from types import ModuleType
from typing import TYPE_CHECKING, Any

from generator.core.paths import to_root
from generator.core.textfmt import esc, md_inline_html, pagefind_value
from generator.core.vocab import english_only, t, words
from generator.linking.link import AssessmentRef
from generator.model import FullAssessment, SummaryDocument
from generator.output.listing import LANGS, PageWriter, WriteResult, date_html, published_date
from generator.pages._xlink import related_block
from generator.rendering.blocks import Coverage, Heading
from generator.rendering.document import assessment_blocks, form_title, kind_label, status_label
from generator.rendering.pagetemplates import AssessmentPage, CouncilPage, SubPage, render_page
from generator.rendering.summary import summary_markdown

if TYPE_CHECKING:
    from generator.output.cache import MarkdownMemo

# A change log with more rows than this is a page of its own (Writer.changes_page).
CHANGES_INLINE = 30


class Writer(PageWriter):
    """Renders the pages of a site and puts each into ``docs``/<lang>/<path>: the assessment and
    council pages here, the list pages in ``PageWriter``."""

    forks = True  # assessment pages may be rendered by forked workers (each writes its own files)

    # ---------------------------------------------------------------- assessment pages
    def assessment(self, a: AssessmentRef, lang: str) -> None:
        site = self.site
        rec = a.record
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
                published=date_html(published_date(a), lang, rec.status == "案"),
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
        from generator.rendering.blocks import Html
        from generator.rendering.document import OWN_PAGES

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
        form = form_title(rec.form, lang)
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

        from generator.rendering.blocks import Html, Table
        from generator.rendering.document import changes
        from generator.rendering.render import Walker

        at = next(
            (i for i, b in enumerate(blocks) if isinstance(b, Table) and b.cls == "kh-changes"),
            None,
        )
        rec = a.record
        if at is None or isinstance(rec, SummaryDocument) or len(blocks[at].rows) <= CHANGES_INLINE:
            return blocks  # (a summary has no change log)
        table = blocks[at]
        prefix = _html.unescape(table.caption).removesuffix(t("changes", lang))
        sub = a.path.removesuffix(".md") + "/changes.md"
        w = Walker(self.ctx(lang, sub))
        changes(w, rec, prefix)
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
        from generator.rendering.render import Walker

        c = self.site.council[ident]
        rec = c.record
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


def write_pages(
    w: Writer,
    plugins: Sequence[ModuleType],
    munis: set[str] | None = None,
    memo: MarkdownMemo | None = None,
) -> WriteResult:
    """Every page in both languages through ``w``, the page plugins' pages too (the plugins are
    passed in: they are above this stage and use its ``Writer``); ``munis``: only the assessment
    and council pages of these municipalities (every list and plugin page still); ``memo``
    (generator/output/cache.py): assessment pages from earlier builds.  Returns counts and coverage."""
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
