"""How a source is cut up: the documents it holds (each found by its printed title), the
sections of each form, and numbered lists (システム1, 委託事項1, 提供先1, 移転先1) by their
numbered headers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator.importer.engine import (
    Ctx,
    Guess,
    field_label,
    fill,
)
from generator.importer.source import Row, norm
from generator.model.assessment import (
    System,
)

TITLE = re.compile(r"^特定個人情報保護評価書[(（](基礎項目評価書|重点項目評価書|全項目評価書)[)）]")
SUMMARY = re.compile(r"^特定個人情報保護評価書[(（]全項目評価書[)）](?:[(（]案[)）])?の概要")
STAMP = re.compile(r"^\[.*様式\s*\d\s*\]$")
FIXED = re.compile(
    r"^(?:[<＜◇]選択肢[>＞◇].*|\d+\)\s.*|(?:システム|委託事項|提供先|移転先)\d+[～~]\d+|\d{1,3}"
    r"|\[.*様式.*\]|主な記載項目(?:概要)?|概要|No\.?)$"
)

SECTIONS: dict[str, list[tuple[str, str]]] = {
    "重点項目評価書": [
        ("I", "I基本情報"),
        ("II", "II特定個人情報ファイルの概要"),
        ("REC", "(別添1)特定個人情報ファイル記録項目"),
        ("III", "IIIリスク対策"),
        ("IV", "IV開示請求、問合せ"),
        ("V", "V評価実施手続"),
        ("CHG", "(別添2)変更箇所"),
    ],
    "全項目評価書": [
        ("I", "I基本情報"),
        ("FLOW", "(別添1)事務の内容"),
        ("II", "II特定個人情報ファイルの概要"),
        ("REC", "(別添2)特定個人情報ファイル記録項目"),
        ("III", "III特定個人情報ファイルの取扱いプロセスにおけるリスク対策"),
        ("IV", "IVその他のリスク対策"),
        ("V", "V開示請求、問合せ"),
        ("VI", "VI評価実施手続"),
        ("CHG", "(別添3)変更箇所"),
        ("ANNEX", "(別紙"),
        ("GLOSS", "用語集"),
    ],
    "基礎項目評価書": [
        ("I", "I関連情報"),
        ("II", "IIしきい値判断項目"),
        ("IIIR", "IIIしきい値判断結果"),
        ("IV", "IVリスク対策"),
        ("CHG", "V変更箇所"),
    ],
    "概要": [
        ("I", "I基本情報"),
        ("II", "II特定個人情報ファイルの概要"),
        ("III", "III特定個人情報ファイルの取扱いプロセスにおけるリスク対策"),
        ("IV", "IVその他のリスク対策"),
        ("V", "V開示請求、問合せ"),
        ("VI", "VI評価実施手続"),
    ],
}


def section_title(form: str, key: str) -> str:
    """The printed heading of a section (「IV 開示請求、問合せ」)."""
    if key == "COVER":
        return "表紙"
    head = dict(SECTIONS[form]).get(key, key)
    return re.sub(r"^((?:[IVX]+)|(?:\(別添\d\)))", r"\1 ", head).rstrip("(")


@dataclass
class Document:
    """One document found in the source."""

    form: str
    title: str
    rows: list[Row]
    first_line: int
    last_line: int


@dataclass
class Parsed:
    form: str
    data: dict[str, Any]
    guesses: list[Guess]
    notes: list[dict[str, str]]
    rows: list[Row]
    sections: list[tuple[str, int, int]] = field(default_factory=list)


# ---------------------------------------------------------------------------- documents


def split_documents(rows: list[Row]) -> list[Document]:
    """Documents by their printed titles; text before the first title joins the first one."""
    starts: list[tuple[int, str, str]] = []
    for i, row in enumerate(rows):
        text = norm(row.first)
        if SUMMARY.match(text):
            starts.append((i, "概要", row.first))
        elif (m := TITLE.match(text)) and len(text) <= 40:
            starts.append((i, m.group(1), row.first))
    # a form stamp just before the title belongs to the document
    adjusted = []
    prev_end = 0
    for i, form, title in starts:
        start = i
        for k in range(i - 1, max(prev_end, i - 40) - 1, -1):
            if STAMP.match(norm(rows[k].first)):
                start = k
                break
        adjusted.append((start, form, title))
        prev_end = i + 1
    docs = []
    for n, (start, form, title) in enumerate(adjusted):
        lo = 0 if n == 0 else start
        hi = adjusted[n + 1][0] if n + 1 < len(adjusted) else len(rows)
        part = rows[lo:hi]
        if part:
            docs.append(Document(form, title, part, part[0].no, part[-1].no))
    return docs


# ---------------------------------------------------------------------------- sections


def find_sections(form: str, rows: list[Row]) -> dict[str, tuple[int, int]]:
    """(start, end) row index per section key; a section the text lacks is absent."""
    heads = SECTIONS[form]
    toc_end = 0
    for i, row in enumerate(rows[:200]):
        if row.label == "項目一覧":
            j = i + 1
            seen: set[str] = set()
            while j < len(rows):
                key = next((k for k, h in heads if norm(rows[j].first).startswith(h)), None)
                if key is None or key in seen:
                    break  # the body begins (its first heading repeats the table of contents)
                seen.add(key)
                rows[j].used = rows[j].fixed = True
                j += 1
            rows[i].used = rows[i].fixed = True
            toc_end = j
            break
    found: list[tuple[str, int]] = []
    cur = toc_end
    for key, head in heads:
        for i in range(cur, len(rows)):
            if norm(rows[i].first).startswith(head):
                found.append((key, i))
                cur = i + 1
                break
    out: dict[str, tuple[int, int]] = {}
    for n, (key, i) in enumerate(found):
        rows[i].used = rows[i].fixed = not any(rows[i].rest)
        end = found[n + 1][1] if n + 1 < len(found) else len(rows)
        # the annexes keep their heading row: it is the title of the first annex
        out[key] = (i + 1 if rows[i].fixed and key != "ANNEX" else i, end)
    # a body that starts without its first heading (the source begins mid-section)
    first_key = heads[0][0]
    if first_key not in out and found:
        out[first_key] = (toc_end, found[0][1])
    elif not found:
        out[first_key] = (toc_end, len(rows))
    out["COVER"] = (0, min(v[0] for v in out.values()))
    return out


# ---------------------------------------------------------------------------- numbered lists


def numbered(
    prefix: str, model: type[BaseModel], name_field: str, sub_lists: dict[str, Any] | None = None
) -> Callable[[Ctx, int, int, str], tuple[list[Any], int]]:
    """A list printed as 「<prefix>1」「<prefix>2」… headers, each followed by its items."""
    rx = re.compile(rf"^{prefix}(\d+)$")

    def handler(ctx: Ctx, lo: int, hi: int, path: str) -> tuple[list[Any], int]:
        heads: list[tuple[int, int]] = []
        for i in range(lo, hi):
            row = ctx.rows[i]
            if row.used:
                continue
            m = rx.match(norm(row.first).split("\n")[0])
            if m and (not heads or int(m.group(1)) == heads[-1][1] + 1):
                heads.append((i, int(m.group(1))))
            elif heads and i - heads[-1][0] > 60:
                break
        items: list[Any] = []
        cur = lo
        for k, (i, _n) in enumerate(heads):
            end = heads[k + 1][0] if k + 1 < len(heads) else min(hi, i + 60)
            row = ctx.rows[i]
            row.used = True
            row.path = f"{path}[{k}]"
            title = "\n".join(c for c in row.rest if c).strip()
            tail = row.first.partition("\n")[2]
            if not title and tail:
                title = tail.strip()
            data, cur = fill(model, ctx, i + 1, end, f"{path}[{k}]", sub_lists, skip=(name_field,))
            if not title:
                title = f"（記入）{field_label(model.model_fields[name_field])}"
                ctx.guess(f"{path}[{k}].{name_field}", title, "名称が原本にありません", row.no)
            items.append({name_field: title, **data})
            cur = max(cur, i + 1)
        return items, cur

    return handler


def read_systems(ctx: Ctx, lo: int, hi: int, path: str) -> tuple[list[Any], int]:
    rx = re.compile(r"^システム(\d+)$")
    heads = [i for i in range(lo, hi) if rx.match(norm(ctx.rows[i].first))]
    items = []
    cur = lo
    for k, i in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else hi
        ctx.rows[i].used = ctx.rows[i].fixed = True
        ctx.rows[i].path = f"{path}[{k}]"
        data, cur = fill(System, ctx, i + 1, end, f"{path}[{k}]")
        if "name" not in data:
            data = {"name": "（記入）システムの名称", **data}
            ctx.guess(f"{path}[{k}].name", data["name"], "名称が原本にありません", ctx.rows[i].no)
        items.append(data)
    return items, cur
