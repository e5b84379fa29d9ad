"""The page templates (generator/templates/): the Jinja environments (StrictUndefined; HTML
templates autoescaped through ``generator.core.textfmt.esc``) and the typed context of each page.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.core.textfmt import (
    esc,
    front_matter,
    md_attr,
    md_inline,
    pagefind_value,
)
from generator.linking.link import AssessmentRef, CouncilRef
from generator.loading.original import Original
from generator.rendering.blocks import Block

TEMPLATES = Path(__file__).parent.parent / "templates"


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
