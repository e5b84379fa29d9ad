"""Law pages: every law of content/registries/laws.yaml, and one page per cited provision
(article, paragraph, item, or table row) with its e-Gov link, its English citation and every
assessment, file and section that cites it, grouped by municipality and process."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from generator.core.paths import to_root
from generator.core.textfmt import esc
from generator.core.vocab import listing, t
from generator.linking.link import Site
from generator.linking.linker import ref_path
from generator.model.links import Law, LegalRef, renumbering_entry, today_equivalent
from generator.pages._xlink import (
    COMPACT_ABOVE,
    ja_span,
    law_short,
    muni_name,
    name,
    occurrence_sections,
    page,
    ref_label,
    ref_title,
    regime_suffix,
    renumbering_of,
    xl_of,
)

EGOV = "https://laws.e-gov.go.jp/law/"
JLT = "https://www.japaneselawtranslation.go.jp/en/laws/view/"


def _t(text: Any, lang: str) -> str:
    """A bilingual registry text in the page's language (Japanese marked on English pages)."""
    if text is None:
        return ""
    return esc(name(text, lang)) if lang == "ja" or text.en else ja_span(text.ja, lang)


UNCONFIRMED = {"ja": "（未確認）", "en": " (unconfirmed)"}
TITLE_UNCONFIRMED = {"ja": "（題名未確認）", "en": " (title unconfirmed)"}


def _unconfirmed(lang: str) -> str:
    return f'<strong class="kh-unconfirmed">{esc(UNCONFIRMED[lang])}</strong>'


def _egov(law: Law, anchor: str, lang: str, what: str) -> str:
    ja = lang == "ja"
    url = EGOV + str(law.egov_id) + (f"#{anchor}" if anchor else "")
    note = (
        ""
        if law.egov_checked
        else (
            "（法令IDは法令番号などから導いたもので未確認）"
            if ja
            else " (ID derived from the law number or a copy, unconfirmed)"
        )
    )
    return f'<a href="{esc(url)}">{esc(what)}</a>{esc(note)}'


def old_numbering(law: Law, ref: LegalRef, lang: str, up_law: str, known: set[LegalRef]) -> str:
    """The notice of a page for a provision in an older numbering: what it was, today's
    equivalent (linked), and how sure the site is."""
    rn = renumbering_of(law, ref)
    if rn is None:
        return ""
    ja = lang == "ja"
    today, steps = today_equivalent(law, ref, rn.id)
    if today is not None:
        label = f"{law_short(law, lang)}{today.label_ja()}" if ja else ref_title(law, today, lang)
        target = (
            f'<a href="{up_law}{today.slug()}/">{esc(label)}</a>'
            if today in known
            else (_egov(law, today.egov_anchor(), lang, label) if law.egov_id else esc(label))
        )
        equivalent = t("laws.same_provision_today", lang, target=target)
    else:
        equivalent = t("laws.the_provision_no_longer_exists", lang)
    written = ref.label_ja() if ja else ref.label_en()
    head = (
        f"この「{esc(written)}」は{esc(rn.until_label.ja)}の番号です（{esc(rn.by)}で番号が変わりました）。"
        "評価書のこの引用は、当時の条項を指しています。"
        if ja
        else f"“{esc(written)}” is the numbering {esc(rn.until_label.en or rn.until_label.ja)} "
        f'(renumbered by <span lang="ja">{esc(rn.by)}</span>). The assessments citing it mean the '
        "provision as it then stood."
    )
    notes = "".join(f" {_t(step.note, lang)}" for step in steps if step.note is not None)
    sure = (
        ""
        if rn.confirmed
        else _unconfirmed(lang)
        + (
            "番号の対応はこのサイトの整理で、官報で確かめていません。"
            if ja
            else " The mapping is this site's reading and has not been checked against the official gazette."
        )
    )
    return (
        f'<div class="kh-notice kh-old-numbering" role="note"><p>{head} {equivalent}{notes}</p>'
        f"<p>{sure}</p></div>"
    )


def _table_notes(law: Law, ref: LegalRef, lang: str, up_law: str) -> list[str]:
    """What later amendments did to the table of a row (renamed, deleted), from the registry."""
    ja = lang == "ja"
    out = []
    for rn in law.renumberings:
        entry = renumbering_entry(law, rn, ref)
        if entry is None or ref.table is None:
            continue
        when = rn.in_force.render(lang) if rn.in_force is not None else ""
        if entry.new is not None:
            what = (
                f"{entry.old}は{when}に{rn.by}で「{entry.new}」になりました。"
                if ja
                else f"{_table_en_label(entry.old)} became “{entry.new}” on {when} "
                f'(<span lang="ja">{esc(rn.by)}</span>).'
            )
        else:
            what = (
                f"{entry.old}は{when}に{rn.by}で削除されました。"
                if ja
                else f"{_table_en_label(entry.old)} was deleted on {when} "
                f'(<span lang="ja">{esc(rn.by)}</span>).'
            )
        html = esc(what) if ja else what
        if entry.successor_law:
            html += (
                f' <a href="{up_law}../{esc(entry.successor_law)}/">'
                + esc(t("laws.successor_order", lang))
                + "</a>"
            )
        if entry.note is not None:
            html += " " + _t(entry.note, lang)
        if not rn.confirmed:
            html += _unconfirmed(lang)
        out.append(html)
    return out


def _table_en_label(table: str) -> str:
    return LegalRef(law="x", table=table).label_en()


def _facts(
    law: Law,
    ref: LegalRef | None,
    lang: str,
    up_law: str,
    known: set[LegalRef] | None = None,
    older: Sequence[LegalRef] = (),
) -> str:
    ja = lang == "ja"
    rows: list[tuple[str, str]] = []
    if ref is not None:
        rows.append((t("laws.law", lang), f'<a href="{up_law}">{esc(law_short(law, lang))}</a>'))
        rows.append(
            (
                t("laws.provision_japanese", lang),
                ja_span(f"{law_short(law, 'ja')}{ref.label_ja()}", lang)
                + esc(regime_suffix(law, ref, lang)),
            )
        )
        rows.append((t("laws.provision_english", lang), esc(ref_label(law, ref, "en"))))
    title = ja_span(law.name.ja, lang)
    if not law.name_confirmed:
        title += _unconfirmed(lang) + esc(
            "題名は評価書に書かれておらず、公式の資料で確かめていません。"
            if ja
            else " The title is not printed in the assessments and has not been checked against an official source."
        )
    rows.append((t("laws.title_japanese", lang), title))
    if law.name.en:
        rows.append((t("laws.title_english", lang), esc(law.name.en)))
    if law.number:
        rows.append((t("laws.law_number", lang), ja_span(law.number, lang)))
    elif law.kind != "条例" or not law.url:
        rows.append(
            (
                t("laws.law_number", lang),
                esc(t("laws.not_printed_in_the_assessments", lang)) + _unconfirmed(lang),
            )
        )
    if law.egov_id:
        old = ref is not None and ref.regime is not None
        anchor = ref.egov_anchor() if ref is not None and not old else ""
        what = (
            ("条文（e-Gov法令検索）" if anchor else "法令本文（e-Gov法令検索）")
            if ja
            else ("Article text on e-Gov" if anchor else "Law text on e-Gov")
        )
        link = _egov(law, anchor, lang, what)
        if ref is not None:
            link += esc(
                "（現在の条文です。評価書の当時の条文は e-Gov の改正履歴で確かめてください）"
                if ja
                else " (the text in force today; for the text as it stood when an assessment was "
                "written, use the amendment history on e-Gov)"
            )
        rows.append(("e-Gov", link))
    elif law.url:
        rows.append((t("laws.published_at", lang), f'<a href="{esc(law.url)}">{esc(law.url)}</a>'))
    else:
        rows.append(
            (
                t("laws.text", lang),
                esc(
                    "このサイトは本文の掲載ページを確かめていません"
                    if ja
                    else "this site has not confirmed where the text is published"
                ),
            )
        )
    if law.jlt_id:
        rows.append(
            (
                t("laws.english_translation", lang),
                f'<a href="{JLT}{law.jlt_id}/en">Japanese Law Translation</a>'
                + (
                    "（非公式訳。改正に遅れることがあります）"
                    if ja
                    else " (unofficial; may lag behind amendments)"
                ),
            )
        )
    if ref is not None and ref.table is not None:
        for note in _table_notes(law, ref, lang, up_law):
            rows.append((t("laws.amendments_of_the_table", lang), note))
    if ref is not None and ref.row is not None:
        rows.append(
            (
                t("laws.row_numbers", lang),
                esc(
                    "項番は、引用している評価書の日付の時点のものです。同じ項番でも時点が違えば別の事務のことがあります。"
                    if ja
                    else "Row numbers are as of the date of the assessment citing them; the same number "
                    "may mean other work at another date."
                ),
            )
        )
    if law.note is not None:
        rows.append((t("laws.note", lang), _t(law.note, lang)))
    body = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    disclaimer = (
        ""
        if ja
        else '<p class="kh-notice">Only the Japanese text of a law has legal effect; English titles '
        "and citations here are unofficial.</p>"
    )
    if ref is not None and ref.regime is None:
        earlier = [
            r
            for r in older  # sorted, with their regime
            if r.law == law.id and today_equivalent(law, r, r.regime)[0] == ref
        ]
        if earlier:
            rows.append(
                (
                    t("laws.cited_in_an_older_numbering_as", lang),
                    t("sep.list", lang).join(
                        f'<a href="{up_law}{r.slug()}/">{esc(ref_title(law, r, lang))}</a>'
                        for r in earlier
                    ),
                )
            )
        body = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    notice = old_numbering(law, ref, lang, up_law, known or set()) if ref is not None else ""
    return f'{notice}<dl class="kh-facts">{body}</dl>{disclaimer}'


def pages(site: Site, lang: str) -> Iterable[tuple[str, str]]:
    xl = xl_of(site)
    if xl is None or not xl.laws:
        return
    ja = lang == "ja"
    # index
    rows = []
    for law in xl.laws.values():
        docs = {o.doc for o in xl.law_occurrences(law.id)}
        rows.append(
            [
                f'<a href="{law.id}/">{esc(law_short(law, lang))}</a>',
                (ja_span(law.name.ja, lang) if not ja else esc(law.name.ja))
                + ("" if law.name_confirmed else _unconfirmed(lang)),
                ja_span(law.number or "", lang),
                str(len(xl.refs_of(law.id))),
                str(len(docs)),
            ]
        )
    headers = (
        ["法令", "題名", "法令番号", "引用された条項", "評価書・文書"]
        if ja
        else ["Law", "Japanese title", "Law number", "Provisions cited", "Documents"]
    )
    title = t("laws.laws", lang)
    yield (
        "laws/index.md",
        page(
            title,
            "",
            [{"heading": "", "anchor": "", "caption": title, "headers": headers, "rows": rows}],
            lang,
        ),
    )
    known = set(xl.refs)
    # the provisions cited in an older numbering, sorted once (each provision page lists those
    # that mean it today)
    older = sorted((r for r in known if r.regime is not None), key=LegalRef.sort_key)
    for law in xl.laws.values():
        path = f"laws/{law.id}/index.md"
        up = to_root(path)
        refs = xl.refs_of(law.id)
        ref_rows = []
        for r in refs:
            docs = {o.doc for o in xl.refs[r]}
            munis = sorted({o.municipality for o in xl.refs[r]})
            names = [muni_name(site, m, lang) for m in munis]
            if len(docs) > COMPACT_ABOVE:  # the provision's page lists them by prefecture
                names = [t("laws.n_municipalities", lang, n=f"{len(munis):,}")]
            ref_rows.append(
                [
                    f'<a href="{r.slug()}/">{esc(ref_title(law, r, lang))}</a>',
                    esc(ref_label(law, r, "en"))
                    if ja
                    else ja_span(r.label_ja() + regime_suffix(law, r, "ja"), lang),
                    str(len(docs)),
                    esc(listing(names, lang)),
                ]
            )
        sections: list[dict[str, Any]] = [
            {
                "heading": t("laws.provisions_cited", lang),
                "anchor": "provisions",
                "caption": t("laws.provisions_cited", lang),
                "headers": (
                    ["条項", "英語", "評価書・文書", "団体"]
                    if ja
                    else ["Provision", "Japanese", "Documents", "Municipalities"]
                ),
                "rows": ref_rows,
            }
        ]
        occs = xl.law_occurrences(law.id)
        compact = len({o.doc for o in occs}) > COMPACT_ABOVE
        for s in occurrence_sections(site, occs, lang, up, with_text=False, per_document=True):
            if not compact:
                s["heading"] = t("laws.citations_in", lang, name=s["heading"])
            sections.append(s)
        intro = (
            f'<p class="kh-intro"><a href="../">{esc(t("laws.all_laws", lang))}</a></p>'
            + _facts(law, None, lang, "./")
        )
        yield (
            path,
            page(
                f"{law_short(law, lang)}"
                + (
                    f"（{law.name.ja}）"
                    if ja and law.short is not None
                    else (
                        f" ({law.name.en})"
                        if not ja
                        and law.short is not None
                        and law.name.en
                        and law.short.en != law.name.en
                        else ""
                    )
                )
                + ("" if law.name_confirmed else TITLE_UNCONFIRMED[lang]),
                intro,
                sections,
                lang,
            ),
        )
        for r in refs:
            rpath = f"laws/{law.id}/{r.slug()}.md"
            rup = to_root(rpath)
            sections = occurrence_sections(site, xl.refs[r], lang, rup)
            intro = _facts(law, r, lang, "../", known, older)
            assert ref_path(r) == f"laws/{law.id}/{r.slug()}/"
            yield rpath, page(ref_title(law, r, lang), intro, sections, lang)
