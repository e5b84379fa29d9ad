"""The pieces of a form read the same way wherever they appear: file names, record items by
their printed numbers, and the tables read by their header row (変更箇所, 別紙)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generator.importer.engine import (
    Ctx,
    field_label,
    literal_options,
    read_choice,
)
from generator.importer.source import norm, norm_label
from generator.model.assessment import (
    AnnexRow,
    Change,
)
from generator.model.base import parse_date

# ---------------------------------------------------------------------------- pieces


def file_names(text: str, keep_numbers: bool = False) -> list[str]:
    """「(1) 住民基本台帳ファイル (2) 本人確認情報ファイル」: the names (with their numbers)."""
    if keep_numbers and re.match(r"^\s*[(（]\s*\d+\s*[)）]", text):
        found = re.findall(r"[(（]\s*\d+\s*[)）][^(（]*", text.split("\n")[0])
        return [f.strip(" 、,") for f in found if f.strip(" 、,")]
    parts = re.split(r"[(（]\s*\d+\s*[)）]", text)
    return [p.strip(" 、,\n") for p in parts if p.strip(" 、,\n")]


def record_items(text: str) -> list[str]:
    """「1. 宛名番号、2. 住民票コード …」: the items in their printed order."""
    text = text.replace("\n", " ")
    marks = []
    expect = 1
    for m in re.finditer(r"(?:^|(?<=[\s、,]))(\d+)[.．]\s*", text):
        if int(m.group(1)) == expect:
            marks.append(m)
            expect += 1
    items = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        item = text[m.end() : end].strip().rstrip("、,").strip()
        if item:
            items.append(item)
    return items


def table(
    ctx: Ctx, lo: int, hi: int, columns: dict[str, str], header_test: Callable[[list[str]], bool]
) -> list[tuple[int, dict[str, str]]]:
    """Rows of a printed table under every repetition of its header row."""
    out: list[tuple[int, dict[str, str]]] = []
    cols: list[str | None] | None = None
    for i in range(lo, hi):
        row = ctx.rows[i]
        if row.used:
            continue
        labels = [norm_label(c) for c in row.cells]
        if header_test(labels):
            cols = [columns.get(lb) for lb in labels]
            row.used = row.fixed = True
            continue
        if cols is None or len([c for c in row.cells if c]) < 2:
            continue
        rec = {}
        for k, cell in enumerate(row.cells):
            if k < len(cols) and cols[k] and cell:
                rec[cols[k] or ""] = cell
        if rec:
            row.used = True
            out.append((row.no, rec))
    return out


CHANGE_COLUMNS = {norm_label(field_label(f)): n for n, f in Change.model_fields.items()}


def changes(ctx: Ctx, lo: int, hi: int) -> list[dict[str, Any]]:
    out = []
    for line, rec in table(ctx, lo, hi, CHANGE_COLUMNS, lambda lb: "変更日" in lb and "項目" in lb):
        item: dict[str, Any] = {}
        date = rec.get("date", "")
        if date:
            try:
                parse_date(date)
                item["date"] = date
            except ValueError:
                item["date_note"] = date
                ctx.guess(
                    "changes.date",
                    date,
                    "変更日として読めない記載を「変更日（補足）」に入れました",
                    line,
                )
        for key in ("item", "before", "after"):
            if rec.get(key):
                item[key] = rec[key]
        timing = rec.get("timing", "")
        if timing:
            choice = read_choice(
                f"[{timing}]", literal_options(Change.model_fields["timing"].annotation)
            )
            if choice:
                item["timing"] = choice
            else:
                item["timing_note"] = timing
        if rec.get("reason"):
            item["reason"] = rec["reason"]
        if item:
            out.append(item)
    return out


ANNEX_COLUMNS = {
    "No.": "no",
    "No": "no",
    "番号": "no",
    "項番": "item",
    "提供先": "recipient",
    "移転先": "recipient",
    "法令上の根拠": "legal_basis",
    "提供先における用途": "purpose",
    "移転先における用途": "purpose",
    "提供する情報": "data",
    "移転する情報": "data",
    "提供する情報の対象となる本人の数": "subjects_count",
    "移転する情報の対象となる本人の数": "subjects_count",
    "対象となる本人の数": "subjects_count",
    "対象となる本人の範囲": "subjects_scope",
    "提供する情報の対象となる本人の範囲": "subjects_scope",
    "移転する情報の対象となる本人の範囲": "subjects_scope",
    "提供方法": "method",
    "移転方法": "method",
    "時期・頻度": "timing",
}


def annexes(ctx: Ctx, lo: int, hi: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    part: dict[str, Any] | None = None
    columns = {norm(k): v for k, v in ANNEX_COLUMNS.items()}
    cols: list[str | None] | None = None
    subjects = literal_options(AnnexRow.model_fields["subjects_count"].annotation)
    for i in range(lo, hi):
        row = ctx.rows[i]
        text = norm(row.first)
        if text.startswith("(別紙") and not any(row.rest):
            title = row.first
            if current is None or norm(current["title"]) != text:
                kind = "移転" if "移転" in title else "提供"
                current = {"title": title, "kind": kind, "file": 1, "parts": []}
                out.append(current)
                part = None
            row.used = row.fixed = True
            continue
        if current is None:
            continue
        if re.match(r"^[(（].*[)）]$", text) and not any(row.rest):
            part = {"heading": row.first, "rows": []}
            current["parts"].append(part)
            row.used = True
            continue
        labels = [norm_label(c) for c in row.cells]
        if labels and labels[0] in ("No.", "No", "番号") and len(labels) >= 3:
            cols = [columns.get(lb) for lb in labels]
            row.used = row.fixed = True
            continue
        if cols is None or len([c for c in row.cells if c]) < 2:
            continue
        rec: dict[str, Any] = {}
        for k, cell in enumerate(row.cells):
            key = cols[k] if k < len(cols) else None
            if key and cell:
                if key == "subjects_count":
                    choice = read_choice(f"[{cell}]", subjects)
                    if choice is None:
                        continue
                    rec[key] = choice
                else:
                    rec[key] = cell
        if "recipient" not in rec:
            continue
        if part is None:
            part = {"rows": []}
            current["parts"].append(part)
        part["rows"].append(rec)
        row.used = True
    return [a for a in out if any(p["rows"] for p in a["parts"])]
