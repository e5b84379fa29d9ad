"""The sections of each form, and the drafts they make.

A source may hold several documents (a council bundle with a 基礎 and a 全項目評価書); each is
found by its printed title and read by the sections of its form.  Tables (変更箇所, 別紙) are
read by their header row; numbered lists (システム1, 委託事項1, 提供先1, 移転先1) by their
numbered headers; record items by their printed numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from generator.importer.engine import (
    GROUP_LABELS,
    Ctx,
    Guess,
    alias_labels,
    complete,
    field_label,
    fill,
    is_option_list,
    literal_options,
    model_labels,
    model_options,
    read_choice,
    read_count,
    value_at,
)
from generator.importer.source import RADIO, Row, norm, norm_label
from generator.model.assessment import (
    FORMS,
    AnnexRow,
    Change,
    FileFocused,
    FileFull,
    OutsourcingItemFocused,
    OutsourcingItemFull,
    Recipient,
    System,
    Transferee,
)
from generator.model.base import parse_date, unwrap

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


def _systems(ctx: Ctx, lo: int, hi: int, path: str) -> tuple[list[Any], int]:
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


# ---------------------------------------------------------------------------- the forms


def _file_blocks(ctx: Ctx, lo: int, hi: int, suffix: str = "") -> list[tuple[int, int, str]]:
    """(start, end, name) of each file's block, split at 「特定個人情報ファイル名」."""
    heads = [i for i in range(lo, hi) if ctx.rows[i].label == "特定個人情報ファイル名"]
    out = []
    for k, i in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else hi
        ctx.rows[i].path = f"files[{k}]{suffix}"
        text, nxt = value_at(ctx, i, end)
        names = file_names(text)
        name = names[0] if names else ""
        out.append((nxt, end, name))
    return out


def _item_lists(form: str) -> dict[str, Any]:
    focused = form == "重点項目評価書"
    return {
        "items": numbered(
            "委託事項", OutsourcingItemFocused if focused else OutsourcingItemFull, "title"
        ),
        "recipients": numbered("提供先", Recipient, "name"),
        "transferees": numbered("移転先", Transferee, "name"),
    }


def _disclosure_flags(ctx: Ctx, lo: int, hi: int, data: dict[str, Any], path: str) -> None:
    """「[○] 提供を行っている ( 60 ) 件 [○] 移転を行っている ( 51 ) 件 [ ] 行っていない」."""
    from generator.importer.engine import mark_state, read_boxes

    for i in range(lo, min(hi, lo + 80)):
        row = ctx.rows[i]
        if row.label != "提供・移転の有無":
            continue
        boxes = read_boxes(row.text)
        marks = {m for m, _ in boxes}
        radio = RADIO in marks and bool(marks - {RADIO})
        flags = (
            ("提供を行っている", "provides"),
            ("移転を行っている", "transfers"),
            ("行っていない", "none"),
        )
        for mark, after in boxes:
            a = norm(after)
            key = next((k for word, k in flags if a.startswith(word)), None)
            if key is None:
                continue
            state = mark_state(mark, True if radio else None)
            if mark == RADIO and radio:
                ctx.guess(
                    f"{path}.{key}",
                    state,
                    "ラジオボタンの表示を「チェックあり」と読みました",
                    row.no,
                )
            if state is not None:
                data[key] = state
            count = read_count(after)
            if count is not None and key != "none":
                data[f"{key}_count"] = count
        row.used = row.fixed = True
        return


def parse_document(doc: Document, progress: Callable[[str], None]) -> Parsed:
    form = doc.form
    model = FORMS[form]
    labels = model_labels(model) | alias_labels()
    options = model_options(model)
    # printed group headings that no field claims (「4. 個人番号の利用 ※」)
    groups = {norm_label(g) for g in GROUP_LABELS} - model_labels(model)
    ctx = Ctx(doc.rows, labels)
    rows = doc.rows
    for row in rows:
        if (
            FIXED.match(norm(row.text))
            or norm(row.text) == "主な記載項目概要"
            or is_option_list(row.text, options)
            or (row.label in groups and not any(row.rest))
        ):
            row.used = row.fixed = True
    sections = find_sections(form, rows)
    data: dict[str, Any] = {}
    order = [k for k, _ in SECTIONS[form]]
    total = len(order) + 1

    def step(n: int, key: str) -> None:
        progress(f"{n}/{total} {section_title(form, key)}")

    step(1, "COVER")
    lo, hi = sections["COVER"]
    for i in range(lo, hi):
        if TITLE.match(norm(rows[i].first)) or SUMMARY.match(norm(rows[i].first)):
            rows[i].used = rows[i].fixed = True
    if form == "概要":
        data = parse_summary(ctx, sections, doc, step)
    else:
        data["cover"] = parse_cover(ctx, lo, max(hi, lo + 40), model)
        if form == "基礎項目評価書":
            parse_basic(ctx, sections, data, step)
        else:
            parse_main(ctx, sections, data, form, step)
    complete(model, data, "", ctx)
    notes = unplaced_notes(rows, sections, form, data)
    return Parsed(form, data, ctx.guesses, notes, rows, [(k, *v) for k, v in sections.items()])


def parse_cover(ctx: Ctx, lo: int, hi: int, model: type[BaseModel]) -> dict[str, Any]:
    cover_model = model.model_fields["cover"].annotation
    assert isinstance(cover_model, type)
    rows = ctx.rows
    out: dict[str, Any] = {}
    for i in range(lo, min(hi, len(rows))):
        labels = [norm_label(c) for c in rows[i].cells if c]
        if labels[:2] == ["評価書番号", "評価書名"] and i + 1 < len(rows):
            rows[i].used = rows[i].fixed = True
            values = [c for c in rows[i + 1].cells if c]
            if len(values) >= 2:
                out["number"], out["title"] = values[0], values[1]
                rows[i + 1].used = True
            break
    data, _ = fill(cover_model, ctx, lo, min(hi, len(rows)), "cover", skip=tuple(out))
    out.update(data)
    return out


def parse_main(
    ctx: Ctx,
    sections: dict[str, tuple[int, int]],
    data: dict[str, Any],
    form: str,
    step: Callable[[int, str], None],
) -> None:
    model = FORMS[form]
    focused = form == "重点項目評価書"
    file_model = FileFocused if focused else FileFull
    n = 1
    if "I" in sections:
        n += 1
        step(n, "I")
        lo, hi = sections["I"]
        info, _ = fill(
            _opt(model, "basic_info"),
            ctx,
            lo,
            hi,
            "basic_info",
            {"systems": _systems},
            skip=("files",),
        )
        i = next((k for k in range(lo, hi) if ctx.rows[k].label == "特定個人情報ファイル名"), None)
        if i is not None:
            text, _ = value_at(ctx, i, hi)
            names = file_names(text, keep_numbers=True)
            if names:
                info = {
                    **{k: v for k, v in info.items() if k in ("process", "systems")},
                    "files": names,
                    **{k: v for k, v in info.items() if k not in ("process", "systems")},
                }
        if info:
            data["basic_info"] = info
    files: list[dict[str, Any]] = []
    if "II" in sections:
        n += 1
        step(n, "II")
        lo, hi = sections["II"]
        for k, (a, b, name) in enumerate(_file_blocks(ctx, lo, hi)):
            body, _ = fill(
                file_model,
                ctx,
                a,
                b,
                f"files[{k}]",
                _item_lists(form),
                skip=("name", "record_items", "risks"),
            )
            out = body.get("outsourcing")
            if isinstance(out, dict):
                _outsourcing_count(ctx, a, b, out)
            disc = body.get("disclosure")
            disc = disc if isinstance(disc, dict) else {}
            _disclosure_flags(ctx, a, b, disc, f"files[{k}].disclosure")
            if disc:
                body["disclosure"] = _ordered(
                    disc,
                    [
                        "provides",
                        "provides_count",
                        "transfers",
                        "transfers_count",
                        "none",
                        "recipients",
                        "transferees",
                    ],
                )
            files.append({"name": name or f"（記入）特定個人情報ファイル名{k + 1}", **body})
    if "REC" in sections:
        n += 1
        step(n, "REC")
        lo, hi = sections["REC"]
        parse_record_items(ctx, lo, hi, files)
    if "III" in sections:
        n += 1
        step(n, "III")
        lo, hi = sections["III"]
        risks_model = _opt(file_model, "risks")
        for k, (a, b, name) in enumerate(_file_blocks(ctx, lo, hi, ".risks")):
            risks, _ = fill(risks_model, ctx, a, b, f"files[{k}].risks")
            while len(files) <= k:
                files.append({"name": name or f"（記入）特定個人情報ファイル名{len(files) + 1}"})
            if risks:
                files[k]["risks"] = risks
    if files:
        data["files"] = [_ordered(f, list(file_model.model_fields)) for f in files]
    if not focused and "IV" in sections:
        n += 1
        step(n, "IV")
        lo, hi = sections["IV"]
        om, _ = fill(_opt(model, "other_measures"), ctx, lo, hi, "other_measures")
        if om:
            data["other_measures"] = om
    contacts_key = "IV" if focused else "V"
    if contacts_key in sections:
        n += 1
        step(n, contacts_key)
        lo, hi = sections[contacts_key]
        contacts, _ = fill(_opt(model, "contacts"), ctx, lo, hi, "contacts")
        if contacts:
            data["contacts"] = contacts
    proc_key = "V" if focused else "VI"
    if proc_key in sections:
        n += 1
        step(n, proc_key)
        lo, hi = sections[proc_key]
        proc, _ = fill(_opt(model, "procedure"), ctx, lo, hi, "procedure")
        if proc:
            data["procedure"] = proc
    if "CHG" in sections:
        n += 1
        step(n, "CHG")
        lo, hi = sections["CHG"]
        end = sections.get("ANNEX", (hi, hi))[0] if not focused else hi
        rows = changes(ctx, lo, min(hi, end) if end > lo else hi)
        if rows:
            data["changes"] = rows
    if "ANNEX" in sections:
        n += 1
        step(n, "ANNEX")
        lo, hi = sections["ANNEX"]
        hi = sections.get("GLOSS", (hi, hi))[0] if sections.get("GLOSS", (hi,))[0] > lo else hi
        found = annexes(ctx, lo, hi)
        if found:
            data["annexes"] = found


def _opt(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The record type of a field (``X | None`` or ``list[X]``)."""
    tp = unwrap(model.model_fields[name].annotation)
    if get_origin(tp) is list:
        tp = unwrap(get_args(tp)[0])
    assert isinstance(tp, type) and issubclass(tp, BaseModel), name
    return tp


def _ordered(d: dict[str, Any], order: list[str]) -> dict[str, Any]:
    return {k: d[k] for k in order if k in d} | {k: v for k, v in d.items() if k not in order}


def _outsourcing_count(ctx: Ctx, lo: int, hi: int, out: dict[str, Any]) -> None:
    for i in range(lo, hi):
        if ctx.rows[i].label.startswith("委託の有無"):
            count = read_count(ctx.rows[i].text)
            if count is not None:
                out["count"] = count
                order = ["status", "count", "items"]
                out.update(_ordered(out, order))
                items = {k: out.pop(k) for k in list(out)}
                out.update(_ordered(items, order))
            return


def parse_record_items(ctx: Ctx, lo: int, hi: int, files: list[dict[str, Any]]) -> None:
    heads = [
        i
        for i in range(lo, hi)
        if re.match(r"^[(（]\d+[)）]", norm(ctx.rows[i].first)) and not ctx.rows[i].used
    ]
    for k, i in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else hi
        m = re.match(r"^[(（](\d+)[)）]", norm(ctx.rows[i].first))
        assert m
        index = int(m.group(1)) - 1
        head_text = ctx.rows[i].first
        name = re.sub(r"^[(（]\s*\d+\s*[)）]\s*", "", head_text.split("\n")[0]).strip()
        ctx.rows[i].used = True
        ctx.rows[i].path = f"files[{index}].record_items"
        texts = [r.text for r in ctx.rows[i + 1 : end] if not r.used]
        if "\n" in head_text:
            texts.insert(0, head_text.split("\n", 1)[1])
        items = record_items("\n".join(texts))
        if not items:
            ctx.rows[i].used = False
            continue
        for r in ctx.rows[i + 1 : end]:
            r.used = True
        while len(files) <= index:
            files.append({"name": name or f"（記入）特定個人情報ファイル名{len(files) + 1}"})
        files[index]["record_items"] = [{"items": items}]


def parse_basic(
    ctx: Ctx,
    sections: dict[str, tuple[int, int]],
    data: dict[str, Any],
    step: Callable[[int, str], None],
) -> None:
    model = FORMS["基礎項目評価書"]
    n = 1
    for key, name in (("I", "related"), ("II", "threshold"), ("IV", "risks")):
        if key in sections:
            n += 1
            step(n, key)
            lo, hi = sections[key]
            part, _ = fill(_opt(model, name), ctx, lo, hi, name)
            if part:
                data[name] = part
    if "IIIR" in sections:
        lo, hi = sections["IIIR"]
        options = literal_options(model.model_fields["threshold_result"].annotation)
        for i in range(lo, hi):
            choice = read_choice(ctx.rows[i].text, options)
            if choice:
                data["threshold_result"] = choice
                ctx.rows[i].used = True
                break
    if "CHG" in sections:
        lo, hi = sections["CHG"]
        rows = changes(ctx, lo, hi)
        if rows:
            data["changes"] = rows


def parse_summary(
    ctx: Ctx, sections: dict[str, tuple[int, int]], doc: Document, step: Callable[[int, str], None]
) -> dict[str, Any]:
    from generator.model.assessment import SummaryDocument

    rows = ctx.rows
    data: dict[str, Any] = {"title": doc.title}
    lo, hi = sections["COVER"]
    for i in range(lo, hi):
        if norm(rows[i].first).startswith("表紙"):
            rows[i].used = rows[i].fixed = True
            text, _ = value_at(ctx, i, hi)
            if text:
                data["declaration"] = text
            break
    m = re.search(r"[(（](基礎項目評価書|重点項目評価書|全項目評価書)[)）]", doc.title)
    if m:
        data["of_form"] = m.group(1)
    if "I" in sections:
        step(2, "I")
        lo, hi = sections["I"]
        basic, _ = fill(_opt(SummaryDocument, "basic"), ctx, lo, hi, "basic")
        for key in ("systems", "files"):
            label = field_label(_opt(SummaryDocument, "basic").model_fields[key])
            at = next((k for k in range(lo, hi) if rows[k].label == norm_label(label)), None)
            if at is not None:
                text, _ = value_at(ctx, at, hi)
                items = [p.strip() for p in re.split(r"(?:^|\s)\d+\s", " " + text) if p.strip()]
                if items:
                    basic[key] = items
        if basic:
            data["basic"] = _ordered(basic, list(_opt(SummaryDocument, "basic").model_fields))
    if "II" in sections:
        step(3, "II")
        lo, hi = sections["II"]
        heads = [
            i
            for i in range(lo, hi)
            if re.match(r"^\d+\S", norm(rows[i].first)) and not any(rows[i].rest)
        ]
        files = []
        for k, i in enumerate(heads):
            end = heads[k + 1] if k + 1 < len(heads) else hi
            rows[i].used = rows[i].fixed = True
            name = re.sub(r"^\d+\s*", "", rows[i].first).strip()
            body, _ = fill(
                _opt_list(SummaryDocument, "files"), ctx, i + 1, end, f"files[{k}]", skip=("name",)
            )
            files.append({"name": name, **body})
        if files:
            data["files"] = files
    if "III" in sections:
        step(4, "III")
        lo, hi = sections["III"]
        risks_model = _opt(SummaryDocument, "risks")
        heads = [
            i
            for i in range(lo, hi)
            if re.match(r"^\d+\S", norm(rows[i].first)) and not any(rows[i].rest)
        ]
        merged: dict[str, list[str]] = {}
        for k, i in enumerate(heads):
            end = heads[k + 1] if k + 1 < len(heads) else hi
            rows[i].used = rows[i].fixed = True
            name = rows[i].first.strip()
            body, _ = fill(risks_model, ctx, i + 1, end, "risks")
            for key, text in body.items():
                merged.setdefault(key, []).append(f"<{name}>\n{text}")
        if merged:
            data["risks"] = {k: "\n\n".join(v) for k, v in merged.items()}
    for key, name, num in (("IV", "other", 5), ("V", "contacts", 6), ("VI", "procedure", 7)):
        if key in sections:
            step(num, key)
            lo, hi = sections[key]
            part, _ = fill(_opt(SummaryDocument, name), ctx, lo, hi, name)
            if name == "procedure":
                for i in range(lo, hi):
                    if rows[i].label == "国民・住民等からの意見の聴取":
                        from generator.importer.engine import read_range

                        rng = read_range("\n".join(rows[i].rest))
                        if rng:
                            part["public_comment_period"] = rng
            if part:
                data[name] = part
    return data


def _opt_list(model: type[BaseModel], name: str) -> type[BaseModel]:
    return _opt(model, name)


# ---------------------------------------------------------------------------- notes


SECTION_PATHS = {
    "COVER": "cover",
    "I": "basic_info",
    "FLOW": "process_flows",
    "II": "files",
    "REC": "files",
    "III": "files",
    "IV": "other_measures",
    "V": "contacts",
    "VI": "procedure",
    "CHG": "changes",
    "ANNEX": "annexes",
    "GLOSS": "glossary",
    "IIIR": "threshold_result",
}
FORM_SECTION_PATHS = {
    "重点項目評価書": {"IV": "contacts", "V": "procedure"},
    "基礎項目評価書": {"I": "related", "II": "threshold", "IV": "risks"},
    "概要": {"I": "basic", "IV": "other", "V": "contacts", "VI": "procedure"},
}


def existing_path(data: dict[str, Any], path: str) -> str:
    """The longest prefix of ``path`` that the draft has (a note must name a real field)."""
    parts = re.findall(r"([^.\[\]]+)|\[(\d+)\]", path)
    node: Any = data
    good = ""
    built = ""
    for name, index in parts:
        if name:
            if not isinstance(node, dict) or name not in node:
                break
            node = node[name]
            built = f"{built}.{name}" if built else name
        else:
            if not isinstance(node, list) or int(index) >= len(node):
                break
            node = node[int(index)]
            built = f"{built}[{index}]"
        good = built
    return good


def unplaced_notes(
    rows: list[Row], sections: dict[str, tuple[int, int]], form: str, data: dict[str, Any]
) -> list[dict[str, str]]:
    """Every run of rows no field took, quoted with the printed section it stands in."""
    spans = sorted((v[0], v[1], k) for k, v in sections.items())
    paths = SECTION_PATHS | FORM_SECTION_PATHS.get(form, {})

    def section_of(i: int) -> str:
        name = "COVER"
        for lo, hi, key in spans:
            if lo <= i < hi:
                name = key
        return name

    def field_of(i: int, key: str) -> str:
        lo = sections.get(key, (0, 0))[0]
        for k in range(i - 1, lo - 1, -1):
            if rows[k].path:
                found = existing_path(data, rows[k].path)
                if found:
                    return found
        return existing_path(data, paths.get(key, "")) or "source"

    notes: list[dict[str, str]] = []
    run: list[int] = []

    def flush() -> None:
        if not run:
            return
        key = section_of(run[0])
        section = section_title(form, key)
        text = "\n".join(rows[k].text for k in run)
        first, last = rows[run[0]].no, rows[run[-1]].no
        where = f"{first}行目" if first == last else f"{first}～{last}行目"
        for chunk_start in range(0, len(text), 12000):
            chunk = text[chunk_start : chunk_start + 12000]
            notes.append(
                {
                    "field": field_of(run[0], key),
                    "state": "注記",
                    "note": f"原本の「{section}」の記載（原本テキスト{where}）で、項目に割り当てられなかったもの:\n{chunk}",
                }
            )
        run.clear()

    for i, row in enumerate(rows):
        if row.used:
            flush()
            continue
        if run and (section_of(run[0]) != section_of(i) or i - run[-1] > 1):
            flush()
        run.append(i)
    flush()
    # values found but not readable as their field's kind
    for row in rows:
        for text in row.notes:
            notes.append(
                {
                    "field": existing_path(data, row.path) or "source",
                    "state": "判読不能",
                    "note": f"原本テキスト{row.no}行目: {text}",
                }
            )
    return notes
