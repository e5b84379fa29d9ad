"""Content text never becomes HTML or Markdown: property tests over arbitrary strings.

Unit level: ``textfmt.text_html`` emits only the tags it owns (p, ul, li, strong) and
``textfmt.md_inline`` emits none and survives Python-Markdown unchanged.  End to end: strings put
into a Text field (a key/value table) and a checklist note of the fixture corpus go through
validate -> link -> write (generator.pipeline) -> Python-Markdown with the build's extensions, and the HTML keeps
every table's shape and contains no element or attribute from the input.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from generator.core.findings import Findings
from generator.core.textfmt import md_inline, one_line, text_html
from generator.pipeline import Project, prepare
from generator.pipeline import write as write_site

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
MD_EXTENSIONS = ["attr_list", "tables", "toc"]  # as in generator.output.mkdocs_yml.mkdocs_config

NASTY = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<a href='javascript:alert(1)'>x</a>",
    "{: #x }",
    "{: onclick=alert(1) }",
    "`code`",
    "```",
    "|",
    "| a | b |\n|---|---|\n| c | d |",
    "# 見出し",
    "**強調** *斜体* _下線_",
    "[リンク](http://example.invalid)",
    "<!-- comment -->",
    "&lt;script&gt;",
    "&#60;script&#62;",
    "<ガバメントクラウドにおける措置>",
    "・項目",
    "- 項目",
    "\\",
    "<",
    ">",
    "\n\n",
    "<![CDATA[x]]>",
    "<?php ?>",
    "<style>p{}</style>",
    "<div markdown=1>*x*</div>",
]

# Printable text of any script, plus newlines and tabs; no other control characters (YAML
# cannot carry them unescaped, and they are not what staff type).
_chars = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"))
_text = st.text(
    st.one_of(_chars, st.sampled_from(list("\n\t <>&\"'`|#*[]{}:=!-_\\・"))), max_size=60
)
nasty_text = st.one_of(
    _text,
    st.lists(st.one_of(st.sampled_from(NASTY), _text), min_size=1, max_size=5).map("".join),
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[str] = []
        self.other: list[str] = []  # comments, declarations, processing instructions

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.data.append(data)

    def handle_comment(self, data: str) -> None:
        self.other.append(data)

    def handle_decl(self, decl: str) -> None:
        self.other.append(decl)

    def handle_pi(self, data: str) -> None:
        self.other.append(data)

    def unknown_decl(self, data: str) -> None:
        self.other.append(data)


def parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    p.close()
    return p


# ---------------------------------------------------------------------------------------------
# Unit level
# ---------------------------------------------------------------------------------------------


@settings(max_examples=400)
@given(nasty_text)
def test_text_html_emits_only_its_own_tags(s: str) -> None:
    out = text_html(s)
    p = parse(out)
    assert not p.other
    for tag, attrs in p.tags:
        assert tag in {"p", "ul", "li", "strong"}, (tag, out)
        assert attrs in ({}, {"class": "kh-subhead"}), (attrs, out)
    # nothing of the input is lost or reinterpreted: the text is still all there
    visible = "".join(p.data)
    for word in s.split():
        if word not in ("・", "-", "•", "◦", "○"):
            assert word.lstrip("・").replace("- ", "") in visible or word in visible


@settings(max_examples=400, deadline=None)
@given(nasty_text)
@example('<img src=x onerror="alert(1)">\\:')  # a backslash of the text before ":" stays
def test_md_inline_is_inert_in_markdown(s: str) -> None:
    out = md_inline(s)
    assert "\n" not in out
    assert not parse(out).tags
    assume(s.strip())
    for source, allowed in ((f"# {out}", {"h1"}), (f"[{out}](target)", {"p", "a"})):
        html = markdown.markdown(source, extensions=MD_EXTENSIONS)
        p = parse(html)
        assert not p.other, html
        for tag, attrs in p.tags:
            assert tag in allowed, (tag, html)
            assert set(attrs) <= {"id", "href"}, (attrs, html)
            if tag == "a":
                assert attrs["href"] == "target"

        # Python-Markdown keeps a backslash before ~^=: (see test_md_inline_no_stray_backslash):
        # compare with that backslash dropped on both sides, so a backslash of the text stays.
        def unslash(text: str) -> str:
            return re.sub(r"\\([~^=:])", r"\1", text)

        assert unslash("".join(p.data)).strip() == unslash(one_line(s)).strip(), html


@pytest.mark.parametrize("s", ["a = b", "x^2", "1~3", "対象: 住民"])
def test_md_inline_no_stray_backslash(s: str) -> None:
    html = markdown.markdown(f"# {md_inline(s)}", extensions=MD_EXTENSIONS)
    assert "".join(parse(html).data) == s


# ---------------------------------------------------------------------------------------------
# End to end
# ---------------------------------------------------------------------------------------------

PAGE = "assessments/sample/juki-focused.md"


def _shape(html: str) -> list[list[int]]:
    """Cells per row of every table, in order."""

    class Shape(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tables: list[list[int]] = []
            self.stack: list[list[int]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "table":
                self.stack.append([])
            elif tag == "tr" and self.stack:
                self.stack[-1].append(0)
            elif tag in ("td", "th") and self.stack and self.stack[-1]:
                self.stack[-1][-1] += 1

        def handle_endtag(self, tag: str) -> None:
            if tag == "table" and self.stack:
                self.tables.append(self.stack.pop())

    s = Shape()
    s.feed(html)
    s.close()
    assert not s.stack, "unclosed table"
    return s.tables


def _render(text: str, note: str, tmp: Path) -> dict[str, str] | None:
    """The assessment page in both languages as HTML; None if the content does not validate."""
    root = tmp / "corpus"
    shutil.copytree(CORPUS, root)
    path = root / "content" / "assessments" / "sample" / "juki-focused.yaml"
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["files"][0]["outsourcing"]["items"][0]["content"] = text  # a Text in a key/value table
    data["basic_info"]["systems"][0]["connections"]["その他"] = {"checked": True, "note": note}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    findings = Findings()
    _corpus, site = prepare(Project.open(root), findings)
    if findings.errors:  # e.g. a generated 12-digit Individual Number
        return None
    write_site(site, tmp / "build")
    return {
        lang: markdown.markdown(
            (tmp / "build" / "docs" / lang / PAGE).read_text(encoding="utf-8"),
            extensions=MD_EXTENSIONS,
        )
        for lang in ("ja", "en")
    }


_BASELINE: dict[str, tuple[list[list[int]], set[str], set[str]]] = {}


def _baseline() -> dict[str, tuple[list[list[int]], set[str], set[str]]]:
    if not _BASELINE:
        with tempfile.TemporaryDirectory() as t:
            pages = _render("本文", "注記", Path(t))
            assert pages is not None
            for lang, html in pages.items():
                p = parse(html)
                tags = {tag for tag, _ in p.tags}
                attrs = {name for _, a in p.tags for name in a}
                _BASELINE[lang] = (_shape(html), tags, attrs)
    return _BASELINE


def test_baseline_page_has_tables() -> None:
    for shape, tags, _attrs in _baseline().values():
        assert len(shape) >= 3
        assert "script" not in tags


@pytest.mark.slow  # renders a page per example
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=nasty_text, note=nasty_text)
def test_end_to_end_no_markup_from_content(text: str, note: str) -> None:
    assume(text.strip() and note.strip())
    with tempfile.TemporaryDirectory() as t:
        pages = _render(text, note, Path(t))
    assume(pages is not None)
    assert pages is not None
    for lang, html in pages.items():
        base_shape, base_tags, base_attrs = _baseline()[lang]
        p = parse(html)
        tags = {tag for tag, _ in p.tags}
        attrs = {name for _, a in p.tags for name in a}
        assert "script" not in tags
        assert tags <= base_tags | {"p", "ul", "li", "strong"}, tags - base_tags
        assert attrs <= base_attrs, attrs - base_attrs
        assert not any(a.startswith("on") for a in attrs)
        assert _shape(html) == base_shape


def test_end_to_end_known_attack(tmp_path: Path) -> None:
    attack = "<script>alert(1)</script> | a | b |\n{: #x onclick=alert(1) }\n`x` **y** [z](javascript:alert(1))"
    pages = _render(attack, attack, tmp_path)
    assert pages is not None
    for lang, html in pages.items():
        p = parse(html)
        assert "script" not in {tag for tag, _ in p.tags}
        assert not any(name.startswith("on") for _, a in p.tags for name in a)
        assert _shape(html) == _baseline()[lang][0]
        visible = "".join(p.data)
        assert "<script>alert(1)</script>" in visible  # shown as text, literally
        assert "{: #x onclick=alert(1) }" in visible
        assert "[z](javascript:alert(1))" in visible
