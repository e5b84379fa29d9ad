"""The assessment page's sections: the generic walk (``generator.rendering.render.Walker``) with the parts
each form prints its own way (files, record items, risks, flows, changes, annexes, glossary, the
note on the electronic version), the long parts of a 全項目評価書 on pages of their own, and the
labels of forms, states and kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel

from generator.core.fieldstate import (
    BLANK,
    EXPLAIN,
    LABEL,
    NOTE,
    UNREADABLE,
    FieldNotes,
)
from generator.core.fieldstate import (
    Path as FieldPath,
)
from generator.core.textfmt import (
    esc,
    ja_quotes,
)
from generator.core.vocab import KIND_EN, STATUS, aside, t
from generator.model import (
    FORM_EN,
    Assessment,
    BasicAssessment,
    FocusedAssessment,
    FullAssessment,
    SummaryDocument,
)
from generator.model.assessment import (
    AnnexRow,
    Change,
    Cover,
    CoverFull,
    FileFocused,
    FileFull,
    RecordItem,
    SummaryFile,
)
from generator.model.choices import CHOICE_EN
from generator.rendering.blocks import (
    Block,
    Coverage,
    Ctx,
    Html,
    Table,
    field_label,
    label_html,
    model_type,
    value_html,
)
from generator.rendering.render import Walker


def roman(n: int) -> str:
    return ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII"][n]


# The long parts of a 全項目評価書, each on a page of its own below the assessment's page
# (assessments/<municipality>/<id>/<part>/): II, III and the 別紙 are two thirds of the largest
# assessments, thousands of elements a phone lays out before the reader can scroll. Part (the
# anchor of its h2 and the name of its page) -> the prefix of every anchor inside it, by which
# an old address (.../juki-full/#risks-1-storage) finds its new page (theme/assets/kohyo.js).
OWN_PAGES: dict[str, str] = {"files": "file", "risks": "risks-", "annexes": "annex-"}
# A part page's context, given the part's name (Writer.assessment).
PartCtx = Callable[[str], Ctx]


def part_address(doc: Assessment | None, loc: tuple[str | int, ...]) -> str:
    """Where the field at ``loc`` of a document is shown, from the document's page: "" (on the
    page) or the part page of a 全項目評価書 and the section there ("risks/#risks-2")."""
    if not isinstance(doc, FullAssessment) or len(loc) < 2 or not isinstance(loc[1], int):
        return ""
    n = loc[1] + 1
    if loc[0] == "annexes":
        return f"annexes/#annex-{n}"
    if loc[0] != "files":
        return ""
    inner = loc[2] if len(loc) > 2 else None
    if inner == "risks":
        return f"risks/#risks-{n}"
    return f"#record-items-{n}" if inner == "record_items" else f"files/#file{n}"


def assessment_blocks(
    doc: Assessment,
    lang: str,
    ctx: Ctx | None = None,
    muni_ja: str = "",
    parts: PartCtx | None = None,
) -> tuple[list[Block], Coverage]:
    """Every section of an assessment, in the form's order. With ``parts`` (a 全項目評価書 only),
    the sections of OWN_PAGES are rendered for their own pages, in the context ``parts`` gives
    (their blocks still come in order: the caller lifts each out, from its h2 to the next)."""
    ctx = ctx or Ctx(lang)
    ctx.notes = FieldNotes.of(doc)
    ctx.draft = doc.status == "案"
    w = Walker(ctx)
    fields = type(doc).model_fields

    def own(name: str, render: Callable[[], None]) -> None:
        """A part rendered in its page's context (relative links, the notes one page up); its
        text still counts for the assessment's translation coverage."""
        if parts is None:
            render()
            return
        sub = parts(name)
        sub.coverage, sub.notes, sub.draft, sub.home = ctx.coverage, ctx.notes, ctx.draft, "../"
        w.ctx = sub
        try:
            render()
        finally:
            w.ctx = ctx

    def section(name: str, level: int = 2) -> None:
        finfo = fields[name]
        value = getattr(doc, name)
        w.heading(level, field_label(finfo, lang), name)
        if value is None:
            w.empty_model(model_type(finfo.annotation), level + 1, name, (name,))
        elif isinstance(value, BaseModel):
            w.model(value, level + 1, name, dpath=(name,))
        else:
            w.kv([(label_html(finfo, lang), value_html(value, ctx, (name,)))])

    def cover(value: Cover | CoverFull) -> None:
        w.heading(2, t("render.cover", lang), "cover")
        w.model(value, 3, "cover", dpath=("cover",))

    if isinstance(doc, FullAssessment):
        cover(doc.cover)
        section("basic_info")
        flows(w, doc, t("render.attachment_1", lang))
        own("files", lambda: files_overview(w, doc, "II"))
        record_items(w, doc, t("render.attachment_2", lang))
        own("risks", lambda: risks(w, doc, "III", full=True))
        section("other_measures")
        section("contacts")
        section("procedure")
        changes(w, doc, t("render.attachment_3", lang))
        own("annexes", lambda: annexes(w, doc))
        glossary(w, doc)
    elif isinstance(doc, FocusedAssessment):
        cover(doc.cover)
        section("basic_info")
        files_overview(w, doc, "II")
        record_items(w, doc, t("render.attachment_1", lang))
        risks(w, doc, "III", full=False)
        section("contacts")
        section("procedure")
        changes(w, doc, t("render.attachment_2", lang))
    elif isinstance(doc, BasicAssessment):
        cover(doc.cover)
        for name in ("related", "threshold", "threshold_result", "risks"):
            section(name)
        changes(w, doc, "")
    elif isinstance(doc, SummaryDocument):
        w.model(
            doc,
            2,
            "",
            skip=(
                "form",
                "municipality",
                "process",
                "status",
                "source",
                "source_notes",
                "title",
                "of_form",
            ),
        )
    about_version(w, doc, muni_ja)
    return w.blocks, ctx.coverage


def _files(doc: FocusedAssessment | FullAssessment) -> Sequence[FileFocused | FileFull]:
    """The files of a form that has sections on each (one type for both forms' lists)."""
    return doc.files


def files_overview(w: Walker, doc: FocusedAssessment | FullAssessment, num: str) -> None:
    lang = w.ctx.lang
    w.heading(2, f"{num} {t('files_overview', lang)}", "files")
    if not doc.files:
        w.empty_group(("files",))
    for i, f in enumerate(_files(doc), 1):
        w.heading(3, f"({i})", f"file{i}", f.name)
        w.model(f, 4, f"file{i}", skip=("risks", "record_items"), dpath=("files", i - 1))


def record_items(w: Walker, doc: FocusedAssessment | FullAssessment, prefix: str) -> None:
    lang, ctx = w.ctx.lang, w.ctx
    w.heading(2, f"{prefix}{t('record_items', lang)}", "record-items")
    for i, f in enumerate(_files(doc), 1):
        w.heading(3, f"({i})", f"record-items-{i}", f.name)
        if not f.record_items:
            w.empty_group(("files", i - 1, "record_items"))
        for group in f.record_items:
            if group.title is not None:
                w.blocks.append(
                    Html(f'<p class="kh-subhead"><strong>{ctx.inline(group.title)}</strong></p>')
                )
            lis = "".join(f"<li>{_record_item(ctx, item)}</li>" for item in group.items)
            w.blocks.append(Html(f'<ol class="kh-record-items">{lis}</ol>'))
            if group.note is not None:
                w.blocks.append(Html(f'<p class="kh-note">{ctx.inline(group.note)}</p>'))


def _record_item(ctx: Ctx, item: RecordItem) -> str:
    """A record item; one the source prints cut off says so (the text is not completed)."""
    if not item.cut_off:
        return ctx.inline(item)
    mark = aside(t("cut_off", ctx.lang), ctx.lang)
    return f'{ctx.inline(item)}<span class="kh-cut-off">{esc(mark)}</span>'


def risks(w: Walker, doc: FocusedAssessment | FullAssessment, num: str, full: bool) -> None:
    lang, ctx = w.ctx.lang, w.ctx
    title = t("risks_full" if full else "risks", lang)
    w.heading(2, f"{num} {title}", "risks")
    for i, f in enumerate(_files(doc), 1):
        w.heading(3, f"({i})", f"risks-{i}", f.name)
        w.kv([(esc(f"1. {t('file_name', lang)}"), ctx.inline(f.name))])
        if f.risks is None:
            w.empty_group(("files", i - 1, "risks"))
        else:
            w.model(f.risks, 4, f"risks-{i}", dpath=("files", i - 1, "risks"))


def flows(w: Walker, doc: FullAssessment, prefix: str) -> None:
    lang, ctx = w.ctx.lang, w.ctx
    w.heading(2, f"{prefix}{t('flows', lang)}", "flows")
    if not doc.process_flows:
        w.empty_group(("process_flows",))
    for i, flow in enumerate(doc.process_flows, 1):
        w.heading(3, "", f"flow-{i}", flow.title, toc=f"Part {i}")
        rows = []
        if flow.subtitle:
            rows.append((esc(t("render.subtitle", lang)), ctx.text(flow.subtitle)))
        if flow.diagram_note:
            rows.append((esc(t("render.diagram", lang)), ctx.text(flow.diagram_note)))
        w.kv(rows)
        if flow.components:
            w.blocks.append(
                Table(
                    esc(t("components", lang)),
                    (esc(t("components", lang)), esc(t("render.description", lang))),
                    tuple(
                        (ctx.inline(c.name), value_html(c.description, ctx))
                        for c in flow.components
                    ),
                )
            )
        for g in flow.groups:
            w.heading(
                4, g.number or "", f"flow-{i}-{g.number or 'x'}", g.title, toc=g.number or "Task"
            )
            lis = "".join(f"<li>{_step_id(s.id, lang)}{ctx.inline(s.text)}</li>" for s in g.steps)
            if lis:
                w.blocks.append(Html(f'<ul class="kh-steps">{lis}</ul>'))


def _step_id(ident: str | None, lang: str) -> str:
    if not ident:
        return ""
    if lang == "en":
        return f'<span lang="ja">{esc(ident)}</span> '
    return esc(ident) + " "


def changes(
    w: Walker, doc: FocusedAssessment | FullAssessment | BasicAssessment, prefix: str
) -> None:
    lang, ctx = w.ctx.lang, w.ctx
    w.heading(2, f"{prefix}{t('changes', lang)}", "changes")
    if not doc.changes:
        w.empty_group(("changes",))
        return
    # A column only some documents need (dates printed apart from their rows) is shown when used.
    optional = {"date_note"}
    names = [
        n
        for n in Change.model_fields
        if n not in optional or any(getattr(c, n) is not None for c in doc.changes)
    ]
    headers = tuple(esc(field_label(Change.model_fields[n], lang)) for n in names)
    rows = tuple(
        tuple(value_html(getattr(c, n), ctx, ("changes", i, n)) for n in names)
        for i, c in enumerate(doc.changes)
    )
    w.blocks.append(Table(esc(f"{prefix}{t('changes', lang)}"), headers, rows, "kh-changes"))


def annexes(w: Walker, doc: FullAssessment) -> None:
    lang, ctx = w.ctx.lang, w.ctx
    if not doc.annexes:
        return
    w.heading(2, t("annexes", lang), "annexes")
    for i, annex in enumerate(doc.annexes, 1):
        w.heading(3, "", f"annex-{i}", annex.title, toc=f"Annex {i}")
        for j, part in enumerate(annex.parts, 1):
            names = [
                n
                for n in AnnexRow.model_fields
                if any(getattr(r, n) is not None for r in part.rows)
            ]
            headers = tuple(esc(field_label(AnnexRow.model_fields[n], lang)) for n in names)
            rows = tuple(tuple(value_html(getattr(r, n), ctx) for n in names) for r in part.rows)
            caption = ctx.inline(part.heading) if part.heading else esc(ctx.plain(annex.title))
            if part.heading:
                w.heading(4, "", f"annex-{i}-{j}", part.heading, toc=f"Part {j}")
            w.blocks.append(Table(caption, headers, rows, "kh-annex"))


def glossary(w: Walker, doc: FullAssessment) -> None:
    lang, ctx = w.ctx.lang, w.ctx
    if not doc.glossary:
        return
    w.heading(2, t("glossary", lang), "glossary")
    rows = tuple(
        (ctx.inline(g.term), ctx.raw(g.reading or ""), ctx.text(g.meaning)) for g in doc.glossary
    )
    w.blocks.append(
        Table(
            esc(t("glossary", lang)),
            (esc(t("term", lang)), esc(t("reading", lang)), esc(t("meaning", lang))),
            rows,
        )
    )


def printed_place(doc: Assessment, path: FieldPath, lang: str) -> str:
    """Where a field sits, as the form prints it: section numbers and labels, never field names
    (``files[0].outsourcing.items[*].contractor`` -> 「II (1) 住民基本台帳ファイル › 4. … › 委託事項（すべて） › ⑥委託先名」)."""
    parts: list[str] = []
    model: Any = type(doc)
    value: Any = doc
    i = 0
    if len(path) >= 2 and path[0] == "files" and isinstance(path[1], int):
        n = path[1]
        files: Sequence[FileFocused | FileFull | SummaryFile] = (
            [] if isinstance(doc, BasicAssessment) else doc.files
        )
        name = files[n].name if n < len(files) else None
        risky = len(path) > 2 and path[2] == "risks"
        if risky:
            full = isinstance(doc, FullAssessment)
            parts.append(f"III {t('risks_full' if full else 'risks', lang)}")
        elif len(path) > 2 and path[2] == "record_items":
            parts.append(t("record_items", lang))
        else:
            parts.append(f"II {t('files_overview', lang)}")
        label = f"({n + 1})"
        if name is not None:
            label += " " + name.show(lang)
        parts.append(label)
        model = type(files[n]) if n < len(files) else None
        value = files[n] if n < len(files) else None
        i = 2
        if risky and model is not None:  # the III heading already says リスク対策
            model = model_type(model.model_fields["risks"].annotation)
            value = getattr(value, "risks", None)
            i = 3
    while i < len(path) and model is not None:
        seg = path[i]
        fields = getattr(model, "model_fields", {})
        if isinstance(seg, str) and seg in fields:
            finfo = fields[seg]
            label = field_label(finfo, lang)
            value = getattr(value, seg, None) if value is not None else None
            model = model_type(finfo.annotation)
            nxt = path[i + 1] if i + 1 < len(path) else None
            if isinstance(nxt, int) or nxt == "*":
                idx = nxt
                short = field_label(finfo, lang, False)
                if not isinstance(idx, int):
                    label = t("render.every_entry", lang, field=short)
                elif seg == "changes":
                    label = t("render.row", lang, field=short, n=idx + 1)
                else:
                    label = t("render.entry", lang, field=short, n=idx + 1)
                if isinstance(value, list) and isinstance(idx, int) and idx < len(value):
                    value = value[idx]
                else:
                    value = None
                i += 1
            parts.append(label)
        elif isinstance(seg, str) and value is not None and isinstance(value, dict):
            parts.append(esc(CHOICE_EN.get(seg, seg)) if lang == "en" else seg)
            model = None
        else:
            break
        i += 1
    return " › ".join(p for p in parts if p)


def about_version(w: Walker, doc: Assessment, muni_ja: str = "") -> None:
    """「この電子版について」: how the electronic version was made, the states of empty fields,
    and each reading note said for residents (the printed place and a plain explanation).  The
    editors' own notes (line numbers, markup of the source text) stay in the JSON."""
    lang, ctx = w.ctx.lang, w.ctx
    ja = lang == "ja"
    notes = doc.source_notes
    w.heading(2, t("about_version", lang), "about-this-version")
    out = [
        '<details class="kh-about" data-pagefind-ignore="all">',
        f"<summary>{esc(t('about_version_summary', lang, n=str(len(notes))))}</summary>",
        f"<p>{esc(t('about_version_intro', lang))}</p>",
    ]
    found = ctx.originals.of(doc, muni_ja)
    if found is not None:
        out.append(
            f"<p>{esc(t('source', lang))}{t('sep.colon', lang)}"
            f'<a class="kh-original" href="{esc(found.url)}" rel="external">{esc(found.name[lang])}</a>'
            + (f" {found.how_html(lang)}" if found.how.get(lang) else "")
            + "</p>"
        )
    out.append('<dl class="kh-states">')
    for state in (BLANK, "未収録", UNREADABLE):
        out.append(f"<dt>{esc(LABEL[state][lang])}</dt><dd>{esc(EXPLAIN[state][lang])}</dd>")
    out.append("</dl>")
    if notes:
        out.append(f"<p>{esc(t('about_version_notes', lang))}</p>")
        out.append('<ol class="kh-source-notes">')
        for n in ctx.notes.notes:
            place = printed_place(doc, n.path, lang) or esc(t("whole_document", lang))
            said = LABEL[n.state][lang] if n.state in LABEL else t("note_reading", lang)
            explain = f"{'。' if ja else '. '}{esc(EXPLAIN[NOTE][lang])}" if n.state == NOTE else ""
            plain = n.note.plain
            if plain is not None and not plain.is_blank:
                sep = ("" if explain else "。") if ja else (" " if explain else ". ")
                said_plain = ctx.inline(plain)
                explain += sep + (ja_quotes(said_plain) if lang == "en" else said_plain)
            out.append(
                f'<li id="source-note-{n.number}" data-kh-state="{esc(n.state)}">'
                f"<strong>{esc(place)}</strong>{t('sep.colon', lang)}{esc(said)}{explain}</li>"
            )
        out.append("</ol>")
    out.append("</details>")
    w.blocks.append(Html("".join(out)))


def form_label(form: str, lang: str) -> str:
    return FORM_EN.get(form, form) if lang == "en" else form


def form_title(form: str, lang: str) -> str:
    """The document type as printed at the top of the form."""
    if form == "概要":
        return form_label(form, lang)
    if lang == "en":
        return f"Specific Personal Information Protection Assessment Report ({FORM_EN[form].replace(' Report', '')})"
    return f"特定個人情報保護評価書（{form}）"


def status_label(status: str, lang: str) -> str:
    return STATUS[status].show(lang)


def kind_label(kind: str, lang: str) -> str:
    return KIND_EN.get(kind, kind) if lang == "en" else kind
