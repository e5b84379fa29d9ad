"""Placing source rows into the model by the printed labels.

The model carries the printed label and item number of every field, in the printed order, so
one walker fills every form: for each field it looks for the row that carries the field's label
a little ahead of the cursor, reads the value printed beside it (or below it), converts it to
the field's kind (text, choice, checklist, count, date) and moves on.  Rows that no field
claims are left unused; the caller turns them into source notes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from generator.importer.source import RADIO as _RADIO
from generator.importer.source import TICK, UNKNOWN, Row, norm, norm_label
from generator.model.base import Check, DateRange, DateValue, Text, parse_date, unwrap


@dataclass
class Guess:
    """A value the importer inferred rather than read beside its label."""

    path: str
    value: str
    reason: str
    line: int


@dataclass
class Ctx:
    rows: list[Row]
    labels: set[str]  # every printed label of the form (normalised), to stop gathering text
    guesses: list[Guess] = field(default_factory=list)
    window: int = 14

    def guess(self, path: str, value: Any, reason: str, line: int) -> None:
        self.guesses.append(Guess(path, str(value), reason, line))


# ------------------------------------------------------------------------------ type helpers


def is_record(tp: Any) -> bool:
    return (
        isinstance(tp, type)
        and issubclass(tp, BaseModel)
        and not issubclass(tp, (Text, Check, DateValue, DateRange))
    )


def literal_options(tp: Any) -> list[str]:
    tp = unwrap(tp)
    return [str(a) for a in get_args(tp)] if get_origin(tp) is Literal else []


def checklist_options(tp: Any) -> list[str] | None:
    tp = unwrap(tp)
    if get_origin(tp) is dict:
        return literal_options(get_args(tp)[0])
    return None


def field_label(finfo: Any) -> str:
    extra = finfo.json_schema_extra if isinstance(finfo.json_schema_extra, dict) else {}
    return str(extra.get("label_ja", finfo.title or ""))


def model_labels(
    model: type[BaseModel], out: set[str] | None = None, seen: set[type] | None = None
) -> set[str]:
    """Every printed label of a model, recursively (normalised)."""
    out = set() if out is None else out
    seen = set() if seen is None else seen
    if model in seen:
        return out
    seen.add(model)
    for finfo in model.model_fields.values():
        out.add(norm_label(field_label(finfo)))
        tp = unwrap(finfo.annotation)
        if get_origin(tp) is list:
            tp = unwrap(get_args(tp)[0])
        if is_record(tp):
            model_labels(tp, out, seen)
    return out


def model_options(
    model: type[BaseModel], out: set[str] | None = None, seen: set[type] | None = None
) -> set[str]:
    """Every printed option of a model's choices and checklists, recursively (normalised)."""
    out = set() if out is None else out
    seen = set() if seen is None else seen
    if model in seen:
        return out
    seen.add(model)
    for finfo in model.model_fields.values():
        tp = unwrap(finfo.annotation)
        for arg in (tp, *getattr(tp, "__args__", ())):
            inner = unwrap(arg)
            out.update(norm(o) for o in literal_options(inner))
            for sub in getattr(inner, "__args__", ()):
                out.update(norm(o) for o in literal_options(sub))
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                model_options(inner, out, seen)
    return out


def is_option_list(text: str, options: set[str]) -> bool:
    """A row that only continues a printed option list: 「1) 10人未満 2) 10人以上50人未満」."""
    parts = [p for p in re.split(r"\d+\)", norm(text)) if p]
    return (
        bool(parts)
        and re.match(r"^\d+\)", norm(text)) is not None
        and all(p in options for p in parts)
    )


# ----------------------------------------------------------------------------- value reading


def label_matches(row_label: str, label: str) -> bool:
    if not label:
        return False
    if row_label == label:
        return True
    # a label printed with more around it (「再委託 ⑦再委託の有無」, 「リスク1: 目的外の…」)
    if len(label) >= 6 and label in row_label and len(row_label) <= len(label) + 16:
        return True
    # a long label with a misprint (「事務に必要なない情報」): one or two characters apart
    return (
        len(label) >= 20
        and abs(len(row_label) - len(label)) <= 2
        and difflib.SequenceMatcher(None, row_label, label, autojunk=False).ratio() >= 0.95
    )


def find(
    ctx: Ctx, lo: int, hi: int, labels: Iterable[str], window: int | None = None
) -> int | None:
    wanted = [norm_label(lb) for lb in labels if lb]
    end = min(hi, lo + (window or ctx.window))
    for i in range(lo, end):
        row = ctx.rows[i]
        if row.used:
            continue
        if any(label_matches(row.label, lb) or row.sublabel == lb for lb in wanted):
            return i
    return None


def via_sublabel(row: Row, labels: Iterable[str]) -> bool:
    wanted = [norm_label(lb) for lb in labels if lb]
    return not any(label_matches(row.label, lb) for lb in wanted) and row.sublabel in wanted


def is_label_row(ctx: Ctx, row: Row) -> bool:
    label = row.label
    return bool(label) and (
        label in ctx.labels
        or any(label_matches(label, lb) for lb in ctx.labels if len(lb) >= 8)
        or bool(re.match(r"^(?:システム|委託事項|提供先|移転先)\d", label))
    )


def after_label(text: str, label: str) -> str | None:
    """The rest of a line that starts with ``label`` (「②所属長の役職名 市民課長」→「市民課長」)."""
    for k in range(1, len(text) + 1):
        if norm_label(text[:k]) == label:
            rest = text[k:].strip()
            return rest or None
    return None


def value_at(ctx: Ctx, i: int, hi: int, label: str = "") -> tuple[str, int]:
    """The text printed beside the label of row ``i`` (or below it); returns (text, next row)."""
    row = ctx.rows[i]
    if label and via_sublabel(row, [label]):
        row.used = True
        return "\n".join([c for c in row.cells if c][2:]).strip(), i + 1
    first = row.first
    # a label cell that carries its value after a line break (「<p>1 ...</p>」)
    head, _, tail = first.partition("\n")
    parts = [tail] if tail and norm_label(head) == row.label else []
    wanted = norm_label(label)
    if wanted and row.label != wanted and row.label.startswith(wanted):
        rest = after_label(head, wanted)  # label and value in one cell, as PDF lines often are
        if rest:
            parts.insert(0, rest)
    parts += [c for c in row.rest if c]
    row.used = True
    row.fixed = not parts
    j = i + 1
    if not parts:
        while j < hi and not ctx.rows[j].used and not is_label_row(ctx, ctx.rows[j]):
            parts.append(ctx.rows[j].text)
            ctx.rows[j].used = True
            j += 1
    return "\n".join(p for p in parts if p).strip(), j


_OPTIONS_TAIL = re.compile(r"[<＜◇]選択肢[>＞◇].*$", re.S)


def strip_options(text: str) -> str:
    """Remove the printed option list 「<選択肢> 1) … 2) …」 that follows a choice."""
    return _OPTIONS_TAIL.sub("", text).strip()


def read_choice(text: str, options: list[str]) -> str | None:
    normed = {norm(o): o for o in options}
    for m in re.finditer(r"\[([^\[\]]*)\]", text):
        inner = norm(m.group(1)).replace(TICK, "").replace(UNKNOWN, "")
        if inner in normed:
            return normed[inner]
        # "[30万人以上]" printed with a note, or an option missing its bracket text
        for key, value in normed.items():
            if inner and inner.startswith(key):
                return value
    head = norm(strip_options(text))
    if head in normed:
        return normed[head]
    return None


_BOX = re.compile(r"\[\s*([○〇◯✓✔レ？]|" + _RADIO + r"|)\s*\]|" + _RADIO + "|" + UNKNOWN)


def read_boxes(text: str) -> list[tuple[str, str]]:
    """(mark, the text after the box up to the next box) for each printed box."""
    text = strip_options(text)
    marks = list(_BOX.finditer(text))
    out = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        mark = m.group(1) if m.group(1) is not None else m.group(0)
        out.append((mark or "", text[m.end() : end].strip()))
    return out


def mark_state(mark: str, radio_means: bool | None) -> bool | None:
    if mark in ("○", "〇", "◯", "✓", "✔", "レ"):
        return True
    if mark == "":
        return False
    if mark == _RADIO:
        return radio_means
    return None


def read_checklist(
    text: str, options: list[str], path: str, ctx: Ctx, line: int
) -> dict[str, Any] | None:
    boxes = read_boxes(text)
    if not boxes:
        return None
    marks = {m for m, _ in boxes}
    # radio inputs mixed with plain boxes: the radio ones are the ticked ones (a guess)
    radio_means: bool | None = True if _RADIO in marks and (marks - {_RADIO}) else None
    # radio buttons beside bare check boxes (「○自己点検 ○内部監査 □外部監査」): the boxes are unticked
    unknown_means: bool | None = False if _RADIO in marks and UNKNOWN in marks else None
    ordered = sorted(options, key=len, reverse=True)
    out: dict[str, Any] = {}
    for mark, after in boxes:
        label = norm(after)
        label = re.sub(r"^・", "", label)
        key = next((o for o in ordered if label.startswith(norm(o))), None)
        if key is None:
            continue
        rest = after
        # the note in brackets after the option: 「その他 (住民基本台帳ネットワークシステム)」
        opt_len = len(key)
        raw_rest = rest[opt_len:] if norm(rest[:opt_len]) == norm(key) else ""
        if not raw_rest:
            # find the end of the option text in the raw string by normalised length
            for idx in range(len(rest)):
                if norm(rest[: idx + 1]) == norm(key):
                    raw_rest = rest[idx + 1 :]
                    break
        raw_rest = re.split(r"\s・", raw_rest, maxsplit=1)[0].strip()
        note = None
        m = re.match(r"^[(（]\s*(.*?)\s*[)）]", raw_rest)
        if m and m.group(1):
            note = m.group(1)
        state = mark_state(mark, radio_means)
        if mark == UNKNOWN and unknown_means is not None:
            state = unknown_means
            ctx.guess(
                f"{path}.{key}",
                state,
                "ラジオボタンと並ぶチェックボックスの表示を「チェックなし」と読みました",
                line,
            )
        elif mark == _RADIO:
            ctx.guess(
                f"{path}.{key}", state, "ラジオボタンの表示を「チェックあり」と読みました", line
            )
        if state is None and mark == UNKNOWN and unknown_means is None:
            ctx.guess(f"{path}.{key}", "null", "チェックの有無が原本から読み取れません", line)
        out[key] = {"checked": state, "note": note} if note else state
    return out or None


def read_count(text: str) -> int | None:
    m = re.search(r"[(（]\s*(\d+)\s*[)）]\s*件", norm(text))
    return int(m.group(1)) if m else None


def read_date(text: str) -> str | None:
    first = strip_options(text).split("\n", 1)[0].strip()
    first = re.sub(r"\s*時点$", "", first)
    if not first:
        return None
    try:
        parse_date(first)
    except ValueError:
        return None
    return first


_RANGE = re.compile(r"^(.+?日)\s*(?:から|～|~|〜|－|-)\s*(.+?日)(?:まで)?\s*(.*)$")


def read_range(text: str) -> dict[str, Any] | None:
    m = _RANGE.match(strip_options(text).replace("\n", " ").strip())
    if not m:
        return None
    start, end, note = m.group(1), m.group(2), m.group(3).strip()
    try:
        parse_date(start)
        parse_date(end)
    except ValueError:
        return None
    out: dict[str, Any] = {"start": start, "end": end}
    if note:
        out["note"] = note
    return out


def read_bool_box(text: str, label: str) -> bool | None:
    """The state of the box printed before ``label`` (「[○] 委託しない」)."""
    for mark, after in read_boxes(text):
        if norm(after).startswith(norm(label)):
            return mark_state(mark, None)
    return None


def convert(tp: Any, text: str, path: str, ctx: Ctx, line: int) -> tuple[Any, bool]:
    """(value, placed): the field's value read from ``text``."""
    inner = unwrap(tp)
    if inner is Text or (isinstance(inner, type) and issubclass(inner, Text)):
        value = text.strip()
        return (value or None), bool(value)
    options = literal_options(inner)
    if options:
        return read_choice(text, options), True
    checklist = checklist_options(inner)
    if checklist is not None:
        return read_checklist(text, checklist, path, ctx, line), True
    if inner is DateValue:
        return read_date(text), True
    if inner is DateRange:
        return read_range(text), True
    if inner is int:
        return read_count(text), True
    if inner is str:
        value = text.strip().split("\n", 1)[0]
        return (value or None), bool(value)
    return None, False


# ---------------------------------------------------------------------------------- the walker

# Labels printed differently from the model's label (the model names an item by its group and
# label; the form prints the two on separate rows, or prints the group's label on the item row).
ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("BasicInfoFocused", "mynumber_legal_basis"): ("法令上の根拠",),
    ("BasicInfoFull", "mynumber_legal_basis"): ("法令上の根拠",),
    ("BasicRelated", "mynumber_legal_basis"): ("法令上の根拠",),
    ("Training", "level"): ("従業者に対する教育・啓発",),
    ("FocusedRisks", "audit"): ("実施の有無",),
    ("BasicRisks", "audit"): ("実施の有無",),
    ("StorageFull", "retention"): ("期間",),
}
GROUP_LABELS = ("個人番号の利用", "監査", "従業者に対する教育・啓発", "再委託", "使用の主体")


def alias_labels() -> set[str]:
    out = {norm_label(lb) for labels in ALIASES.values() for lb in labels}
    return out | {norm_label(lb) for lb in GROUP_LABELS}


ListHandler = Callable[[Ctx, int, int, str], tuple[list[Any], int]]


def fill(
    model: type[BaseModel],
    ctx: Ctx,
    lo: int,
    hi: int,
    path: str,
    lists: dict[str, ListHandler] | None = None,
    skip: Iterable[str] = (),
) -> tuple[dict[str, Any], int]:
    """Fill ``model`` from rows[lo:hi] in printed order; returns (data, cursor)."""
    lists = lists or {}
    out: dict[str, Any] = {}
    cur = lo
    names = list(model.model_fields)
    for pos, (name, finfo) in enumerate(model.model_fields.items()):
        if name in skip:
            continue
        sub_path = f"{path}.{name}" if path else name
        tp = unwrap(finfo.annotation)
        label = field_label(finfo)
        if name in lists:
            items, cur2 = lists[name](ctx, cur, hi, sub_path)
            if items:
                out[name] = items
                cur = cur2
            continue
        if get_origin(tp) is list:
            continue
        if is_record(tp):
            # the group ends where a later item of its parent is printed
            later = [
                lb
                for n in names[pos + 1 :]
                for lb in (
                    field_label(model.model_fields[n]),
                    *ALIASES.get((model.__name__, n), ()),
                )
            ]
            stop = find(ctx, cur, hi, later, window=400)
            bound = stop if stop is not None else hi
            i = find(ctx, cur, bound, [label], window=400)
            start = cur
            if i is not None:
                ctx.rows[i].used = True
                ctx.rows[i].fixed = True
                ctx.rows[i].path = sub_path
                start = i + 1
                if is_bool_group(tp) or ctx.rows[i].sublabel in model_labels(tp):
                    # the group's label and its first item share the row
                    start = i
                    ctx.rows[i].used = False
            sub, end = fill(tp, ctx, start, bound, sub_path, lists)
            if i is not None and not ctx.rows[i].used and not any(ctx.rows[i].rest):
                ctx.rows[i].used = ctx.rows[i].fixed = True  # a heading only
            if sub:
                out[name] = sub
                cur = max(cur, end)
            elif i is not None:
                cur = i + 1
            continue
        if tp is bool:
            j = find_box(ctx, cur, hi, label)
            if j is not None:
                state = read_bool_box(ctx.rows[j].text, label)
                if state is not None:
                    out[name] = state
                ctx.rows[j].used = True
            continue
        labels = [label, *ALIASES.get((model.__name__, name), ())]
        i = find(ctx, cur, hi, labels)
        if i is None:
            continue
        matched = next(
            (
                lb
                for lb in labels
                if label_matches(ctx.rows[i].label, norm_label(lb))
                or ctx.rows[i].sublabel == norm_label(lb)
            ),
            label,
        )
        text, nxt = value_at(ctx, i, hi, matched)
        ctx.rows[i].path = sub_path
        value, _ = convert(tp, text, sub_path, ctx, ctx.rows[i].no)
        cur = nxt
        if value is not None:
            out[name] = value
            continue
        residue = re.sub(r"\[[\s○？]*\]", "", strip_options(text)).strip()
        if residue:
            # printed but not readable as this kind of value: quoted in a source note
            for k in range(i, nxt):
                ctx.rows[k].used = False
                ctx.rows[k].fixed = False
            ctx.rows[i].used = True
            ctx.rows[i].fixed = not any(c for c in ctx.rows[i].rest)
            if not ctx.rows[i].fixed:
                ctx.rows[i].used = False
    return out, cur


def is_bool_group(tp: type[BaseModel]) -> bool:
    first = next(iter(tp.model_fields.values()), None)
    return first is not None and unwrap(first.annotation) is bool


def find_box(ctx: Ctx, lo: int, hi: int, label: str) -> int | None:
    wanted = norm(label)
    for i in range(lo, min(hi, lo + 6)):
        row = ctx.rows[i]
        for _mark, after in read_boxes(row.text):
            if norm(after).startswith(wanted):
                return i
    return None


def complete(model: type[BaseModel], data: dict[str, Any], path: str, ctx: Ctx) -> None:
    """Give every required text the form's placeholder (listed as a guess), recursively."""
    for name, finfo in model.model_fields.items():
        if not path and name in ("municipality", "process", "form"):
            continue  # given on the command line
        tp = unwrap(finfo.annotation)
        sub_path = f"{path}.{name}" if path else name
        value = data.get(name)
        if value is None and finfo.is_required() and (tp is str or tp is Text):
            data[name] = f"（記入）{field_label(finfo)}"
            ctx.guess(sub_path, data[name], "原本から読み取れませんでした", 0)
        elif isinstance(value, dict) and is_record(tp):
            complete(tp, value, sub_path, ctx)
        elif isinstance(value, list) and get_origin(tp) is list:
            item_tp = unwrap(get_args(tp)[0])
            if is_record(item_tp):
                for k, item in enumerate(value):
                    if isinstance(item, dict):
                        complete(item_tp, item, f"{sub_path}[{k}]", ctx)
