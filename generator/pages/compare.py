"""Comparison pages: for each process, every municipality's assessment side by side.

One table per process (``compare/<process>.md``) with the figures residents and journalists
compare: form, 対象人数, 取扱者数, entrustment, provision and transfer, self-ratings, serious
incidents, 公表日 and the re-assessment date (公表日 + 5 years, 規則第15条).  The table is plain
HTML and complete without JavaScript; ``assets/kohyo-sort.js`` adds sorting by column header.
Every cell carries ``data-sort`` (a number or an ISO date) so that sorting never parses text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from markupsafe import Markup

from generator.core.fieldstate import EXPLAIN, LABEL, SHORT, UNKNOWN, FieldNotes
from generator.core.paths import to_site_root
from generator.core.textfmt import esc, front_matter
from generator.core.vocab import aside, t, words
from generator.linking.link import Site, prefecture_groups
from generator.model.choices import Handlers500, Population, PopulationBasic, Users
from generator.output.listing import LIST_LIMIT
from generator.output.write import Writer
from generator.rendering.blocks import Ctx
from generator.rendering.document import form_label
from generator.rendering.facts import RATINGS, Count, Facts, facts
from generator.rendering.pagetemplates import render_page
from generator.rendering.summary import rating_label

FORM_ORDER = {"概要": 0, "基礎項目評価書": 1, "重点項目評価書": 2, "全項目評価書": 3}
_BANDS: dict[str, int] = {}
for _options in (
    get_args(Population),
    get_args(PopulationBasic),
    tuple(reversed(get_args(Handlers500))),
    get_args(Users),
):  # each list from small to large (500人未満 < 500人以上)
    for _i, _option in enumerate(_options):
        _BANDS.setdefault(_option, _i)


def _cell(html: str, sort: str | int | None) -> str:
    return (
        f'<td data-sort="{esc(str(sort))}">{html}</td>'
        if sort is not None
        else f'<td data-sort="">{html}</td>'
    )


def _unknown(states: list[str], lang: str) -> str:
    """ "ほかに不明 6件（判読できず）" / "+6 unknown (unreadable)": never a number for an unknown."""
    if not states:
        return ""
    kinds = "・".join(SHORT[s]["ja"] for s in sorted(set(states)))
    if lang == "ja":
        return f'<span class="kh-unknown-part">（ほかに不明 {len(states)}件: {esc(kinds)}）</span>'
    kinds = ", ".join(SHORT[s]["en"] for s in sorted(set(states)))
    return f'<span class="kh-unknown-part"> (+{len(states)} unknown: {esc(kinds)})</span>'


def _count(c: Count | int | None, lang: str, unknown: list[str] | None = None) -> str:
    if isinstance(c, Count):
        n, unknown = c.known, [*c.unknown]
    else:
        n, unknown = c, unknown or []
    if n is None:
        if unknown:
            state = sorted(set(unknown))[0]
            return _cell(Ctx(lang).state_html(state), None)
        return _cell(Ctx(lang).empty(), None)
    text = t("count_n", lang, n=n)
    return _cell(text + _unknown(unknown, lang), n)


def _band(value: str | None, ctx: Ctx, state: str = "") -> str:
    if not value:
        return _cell(ctx.state_html(state) if state in UNKNOWN else ctx.empty(), None)
    return _cell(ctx.choice(value), _BANDS.get(value, 0))


def _handlers(f: Facts, ctx: Ctx) -> str:
    if f.handlers:
        return _band(f.handlers, ctx)
    users = f.users
    if not users:
        return _cell(ctx.empty(), None)
    o, c = ("（", "）") if ctx.lang == "ja" else ("(", ")")
    label = "使用者数 " if ctx.lang == "ja" else "users: "
    text = o + label + ("、" if ctx.lang == "ja" else ", ").join(ctx.choice(u) for u in users) + c
    return _cell(f'<span class="kh-users">{text}</span>', max(_BANDS.get(u, 0) for u in users))


def headers(lang: str) -> list[str]:
    return [
        t("municipality", lang),
        t("form", lang),
        t("compare.population", lang),
        t("compare.handlers", lang),
        t("compare.outsourced", lang),
        t("compare.subcontracted", lang),
        t("compare.recipients", lang),
        t("compare.transferees", lang),
        *[rating_label(r, lang) for r in RATINGS],
        t("compare.incident", lang),
        t("published", lang),
        t("compare.due", lang),
    ]


def _na(lang: str) -> str:
    """A column the form has no item for (a 基礎項目評価書 states no counts; a 概要 no figures)."""
    return _cell(f'<span class="kh-na">{esc(t("compare.na", lang))}</span>', None)


def _flag(flag: bool | None, lang: str, state: str) -> str:
    """A 基礎項目評価書's 「委託しない」 / 「提供・移転しない」: the statement chosen, no count."""
    if flag is None:
        return _cell(Ctx(lang).state_html(state), None) if state in UNKNOWN else _na(lang)
    if flag:
        return _cell("0件" if lang == "ja" else "0", 0)
    return _cell(f'<span class="kh-na">{esc(t("compare.yes_no_count", lang))}</span>', None)


def row(site: Site, ident: str, lang: str, up: str) -> str:
    a = site.assessments[ident]
    rec = a.record
    f = facts(rec)
    ctx = Ctx(lang)
    muni = site.municipalities[a.municipality]
    cells = [
        f'<th scope="row" data-sort="{esc(muni.code)}"><a href="{up}assessments/{ident}/">'
        f"{esc(muni.name.show(lang))}</a></th>",
        _cell(esc(form_label(rec.form, lang)), FORM_ORDER.get(rec.form, 9)),
    ]
    if rec.form == "概要":
        cells += [_na(lang)] * (len(headers(lang)) - 4)
    else:
        cells += [_band(f.population, ctx, f.population_state), _handlers(f, ctx)]
        if rec.form == "基礎項目評価書":
            notes = FieldNotes.of(rec)
            out_state = notes.state(("risks", "not_outsourced"))[0]
            dis_state = notes.state(("risks", "not_disclosed"))[0]
            cells += [
                _flag(f.not_outsourced, lang, out_state),
                _na(lang),
                _flag(f.not_disclosed, lang, dis_state),
                _na(lang),
            ]
        else:
            cells += [
                _count(f.outsourced, lang),
                _count(f.subcontracted, lang),
                _count(f.recipients, lang),
                _count(f.transferees, lang),
            ]
        unknown = [state for state, n in sorted(f.ratings_unknown.items()) for _ in range(n)]
        for r in RATINGS:
            if not f.ratings and unknown:
                kinds = ("・" if lang == "ja" else ", ").join(
                    SHORT[x][lang] for x in sorted(set(unknown))
                )
                text = (
                    f"不明 {len(unknown)}件（{kinds}）"
                    if lang == "ja"
                    else f"{len(unknown)} unknown ({kinds})"
                )
                cells.append(_cell(f'<span class="kh-unknown-part">{esc(text)}</span>', None))
            else:
                cells.append(_count(f.ratings.get(r, 0) if f.ratings else None, lang, unknown))
        incident = f.serious_incident
        if incident is None and f.incidents_unknown:
            cells.append(_cell(ctx.state_html(f.incidents_unknown[0]), None))
        elif incident is None:
            cells.append(_cell(ctx.empty(), None))
        else:
            cells.append(
                _cell(t("compare.yes" if incident else "compare.no", lang), 1 if incident else 0)
            )
    if rec.status == "案":
        draft = f'<span class="kh-draft-date">{esc(t("not_published", lang))}</span>'
        cells += [_cell(draft, None), _cell(esc(t("compare.na_draft", lang)), None)]
    else:
        for d in (f.published, f.reassessment_due):
            cells.append(_cell(esc(d.render(lang)), d.iso) if d else _cell(ctx.empty(), None))
    return f'<tr data-kh-assessment="{esc(ident)}">' + "".join(cells) + "</tr>"


@dataclass(frozen=True)
class CompareTable:
    """The comparison table of a process (its rows are HTML built by ``row``)."""

    pid: str
    caption: str
    hint: str
    headers: list[str]
    rows: list[Markup]
    script: str  # the address of assets/kohyo-sort.js


@dataclass(frozen=True)
class Link:
    href: str
    name: str


@dataclass(frozen=True)
class ComparePage:
    """The context of templates/compare.html.j2: a process's comparison, or a prefecture's part
    of it at nation scale (``back``: a link to the list of comparisons instead of the intro)."""

    front_matter: Markup
    title: str
    L: dict[str, str]
    back: bool
    table: CompareTable | None
    by_prefecture: Markup | None  # nation scale: a table of the prefectures, each a page
    legend: list[tuple[str, str]]  # what each way of showing an empty entry means
    process: Link | None


@dataclass(frozen=True)
class CompareItem:
    href: str
    name: str
    count: str


@dataclass(frozen=True)
class CompareIndex:
    """The context of templates/compare_index.html.j2: the processes there is something to compare for."""

    front_matter: Markup
    title: str
    items: list[CompareItem]


def table(
    site: Site, pid: str, lang: str, path: str, up: str, only: list[str] | None = None
) -> CompareTable:
    ids = sorted(
        site.by_process.get(pid, []) if only is None else only,
        key=lambda i: (
            site.municipalities[site.assessments[i].municipality].code,
            FORM_ORDER.get(site.assessments[i].record.form, 9),
            i,
        ),
    )
    return CompareTable(
        pid=pid,
        caption=t("compare.compare_of", lang, name=site.processes[pid].name.show(lang)),
        hint=t("compare.scroll_hint", lang, n=str(len(headers(lang)))),
        headers=headers(lang),
        rows=[Markup(row(site, i, lang, up)) for i in ids],
        script=f"{to_site_root(path, lang)}assets/kohyo-sort.js",
    )


def _page(
    title: str,
    lang: str,
    *,
    back: bool = False,
    table: CompareTable | None = None,
    by_prefecture: str | None = None,
    process: Link | None = None,
) -> str:
    context = ComparePage(
        front_matter=Markup(front_matter(title)),
        title=title,
        L=words(lang),
        back=back,
        table=table,
        by_prefecture=Markup(by_prefecture) if by_prefecture is not None else None,
        legend=[(LABEL[s][lang], EXPLAIN[s][lang]) for s in LABEL],
        process=process,
    )
    return render_page("compare.html.j2", context)


def pages(site: Site, lang: str) -> Iterable[tuple[str, str]]:
    items = [
        CompareItem(
            f"{pid}/",
            t("compare.compare_of", lang, name=p.name.show(lang)),
            aside(t("count_n", lang, n=len(site.by_process[pid])), lang),
        )
        for pid, p in sorted(site.processes.items())
        if site.by_process.get(pid)  # nothing to compare: not offered
    ]
    title = t("compare.compare_all", lang)
    index = CompareIndex(Markup(front_matter(title)), title, items)
    yield "compare/index.md", render_page("compare_index.html.j2", index)
    for pid, p in sorted(site.processes.items()):
        path = f"compare/{pid}.md"
        up = "../../"
        name = p.name.show(lang)
        ids = site.by_process.get(pid, [])
        title = t("compare.compare_of", lang, name=name)
        back = Link(f"{up}processes/{pid}/", name)
        if len(ids) > LIST_LIMIT:  # nation scale: one table per prefecture, on its own page
            for slug, (_pref, members) in prefecture_groups(site, ids).items():
                sub = f"compare/{pid}/{slug}.md"
                muni = site.municipalities[site.assessments[members[0]].municipality]
                sub_title = title + aside(muni.prefecture.show(lang), lang)
                sub_table = table(site, pid, lang, sub, "../../../", members)
                yield sub, _page(sub_title, lang, back=True, table=sub_table)
            section = Writer(site, Path()).by_prefecture(sorted(ids), lang, lambda slug: f"{slug}/")
            yield path, _page(title, lang, by_prefecture=_section_html(section), process=back)
        elif ids:
            yield (
                path,
                _page(title, lang, table=table(site, pid, lang, path, up, ids), process=back),
            )
        else:
            yield path, _page(title, lang, process=back)


def _section_html(section: dict[str, Any]) -> str:
    """A captioned table of a list section (as templates/list.md.j2 writes it)."""
    caption = esc(section["caption"])
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in section["headers"])
    body = "".join(
        "<tr>"
        + f'<th scope="row">{row[0]}</th>'
        + "".join(f"<td>{c}</td>" for c in row[1:])
        + "</tr>"
        for row in section["rows"]
    )
    return (
        f'<div class="kh-table-wrap" tabindex="0" role="region" aria-label="{caption}">'
        f'<table class="kh-data kh-list"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def nav(lang: str) -> list[tuple[str, str]]:
    return [(t("compare.compare", lang), "compare/index.md")]
