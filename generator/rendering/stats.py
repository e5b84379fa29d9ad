"""Figures per document: size, translation coverage, counts (``kohyo stats``)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from generator.linking.link import Site
from generator.model import BasicAssessment, SummaryDocument
from generator.rendering.blocks import Ctx
from generator.rendering.document import assessment_blocks


@dataclass(frozen=True)
class DocStats:
    id: str
    form: str
    ja_chars: int
    en_chars: int
    coverage: float
    memory_chars: int  # of en_chars, translated by the translation memory (content/translations/)
    files: int
    changes: int
    source_notes: int


def document_stats(site: Site) -> list[DocStats]:
    out = []
    for ident, a in sorted(site.assessments.items()):
        rec = a.record
        _blocks, cov = assessment_blocks(rec, "en", Ctx("en", translator=site.translator))
        out.append(
            DocStats(
                ident,
                rec.form,
                cov.ja_chars,
                cov.en_chars,
                round(cov.ratio, 4),
                cov.memory_chars,
                0 if isinstance(rec, BasicAssessment) else len(rec.files),
                0 if isinstance(rec, SummaryDocument) else len(rec.changes),
                len(rec.source_notes),
            )
        )
    return out


def format_stats(stats: list[DocStats], lang: str, as_json: bool = False) -> str:
    if as_json:
        return json.dumps([asdict(s) for s in stats], ensure_ascii=False, indent=1)
    head = (
        (
            "document",
            "form",
            "ja chars",
            "translated",
            "coverage",
            "by memory",
            "files",
            "changes",
            "notes",
        )
        if lang == "en"
        else (
            "評価書",
            "種類",
            "日本語の文字数",
            "英訳済み",
            "英訳の割合",
            "うちメモリ",
            "ファイル",
            "変更箇所",
            "判読不能",
        )
    )
    rows = [head] + [
        (
            s.id,
            s.form,
            f"{s.ja_chars:,}",
            f"{s.en_chars:,}",
            f"{s.coverage * 100:.1f}%",
            f"{s.memory_chars:,}",
            str(s.files),
            str(s.changes),
            str(s.source_notes),
        )
        for s in stats
    ]
    total_ja = sum(s.ja_chars for s in stats)
    total_en = sum(s.en_chars for s in stats)
    total_mem = sum(s.memory_chars for s in stats)
    pct = total_en / total_ja * 100 if total_ja else 100.0
    rows.append(
        (
            "(合計)" if lang == "ja" else "(total)",
            "",
            f"{total_ja:,}",
            f"{total_en:,}",
            f"{pct:.1f}%",
            f"{total_mem:,}",
            "",
            "",
            "",
        )
    )
    widths = [max(_width(r[i]) for r in rows) for i in range(len(head))]
    # The text without English of its own, and how much of it the memory translates.
    own_missing = total_ja - (total_en - total_mem)
    share = total_mem / own_missing * 100 if own_missing else 100.0
    memo = (
        f"翻訳メモリ: 評価書自身の英語がない {own_missing:,} 字のうち {total_mem:,} 字（{share:.1f}%）を訳しています"
        if lang == "ja"
        else f"translation memory: {total_mem:,} of the {own_missing:,} characters without English of their own "
        f"({share:.1f}%)"
    )
    return (
        "\n".join(
            "  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip()
            for r in rows
        )
        + "\n"
        + memo
    )


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
