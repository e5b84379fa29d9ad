"""``python -m generator.commands.coverage [project root]``: how many citations of the content link.

A developer's tool over the pipeline: every 第N条 / 別表第N of the linked site, whether a link
covers it, and whether each link is right for the numbering in force at its text's date
(``measure``; the tests of citations use it too).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.findings import Findings
from generator.linking.citations import N, Recogniser, _norm
from generator.linking.crosslink import iter_texts
from generator.linking.link import Site
from generator.model.base import Doc
from generator.model.links import LegalRef, renumbering_entry
from generator.pipeline import Project, prepare

# ---------------------------------------------------------------------------------------------
# Measuring: how many citations in the free text became links
# ---------------------------------------------------------------------------------------------

BROAD = re.compile(rf"(?:附則)?第{N}条|別表第?[0-9０-９一二三四]")
TABLE_FIELDS = ("annexes", "legal_basis")  # a 根拠 cell or an annex (別紙) row: a table


@dataclass
class Coverage:
    total: int = 0
    linked: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (doc, loc, context)
    by_place: dict[str, list[int]] = field(default_factory=dict)  # prose/tables -> [total, linked]
    regime_checked: int = 0  # links whose target was checked against their text's date
    regime_wrong: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.linked / self.total if self.total else 1.0


def _regime_ok(rec: Recogniser, ref: LegalRef, as_of: dt.date | None, phrase: bool) -> bool:
    """A link is right for its text's date: an old-numbering reference predates its
    renumbering (or stands in a standard sentence of an older template), and a reference in
    today's numbering is not one a renumbering after the text's date changed."""
    law = rec.laws.get(ref.law)
    if law is None:
        return False
    if ref.regime is not None:
        rn = next((r for r in law.renumberings if r.id == ref.regime), None)
        if rn is None or renumbering_entry(law, rn, ref) is None:
            return False
        return phrase or (
            rn.in_force is not None and as_of is not None and as_of < rn.in_force.date
        )
    if ref.article is None:
        return True
    return not any(
        rn.in_force is not None
        and as_of is not None
        and as_of < rn.in_force.date
        and renumbering_entry(law, rn, ref) is not None
        for rn in law.renumberings
    )


def measure(site: Site) -> Coverage:
    """Every 第N条 / 別表第N in the Japanese text of the assessments and council papers (prose,
    根拠 cells and annex tables; not the project's notes on its sources), whether a link covers
    it, and whether every link to a provision is right for the date of its text."""
    cov = Coverage()
    linker = site.linker
    if linker is None:
        return cov
    known = linker.known or set()
    docs: list[tuple[str, str, Doc]] = [
        (i, a.path, a.record) for i, a in sorted(site.assessments.items())
    ]
    docs += [(f"council:{i}", c.path, c.record) for i, c in sorted(site.council.items())]
    for doc, path, record in docs:
        page = linker.for_page(path)
        for loc, text in iter_texts(record):
            ctx = page.contexts.get(id(text))
            if ctx is not None and not ctx.index:
                continue
            place = "tables" if any(k in TABLE_FIELDS for k in loc) else "prose"
            counts = cov.by_place.setdefault(place, [0, 0])
            session = page.for_text(text)
            rec = session.rec
            for line in text.ja.replace("\r\n", "\n").split("\n"):
                spans = session.line(line)
                covered: list[tuple[int, int]] = []
                phrases = [
                    (m.start(), m.end())
                    for p, _law, _rn in rec.phrases
                    for m in re.finditer(re.escape(p), _norm(line))
                ]
                for sp in spans:
                    if sp.kind == "law" and sp.ref is not None and sp.ref in known:
                        covered.append((sp.start, sp.end))
                        if sp.ref.is_law:
                            continue
                        cov.regime_checked += 1
                        in_phrase = any(s <= sp.start < e for s, e in phrases)
                        if not _regime_ok(rec, sp.ref, ctx.as_of if ctx else None, in_phrase):
                            cov.regime_wrong.append((doc, ".".join(map(str, loc)), sp.text))
                for m in BROAD.finditer(line):
                    cov.total += 1
                    counts[0] += 1
                    if any(s <= m.start() < e for s, e in covered):
                        cov.linked += 1
                        counts[1] += 1
                    else:
                        ctx_text = line[max(0, m.start() - 15) : m.end() + 10]
                        cov.misses.append((doc, ".".join(map(str, loc)), ctx_text))
    return cov


def main() -> int:
    """``python -m generator.commands.coverage [project root]``: the citation coverage of the content."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
    findings = Findings()
    _corpus, site = prepare(Project.open(root, findings), findings)
    cov = measure(site)
    print(f"citations: {cov.total}, linked: {cov.linked} ({cov.ratio:.1%})")
    for place, (total, linked) in sorted(cov.by_place.items()):
        print(f"  {place}: {linked}/{total}")
    print(
        f"links checked against their text's numbering: {cov.regime_checked}, wrong: {len(cov.regime_wrong)}"
    )
    for doc, loc, ctx_text in cov.regime_wrong:
        print(f"  WRONG {doc} {loc}: {ctx_text}")
    for doc, loc, ctx_text in cov.misses:
        print(f"  unlinked {doc} {loc}: {' '.join(ctx_text.split())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
