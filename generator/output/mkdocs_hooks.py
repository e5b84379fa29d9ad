"""MkDocs hooks (``hooks:`` in the generated mkdocs.yml): raw HTML blocks bypass Python-Markdown;
compiled templates are cached; a preview's side build skips the site-wide templates.

The pages we write are Markdown headings (for the table of contents and the section ids) between
blocks of HTML that generator/rendering/render.py and generator/core/textfmt.py have already escaped and built.
Python-Markdown passes such blocks through unchanged, but only after running ``html.parser`` over
each of them twice (its own ``html_block`` preprocessor and MkDocs' anchor collector): measured
on the synthetic corpus, 80 % of the MkDocs build time.  Here each complete HTML block is swapped
for a placeholder paragraph before conversion and put back, byte for byte, into the converted
page.  What Python-Markdown would have done with these blocks is exactly that, so the pages are
the same; links inside the blocks are checked by the link test (lychee) as before.

A block is handed past only when it is whole: it starts at the beginning of a chunk with a
block-level tag, has no blank line inside and ends with that block tag's closing tag.  Anything
else goes through Python-Markdown as usual.
"""

from __future__ import annotations

import gc
import hashlib
import re
from typing import Any

from generator.core.collect import young_threshold
from generator.core.vocab import t

_BLOCK_TAGS = "div|table|dl|p|ul|ol|section|details|figure|nav|aside|blockquote"
_START = re.compile(rf"<({_BLOCK_TAGS})[\s>]")
_END = re.compile(rf"</({_BLOCK_TAGS})>\s*\Z")
_STASH: dict[str, tuple[str, list[str]]] = {}  # page source path -> (key, blocks)


def stash_blocks(markdown: str) -> tuple[str, list[str], str]:
    """The Markdown with each whole HTML block replaced by a placeholder paragraph, the blocks,
    and the placeholders' key (from the page's own text, so no text on the page can spell it)."""
    key = "khraw" + hashlib.sha256(markdown.encode("utf-8")).hexdigest()[:16]
    blocks: list[str] = []
    chunks = markdown.split("\n\n")
    for i, chunk in enumerate(chunks):
        if _START.match(chunk) and _END.search(chunk):
            chunks[i] = f"{key}x{len(blocks)}z"
            blocks.append(chunk.rstrip())
    return "\n\n".join(chunks), blocks, key


def restore_blocks(html: str, blocks: list[str], key: str) -> str:
    """Each placeholder back as its block, in one pass over the converted page."""
    if not blocks:
        return html
    # a placeholder is a paragraph; inside a raw block that spans blank lines it stays bare
    placeholder = re.compile(rf"<p>{key}x(\d+)z</p>|{key}x(\d+)z")

    def put_back(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return blocks[int(m.group(2))]
        # Python-Markdown leaves a blank line after each raw block but the last: so do we
        return blocks[int(m.group(1))] + ("" if m.end() == len(html) else "\n")

    return placeholder.sub(put_back, html)


def on_startup(**_kw: Any) -> None:
    """MkDocs holds every page of the site too: the same young generation as our stages
    (generator/core/collect.py), for the whole run of this process."""
    gc.set_threshold(*young_threshold())


def on_config(config: Any, **_kw: Any) -> Any:
    """A preview's side build (a few pages) skips the site-wide templates (sitemap, 404)."""
    if config.extra.get("kohyo_partial"):
        config.theme.static_templates.clear()
    return config


def on_env(env: Any, config: Any, **_kw: Any) -> Any:
    """Compiled templates are kept (Jinja's cache in the user's temporary folder, keyed by each
    template's source), so that each build, and each update of the preview, a build of its own,
    does not compile Material's templates again."""
    from jinja2 import FileSystemBytecodeCache

    env.bytecode_cache = FileSystemBytecodeCache()
    # Material's page configuration (``tojson``) with Japanese as UTF-8, not \uXXXX escapes (half
    # the bytes); <, >, & and ' are still escaped by Jinja's ``tojson``.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def on_page_markdown(markdown: str, page: Any, **_kw: Any) -> str:
    text, blocks, key = stash_blocks(markdown)
    _STASH[page.file.src_uri] = (key, blocks)
    return text


def on_page_content(html: str, page: Any, config: Any, **_kw: Any) -> str:
    key, blocks = _STASH.pop(page.file.src_uri, ("", []))
    lang = "en" if config.theme.get("language") == "en" else "ja"
    html = restore_blocks(html, blocks, key)
    return contents_list(phone_links(html), lang)


# ---------------------------------------------------------------- wayfinding on every page

_H2 = re.compile(r'<h2((?:\s+data-[\w-]+="[^"]*")*) id="([^"<>]+)"([^>]*)>(.*?)</h2>', re.S)
_TOC_LABEL = re.compile(r'\sdata-toc-label="([^"]*)"')
_PART = re.compile(r'\sdata-kh-part="([^"]*)"')
_LINKS = re.compile(r"</?a\b[^>]*>")
_ID_ATTR = re.compile(r'\sid="[^"]*"')
_H1_END = re.compile(r"</h1>")
# A page with this many sections or more starts with a list of them.
CONTENTS_FROM = 3


def contents_list(html: str, lang: str) -> str:
    """A list of the page's sections right under its title, at every width (the sidebar table of
    contents shows only on wide screens). The section names are the headings' own text, which
    the page has already escaped."""
    entries = []
    for m in _H2.finditer(html):
        attrs = m.group(1) + m.group(3)
        label = _TOC_LABEL.search(attrs)
        # the heading's own markup stays (a span lang="ja" in an English heading), links and ids do not
        inner = _LINKS.sub("", m.group(4))
        text = label.group(1) if label else _ID_ATTR.sub("", inner)
        # a section on a page of its own (render.OWN_PAGES): the entry opens that page
        part = _PART.search(attrs)
        href = part.group(1) if part else f"#{m.group(2)}"
        entries.append(f'<li><a href="{href}">{" ".join(text.split())}</a></li>')
    end = _H1_END.search(html)
    # a page with an index of its own (the glossary) needs no second one
    if len(entries) < CONTENTS_FROM or end is None or 'class="kh-gl-index kh-page-index"' in html:
        return html
    title = t("contents", lang)
    nav = (
        f'<nav class="kh-contents" aria-labelledby="kh-contents-title" data-pagefind-ignore>'
        f'<p class="kh-contents__title" id="kh-contents-title">{title}</p>'
        f'<ol class="kh-contents__list">{"".join(entries)}</ol></nav>'
    )
    return html[: end.end()] + nav + html[end.end() :]


# A Japanese telephone number as written in the contacts section: 0 and 9 or 10 more digits in
# three groups (072-825-2195, 0120-123-456, (072)825-2195, full-width digits too).
_DASH = "-‐‑–−－ー"
_PHONE = re.compile(
    rf"(?<![0-9０-９{_DASH}])"
    rf"(?:[(（]([0０][0-9０-９]{{1,4}})[)）]|([0０][0-9０-９]{{1,4}})[{_DASH}])"
    rf"([0-9０-９]{{1,4}})[{_DASH}]([0-9０-９]{{3,4}})(?![0-9０-９{_DASH}])"
)
_FAX = re.compile(r"(?:FAX|Fax|fax|ファクス|ファックス|ＦＡＸ)[\s:：．.]*$")
_SECTION = re.compile(r'<h2 id="contacts".*?(?=<h2 |</article>|\Z)', re.S)


def _tel(m: re.Match[str], before: str) -> str:
    groups = [g for g in m.groups() if g]
    digits = "".join(groups).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if len(digits) not in (10, 11) or _FAX.search(before[-12:]):
        return m.group(0)
    # RFC 3966 global form, which any phone dials, in Japan or abroad
    href = "tel:+81-" + "-".join([groups[0].lstrip("0０"), *groups[1:]]).translate(
        str.maketrans("０１２３４５６７８９", "0123456789")
    )
    return f'<a class="kh-tel" href="{href}">{m.group(0)}</a>'


def phone_links(html: str) -> str:
    """Telephone numbers in the contacts section (開示請求、問合せ) become tel: links, so that a
    phone calls the office with one tap. Only the text between tags is read, links excepted; a
    number after "FAX" stays text."""
    section = _SECTION.search(html)
    if section is None:
        return html
    parts = _TOKEN.split(section.group(0))
    depth = 0
    for i, part in enumerate(parts):
        if part.startswith("<"):
            if re.match(r"<a[\s>]", part):
                depth += 1
            elif part.startswith("</a"):
                depth = max(0, depth - 1)
        elif depth == 0 and part:
            parts[i] = _PHONE.sub(lambda m, t=part: _tel(m, t[: m.start()]), part)
    return html[: section.start()] + "".join(parts) + html[section.end() :]


_TOKEN = re.compile(r"(<[^>]+>)")


# ---------------------------------------------------------------- lighter markup

# Material's templates indent every line of the page frame (header, navigation, table of
# contents): at nation scale about a fifth of a short page was spaces and blank lines. A run of
# white space that holds a line break renders exactly as one line break, outside the elements
# that keep white space as written (no style of the site sets white-space: pre on other ones).
_KEEP_AS_WRITTEN = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
_BLANK_RUN = re.compile(r"[ \t\r\n]*\n[ \t\r\n]*")


def collapse_whitespace(html: str) -> str:
    """Each run of white space with a line break in it becomes one line break, except inside
    ``pre``, ``textarea`` and ``script``: the page renders the same, with fewer bytes."""
    parts = _KEEP_AS_WRITTEN.split(html)
    out = []
    # split with two groups: [text, whole element, element name, text, ...]
    for i in range(0, len(parts), 3):
        out.append(_BLANK_RUN.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def on_post_page(output: str, **_kw: Any) -> str:
    return collapse_whitespace(output)


def on_template_context(context: Any, template_name: str, config: Any, **_kw: Any) -> Any:
    """The error page without a site URL: its links and assets are made relative to the site's
    root, which a script at the top of 404.html finds at run time (it is served at any depth,
    and the site may live under any sub-path)."""
    if template_name == "404.html" and not config.site_url:
        context["base_url"] = ""
    return context
