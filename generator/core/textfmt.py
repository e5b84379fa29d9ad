"""The one place where content text becomes page text.

Content text is never trusted as HTML or Markdown.  ``text_html`` escapes it and gives it the
light structure the content conventions define (paragraphs, ``・`` list items, ``<…における措置>``
sub-headings); ``md_inline`` escapes it for the few places where it stands in Markdown
(headings and link texts).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

# Splits a raw line into (segment, href or None); see generator.rendering.blocks.Linker.
LineLinker = Callable[[str], "list[tuple[str, str | None]]"]

# Elements that have no end tag (for the small HTML scanners in search and glossary marking).
HTML_VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)

_BULLET = re.compile(r"^\s*(?:・|- |• |◦ |○ (?=\S))")
_SUBHEAD = re.compile(r"^\s*[<＜〈]([^<>＜＞〈〉]{1,80})[>＞〉]\s*$")
_PAGEFIND_SAFE = str.maketrans("<>&\"'", "＜＞＆＂＇")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def esc(text: str) -> str:
    """HTML-escape, quotes included."""
    return html.escape(text, quote=True)


# The "href" a linker gives a citation it could not resolve (optionally ":" + the page's
# language): shown as written, followed by a visible 未確認の参照 note, never as a link.
UNRESOLVED = "\x00unresolved"
UNRESOLVED_NOTE = {"ja": "（未確認の参照）", "en": " (unverified reference)"}


def unresolved_html(segment: str, lang: str) -> str:
    lang = lang if lang in UNRESOLVED_NOTE else "ja"
    return (
        f'<span class="kh-unresolved">{esc(segment)}</span>'
        f'<span class="kh-unresolved-note" lang="{lang}" data-pagefind-ignore>'
        f"{esc(UNRESOLVED_NOTE[lang])}</span>"
    )


def inline_html(line: str, link: LineLinker | None = None) -> str:
    """One escaped line; with ``link``, recognised spans become links (never nested)."""
    if link is None:
        return esc(line)
    out = []
    for segment, href in link(line):
        if href and href.startswith(UNRESOLVED):
            out.append(unresolved_html(segment, href.rpartition(":")[2]))
        else:
            out.append(f'<a href="{esc(href)}">{esc(segment)}</a>' if href else esc(segment))
    return "".join(out)


def text_html(text: str, link: LineLinker | None = None) -> str:
    """Escaped HTML for a free text: paragraphs, lists and sub-headings, nothing else."""
    out: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            out.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    for raw_line in text.replace("\r\n", "\n").split("\n"):
        line = raw_line.strip()
        if not line:
            flush()
            continue
        if m := _BULLET.match(line):
            items.append(inline_html(line[m.end() :].strip(), link))
            continue
        flush()
        if m := _SUBHEAD.match(line):
            out.append(f'<p class="kh-subhead"><strong>{esc(line)}</strong></p>')
        else:
            out.append(f"<p>{inline_html(line, link)}</p>")
    flush()
    return "".join(out)


def md_inline(text: str) -> str:
    """Text for a Markdown heading or link text: one line, Markdown and HTML escaped."""
    one_line = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))


def md_inline_html(md: str) -> str:
    """The HTML of a heading's Markdown (``md_inline`` escaped it for HTML first, then for
    Markdown): the Markdown escapes undone, the HTML escapes kept."""
    return _MD_UNESCAPE.sub(r"\1", md)


_MD_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


def one_line(text: str, limit: int = 0) -> str:
    s = " ".join(text.split())
    if limit and len(s) > limit:
        return s[: limit - 1] + "…"
    return s


def front_matter(
    title: str, description: str | None = None, extra: dict[str, bool] | None = None
) -> str:
    """A page's front matter.  MkDocs and Material take a page's title and description as HTML
    and print them unescaped (``<title>``, the header, the navigation, ``<meta name=description>``),
    so content text is handed over escaped, here and nowhere else.  ``extra``: flags for the
    theme (``kh_noindex``: not in the search index, theme/main.html)."""
    lines = ["---", "title: " + json.dumps(esc(one_line(title)), ensure_ascii=False)]
    if description:
        lines.append("description: " + json.dumps(esc(one_line(description)), ensure_ascii=False))
    lines.extend(f"{key}: {json.dumps(value)}" for key, value in sorted((extra or {}).items()))
    return "\n".join([*lines, "---", ""])


def page_start(
    title: str, description: str | None = None, extra: dict[str, bool] | None = None
) -> str:
    """The start of a page written in Python: its front matter and its title as the heading."""
    return front_matter(title, description, extra) + f"\n# {md_inline(title)}\n\n"


def md_attr(text: str) -> str:
    """Text for a quoted attribute value in a Markdown attribute list (``{: data-x="…" }``):
    ASCII punctuation becomes numeric references, so that neither the attribute list (which
    ends at the first ``}``) nor Markdown (links, emphasis) nor HTML sees any syntax in it."""
    return "".join(
        c if c.isalnum() or c in " .,-:/" or ord(c) > 127 else f"&#{ord(c)};"
        for c in one_line(text)
    )


def pagefind_value(text: str) -> str:
    """A ``data-pagefind-filter`` value.  Pagefind's indexer decodes the attribute's entities
    and its UI inserts filter values as HTML, so no escaping survives the trip: the characters
    that make markup are shown as their full-width forms instead (＜＞＆＂＇)."""
    return esc(one_line(text).translate(_PAGEFIND_SAFE))


_QUOTED_JA = re.compile(r"「[^」]*」")


def ja_quotes(html: str) -> str:
    """English HTML that quotes Japanese 「…」: each quotation marked ``lang="ja"``."""
    return _QUOTED_JA.sub(lambda m: f'<span lang="ja">{m.group(0)}</span>', html)
