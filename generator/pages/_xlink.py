"""Shared parts of the cross-link pages (laws, systems, contractors, recipients, file types)
and the "関連ページ / Related pages" block of each assessment page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.core.paths import to_root
from generator.core.textfmt import esc
from generator.core.vocab import aside, t, words
from generator.linking.crosslink import CrossLinks, Occurrence
from generator.linking.link import Site, prefecture_slug
from generator.linking.linker import ref_path
from generator.model.base import Text
from generator.model.links import Entity, Law, LegalRef, Renumbering
from generator.rendering.document import part_address
from generator.rendering.pagetemplates import ListPage, render_page

# The vocabulary's name of each kind of cross-linked page.
KIND_WORD = {
    "laws": "xlink.laws",
    "systems": "xlink.systems",
    "contractors": "xlink.contractors",
    "recipients": "xlink.recipients",
    "filetypes": "xlink.filetypes",
}


def xl_of(site: Site) -> CrossLinks | None:
    xl = getattr(site, "crosslinks", None)
    return xl if isinstance(xl, CrossLinks) else None


def name(text: Text | None, lang: str) -> str:
    return text.show(lang) if text is not None else ""


def ja_span(text: str, lang: str) -> str:
    """Escaped text, marked Japanese on English pages."""
    return f'<span lang="ja">{esc(text)}</span>' if lang == "en" else esc(text)


def law_short(law: Law, lang: str) -> str:
    if law.short is not None:
        return name(law.short, lang)
    return name(law.name, lang)


def renumbering_of(law: Law, ref: LegalRef) -> Renumbering | None:
    """The renumbering an old-numbering reference predates (``ref.regime``)."""
    return next((rn for rn in law.renumberings if rn.id == ref.regime), None)


def regime_suffix(law: Law, ref: LegalRef, lang: str) -> str:
    """'（令和3年9月1日より前の番号）' for a reference in an older numbering, else ''."""
    rn = renumbering_of(law, ref) if ref.regime else None
    if rn is None:
        return ""
    if lang == "en":
        return f" (numbering {rn.until_label.en or rn.until_label.ja})"
    return f"（{rn.until_label.ja}の番号）"


def ref_label(law: Law, ref: LegalRef, lang: str) -> str:
    """第19条第8号 / Article 19, item (viii), with the numbering when it is an older one."""
    return (ref.label_en() if lang == "en" else ref.label_ja()) + regime_suffix(law, ref, lang)


def ref_title(law: Law, ref: LegalRef, lang: str) -> str:
    """番号法第19条第8号 / Article 19, item (viii) of the My Number Act."""
    if ref.is_law:
        return law_short(law, lang)
    if lang == "en":
        short = law_short(law, "en")
        article = "" if short.startswith(("APPI", "MIC")) else "the "
        return f"{ref.label_en()} of {article}{short}{regime_suffix(law, ref, 'en')}"
    return f"{law_short(law, 'ja')}{ref.label_ja()}{regime_suffix(law, ref, 'ja')}"


def page(title: str, intro: str, sections: list[dict[str, Any]], lang: str) -> str:
    return render_page(
        "list.md.j2",
        ListPage(L=words(lang), title=title, description=None, intro=intro, sections=sections),
    )


def doc_title(site: Site, occ: Occurrence, lang: str) -> str:
    if occ.doc.startswith("council:"):
        return str(site.council[occ.doc.split(":", 1)[1]].title[lang])
    return str(site.assessments[occ.doc].title[lang])


def muni_name(site: Site, muni: str, lang: str) -> str:
    m = site.municipalities.get(muni)
    return name(m.name, lang) if m is not None else muni


# Above this many citing documents a page lists them compactly (one row per prefecture, one link
# per municipality) instead of one row per document and file: at nation scale a provision such as
# 番号法第9条 is cited by thousands of assessments, and the detailed table would be megabytes.
COMPACT_ABOVE = 40


def compact_sections(
    site: Site, occs: list[Occurrence], lang: str, up: str
) -> list[dict[str, Any]]:
    """One table: per prefecture the number of documents and a link per municipality (to its only
    citing document, or to the municipality's page with the count when there are several)."""
    ja = lang == "ja"
    docs_by_muni: dict[str, dict[str, Occurrence]] = {}
    for o in occs:
        docs_by_muni.setdefault(o.municipality, {}).setdefault(o.doc, o)
    by_pref: dict[str, tuple[str, str, list[str]]] = {}
    for muni in sorted(
        docs_by_muni,
        key=lambda m: (site.municipalities[m].code if m in site.municipalities else "", m),
    ):
        m = site.municipalities.get(muni)
        if m is not None:
            slug = prefecture_slug(m.prefecture, m.code)
            entry = by_pref.setdefault(
                slug,
                (
                    m.code,
                    f'<a href="{up}prefectures/{slug}/">{esc(name(m.prefecture, lang))}</a>',
                    [],
                ),
            )
        else:
            entry = by_pref.setdefault("", ("", "", []))
        docs = docs_by_muni[muni]
        label = esc(muni_name(site, muni, lang))
        if len(docs) == 1:
            only = next(iter(docs.values()))
            entry[2].append(f'<a href="{up}{only.path[:-3]}/">{label}</a>')
        else:
            count = aside(t("count_n", lang, n=len(docs)), lang)
            entry[2].append(f'<a href="{up}municipalities/{muni}/">{label}</a>{count}')
    sep = t("sep.list", lang)
    rows = [
        [pref_link, str(len(links)), sep.join(links)]
        for _code, pref_link, links in sorted(by_pref.values(), key=lambda e: e[0])
    ]
    n_docs = sum(len(d) for d in docs_by_muni.values())
    caption = (
        f"引用している評価書・文書 {n_docs:,}件（{len(docs_by_muni):,}団体）"
        if ja
        else f"Cited in {n_docs:,} documents of {len(docs_by_muni):,} municipalities"
    )
    return [
        {
            "heading": t("xlink.citations_by_prefecture", lang),
            "anchor": "by-prefecture",
            "caption": caption,
            "headers": (
                ["都道府県", "団体の数", "団体（評価書へのリンク）"]
                if ja
                else ["Prefecture", "Municipalities", "Municipalities (links to the documents)"]
            ),
            "rows": rows,
        }
    ]


def occurrence_sections(
    site: Site,
    occs: Iterable[Occurrence],
    lang: str,
    up: str,
    with_text: bool = True,
    per_document: bool = False,
) -> list[dict[str, Any]]:
    """One table per municipality; one row per document and file (or per document), with the
    sections that cite it listed once each, so pages stay small however often a text cites.
    Above COMPACT_ABOVE documents, the compact form of ``compact_sections``."""
    occs = list(occs)
    if len({o.doc for o in occs}) > COMPACT_ABOVE:
        return compact_sections(site, occs, lang, up)
    by_muni: dict[str, list[Occurrence]] = {}
    for o in occs:
        by_muni.setdefault(o.municipality, []).append(o)
    sections: list[dict[str, Any]] = []
    ja = lang == "ja"
    sep = t("sep.list", lang)
    headers = (
        ["評価書・文書", "事務", "ファイル", "箇所"]
        if ja
        else ["Document", "Process", "File", "Section"]
    )
    if per_document:
        headers = (
            ["評価書・文書", "事務", "引用の数", "箇所"]
            if ja
            else ["Document", "Process", "Citations", "Sections"]
        )
    if with_text and not per_document:
        headers.append(t("xlink.as_written_first_example", lang))
    for muni in sorted(
        by_muni, key=lambda m: (site.municipalities[m].code if m in site.municipalities else "", m)
    ):
        groups: dict[tuple[Any, ...], list[Occurrence]] = {}
        for o in sorted(by_muni[muni], key=lambda o: (o.process or "", o.doc, o.loc)):
            key = (o.doc,) if per_document else (o.doc, o.file)
            groups.setdefault(key, []).append(o)
        rows: list[list[str]] = []
        for group in groups.values():
            o = group[0]
            proc = site.processes.get(o.process) if o.process else None
            # each section linked where it is shown (a long part of a 全項目評価書 has a page
            # of its own: render.part_address)
            record = site.assessments[o.doc].record if o.doc in site.assessments else None
            doc_href = f"{up}{o.path[:-3]}/"
            labels = list(
                dict.fromkeys(
                    (x.section[0] if ja else x.section[1], part_address(record, x.loc))
                    for x in group
                )
            )
            shown = [
                f'<a href="{doc_href}{esc(addr)}">{esc(label)}</a>' if addr else esc(label)
                for label, addr in labels[:12]
            ]
            more = len(labels) - len(shown)
            section_text = sep.join(shown) + esc(
                f"{sep}…（ほか{more}箇所）"
                if ja and more
                else f"{sep}… ({more} more)"
                if more
                else ""
            )
            cells = [
                f'<a href="{up}{o.path[:-3]}/">{esc(doc_title(site, o, lang))}</a>',
                (
                    f'<a href="{up}processes/{o.process}/">{esc(name(proc.name, lang))}</a>'
                    if proc is not None
                    else ""
                ),
            ]
            if per_document:
                cells.append(str(len(group)))
            else:
                cells.append(
                    ja_span(o.file[0], lang)
                    if o.file and (ja or o.file[1] == o.file[0])
                    else esc(o.file[1])
                    if o.file
                    else ""
                )
            cells.append(section_text)
            if with_text and not per_document:
                cells.append(ja_span(" ".join(o.text.split())[:120], lang))
            rows.append(cells)
        title = muni_name(site, muni, lang)
        sections.append(
            {
                "heading": title,
                "anchor": f"m-{muni}",
                "caption": title,
                "headers": headers,
                "rows": rows,
            }
        )
    return sections


def entity_pages(site: Site, lang: str, kind: str) -> Iterable[tuple[str, str]]:
    """The index and one page per entry of a registry of names (systems, contractors, ...)."""
    xl = xl_of(site)
    if xl is None or not xl.entities.get(kind):
        return
    ja = lang == "ja"
    entities: dict[str, Entity] = xl.entities[kind]
    title = t(KIND_WORD[kind], lang)
    rows: list[list[str]] = []
    for ident, ent in sorted(entities.items(), key=lambda kv: kv[1].name.ja):
        docs = {o.doc for o in xl.mentions.get((kind, ident), [])}
        rows.append(
            [
                f'<a href="{ident}/">{esc(name(ent.name, lang))}</a>',
                ja_span("、".join(ent.aliases), lang) if ent.aliases else "",
                str(len(docs)),
            ]
        )
    headers = [
        title,
        t("xlink.other_spellings", lang),
        t("xlink.documents_count", lang),
    ]
    yield (
        f"{kind}/index.md",
        page(
            title,
            "",
            [
                {
                    "heading": "",
                    "anchor": "",
                    "caption": title,
                    "headers": headers,
                    "rows": rows,
                }
            ],
            lang,
        ),
    )
    for ident, ent in sorted(entities.items()):
        path = f"{kind}/{ident}.md"
        up = to_root(path)
        parts = [
            f'<p class="kh-intro"><a href="../">{esc(title)}</a></p>',
            '<dl class="kh-facts">',
        ]
        parts.append(
            f"<dt>{t('xlink.name', lang)}</dt><dd>{ja_span(ent.name.ja, lang)}"
            + (f" ({esc(ent.name.en)})" if not ja and ent.name.en else "")
            + "</dd>"
        )
        if ent.aliases:
            parts.append(
                f"<dt>{t('xlink.other_spellings', lang)}</dt><dd>{ja_span('、'.join(ent.aliases), lang)}</dd>"
            )
        if ent.description is not None:
            desc = name(ent.description, lang)
            parts.append(
                f"<dt>{t('render.description', lang)}</dt><dd>"
                + (esc(desc) if ja or ent.description.en else ja_span(desc, lang))
                + "</dd>"
            )
        parts.append("</dl>")
        occs = xl.mentions.get((kind, ident), [])
        sections = occurrence_sections(site, occs, lang, up)
        if not sections:
            sections = [
                {
                    "heading": t("xlink.documents", lang),
                    "anchor": "documents",
                    "caption": "",
                    "headers": [],
                    "rows": [],
                }
            ]
        yield path, page(name(ent.name, lang), "\n".join(parts), sections, lang)


def related_block(site: Site, doc: str, lang: str, up: str) -> str:
    """関連ページ: the laws, provisions, systems, contractors, recipients and file types of a document."""
    xl = xl_of(site)
    if xl is None:
        return ""
    found = xl.by_doc.get(doc, {})
    if not any(found.values()):
        return ""
    items: list[str] = []
    refs: set[LegalRef] = found.get("laws", set())
    by_law: dict[str, list[LegalRef]] = {}
    for r in refs:
        by_law.setdefault(r.law, []).append(r)
    for law_id in sorted(
        by_law, key=lambda i: (list(xl.laws).index(i) if i in xl.laws else 999, i)
    ):
        law = xl.laws[law_id]
        provisions = sorted((r for r in by_law[law_id] if not r.is_law), key=LegalRef.sort_key)
        links = t("sep.list", lang).join(
            f'<a href="{up}{ref_path(r)}">{esc(ref_label(law, r, lang))}</a>' for r in provisions
        )
        items.append(
            f'<li><a href="{up}laws/{law_id}/">{esc(law_short(law, lang))}</a>'
            + (f"{t('sep.colon', lang)}{links}" if links else "")
            + "</li>"
        )
    out = []
    if items:
        out.append(
            f'<h3>{t("xlink.laws_and_provisions", lang)}</h3><ul class="kh-related-laws">{"".join(items)}</ul>'
        )
    for kind in ("systems", "contractors", "recipients", "filetypes"):
        ids = sorted(found.get(kind, set()))
        if not ids:
            continue
        label = t(KIND_WORD[kind], lang)
        lis = "".join(
            f'<li><a href="{up}{kind}/{i}/">{esc(name(xl.entities[kind][i].name, lang))}</a></li>'
            for i in ids
            if i in xl.entities[kind]
        )
        out.append(f"<h3>{esc(label)}</h3><ul>{lis}</ul>")
    heading = t("xlink.related_pages", lang)
    return f'\n## {heading} {{: #related-pages }}\n\n<nav class="kh-related-pages" aria-label="{heading}" data-pagefind-ignore>{"".join(out)}</nav>\n'
