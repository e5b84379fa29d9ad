"""Property: any text in a field that names a page never becomes markup, ``<head>`` included.

Render level, through the build's own path: the text goes into the fixture corpus (municipality
name, assessment title, process name, council title, task number), then validate -> link ->
the write stage writes the pages with their front matter (generator/core/textfmt.py front_matter);
MkDocs' front-matter reader reads it back, and the theme's own templates (theme/main.html's
title and meta blocks, theme/partials/header.html, through Material's Jinja environment)
and Python-Markdown with the build's extensions and hooks turn each page into HTML.  No element
or attribute may appear that the page without the text does not have, and the text must be
there, as text, in ``<title>`` and the header.
"""

from __future__ import annotations

import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace as NS
from typing import Any

import markdown
import yaml
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from mkdocs.theme import Theme
from mkdocs.utils import meta

from generator.core.findings import Findings
from generator.core.textfmt import one_line
from generator.loading.load import load_text
from generator.output.mkdocs_hooks import restore_blocks, stash_blocks
from generator.pipeline import Project, prepare
from generator.pipeline import write as write_site
from tests.hostile.payloads import FIXTURE, PAYLOADS, REPO

MD_EXTENSIONS = ["attr_list", "tables", "toc"]
PAGES = [
    "municipalities/sample.md",
    "assessments/sample/juki-focused.md",
    "assessments/sample/vaccination-full.md",
    "processes/juki.md",
    "council/sample/shimon-1.md",
]
_THEME = Theme(
    name="material", custom_dir=str(REPO / "theme"), language="ja", features=[], font=False
)
_ENV = _THEME.get_env()
_HEADER = _ENV.from_string(
    '{% import "partials/language.html" as lang with context %}{% include "partials/header.html" %}'
)
_MAIN = _ENV.get_template("main.html")

_chars = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"))
texts = st.one_of(
    st.text(st.one_of(_chars, st.sampled_from(list("<>&\"'`|#*[]{}:=!-_\\/ ;()"))), min_size=1),
    st.lists(st.sampled_from(PAYLOADS), min_size=1, max_size=3).map(" ".join),
).filter(lambda s: s.strip() != "")


def _edit(path: Path, where: list[tuple[Any, ...]], text: str) -> None:
    loaded = load_text(path.read_text(encoding="utf-8"), path.name, Findings())
    assert loaded is not None
    data = loaded.data
    for loc in where:
        node = data
        for part in loc[:-1]:
            node = node[part]
        node[loc[-1]] = text
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _pages(text: str, tmp: Path) -> dict[str, str] | None:
    """lang/page -> the page's head and body as HTML; None if the text does not validate."""
    root = tmp / "corpus"
    shutil.copytree(FIXTURE, root)
    c = root / "content"
    _edit(c / "municipalities" / "sample.yaml", [("name", "ja"), ("name", "en")], text)
    _edit(
        c / "assessments" / "sample" / "juki-focused.yaml",
        [("cover", "title", "ja"), ("cover", "title", "en")],
        text,
    )
    _edit(
        c / "registries" / "processes.yaml",
        [("processes", 0, "name", "ja"), ("processes", 0, "name", "en")],
        text,
    )
    _edit(c / "council" / "sample" / "shimon-1.yaml", [("title",)], text)
    findings = Findings()
    site = prepare(Project.open(c.parent), findings)[1]
    if findings.errors:  # e.g. a 12-digit Individual Number, a text too long
        return None
    write_site(site, tmp / "build")
    out = {}
    for lang in ("ja", "en"):
        for rel in PAGES:
            source = (tmp / "build" / "docs" / lang / rel).read_text(encoding="utf-8")
            body_md, front = meta.get_data(source)
            page = NS(
                meta=front,
                title=front.get("title"),
                is_homepage=False,
                canonical_url=None,
                url=rel.removesuffix(".md") + "/",
            )
            config = NS(
                site_name="kohyo",
                theme=_THEME,
                extra={},
                plugins={},
                repo_url=None,
                site_description=None,
            )
            ctx = {"page": page, "config": config, "base_url": "..", "mkdocs_version": "1"}
            head = "".join(_MAIN.blocks["htmltitle"](_MAIN.new_context(ctx)))
            head += "".join(_MAIN.blocks["site_meta"](_MAIN.new_context(ctx)))
            header = _HEADER.render(
                **ctx, features=[], nav=NS(homepage=NS(url="")), i18n_page_locale=lang
            )
            stashed, blocks, key = stash_blocks(body_md)
            body = restore_blocks(markdown.markdown(stashed, extensions=MD_EXTENSIONS), blocks, key)
            out[f"{lang}/{rel}"] = "\n".join([head, header, body])
    return out


class _Parse(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.stack: list[str] = []
        self.title = ""
        self.topic = ""
        self.other: list[str] = []
        self._topic = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs |= {name for name, _ in attrs}
        if ("data-md-component", "header-topic") in attrs:
            self._topic = True
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass
        if tag == "div":
            self._topic = False

    def handle_data(self, data: str) -> None:
        if self.stack[-1:] == ["title"]:
            self.title += data
        elif self._topic:
            self.topic += data

    def handle_comment(self, data: str) -> None:
        self.other.append(data)


def _parse(html: str) -> _Parse:
    p = _Parse()
    p.feed(html)
    p.close()
    return p


_BASE: dict[str, _Parse] = {}


def _baseline() -> dict[str, _Parse]:
    if not _BASE:
        with tempfile.TemporaryDirectory() as t:
            pages = _pages("見本", Path(t))
        assert pages is not None
        _BASE.update({k: _parse(v) for k, v in pages.items()})
    return _BASE


def test_baseline_pages_show_the_text_in_title_and_header() -> None:
    for key, p in _baseline().items():
        assert "見本" in p.title, key
        assert "script" in p.tags or "svg" in p.tags, key


def _check(text: str) -> bool:
    """False if the text does not validate (nothing is written then)."""
    with tempfile.TemporaryDirectory() as t:
        pages = _pages(text, Path(t))
    if pages is None:
        return False
    shown = one_line(text)
    for key, html in pages.items():
        base = _baseline()[key]
        p = _parse(html)
        # the structure content conventions give a text (sub-headings, lists: textfmt.text_html)
        # the text's own structure (paragraphs, lists), and on an English page a long untranslated
        # text's note quoting its beginning in <q lang="ja"> (generator/rendering/blocks.py to_japanese)
        structure = {"p", "ul", "li", "strong", "q"}
        assert p.tags <= base.tags | structure, (key, p.tags - base.tags)
        # ... and the note's link to the Japanese page (hreflang="ja")
        assert p.attrs <= base.attrs | {"hreflang"}, (key, p.attrs - base.attrs)
        assert not p.other
        assert shown in " ".join(p.title.split()), (key, p.title)
        assert shown in " ".join(p.topic.split()), (key, p.topic)
    return True


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # each example is a render: no shrinking
)
@given(texts)
def test_no_text_becomes_markup_anywhere_in_the_page(text: str) -> None:
    assume(_check(text))


def test_known_attacks_stay_text() -> None:
    for payload in PAYLOADS:
        assert _check(payload), payload


def test_a_long_text_stays_text() -> None:
    """Longer than an English page quotes in full (its note quotes the beginning in <q>)."""
    assert _check("長い名前<script>alert(1)</script>" * 12)
