"""generator/output/mkdocs_hooks.py: raw HTML blocks bypass Python-Markdown, and the pages stay the same."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from generator.output.mkdocs_hooks import restore_blocks, stash_blocks

GOLDEN = Path(__file__).resolve().parent / "golden"
PAGES = sorted(GOLDEN.rglob("*.md"))


def _convert(text: str) -> str:
    md = markdown.Markdown(
        extensions=["attr_list", "tables", "toc"],
        extension_configs={"toc": {"permalink": True, "toc_depth": 3}},
    )
    return md.convert(text)


def _blocks(html: str) -> list[str]:
    """The page as its top-level pieces: line breaks between blocks do not matter to a browser."""
    return [piece for piece in re.split(r"\n+", html) if piece]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(GOLDEN).as_posix())
def test_same_page_with_and_without_the_hook(page: Path) -> None:
    text = page.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
    stashed, blocks, key = stash_blocks(text)
    fast = restore_blocks(_convert(stashed), blocks, key)
    assert key not in fast
    assert "".join(_blocks(fast)) == "".join(_blocks(_convert(text)))


def test_only_whole_blocks_are_stashed() -> None:
    text = (
        "# T\n\n<div>a</div>\n\n<div>open\n\nstill open</div>\n\n<p>x</p> *tail*\n\n"
        "<span>inline</span>\n\n    <div>code</div>\n\n<table><tr><td>1</td></tr></table>"
    )
    stashed, blocks, key = stash_blocks(text)
    assert blocks == ["<div>a</div>", "<table><tr><td>1</td></tr></table>"]
    assert "<div>open" in stashed and "*tail*" in stashed and "<span>inline</span>" in stashed
    # text that looks like a placeholder stays text: the key comes from the page itself
    page = "<p>khraw0z</p>\n\nkhraw0z"
    stashed, blocks, key = stash_blocks(page)
    assert restore_blocks(_convert(stashed), blocks, key) == "<p>khraw0z</p>\n\n<p>khraw0z</p>"


def test_assessment_pages_are_mostly_stashed() -> None:
    page = (GOLDEN / "ja" / "assessments").rglob("*.md")
    text = next(iter(sorted(page))).read_text(encoding="utf-8")
    _stashed, blocks, _key = stash_blocks(text)
    assert sum(map(len, blocks)) > 0.8 * len(text)  # what Python-Markdown no longer parses
