"""Figures per document: size, translation coverage, counts (``kohyo stats``)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from generator.link import Site
from generator.render import assessment_blocks


@dataclass(frozen=True)
class DocStats:
    id: str
    form: str
    ja_chars: int
    en_chars: int
    coverage: float
    files: int
    changes: int
    source_notes: int


def document_stats(site: Site) -> list[DocStats]:
    out = []
    for ident, a in sorted(site.assessments.items()):
        rec: Any = a.record
        _blocks, cov = assessment_blocks(rec, "en")
        out.append(
            DocStats(
                ident,
                rec.form,
                cov.ja_chars,
                cov.en_chars,
                round(cov.ratio, 4),
                len(getattr(rec, "files", [])),
                len(getattr(rec, "changes", [])),
                len(getattr(rec, "source_notes", [])),
            )
        )
    return out


def format_stats(stats: list[DocStats], lang: str, as_json: bool = False) -> str:
    if as_json:
        return json.dumps([asdict(s) for s in stats], ensure_ascii=False, indent=1)
    head = (
        ("document", "form", "ja chars", "translated", "coverage", "files", "changes", "notes")
        if lang == "en"
        else ("評価書", "種類", "日本語の文字数", "英訳済み", "英訳の割合", "ファイル", "変更箇所", "判読不能")
    )
    rows = [head] + [
        (s.id, s.form, f"{s.ja_chars:,}", f"{s.en_chars:,}", f"{s.coverage * 100:.1f}%", str(s.files),
         str(s.changes), str(s.source_notes))
        for s in stats
    ]
    total_ja = sum(s.ja_chars for s in stats)
    total_en = sum(s.en_chars for s in stats)
    pct = total_en / total_ja * 100 if total_ja else 100.0
    rows.append(("(合計)" if lang == "ja" else "(total)", "", f"{total_ja:,}", f"{total_en:,}", f"{pct:.1f}%", "", "", ""))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(head))]
    return "\n".join("  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
