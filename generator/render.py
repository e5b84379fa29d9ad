"""Stage 4, render: typed records -> page Markdown, once per language.

The form is rendered by walking the model: every field, in the printed order, with its printed
number and label (Japanese) or its English label.  The walk produces blocks (headings, label /
value tables, data tables); Jinja2 templates (StrictUndefined) lay the blocks out as Markdown.
All content text passes through ``generator.textfmt``; no content becomes raw HTML.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from pydantic import BaseModel

from generator.fieldstate import (
    BLANK,
    EXPLAIN,
    LABEL,
    NOTE,
    UNREADABLE,
    FieldNotes,
    is_empty,
    record_type,
)
from generator.fieldstate import (
    Path as FieldPath,
)
from generator.link import AssessmentRef, CouncilRef
from generator.model import FORM_EN
from generator.model.assessment import RecordItem
from generator.model.base import Check, DateRange, DateValue, Display, Doc, Text
from generator.model.choices import CHOICE_EN, MAIN_ITEM_GROUPS
from generator.original import Original, Originals
from generator.textfmt import (
    UNRESOLVED,
    esc,
    front_matter,
    inline_html,
    ja_quotes,
    md_attr,
    md_inline,
    one_line,
    pagefind_value,
    text_html,
)
from generator.vocab import KIND_EN, STATUS, aside, english_only, listing, t

TEMPLATES = Path(__file__).parent / "templates"
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


# ---------------------------------------------------------------------------------------------
# Blocks
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # already Markdown-escaped
    anchor: str
    toc_label: str = ""  # plain text for the table of contents when the heading mixes languages
    part: str = ""  # the page the section is on (a stub of a part on a page of its own: "files/")
    kind: str = "heading"


@dataclass(frozen=True)
class KV:
    rows: tuple[tuple[str, str], ...]  # (label html, value html)
    kind: str = "kv"


@dataclass(frozen=True)
class Table:
    caption: str  # html
    headers: tuple[str, ...]  # html
    rows: tuple[tuple[str, ...], ...]  # html cells
    cls: str = ""
    kind: str = "table"


@dataclass(frozen=True)
class Html:
    html: str
    kind: str = "html"


Block = Heading | KV | Table | Html


@dataclass
class Coverage:
    """Japanese characters seen on a page and how many of them have English."""

    ja_chars: int = 0
    en_chars: int = 0
    memory_chars: int = 0  # of en_chars, those translated by the translation memory

    def add(self, text: Text, english: str | None = None, from_memory: bool = False) -> None:
        n = len("".join(text.ja.split()))
        self.ja_chars += n
        if english is not None and english.strip():
            self.en_chars += n
            if from_memory:
                self.memory_chars += n

    def add_part(self, text: Text, translated: int) -> None:
        """A text the translation memory translates in part: ``translated`` of its characters."""
        n = len("".join(text.ja.split()))
        self.ja_chars += n
        self.en_chars += min(n, translated)
        self.memory_chars += min(n, translated)

    def merge(self, other: Coverage) -> None:
        self.ja_chars += other.ja_chars
        self.en_chars += other.en_chars
        self.memory_chars += other.memory_chars

    @property
    def ratio(self) -> float:
        return self.en_chars / self.ja_chars if self.ja_chars else 1.0


# On English pages an untranslated text longer than this (characters) links to the Japanese page.
LONG_UNTRANSLATED = 200

# A translator gives the English of a Japanese text (e.g. from the translation memory) or None.
Translator = Callable[[str], "str | None"]
# A linker splits a line of text into (segment, href or None); hrefs are relative to the
# language root (e.g. "laws/bango/a19-i8/") and are made relative to the page here.
Linker = Callable[[str], "list[tuple[str, str | None]]"]


@dataclass
class Ctx:
    """Rendering context of one page: its language, where it sits, and the optional helpers."""

    lang: str
    coverage: Coverage = field(default_factory=Coverage)
    up: str = ""  # relative prefix from the page to the language root
    translator: Translator | None = None
    linker: Linker | None = None
    page: str = ""  # the page's URL relative to the language root ("assessments/x/y/")
    section: str = ""  # the anchor of the heading the walker wrote last
    notes: FieldNotes = field(default_factory=lambda: FieldNotes([]))  # the record's source notes
    draft: bool = False  # a draft (状態 案) has no publication date of its own
    originals: Originals = field(default_factory=Originals)  # where the project's originals are
    home: str = ""  # from a part page (OWN_PAGES) to its assessment's page, where the notes are

    def english(self, value: Text) -> tuple[str | None, bool]:
        """(English text or None, whether it came from the translator)."""
        if value.en and value.en.strip():
            return value.en, False
        if self.translator is not None:
            found = self.translator(value.ja)
            if found:
                return found, True
        return None, False

    def _link(
        self, value: Text | None = None
    ) -> Callable[[str], list[tuple[str, str | None]]] | None:
        if self.linker is None:
            return None
        # a stateful linker per text (同法 refers back), read at the text's date
        fresh = getattr(self.linker, "for_text", None)
        linker, up = (fresh(value) if callable(fresh) else self.linker), self.up
        lang = self.lang

        def link(line: str) -> list[tuple[str, str | None]]:
            return [
                (
                    seg,
                    None
                    if href is None
                    else f"{href}:{lang}"
                    if href.startswith(UNRESOLVED)
                    else f"{up}{href}",
                )
                for seg, href in linker(line)
            ]

        return link

    def text(self, value: Text) -> str:
        """A free text in this language; untranslated text is marked ``lang="ja"``."""
        if value.is_blank:
            self.coverage.add(value, value.ja)
            return self.empty()
        if self.lang == "en":
            english, from_memory = self.english(value)
            # generator.memory: a text the memory knows only some sentences of -> (html, characters)
            partial = getattr(self.translator, "partial", None) if english is None else None
            long = bool(self.page) and len(value.ja) > LONG_UNTRANSLATED
            mixed = (
                partial(value.ja, self._link(value), self.japanese_href() if long else None)
                if callable(partial)
                else None
            )
            if mixed is not None:
                self.coverage.add_part(value, mixed[1])
                return str(mixed[0])
            self.coverage.add(value, english, from_memory)
            if english is not None:
                return f'<div class="kh-text">{text_html(english)}</div>'
            if self.page and len(value.ja) > LONG_UNTRANSLATED:
                return self.to_japanese(value.ja)
            return (
                f'<div class="kh-text kh-untranslated" lang="ja">{text_html(value.ja, self._link(value))}</div>'
                f'<p class="kh-untranslated-note">{esc(english_only("untranslated"))}</p>'
            )
        self.coverage.add(value, value.ja)
        return f'<div class="kh-text">{text_html(value.ja, self._link(value))}</div>'

    def japanese_href(self) -> str:
        """The same section on the Japanese page (from an English page)."""
        return f"{self.up}../{self.page}" + (f"#{self.section}" if self.section else "")

    def to_japanese(self, ja: str) -> str:
        """A long untranslated text on an English page: its length and a link to the same section
        of the Japanese page, instead of a copy (which would double the size of the site)."""
        href = self.japanese_href()
        first = one_line(ja)[:40]
        return (
            f'<p class="kh-untranslated-note kh-to-ja">Not translated yet: {len(ja):,} characters '
            f'of Japanese, beginning <q lang="ja">{esc(first)}</q>. <a href="{esc(href)}" '
            f'hreflang="ja">Read it on the Japanese page</a>.</p>'
        )

    def inline(self, value: Text | None) -> str:
        """One-line text (titles, names) as HTML."""
        if value is None:
            return self.empty()
        if self.lang == "en":
            english, from_memory = self.english(value)
            self.coverage.add(value, english, from_memory)
            if english is None:
                return f'<span lang="ja">{esc(one_line(value.ja))}</span>'
            return esc(one_line(english))
        self.coverage.add(value, value.ja)
        return esc(one_line(value.ja))

    def linked_inline(self, value: Text) -> str:
        """A short text for a table cell (a 根拠 column) with its citations linked, like prose.
        (Not counted for translation coverage: the entry's full text below is.)"""
        if self.lang == "en":
            english = self.english(value)[0]
            if english is not None:
                return esc(one_line(english))
        link = self._link(value)
        lines = [line.strip() for line in value.ja.replace("\r\n", "\n").split("\n")]
        html = "<br>".join(inline_html(line, link) for line in lines if line)
        return html if self.lang == "ja" else f'<span lang="ja">{html}</span>'

    def heading_text(self, value: Text | None) -> str:
        """Markdown for a content text inside a heading (escaped; marked lang="ja" if untranslated)."""
        if value is None:
            return ""
        if self.lang == "en" and self.english(value)[0] is None:
            return f'<span lang="ja">{md_inline(value.ja)}</span>'
        return md_inline(self.plain(value))

    def plain(self, value: Text | None) -> str:
        """Plain string in this language (for headings; the caller escapes)."""
        if value is None:
            return ""
        if self.lang == "en":
            english = self.english(value)[0]
            if english is not None:
                return one_line(english)
        return one_line(value.ja)

    def is_translated(self, value: Text) -> bool:
        return self.lang != "en" or self.english(value)[0] is not None

    def empty(self) -> str:
        return self.state_html(BLANK)

    def state_html(self, state: str, number: int = 0) -> str:
        """An empty field said for what it is (generator/fieldstate.py); linked to its note."""
        label = esc(LABEL[state][self.lang])
        if number:
            return (
                f'<a class="kh-empty kh-state" data-kh-state="{state}" '
                f'href="{self.home}#source-note-{number}">'
                f"{label}</a>"
            )
        return f'<span class="kh-empty kh-state" data-kh-state="{state}">{label}</span>'

    def empty_at(self, path: FieldPath, default: str = BLANK) -> str:
        """The state of the empty field at ``path``, as the record's source notes give it."""
        state, noted = self.notes.state(path, default)
        return self.state_html(state, noted.number if noted else 0)

    def raw(self, value: str) -> str:
        """A plain content string (numbers, codes): marked Japanese on English pages if it is."""
        if self.lang == "en" and _CJK.search(value):
            return f'<span lang="ja">{esc(value)}</span>'
        return esc(value)

    def choice(self, value: str) -> str:
        if self.lang == "en":
            return esc(CHOICE_EN.get(value, value))
        return esc(value)


def _extra(finfo: Any) -> dict[str, Any]:
    extra = finfo.json_schema_extra
    return extra if isinstance(extra, dict) else {}


def field_label(finfo: Any, lang: str, with_num: bool = True) -> str:
    extra = _extra(finfo)
    label = str(extra.get("label_en" if lang == "en" else "label_ja", finfo.title or ""))
    num = str(extra.get("num", "")) if with_num else ""
    if num and lang == "en":
        num = (
            num.replace("①", "(1) ").replace("②", "(2) ").replace("③", "(3) ").replace("④", "(4) ")
        )
        num = (
            num.replace("⑤", "(5) ").replace("⑥", "(6) ").replace("⑦", "(7) ").replace("⑧", "(8) ")
        )
        num = num.replace("⑨", "(9) ").replace("⑩", "(10) ")
    sep = " " if num.endswith((".", "I", "V", "Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ")) else ""
    return f"{num}{sep}{label}".strip()


def label_html(finfo: Any, lang: str) -> str:
    out = esc(field_label(finfo, lang))
    if _extra(finfo).get("important"):
        # The mark is explained in words: once at the top of the page (legend) and here for screen
        # readers (a title attribute is never seen on touch screens or with the keyboard).
        out += (
            ' <span class="kh-important"><span aria-hidden="true">※</span>'
            f'<span class="kh-sr">（{esc(t("important", lang))}）</span></span>'
        )
    return out


def _is_record(value: Any) -> bool:
    return isinstance(value, BaseModel) and not isinstance(
        value, (Text, DateValue, DateRange, Check)
    )


_model_type = record_type  # the record type behind ``X | None`` (for rendering a missing group)


def value_html(value: Any, ctx: Ctx, path: FieldPath | None = None) -> str:
    """HTML for a leaf value; an empty one says its state (``path``: where it sits in the record)."""
    if path is not None and is_empty(value):
        return ctx.empty_at(path)
    if value is None:
        return ctx.empty()
    if isinstance(value, Text):
        return ctx.text(value)
    if isinstance(value, DateValue):
        return esc(value.render(ctx.lang))
    if isinstance(value, DateRange):
        out = esc(value.start.render(ctx.lang))
        out += " ～ " if ctx.lang == "ja" else " to "
        out += esc(value.end.render(ctx.lang)) if value.end else ""
        if value.note:
            out += " " + ctx.inline(value.note)
        return out
    if isinstance(value, bool):
        return t("yes" if value else "no", ctx.lang)
    if isinstance(value, int):
        return esc(str(value))
    if isinstance(value, str):
        if value in CHOICE_EN:
            return ctx.choice(value)
        return ctx.raw(value)
    if isinstance(value, dict):
        return checklist_html(value, ctx, path)
    if isinstance(value, list):
        if not value:
            return ctx.empty()
        return (
            '<ul class="kh-plain">'
            + "".join(
                f"<li>{value_html(v, ctx, None if path is None else (*path, i))}</li>"
                for i, v in enumerate(value)
            )
            + "</ul>"
        )
    return esc(str(value))  # pragma: no cover


def checklist_html(value: dict[str, Check], ctx: Ctx, path: FieldPath | None = None) -> str:
    """A printed checkbox list: every option with its state, as a list.  An option whose box
    cannot be read says so in visible words, not only to screen readers."""
    if not value:
        return ctx.empty()
    lang = ctx.lang
    items: list[str] = []
    grouped = any(option in MAIN_ITEM_GROUPS for option in value)
    group: tuple[str, str] | None = None
    for option, check in value.items():
        if grouped:
            g = MAIN_ITEM_GROUPS.get(option, ("業務関係情報", "Data related to the work"))
            if g != group:
                group = g
                items.append(f'<li class="kh-group">{esc(g[0] if lang == "ja" else g[1])}</li>')
        state = check.checked
        if state is True:
            mark, cls, sr = "☑", "kh-on", t("checked", lang)
        elif state is False:
            mark, cls, sr = "☐", "kh-off", t("unchecked", lang)
        else:
            mark, cls, sr = "?", "kh-unknown", ""
        o, c = ("（", "）") if lang == "ja" else (" (", ")")
        note = f"{o}{ctx.inline(check.note)}{c}" if check.note and not check.note.is_blank else ""
        if state is None:
            where = (*path, option) if path is not None else ("",)
            said = (
                ctx.empty_at(where, UNREADABLE) if path is not None else ctx.state_html(UNREADABLE)
            )
            items.append(
                f'<li class="{cls}"><span aria-hidden="true">{mark}</span> {ctx.choice(option)}{note}'
                f" {o}{said}{c}</li>"
            )
            continue
        items.append(
            f'<li class="{cls}"><span aria-hidden="true">{mark}</span> {ctx.choice(option)}{note}'
            f'<span class="kh-sr">{o}{sr}{c}</span></li>'
        )
    return '<ul class="kh-checklist">' + "".join(items) + "</ul>"


# ---------------------------------------------------------------------------------------------
# The generic walk
# ---------------------------------------------------------------------------------------------


class Walker:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.blocks: list[Block] = []
        self.anchors: set[str] = set()

    def anchor(self, base: str) -> str:
        # an anchor may come from content (a task number): only word characters and hyphens
        a = re.sub(r"[^\w-]+", "-", base.replace("_", "-").lower())
        n, cand = 1, a
        while cand in self.anchors:
            n += 1
            cand = f"{a}-{n}"
        self.anchors.add(cand)
        return cand

    def heading(
        self, level: int, text: str, anchor: str, name: Text | None = None, toc: str = ""
    ) -> None:
        """A heading: ``text`` is plain (escaped here); ``name`` is content appended after it.

        On English pages an untranslated ``name`` is marked ``lang="ja"`` and the table of
        contents shows ``text`` (or ``toc``) alone, so that it stays in one language.
        """
        md = md_inline(text)
        toc_label = ""
        if name is not None:
            md = f"{md} {self.ctx.heading_text(name)}".strip()
            if not self.ctx.is_translated(name):
                toc_label = (toc or text).rstrip(":").strip() or "(Japanese title)"
        heading = Heading(min(level, 6), md, self.anchor(anchor), toc_label)
        self.blocks.append(heading)
        self.ctx.section = heading.anchor

    def kv(self, rows: list[tuple[str, str]]) -> None:
        if rows:
            self.blocks.append(KV(tuple(rows)))

    def empty_group(self, path: FieldPath | None = None) -> None:
        """A group or list the content leaves out, said for what it is."""
        html = self.ctx.empty_at(path) if path is not None else self.ctx.empty()
        self.blocks.append(Html(f"<p>{html}</p>"))

    def row(self, finfo: Any, value: Any, dpath: FieldPath) -> tuple[str, str]:
        """(label, value) of one field; a printed checkbox is said as the statement chosen."""
        lang = self.ctx.lang
        if self.ctx.draft and dpath == ("cover", "published"):
            return label_html(finfo, lang), esc(t("draft_no_date", lang))
        said = STATEMENTS.get(str(_extra(finfo).get("label_ja", "")))
        if said is not None and (value is None or isinstance(value, bool)):
            topic, on, off = said
            num = str(_extra(finfo).get("num", ""))
            label = esc(f"{num} {topic[lang]}".strip() if lang == "ja" else topic[lang])
            if value is None:
                return label, self.ctx.empty_at(dpath)
            return label, esc((on if value else off)[lang])
        return label_html(finfo, lang), value_html(value, self.ctx, dpath)

    def model(
        self,
        rec: BaseModel,
        level: int,
        path: str,
        skip: Iterable[str] = (),
        dpath: FieldPath = (),
    ) -> None:
        rows: list[tuple[str, str]] = []
        fields = type(rec).model_fields
        for name, finfo in fields.items():
            if name in skip:
                continue
            value = getattr(rec, name)
            display: Display = _extra(finfo).get("display", "")
            sub_path = f"{path}-{name}" if path else name
            if display == "if_set" and value is None:
                continue  # a note the form does not print as an item: no 記載なし row
            sub = (*dpath, name)
            if display == "items":
                self.kv(rows)
                rows = []
                self.items(value, finfo, level, sub_path, sub)
            elif display == "systems":
                self.kv(rows)
                rows = []
                self.systems(value, finfo, level, sub_path, sub)
            elif display == "record_items":
                continue
            elif _is_record(value) or (value is None and _model_type(finfo.annotation) is not None):
                self.kv(rows)
                rows = []
                self.heading(level, field_label(finfo, self.ctx.lang), sub_path)
                if value is None:
                    self.empty_model(_model_type(finfo.annotation), level + 1, sub_path, sub)
                else:
                    self.model(value, level + 1, sub_path, dpath=sub)
            elif isinstance(value, list) and value and _is_record(value[0]):
                self.kv(rows)
                rows = []
                self.heading(level, field_label(finfo, self.ctx.lang), sub_path)
                for i, item in enumerate(value, 1):
                    self.heading(
                        level + 1,
                        f"{field_label(finfo, self.ctx.lang, False)} {i}",
                        f"{sub_path}-{i}",
                    )
                    self.model(item, level + 2, f"{sub_path}-{i}", dpath=(*sub, i - 1))
            else:
                rows.append(self.row(finfo, value, sub))
        self.kv(rows)

    def empty_model(
        self, model: type[BaseModel] | None, level: int, path: str, dpath: FieldPath = ()
    ) -> None:
        """A group the content leaves out: every item of the form, each with its state."""
        if model is None:
            self.empty_group(dpath)
            return
        rows: list[tuple[str, str]] = []
        for name, finfo in model.model_fields.items():
            if _extra(finfo).get("display") == "if_set":
                continue
            sub = _model_type(finfo.annotation)
            if sub is not None and typing.get_origin(finfo.annotation) is not list:
                self.kv(rows)
                rows = []
                self.heading(level, field_label(finfo, self.ctx.lang), f"{path}-{name}")
                self.empty_model(sub, level + 1, f"{path}-{name}", (*dpath, name))
            else:
                rows.append(self.row(finfo, None, (*dpath, name)))
        self.kv(rows)

    def systems(
        self, systems: list[Any], finfo: Any, level: int, path: str, dpath: FieldPath = ()
    ) -> None:
        lang = self.ctx.lang
        self.heading(level, field_label(finfo, lang), path)
        if not systems:
            self.empty_group(dpath)
            return
        for i, system in enumerate(systems, 1):
            word = t("system", lang)
            self.heading(
                level + 1,
                t("render.numbered", lang, word=word, i=i),
                f"{path}-{i}",
                system.name,
            )
            self.model(system, level + 2, f"{path}-{i}", dpath=(*dpath, i - 1))

    def items(
        self, items: list[Any], finfo: Any, level: int, path: str, dpath: FieldPath = ()
    ) -> None:
        """委託事項 / 提供先 / 移転先: a summary table, then each entry in full."""
        lang, ctx = self.ctx.lang, self.ctx
        label = field_label(finfo, lang, False)
        if not items:
            self.blocks.append(KV(((esc(label), ctx.empty_at(dpath)),)))
            return
        first = items[0]
        cols: list[tuple[str, str]] = []
        if hasattr(first, "title"):
            cols = [
                ("title", t("entrusted_work", lang)),
                ("contractor", t("contractor", lang)),
                ("handlers", t("handlers", lang)),
            ]
        else:
            cols = [
                ("name", label),
                ("legal_basis", t("legal_basis", lang)),
                ("method", t("method", lang)),
                ("timing", t("timing", lang)),
            ]
        rows: list[tuple[str, ...]] = []
        for i, item in enumerate(items, 1):
            cells = [f'<a href="#{esc(path.replace("_", "-").lower())}-{i}">{i}</a>']
            here = (*dpath, i - 1)
            for key, _ in cols:
                v = getattr(item, key)
                if is_empty(v) or (isinstance(v, dict) and not any(c.checked for c in v.values())):
                    if isinstance(v, dict) and any(c.checked is None for c in v.values()):
                        cells.append(ctx.empty_at((*here, key), UNREADABLE))
                    else:
                        cells.append(ctx.empty_at((*here, key)))
                elif key == "legal_basis" and isinstance(v, Text):
                    cells.append(ctx.linked_inline(v))
                elif isinstance(v, Text):
                    cells.append(
                        esc(one_line(ctx.plain(v), 80))
                        if ctx.is_translated(v)
                        else f'<span lang="ja">{esc(one_line(v.ja, 80))}</span>'
                    )
                elif isinstance(v, dict):
                    on = [ctx.choice(k) for k, c in v.items() if c.checked]
                    cells.append(listing(on, lang))
                else:
                    cells.append(value_html(v, ctx, (*here, key)))
            if hasattr(item, "subcontract"):
                sub = item.subcontract
                cells.append(value_html(sub.status if sub else None, ctx, (*here, "subcontract")))
            rows.append(tuple(cells))
        headers = [t("item_no", lang), *[h for _, h in cols]]
        if hasattr(first, "subcontract"):
            headers.append(t("subcontract", lang))
        self.blocks.append(
            Table(
                esc(
                    f"{label}（{t('summary_of', lang)}）"
                    if lang == "ja"
                    else f"{label}: {t('summary_of', lang)}"
                ),
                tuple(headers),
                tuple(rows),
                "kh-summary",
            )
        )
        for i, item in enumerate(items, 1):
            name = getattr(item, "title", None) or getattr(item, "name", None)
            heading = t("render.numbered", lang, word=label, i=i)
            self.heading(level, heading, f"{path}-{i}", name)
            self.model(item, level + 1, f"{path}-{i}", dpath=(*dpath, i - 1))


# A printed checkbox kept as a boolean ("[ ] 委託しない"): the row says the statement chosen,
# under the topic of the box: (topic, statement when ticked, statement when not ticked).
_S = dict[str, str]
STATEMENTS: dict[str, tuple[_S, _S, _S]] = {
    "委託しない": (
        {"ja": "委託の有無", "en": "Entrustment"},
        {"ja": "委託しない", "en": "No work is entrusted"},
        {"ja": "委託する", "en": "Work is entrusted"},
    ),
    "提供・移転しない": (
        {"ja": "提供・移転の有無", "en": "Provision and transfer"},
        {"ja": "提供・移転しない", "en": "No provision or transfer"},
        {"ja": "提供・移転する", "en": "Data is provided or transferred"},
    ),
    "接続しない（入手）": (
        {
            "ja": "情報提供ネットワークシステムとの接続（入手）",
            "en": "Connection to the Information Providing Network System (obtaining data)",
        },
        {"ja": "接続しない（入手）", "en": "Not connected for obtaining data"},
        {"ja": "接続する（入手）", "en": "Connected for obtaining data"},
    ),
    "接続しない（提供）": (
        {
            "ja": "情報提供ネットワークシステムとの接続（提供）",
            "en": "Connection to the Information Providing Network System (providing data)",
        },
        {"ja": "接続しない（提供）", "en": "Not connected for providing data"},
        {"ja": "接続する（提供）", "en": "Connected for providing data"},
    ),
    "提供を行っている": (
        {"ja": "提供", "en": "Provision to other bodies"},
        {"ja": "提供を行っている", "en": "Data is provided"},
        {"ja": "提供を行っていない", "en": "No data is provided"},
    ),
    "移転を行っている": (
        {"ja": "移転", "en": "Transfer within the body"},
        {"ja": "移転を行っている", "en": "Data is transferred"},
        {"ja": "移転を行っていない", "en": "No data is transferred"},
    ),
    "行っていない": (
        {"ja": "提供・移転の有無", "en": "Provision or transfer"},
        {"ja": "提供・移転を行っていない", "en": "Neither provision nor transfer"},
        {"ja": "提供または移転を行っている", "en": "Data is provided or transferred"},
    ),
}


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the blocks are escaped by textfmt; templates emit Markdown
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_inline
    env.filters["esc"] = esc
    env.filters["md_attr"] = md_attr
    env.filters["pagefind"] = pagefind_value
    env.globals["front_matter"] = front_matter
    return env


def _escaped(value: Any) -> Markup:
    """What an expression of an HTML template prints: escaped by textfmt (quotes included),
    unless it is already markup."""
    return value if isinstance(value, Markup) else Markup(esc(str(value)))


def _html_env() -> jinja2.Environment:
    """Templates of HTML blocks (``*.html.j2``): every expression is escaped unless it is
    ``Markup``, and an undefined name is an error."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_escaped,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = lambda text: Markup(md_inline(text))
    return env


ENV = _env()
HTML_ENV = _html_env()


def render_page(name: str, context: Any) -> str:
    """A template with its typed context, a dataclass whose fields are the template's names.
    ``*.html.j2`` templates (HTML blocks) escape every expression that is not ``Markup``;
    ``*.md.j2`` ones emit Markdown and are handed escaped text."""
    if not dataclasses.is_dataclass(context) or isinstance(context, type):
        raise TypeError(f"{name}: a template renders a dataclass instance")
    env = HTML_ENV if name.endswith(".html.j2") else ENV
    fields = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    return env.get_template(name).render(**fields)


# The typed contexts of the Markdown templates (templates/*.md.j2).


@dataclass(frozen=True)
class ListPage:
    """list.md.j2: a title, an intro (HTML) and sections of captioned tables."""

    L: dict[str, str]
    title: str
    description: str | None
    intro: str
    sections: list[dict[str, Any]]


@dataclass(frozen=True)
class SubPage:
    """subpage.md.j2: a part of an assessment on a page of its own, with a way back."""

    L: dict[str, str]
    title: str
    description: str | None
    back: str
    blocks: list[Block]
    facts: str = ""  # whose assessment, with its search filters (HTML, escaped by the writer)
    parts: list[tuple[str, str, bool]] = field(default_factory=list)  # (label html, href, current)


@dataclass(frozen=True)
class CouncilPage:
    """council.md.j2: a council paper."""

    lang: str
    L: dict[str, str]
    title: str
    description: str | None
    c: CouncilRef
    up: str
    muni_name: str
    kind: str
    targets: list[dict[str, str]]
    blocks: list[Block]


@dataclass(frozen=True)
class AssessmentPage:
    """assessment.md.j2: an assessment, its facts, summary and blocks."""

    lang: str
    L: dict[str, str]
    title: str
    description: str | None
    a: AssessmentRef
    up: str
    muni_name: str
    prefecture: str
    process_name: str
    compare: bool
    form: str
    status: str
    published: str
    original: Original | None
    coverage_pct: str
    coverage_text: str
    draft_note: str
    council: list[dict[str, str]]
    blocks: list[Block]
    summary: str


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


def part_address(doc: Any, loc: tuple[str | int, ...]) -> str:
    """Where the field at ``loc`` of a document is shown, from the document's page: "" (on the
    page) or the part page of a 全項目評価書 and the section there ("risks/#risks-2")."""
    from generator.model import FullAssessment

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
    doc: Doc, lang: str, ctx: Ctx | None = None, muni_ja: str = "", parts: PartCtx | None = None
) -> tuple[list[Block], Coverage]:
    """Every section of an assessment, in the form's order. With ``parts`` (a 全項目評価書 only),
    the sections of OWN_PAGES are rendered for their own pages, in the context ``parts`` gives
    (their blocks still come in order: the caller lifts each out, from its h2 to the next)."""
    from generator.model import BasicAssessment, FocusedAssessment, FullAssessment, SummaryDocument

    ctx = ctx or Ctx(lang)
    ctx.notes = FieldNotes.of(doc)
    ctx.draft = getattr(doc, "status", "") == "案"
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
            w.empty_model(_model_type(finfo.annotation), level + 1, name, (name,))
        elif isinstance(value, BaseModel):
            w.model(value, level + 1, name, dpath=(name,))
        else:
            w.kv([(label_html(finfo, lang), value_html(value, ctx, (name,)))])

    def cover() -> None:
        w.heading(2, t("render.cover", lang), "cover")
        w.model(doc.cover, 3, "cover", dpath=("cover",))  # type: ignore[attr-defined]

    if isinstance(doc, FullAssessment):
        cover()
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
        cover()
        section("basic_info")
        files_overview(w, doc, "II")
        record_items(w, doc, t("render.attachment_1", lang))
        risks(w, doc, "III", full=False)
        section("contacts")
        section("procedure")
        changes(w, doc, t("render.attachment_2", lang))
    elif isinstance(doc, BasicAssessment):
        cover()
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


def files_overview(w: Walker, doc: Any, num: str) -> None:
    lang = w.ctx.lang
    w.heading(2, f"{num} {t('files_overview', lang)}", "files")
    if not doc.files:
        w.empty_group(("files",))
    for i, f in enumerate(doc.files, 1):
        w.heading(3, f"({i})", f"file{i}", f.name)
        w.model(f, 4, f"file{i}", skip=("risks", "record_items"), dpath=("files", i - 1))


def record_items(w: Walker, doc: Any, prefix: str) -> None:
    lang, ctx = w.ctx.lang, w.ctx
    w.heading(2, f"{prefix}{t('record_items', lang)}", "record-items")
    for i, f in enumerate(doc.files, 1):
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


def risks(w: Walker, doc: Any, num: str, full: bool) -> None:
    lang, ctx = w.ctx.lang, w.ctx
    title = t("risks_full" if full else "risks", lang)
    w.heading(2, f"{num} {title}", "risks")
    for i, f in enumerate(doc.files, 1):
        w.heading(3, f"({i})", f"risks-{i}", f.name)
        w.kv([(esc(f"1. {t('file_name', lang)}"), ctx.inline(f.name))])
        if f.risks is None:
            w.empty_group(("files", i - 1, "risks"))
        else:
            w.model(f.risks, 4, f"risks-{i}", dpath=("files", i - 1, "risks"))


def flows(w: Walker, doc: Any, prefix: str) -> None:
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


def changes(w: Walker, doc: Any, prefix: str) -> None:
    from generator.model.assessment import Change

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


def annexes(w: Walker, doc: Any) -> None:
    from generator.model.assessment import AnnexRow

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


def glossary(w: Walker, doc: Any) -> None:
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


def printed_place(doc: Any, path: FieldPath, lang: str) -> str:
    """Where a field sits, as the form prints it: section numbers and labels, never field names
    (``files[0].outsourcing.items[*].contractor`` -> 「II (1) 住民基本台帳ファイル › 4. … › 委託事項（すべて） › ⑥委託先名」)."""
    parts: list[str] = []
    model: Any = type(doc)
    value: Any = doc
    i = 0
    if len(path) >= 2 and path[0] == "files" and isinstance(path[1], int):
        n = path[1]
        files = getattr(doc, "files", [])
        name = files[n].name if n < len(files) else None
        risky = len(path) > 2 and path[2] == "risks"
        if risky:
            full = type(doc).__name__ == "FullAssessment"
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
            model = _model_type(model.model_fields["risks"].annotation)
            value = getattr(value, "risks", None)
            i = 3
    while i < len(path) and model is not None:
        seg = path[i]
        fields = getattr(model, "model_fields", {})
        if isinstance(seg, str) and seg in fields:
            finfo = fields[seg]
            label = field_label(finfo, lang)
            value = getattr(value, seg, None) if value is not None else None
            model = _model_type(finfo.annotation)
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


def about_version(w: Walker, doc: Any, muni_ja: str = "") -> None:
    """「この電子版について」: how the electronic version was made, the states of empty fields,
    and each reading note said for residents (the printed place and a plain explanation).  The
    editors' own notes (line numbers, markup of the source text) stay in the JSON."""
    lang, ctx = w.ctx.lang, w.ctx
    ja = lang == "ja"
    notes = getattr(doc, "source_notes", [])
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
            plain = getattr(n.note, "plain", None)
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
