"""What rendering is made of: the blocks a page is laid out from (headings, label/value tables,
data tables, HTML), the rendering context of a page (``Ctx``: language, translation memory,
citation links, the record's field notes), and a field's label and value as HTML.

All content text passes through ``generator.core.textfmt``; no content becomes raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator.core.fieldstate import (
    BLANK,
    LABEL,
    UNREADABLE,
    FieldNotes,
    is_empty,
    record_type,
)
from generator.core.fieldstate import (
    Path as FieldPath,
)
from generator.core.textfmt import (
    UNRESOLVED,
    esc,
    inline_html,
    md_inline,
    one_line,
    text_html,
)
from generator.core.vocab import english_only, t
from generator.loading.original import Originals
from generator.model.base import Check, DateRange, DateValue, Text
from generator.model.choices import CHOICE_EN, MAIN_ITEM_GROUPS

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
            # generator.loading.memory: a text the memory knows only some sentences of -> (html, characters)
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
        """An empty field said for what it is (generator/core/fieldstate.py); linked to its note."""
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


def field_extra(finfo: Any) -> dict[str, Any]:
    extra = finfo.json_schema_extra
    return extra if isinstance(extra, dict) else {}


def field_label(finfo: Any, lang: str, with_num: bool = True) -> str:
    extra = field_extra(finfo)
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
    if field_extra(finfo).get("important"):
        # The mark is explained in words: once at the top of the page (legend) and here for screen
        # readers (a title attribute is never seen on touch screens or with the keyboard).
        out += (
            ' <span class="kh-important"><span aria-hidden="true">※</span>'
            f'<span class="kh-sr">（{esc(t("important", lang))}）</span></span>'
        )
    return out


def is_record(value: Any) -> bool:
    return isinstance(value, BaseModel) and not isinstance(
        value, (Text, DateValue, DateRange, Check)
    )


model_type = record_type  # the record type behind ``X | None`` (for rendering a missing group)


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
