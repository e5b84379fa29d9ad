"""MkDocs hooks (``hooks:`` in the generated mkdocs.yml): raw HTML blocks bypass Python-Markdown;
compiled templates are cached; a preview's side build skips the site-wide templates.

The pages we write are Markdown headings (for the table of contents and the permalinks) between
blocks of HTML that generator/render.py and generator/textfmt.py have already escaped and built.
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

import hashlib
import re
from typing import Any

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
    return env


def on_page_markdown(markdown: str, page: Any, **_kw: Any) -> str:
    text, blocks, key = stash_blocks(markdown)
    _STASH[page.file.src_uri] = (key, blocks)
    return text


def on_page_content(html: str, page: Any, **_kw: Any) -> str:
    key, blocks = _STASH.pop(page.file.src_uri, ("", []))
    return restore_blocks(html, blocks, key)
