"""The one place where content text becomes page text.

Content text is never trusted as HTML or Markdown.  ``text_html`` escapes it and gives it the
light structure the content conventions define (paragraphs, ``・`` list items, ``<…における措置>``
sub-headings); ``md_inline`` escapes it for the few places where it stands in Markdown
(headings and link texts).
"""

from __future__ import annotations

import html
import re

_BULLET = re.compile(r"^\s*(?:・|- |• |◦ |○ (?=\S))")
_SUBHEAD = re.compile(r"^\s*[<＜〈]([^<>＜＞〈〉]{1,80})[>＞〉]\s*$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:])")


def esc(text: str) -> str:
    """HTML-escape, quotes included."""
    return html.escape(text, quote=True)


def text_html(text: str) -> str:
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
            items.append(esc(line[m.end() :].strip()))
            continue
        flush()
        if m := _SUBHEAD.match(line):
            out.append(f'<p class="kh-subhead"><strong>{esc(line)}</strong></p>')
        else:
            out.append(f"<p>{esc(line)}</p>")
    flush()
    return "".join(out)


def md_inline(text: str) -> str:
    """Text for a Markdown heading or link text: one line, Markdown and HTML escaped."""
    one_line = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))


def one_line(text: str, limit: int = 0) -> str:
    s = " ".join(text.split())
    if limit and len(s) > limit:
        return s[: limit - 1] + "…"
    return s
