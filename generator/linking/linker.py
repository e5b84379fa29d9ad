"""Citations become links: ``Linker`` (``site.linker``) splits a line into segments and their
addresses, scoped to a page (a municipality's own ordinances) and to a text (its date and the
abbreviations it defines); the recogniser itself is ``generator.linking.citations``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.core.textfmt import UNRESOLVED
from generator.linking.citations import Recogniser, Session, Span
from generator.model.links import (
    Entity,
    Law,
    LegalRef,
)


def segments(
    line: str, spans: list[Span], known: set[LegalRef] | None = None
) -> list[tuple[str, str | None]]:
    """Split ``line`` into (segment, href or None) by the linkable spans (never overlapping);
    an unresolved citation has the href ``UNRESOLVED``.

    With ``known``, only references that have a page are links.
    """
    out: list[tuple[str, str | None]] = []
    pos = 0
    for sp in sorted(spans, key=lambda s: s.start):
        if sp.start < pos:
            continue
        if sp.kind == "unresolved":
            link: str | None = UNRESOLVED
        elif known is not None and sp.kind == "law" and sp.ref not in known:
            continue
        else:
            link = span_href(sp)
        if link is None:
            continue
        if sp.start > pos:
            out.append((line[pos : sp.start], None))
        out.append((line[sp.start : sp.end], link))
        pos = sp.end
    if pos < len(line) or not out:
        out.append((line[pos:], None))
    return out


def ref_path(ref: LegalRef) -> str:
    """The page of a reference, relative to the language root (directory URL)."""
    slug = ref.slug()
    return f"laws/{ref.law}/{slug}/" if slug else f"laws/{ref.law}/"


def span_href(sp: Span) -> str | None:
    if sp.kind == "law" and sp.ref is not None:
        return ref_path(sp.ref)
    if sp.kind == "system":
        return f"systems/{sp.target}/"
    if sp.kind == "contractor":
        return f"contractors/{sp.target}/"
    return None


@dataclass(frozen=True)
class TextContext:
    """What a text needs to be read right: the date it was written (its numbering regime) and
    the abbreviations its document defined (規則 -> 番号法施行規則)."""

    as_of: dt.date | None = None
    abbreviations: tuple[tuple[str, str], ...] = ()
    index: bool = True  # the assessment's own words (False: the project's notes on its source)


class Linker:
    """``site.linker``: splits a line into (segment, href); ``for_page`` and ``for_text`` scope it."""

    def __init__(
        self,
        laws: list[Law],
        systems: list[Entity],
        contractors: list[Entity],
        municipality: str | None = None,
    ) -> None:
        self._args = (laws, systems, contractors)
        self.municipality = municipality
        self._rec = Recogniser(laws, systems, contractors, municipality)
        self._scoped: dict[str | None, Linker] = {municipality: self}
        # the references that have a page (set by the link stage): one set for every scope,
        # so that a page linker made before the link stage ends sees it
        self._root: Linker = self
        self._known: set[LegalRef] | None = None
        # id(Text) -> its context, set by the link stage for every text of every document
        self.contexts: dict[int, TextContext] = {}
        self._abbrev: dict[tuple[tuple[str, str], ...], Recogniser] = {(): self._rec}

    def for_page(self, path: str) -> Linker:
        """The linker for a page: the municipality's own ordinances resolve on its pages only."""
        parts = path.split("/")
        muni = parts[1] if len(parts) > 2 and parts[0] in ("assessments", "council") else None
        if muni not in self._scoped:
            scoped = Linker(*self._args, municipality=muni)
            scoped._scoped = self._scoped
            scoped._root = self._root
            scoped.contexts = self.contexts
            self._scoped[muni] = scoped
        return self._scoped[muni]

    @property
    def known(self) -> set[LegalRef] | None:
        return self._root._known

    @known.setter
    def known(self, refs: set[LegalRef] | None) -> None:
        self._root._known = refs

    def recogniser(self, abbreviations: tuple[tuple[str, str], ...] = ()) -> Recogniser:
        if abbreviations not in self._abbrev:
            self._abbrev[abbreviations] = Recogniser(
                *self._args, municipality=self.municipality, abbreviations=dict(abbreviations)
            )
        return self._abbrev[abbreviations]

    def for_text(self, value: object = None) -> _LinkSession:
        """A session for one text; with the text (a ``Text`` of a document), read at its date."""
        ctx = self.contexts.get(id(value)) if value is not None else None
        if ctx is None:
            session = _LinkSession(self._rec)
        else:
            session = _LinkSession(self.recogniser(ctx.abbreviations), ctx.as_of)
        session.known = self.known
        return session

    def __call__(self, line: str) -> list[tuple[str, str | None]]:
        return self.for_text()(line)


class _LinkSession(Session):
    known: set[LegalRef] | None = None

    def __call__(self, line: str) -> list[tuple[str, str | None]]:
        return segments(line, self.line(line), self.known)


__all__ = ["Linker", "TextContext", "ref_path", "segments", "span_href"]
