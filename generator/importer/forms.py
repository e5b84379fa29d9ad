"""The sections of each form, and the drafts they make.

A source may hold several documents (a council bundle with a 基礎 and a 全項目評価書); each is
found by its printed title and read by the sections of its form.  Tables (変更箇所, 別紙) are
read by their header row; numbered lists (システム1, 委託事項1, 提供先1, 移転先1) by their
numbered headers; record items by their printed numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from generator.importer.engine import (
    GROUP_LABELS,
    Ctx,
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
from generator.importer.notes import unplaced_notes
from generator.importer.pieces import annexes, changes, file_names, record_items
from generator.importer.sections import (
    FIXED,
    SECTIONS,
    SUMMARY,
    TITLE,
    Document,
    Parsed,
    find_sections,
    numbered,
    read_systems,
    section_title,
)
from generator.importer.source import RADIO, norm, norm_label
from generator.model.assessment import (
    FORMS,
    FileFocused,
    FileFull,
    OutsourcingItemFocused,
    OutsourcingItemFull,
    Recipient,
    Transferee,
)
from generator.model.base import unwrap


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
            {"systems": read_systems},
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
