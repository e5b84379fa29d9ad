"""The glossary (用語集): a page in each language, and glossary terms marked in the assessments.

``content/registries/glossary.yaml`` holds the terms.  After MkDocs has built the site, the
first occurrence of each marked term in each section (``h2``) of an assessment page becomes

    <span class="kh-term"><a href="…/glossary/#spi" aria-describedby="kh-def-3">特定個人情報</a>
    <span class="kh-def" role="tooltip" id="kh-def-3">…definition…</span></span>

The definition shows on hover and on keyboard focus (CSS), screen readers read it as the link's
description, Escape hides it (``assets/kohyo-terms.js``), and without CSS or JavaScript the link
still leads to the glossary entry.  A page holds each definition once: a later section's mark of
the same term is the link alone, described by the first definition (``aria-describedby``; a
description may be hidden), and the script gives it a copy to open in place; without the script
it shows no tooltip of its own.  (Written at every mark, the definitions were 6 % of the
assessment pages' bytes.)  Terms are never marked inside links, headings, buttons,
code, abbreviations or text in another language than the page.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.core.textfmt import HTML_VOID_ELEMENTS as _VOID
from generator.core.textfmt import esc, front_matter
from generator.core.trie import trie_pattern
from generator.core.vocab import listing, t, words
from generator.core.workers import each_page
from generator.linking.link import Site
from generator.model.glossary import ENGLISH_SOURCE, SOURCE
from generator.rendering.pagetemplates import render_page
from generator.validation.terms import Term, load_terms

# The rows of the 五十音 table: a term is filed under the row of its reading's first kana.
KANA_ROWS = ("あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ")
_ROW_START = "あかさたなはまやらわ"


def meaning_shown(term: Term, lang: str) -> str:
    """The definition as residents read it: with the unconfirmed mark when it is one."""
    return term.meaning(lang) + ("" if term.confirmed else t("glossary.unconfirmed", lang))


# ---------------------------------------------------------------------------------------------
# The glossary page
# ---------------------------------------------------------------------------------------------


def reading_key(reading: str) -> str:
    """A reading in 五十音 order: voiced and small kana sort with their plain kana, and a long
    vowel mark (ー) is passed over, as dictionaries do."""
    base = unicodedata.normalize("NFD", reading.translate(_TO_HIRAGANA))
    base = "".join(c for c in base if c not in "\u3099\u309a\u30fc")
    return base.translate(_SMALL) + "\0" + reading


_SMALL = str.maketrans("ぁぃぅぇぉっゃゅょゎ", "あいうえおつやゆよわ")
_TO_HIRAGANA = {c: c - 0x60 for c in range(0x30A1, 0x30F7)}


def kana_row(reading: str) -> str:
    """The row of the 五十音 table (あ か さ …) of a reading's first kana."""
    first = reading_key(reading)[0]
    if not "\u3041" <= first <= "\u309f":
        return "他"  # a term without a reading, written in kanji or Latin letters
    row = "あ"
    for start in _ROW_START:
        if first >= start:
            row = start
    return row


def group_of(term: Term, lang: str) -> str:
    if lang == "ja":
        return kana_row(term.reading or term.ja)
    first = term.en[:1].upper()
    return first if "A" <= first <= "Z" else "#"


@dataclass(frozen=True)
class GlossaryEntry:
    """One term as the glossary page shows it (plain text: the template escapes it)."""

    id: str
    name: str
    meaning: str
    confirmed: bool
    other_lang: str
    other_name: str
    reading: str  # Japanese page only
    also: str
    english_source: str
    source: str
    basis: str


@dataclass(frozen=True)
class GlossaryGroup:
    """A 五十音 row (a letter in English) and its terms."""

    label: str
    anchor: str
    row: str  # "行" after a kana row's name on the Japanese page
    entries: list[GlossaryEntry]


@dataclass(frozen=True)
class GlossaryPage:
    """The context of templates/glossary.html.j2."""

    front_matter: Markup
    title: str
    L: dict[str, str]
    groups: list[GlossaryGroup]


def _entry(term: Term, lang: str) -> GlossaryEntry:
    other = "en" if lang == "ja" else "ja"
    return GlossaryEntry(
        id=term.id,
        name=term.name(lang),
        meaning=term.meaning(lang),
        confirmed=term.confirmed,
        other_lang=other,
        other_name=term.name(other),
        reading=term.reading if lang == "ja" and term.reading else "",
        also=listing(term.words(lang)[1:], lang),
        english_source=ENGLISH_SOURCE[term.english_source][lang],
        source=SOURCE[term.source][lang],
        basis=term.basis,
    )


def page(terms: list[Term], lang: str) -> str:
    """The glossary page: an index of the 五十音 rows (A to Z in English) at the top, then the
    terms in the order of their reading (alphabetical in English)."""
    key = (
        (lambda t: reading_key(t.reading or t.ja)) if lang == "ja" else (lambda t: t.en.casefold())
    )
    groups: dict[str, list[GlossaryEntry]] = {}
    for term in sorted(terms, key=key):
        groups.setdefault(group_of(term, lang), []).append(_entry(term, lang))
    title = t("glossary", lang)
    context = GlossaryPage(
        front_matter=Markup(front_matter(title)),
        title=title,
        L=words(lang),
        groups=[
            GlossaryGroup(g, f"kh-gl-{i}", "行" if lang == "ja" and g in KANA_ROWS else "", entries)
            for i, (g, entries) in enumerate(groups.items())
        ],
    )
    return render_page("glossary.html.j2", context)


def pages(site: Site, lang: str) -> Iterable[tuple[str, str]]:
    terms = load_terms(site.content)
    if terms:
        yield "glossary/index.md", page(terms, lang)


def nav(lang: str) -> list[tuple[str, str]]:
    return [(t("glossary", lang), "glossary/index.md")]


# ---------------------------------------------------------------------------------------------
# Marking terms in built assessment pages
# ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*?)(/?)>", re.S)
_LANG = re.compile(r'\slang="([^"]+)"')
# Never mark inside these: links, headings, controls, code, existing term-like markup.
_SKIP = {
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "button",
    "script",
    "style",
    "code",
    "pre",
    "abbr",
    "dfn",
    "kbd",
    "label",
    "select",
    "option",
    "textarea",
    "summary",
    "svg",
    "title",
    "caption",
    "nav",
    "strong",
}
_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)


# Kanji and katakana: a term glued to them is part of a longer word (機構 in 情報処理推進機構).
_JA_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u30a1-\u30fa\u30fc\uff66-\uff9f]")
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc\uff66-\uff9f]")


def inside_longer_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is only a part of a longer Japanese word: kanji or katakana
    right before it, katakana right after it (個人番号カ…), or, for a term of two characters, a
    kanji right after it (機構法).  A longer registered term is matched first anyway."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before and _JA_WORD.match(before):
        return True
    if after and _KATAKANA.match(after):
        return True
    return end - start <= 2 and bool(after) and bool(_JA_WORD.match(after))


class Marker:
    """Rewrites one page: the first occurrence per section of each term in the page's language."""

    def __init__(self, terms: list[Term], lang: str, glossary_href: str) -> None:
        self.lang = lang
        self.href = glossary_href
        words: dict[str, Term] = {}
        for term in terms:
            if term.mark:
                for word in term.words(lang):
                    words.setdefault(word, term)
        self.words = words
        alternation = trie_pattern(words)  # the longest word wins where several start
        if lang == "en":
            self.pattern = (
                re.compile(rf"(?<![A-Za-z-])(?:{alternation})(?![A-Za-z-])") if words else None
            )
        else:
            self.pattern = re.compile(alternation) if words else None
        self.count = 0
        self.marked = 0
        self.defined: dict[str, str] = {}  # term id -> the id of its definition on this page

    def mark_text(self, text: str, done: set[str]) -> str:
        if self.pattern is None:
            return text
        out, pos = [], 0
        raw = html.unescape(text)
        if raw != text and html.escape(raw, quote=False) != text:
            return text  # entities that would not round-trip: leave the text alone
        for m in self.pattern.finditer(raw):
            term = self.words[m.group(0)]
            if term.id in done or (
                self.lang == "ja" and inside_longer_word(raw, m.start(), m.end())
            ):
                continue
            done.add(term.id)
            self.marked += 1
            out.append(html.escape(raw[pos : m.start()], quote=False))
            ident = self.defined.get(term.id)
            definition = ""
            if ident is None:  # the page's first mark of the term carries its definition
                self.count += 1
                ident = self.defined[term.id] = f"kh-def-{self.count}"
                definition = (
                    f'<span class="kh-def" role="tooltip" id="{ident}" data-pagefind-ignore>'
                    f"{esc(meaning_shown(term, self.lang))}</span>"
                )
            out.append(
                f'<span class="kh-term"><a class="kh-term-link" href="{self.href}#{term.id}" '
                f'aria-describedby="{ident}">{html.escape(m.group(0), quote=False)}</a>'
                f"{definition}</span>"
            )
            pos = m.end()
        if not out:
            return text
        out.append(html.escape(raw[pos:], quote=False))
        return "".join(out)

    def rewrite(self, article: str) -> str:
        parts = _TOKEN.split(article)
        stack: list[tuple[str, str | None, bool]] = []  # (element, lang attribute, skip its text)
        done: set[str] = set()
        out: list[str] = []
        for part in parts:
            if not part:
                continue
            if part.startswith("<!--"):
                out.append(part)
                continue
            m = _TAG.fullmatch(part) if part.startswith("<") else None
            if m is not None:
                closing, name, attrs, selfclose = (
                    m.group(1),
                    m.group(2).lower(),
                    m.group(3),
                    m.group(4),
                )
                if closing:
                    while stack:
                        if stack.pop()[0] == name:
                            break
                elif name not in _VOID and not selfclose:
                    lm = _LANG.search(attrs)
                    # search filters and the facts list keep their plain text
                    skip = (
                        name in _SKIP
                        or "data-pagefind-filter" in attrs
                        or 'class="kh-facts"' in attrs
                    )
                    stack.append((name, lm.group(1) if lm else None, skip))
                    if name == "h2":
                        done = set()  # a new section
                out.append(part)
                continue
            if part.startswith("<"):
                out.append(part)
                continue
            current = next((lang for _, lang, _ in reversed(stack) if lang), self.lang)
            if current != self.lang or any(skip for _, _, skip in stack):
                out.append(part)
            else:
                out.append(self.mark_text(part, done))
        return "".join(out)


def _assessment_pages(site_dir: Path) -> list[tuple[Path, str, str]]:
    """(file, language, relative link to the language root) of every built assessment page and
    of the pages of its parts (render.OWN_PAGES, the change log)."""
    out = []
    for lang, base in (("ja", site_dir), ("en", site_dir / "en")):
        for f in sorted((base / "assessments").glob("*/*/index.html")):
            out.append((f, lang, "../../../"))
        for f in sorted((base / "assessments").glob("*/*/*/index.html")):
            out.append((f, lang, "../../../../"))
    return out


def mark_page(text: str, terms: list[Term], lang: str, up: str) -> tuple[str, int]:
    """The terms of a page marked; ``up``: from the page to its language's root."""
    marker = Marker(terms, lang, f"{up}glossary/")
    m = _ARTICLE.search(text)
    if m is None:
        return text, 0
    new = marker.rewrite(m.group(2))
    if marker.marked:
        script = '<script src="{}assets/kohyo-terms.js" defer></script>'.format(
            up + ("../" if lang == "en" else "")
        )
        new += script
    return text[: m.start(2)] + new + text[m.end(2) :], marker.marked


def _mark_file(job: tuple[str, str, str, list[Term]]) -> None:
    path, lang, up, terms = job
    f = Path(path)
    new, n = mark_page(f.read_text(encoding="utf-8"), terms, lang, up)
    if n:
        f.write_text(new, encoding="utf-8", newline="")


def after_build(site: Site, site_dir: Path, config: dict[str, Any]) -> None:
    terms = load_terms(site.content)
    if not terms:
        return
    jobs = [(str(f), lang, up, terms) for f, lang, up in _assessment_pages(site_dir)]
    each_page(_mark_file, jobs)
