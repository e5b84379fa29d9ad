"""Field states: what an empty field of an assessment means, said the same way everywhere.

A field is either *stated* (the content gives a value) or empty, and an empty field is one of:

- ``空欄``: the city left it empty or wrote 「－」 (the default for an empty field);
- ``未収録``: the part is missing from the source text the electronic version was made from;
- ``判読不能``: the source has it, but it cannot be read with certainty.

Editors choose the state in ``source_notes`` (``{field, state, note}``; ``field`` may use ``[*]``
for every entry of a list and covers everything below it).  A note with the state ``注記``
explains how a stated value was read.  ``checked: null`` in a checklist is 判読不能 unless a
note says otherwise.  The page, the summary, the comparison tables and the CSV all read the
state from here; the JSON carries the notes themselves.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.model.assessment import AssessmentBase, SourceNote
from generator.model.base import Check, DateRange, DateValue, Doc, Text

Path = tuple[str | int, ...]

STATED = "記載あり"
BLANK = "空欄"
MISSING = "未収録"
UNREADABLE = "判読不能"
NOTE = "注記"
UNKNOWN = (MISSING, UNREADABLE)  # the value exists in the original but is not known here

LABEL: dict[str, dict[str, str]] = {
    BLANK: {"ja": "記載なし（空欄）", "en": "Left blank in the report"},
    MISSING: {"ja": "電子版に未収録", "en": "Not in this electronic version"},
    UNREADABLE: {"ja": "原本から判読できず", "en": "Unreadable in the original"},
}
# Short forms for table cells and counts ("判読できず 6件").
SHORT: dict[str, dict[str, str]] = {
    BLANK: {"ja": "空欄", "en": "blank"},
    MISSING: {"ja": "未収録", "en": "not in this version"},
    UNREADABLE: {"ja": "判読できず", "en": "unreadable"},
}
EXPLAIN: dict[str, dict[str, str]] = {
    BLANK: {
        "ja": "市の評価書でこの欄が空欄、または「－」です。",
        "en": "The city left this entry empty in its report, or wrote \u201c－\u201d.",
    },
    MISSING: {
        "ja": "この部分は、電子版の作成に使った原本のテキストに含まれていません。"
        "原本には記載があるはずです。原本でご確認ください。",
        "en": "This part is missing from the text of the original that this electronic version "
        "was made from. The original should state it: please check the original.",
    },
    UNREADABLE: {
        "ja": "原本のこの部分は文字の並びが乱れていて、記載を確実に読み取れませんでした。"
        "原本でご確認ください。",
        "en": "The text of the original is garbled here and the entry could not be read with "
        "certainty: please check the original.",
    },
    NOTE: {
        "ja": "原本の文字の並びが乱れているため、前後の記載から判断して整理しました。",
        "en": "The text of the original is out of order here; the entry was placed by reading "
        "the surrounding text.",
    },
}

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]")


def parse_path(text: str) -> Path:
    """``files[0].outsourcing.items[*].contractor`` -> ("files", 0, "outsourcing", "items", "*", ...)."""
    out: list[str | int] = []
    for name, index in _SEGMENT.findall(text):
        if name:
            out.append(name.strip())
        elif index == "*":
            out.append("*")
        else:
            out.append(int(index))
    return tuple(out)


def format_path(path: Path) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) or p == "*" else (f".{p}" if out else str(p))
    return out


def _covers(pattern: Path, path: Path) -> bool:
    if len(pattern) > len(path):
        return False
    return all(
        p == q or (p == "*" and isinstance(q, int))
        for p, q in zip(pattern, path[: len(pattern)], strict=True)
    )


@dataclass(frozen=True)
class Noted:
    number: int  # 1-based position in source_notes (the anchor #source-note-N)
    path: Path
    state: str
    note: SourceNote


class FieldNotes:
    """The source notes of one record, looked up by field path."""

    def __init__(self, notes: Sequence[SourceNote]) -> None:
        self.notes = [Noted(i, parse_path(n.field), n.state, n) for i, n in enumerate(notes, 1)]

    @classmethod
    def of(cls, rec: AssessmentBase) -> FieldNotes:
        return cls(rec.source_notes)

    def covering(self, path: Path) -> Noted | None:
        """The most specific note that says why a field at ``path`` is empty."""
        best: Noted | None = None
        for n in self.notes:
            if (
                n.state != NOTE
                and _covers(n.path, path)
                and (best is None or len(n.path) > len(best.path))
            ):
                best = n
        return best

    def state(self, path: Path, default: str = BLANK) -> tuple[str, Noted | None]:
        """(state, note) of an empty field at ``path``."""
        n = self.covering(path)
        return (n.state, n) if n is not None else (default, None)


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, Text):
        return value.is_blank
    if isinstance(value, (list, dict)):
        return not value
    return False


def record_type(annotation: Any) -> type[BaseModel] | None:
    """The record type behind ``X | None`` (None for text, dates and checkboxes)."""
    for arg in (annotation, *typing.get_args(annotation)):
        if (
            isinstance(arg, type)
            and issubclass(arg, Doc)
            and arg not in (Text, DateValue, DateRange, Check)
        ):
            return arg
    return None


# A model's fields as ``leaves`` walks them: (name, field info, record type, is a list); the
# same for every record of the model, so worked out once per model.
_Plan = tuple[tuple[str, Any, type[BaseModel] | None, bool], ...]
_PLANS: dict[type, _Plan] = {}


def _plan(model: type) -> _Plan:
    plan = _PLANS.get(model)
    if plan is None:
        plan = _PLANS[model] = tuple(
            (
                name,
                finfo,
                record_type(finfo.annotation),
                typing.get_origin(finfo.annotation) is list,
            )
            for name, finfo in model.model_fields.items()  # type: ignore[attr-defined]
        )
    return plan


def leaves(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any, Any]]:
    """(path, field info, value) of every leaf field below ``value``; a group the content leaves
    out is walked through its type, so that each of its fields is seen (as None)."""
    for name, finfo, rtype, is_list in _plan(type(value)):
        v = getattr(value, name)
        sub = (*path, name)
        if rtype is not None and not is_list:
            if v is None:
                yield from _empty_leaves(rtype, sub)
            else:
                yield from leaves(v, sub)
        elif isinstance(v, list) and v and _plan_type(type(v[0])) is not None:
            for i, item in enumerate(v):
                yield from leaves(item, (*sub, i))
        else:
            yield sub, finfo, v


_ITEM_TYPES: dict[type, type[BaseModel] | None] = {}


def _plan_type(kind: type) -> type[BaseModel] | None:
    """``record_type`` of a list item's class, remembered per class."""
    if kind not in _ITEM_TYPES:
        _ITEM_TYPES[kind] = record_type(kind)
    return _ITEM_TYPES[kind]


def _empty_leaves(model: type[BaseModel], path: Path) -> Iterator[tuple[Path, Any, Any]]:
    for name, finfo in model.model_fields.items():
        rtype = record_type(finfo.annotation)
        if rtype is not None and typing.get_origin(finfo.annotation) is not list:
            yield from _empty_leaves(rtype, (*path, name))
        else:
            yield (*path, name), finfo, None


def field_state(notes: FieldNotes, path: Path, value: Any) -> str:
    """記載あり, 空欄, 未収録 or 判読不能 for one field."""
    if not is_empty(value):
        return STATED
    return notes.state(path)[0]
