"""Comparison pages: for each process, every municipality's assessment side by side.

One table per process (``compare/<process>.md``) with the figures residents and journalists
compare: form, 対象人数, 取扱者数, entrustment, provision and transfer, self-ratings, serious
incidents, 公表日 and the re-assessment date (公表日 + 5 years, 規則第15条).  The table is plain
HTML and complete without JavaScript; ``assets/kohyo-sort.js`` adds sorting by column header.
Every cell carries ``data-sort`` (a number or an ISO date) so that sorting never parses text.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, get_args

from generator.fieldstate import EXPLAIN, LABEL, SHORT, UNKNOWN, FieldNotes
from generator.link import Site, prefecture_groups
from generator.model.choices import Handlers500, Population, PopulationBasic, Users
from generator.paths import to_site_root
from generator.render import Ctx, form_label
from generator.summary import RATINGS, Count, Facts, facts, rating_label
from generator.textfmt import esc, page_start
from generator.vocab import t
from generator.write import LIST_LIMIT, Writer

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
    text = f"{n}件" if lang == "ja" else str(n)
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
    rec: Any = a.record
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


def table(site: Site, pid: str, lang: str, up: str, only: list[str] | None = None) -> str:
    ids = sorted(
        site.by_process.get(pid, []) if only is None else only,
        key=lambda i: (
            site.municipalities[site.assessments[i].municipality].code,
            FORM_ORDER.get(getattr(site.assessments[i].record, "form", ""), 9),
            i,
        ),
    )
    caption = t("compare.compare_of", lang, name=site.processes[pid].name.show(lang))
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers(lang))
    body = "".join(row(site, i, lang, up) for i in ids)
    hint = t("compare.scroll_hint", lang, n=str(len(headers(lang))))
    return (
        f'<p class="kh-scroll-hint" id="kh-scroll-hint-{esc(pid)}">{esc(hint)}</p>'
        f'<div class="kh-table-wrap kh-compare-wrap" tabindex="0" role="region" aria-label="{esc(caption)}"'
        f' aria-describedby="kh-scroll-hint-{esc(pid)}">'
        f'<table class="kh-data kh-compare" data-kh-sortable data-sort-label="{esc(t("compare.sort_hint", lang))}">'
        f"<caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def pages(site: Site, lang: str) -> Iterable[tuple[str, str]]:
    items = []
    for pid, p in sorted(site.processes.items()):
        n = len(site.by_process.get(pid, []))
        if n == 0:  # nothing to compare: not offered
            continue
        items.append(
            f'<li><a href="{pid}/">{esc(t("compare.compare_of", lang, name=p.name.show(lang)))}</a>'
            f"{'（' if lang == 'ja' else ' ('}{n}{'件）' if lang == 'ja' else ')'}</li>"
        )
    yield (
        "compare/index.md",
        page_start(t("compare.compare_all", lang))
        + f'<ul class="kh-browse">{"".join(items)}</ul>\n',
    )
    for pid, p in sorted(site.processes.items()):
        path = f"compare/{pid}.md"
        up = "../../"
        name = p.name.show(lang)
        ids = site.by_process.get(pid, [])
        text = page_start(t("compare.compare_of", lang, name=name))
        text += f'<p class="kh-intro">{esc(t("compare.intro", lang))}</p>\n\n'
        if len(ids) > LIST_LIMIT:  # nation scale: one table per prefecture, on its own page
            section = Writer(site, Path()).by_prefecture(sorted(ids), lang, lambda slug: f"{slug}/")
            text += _section_html(section)
            for slug, (_pref, members) in prefecture_groups(site, ids).items():
                sub = f"compare/{pid}/{slug}.md"
                muni = site.municipalities[site.assessments[members[0]].municipality]
                title = (
                    f"{t('compare.compare_of', lang, name=name)}（{muni.prefecture.show(lang)}）"
                )
                if lang == "en":
                    title = (
                        f"{t('compare.compare_of', lang, name=name)} ({muni.prefecture.show(lang)})"
                    )
                yield sub, _compare_page(site, pid, lang, sub, "../../../", title, members)
        elif ids:
            text += _compare_body(site, pid, lang, path, up, ids)
        else:
            text += f"<p>{esc(t('compare.none_here', lang))}</p>\n"
        text += f'\n<p><a href="{up}processes/{pid}/">{esc(name)}</a></p>\n'
        yield path, text


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
        f"<tbody>{body}</tbody></table></div>\n\n"
    )


def _compare_body(site: Site, pid: str, lang: str, path: str, up: str, ids: list[str]) -> str:
    return (
        table(site, pid, lang, up, ids)
        + "\n\n"
        + f'<p class="kh-note">{esc(t("compare.handlers_note", lang))}</p>\n\n'
        + _legend(lang)
        + f'<p class="kh-note">{esc(t("compare.reassess_note", lang))}</p>\n\n'
        + f'<script src="{to_site_root(path, lang)}assets/kohyo-sort.js" defer></script>\n'
    )


def _legend(lang: str) -> str:
    """What each way of showing an empty entry means (generator/fieldstate.py)."""
    rows = "".join(f"<dt>{esc(LABEL[s][lang])}</dt><dd>{esc(EXPLAIN[s][lang])}</dd>" for s in LABEL)
    return f'<p class="kh-note">{esc(t("compare.states", lang))}</p>\n<dl class="kh-states">{rows}</dl>\n\n'


def _compare_page(
    site: Site, pid: str, lang: str, path: str, up: str, title: str, ids: list[str]
) -> str:
    text = page_start(title)
    text += f'<p class="kh-intro"><a href="../">{esc(t("compare.compare_all", lang))}</a></p>\n\n'
    text += _compare_body(site, pid, lang, path, up, ids)
    return text


def nav(lang: str) -> list[tuple[str, str]]:
    return [(t("compare.compare", lang), "compare/index.md")]
