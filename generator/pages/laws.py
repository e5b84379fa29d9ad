"""Law pages: every law of content/registries/laws.yaml, and one page per cited provision
(article, paragraph, item, or table row) with its e-Gov link, its English citation and every
assessment, file and section that cites it, grouped by municipality and process."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.citations import ref_path
from generator.model.links import Law, LegalRef
from generator.pages._xlink import (
    COMPACT_ABOVE,
    ja_span,
    law_short,
    muni_name,
    name,
    occurrence_sections,
    page,
    ref_title,
    up_of,
    xl_of,
)
from generator.textfmt import esc

EGOV = "https://laws.e-gov.go.jp/law/"
JLT = "https://www.japaneselawtranslation.go.jp/en/laws/view/"


def _facts(law: Law, ref: LegalRef | None, lang: str, up_law: str) -> str:
    ja = lang == "ja"
    rows: list[tuple[str, str]] = []
    if ref is not None:
        rows.append(
            ("法令" if ja else "Law", f'<a href="{up_law}">{esc(law_short(law, lang))}</a>')
        )
        rows.append(
            (
                "条項" if ja else "Provision (Japanese)",
                ja_span(f"{law_short(law, 'ja')}{ref.label_ja()}", lang),
            )
        )
        rows.append(("英語" if ja else "Provision (English)", esc(f"{ref.label_en()}")))
    rows.append(("題名" if ja else "Title (Japanese)", ja_span(law.name.ja, lang)))
    if law.name.en:
        rows.append(("英語の題名" if ja else "Title (English)", esc(law.name.en)))
    if law.number:
        rows.append(("法令番号" if ja else "Law number", ja_span(law.number, lang)))
    if law.egov_id:
        anchor = ref.egov_anchor() if ref is not None else ""
        url = EGOV + law.egov_id + (f"#{anchor}" if anchor else "")
        what = (
            ("条文（e-Gov法令検索）" if anchor else "法令本文（e-Gov法令検索）")
            if ja
            else ("Article text on e-Gov" if anchor else "Law text on e-Gov")
        )
        note = (
            ""
            if law.egov_checked
            else (
                "（法令IDは法令番号から導いたもので未確認）"
                if ja
                else " (ID derived from the law number, unconfirmed)"
            )
        )
        rows.append(("e-Gov", f'<a href="{esc(url)}">{esc(what)}</a>{esc(note)}'))
    elif law.url:
        rows.append(
            ("掲載ページ" if ja else "Published at", f'<a href="{esc(law.url)}">{esc(law.url)}</a>')
        )
    if law.jlt_id:
        rows.append(
            (
                "英訳" if ja else "English translation",
                f'<a href="{JLT}{law.jlt_id}/en">Japanese Law Translation</a>'
                + (
                    "（非公式訳。改正に遅れることがあります）"
                    if ja
                    else " (unofficial; may lag behind amendments)"
                ),
            )
        )
    if ref is not None and ref.row is not None:
        regime = law.regime or ref.table or ""
        rows.append(
            (
                "項番の体系" if ja else "Numbering regime",
                ja_span(regime, lang)
                + esc(
                    "。同じ項番でも体系・時点が違えば別の事務です。"
                    if ja
                    else " — the same row number means different work under another table or revision; "
                    "each citation is as of its document's date."
                ),
            )
        )
    if law.note is not None:
        rows.append(
            (
                "注記" if ja else "Note",
                esc(name(law.note, lang)) if ja or law.note.en else ja_span(law.note.ja, lang),
            )
        )
    body = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    disclaimer = (
        ""
        if ja
        else '<p class="kh-notice">Only the Japanese text of a law has legal effect; English titles '
        "and citations here are unofficial.</p>"
    )
    return f'<dl class="kh-facts">{body}</dl>{disclaimer}'


def pages(site: Any, lang: str) -> Iterable[tuple[str, str]]:
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
                ja_span(law.name.ja, lang) if not ja else esc(law.name.ja),
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
    title = "法令" if ja else "Laws"
    yield (
        "laws/index.md",
        page(
            title,
            "",
            [{"heading": "", "anchor": "", "caption": title, "headers": headers, "rows": rows}],
            lang,
        ),
    )
    for law in xl.laws.values():
        path = f"laws/{law.id}/index.md"
        up = up_of(path)
        refs = xl.refs_of(law.id)
        ref_rows = []
        for r in refs:
            docs = {o.doc for o in xl.refs[r]}
            munis = sorted({o.municipality for o in xl.refs[r]})
            names = [muni_name(site, m, lang) for m in munis]
            if len(docs) > COMPACT_ABOVE:  # the provision's page lists them by prefecture
                names = [f"{len(munis):,}団体" if ja else f"{len(munis):,} municipalities"]
            ref_rows.append(
                [
                    f'<a href="{r.slug()}/">{esc(ref_title(law, r, lang))}</a>',
                    esc(r.label_en()) if ja else ja_span(r.label_ja(), lang),
                    str(len(docs)),
                    esc("、".join(names) if ja else ", ".join(names)),
                ]
            )
        sections: list[dict[str, Any]] = [
            {
                "heading": "引用された条項" if ja else "Provisions cited",
                "anchor": "provisions",
                "caption": "引用された条項" if ja else "Provisions cited",
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
                s["heading"] = (
                    f"{s['heading']}の評価書での引用" if ja else f"Citations in {s['heading']}"
                )
            sections.append(s)
        intro = (
            f'<p class="kh-intro"><a href="../">{esc("法令の一覧" if ja else "All laws")}</a></p>'
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
                ),
                intro,
                sections,
                lang,
            ),
        )
        for r in refs:
            rpath = f"laws/{law.id}/{r.slug()}.md"
            rup = up_of(rpath)
            sections = occurrence_sections(site, xl.refs[r], lang, rup)
            for s in sections:
                s["heading"] = f"{s['heading']}" if ja else s["heading"]
            intro = _facts(law, r, lang, "../")
            assert ref_path(r) == f"laws/{law.id}/{r.slug()}/"
            yield rpath, page(ref_title(law, r, lang), intro, sections, lang)
