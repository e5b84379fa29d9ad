"""Building blocks of the content model: immutable records, bilingual text, dates, checklists.

Every model is frozen and rejects unknown keys (``extra="forbid"``), so a misspelt key in a
content file is reported instead of silently dropped.  Field metadata (the printed Japanese
label, its English rendering and the item number of the form) lives on the field itself, so
the JSON Schema, the validator messages and the renderer all read one source.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import unicodedata
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

__all__ = [
    "Check",
    "ContentError",
    "DateRange",
    "DateValue",
    "Doc",
    "NoteState",
    "Text",
    "field",
    "parse_date",
]


def unwrap(tp: Any) -> Any:
    """A field's annotation without Optional, Annotated or a union around one type."""
    for _ in range(8):
        origin = get_origin(tp)
        if origin is typing.Annotated:
            tp = get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            break
    return tp


class Doc(BaseModel):
    """Base of every content record: immutable, strict about keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# A rendering hint of a field (``field(display=...)``): "" a labelled row or a section; "items"
# and "systems" their own lists; "if_set" a note shown only when written; "record_items" left to
# its own part; the others name the part of the form the field holds.
Display = Literal[
    "",
    "annexes",
    "changes",
    "files",
    "flows",
    "glossary",
    "if_set",
    "items",
    "record_items",
    "risks",
    "systems",
]


def field(
    ja: str,
    en: str,
    desc: str = "",
    *,
    num: str = "",
    important: bool = False,
    default: Any = None,
    required: bool = False,
    display: Display = "",
    **kwargs: Any,
) -> Any:
    """A model field with its printed label.

    ``ja``/``en`` are the labels printed on the form and on English pages, ``num`` the item
    number as printed (``①``, ``1.``), ``important`` the ※ mark (a change of this item is an
    重要な変更), ``display`` a rendering hint (``items``, ``systems``, ``if_set`` for a note that
    is shown only when written).
    """
    extra: dict[str, Any] = {"label_ja": ja, "label_en": en}
    if num:
        extra["num"] = num
    if important:
        extra["important"] = True
    if display:
        extra["display"] = display
    description = desc or ja
    title = f"{num}{ja}" if num else ja
    if required:
        return Field(..., title=title, description=description, json_schema_extra=extra, **kwargs)
    return Field(
        default=default, title=title, description=description, json_schema_extra=extra, **kwargs
    )


# ---------------------------------------------------------------------------------------------
# Bilingual text
# ---------------------------------------------------------------------------------------------

_DASH_ONLY = re.compile(r"^[\s\-‐‑‒–—―－ー〜~]*$")


def _text_in(value: Any) -> Any:
    if isinstance(value, str):
        return {"ja": value}
    return value


class Text(Doc):
    """A free text in Japanese with an optional English rendering.

    In YAML either a plain string (Japanese only) or ``{ja: ..., en: ...}``.  Paragraphs are
    separated by blank lines; lines starting with ``・`` or ``- `` are list items; a line such
    as ``<中間サーバー・プラットフォームにおける措置>`` is a sub-heading.  Text is never HTML or
    Markdown: whatever it contains is shown literally.
    """

    ja: str = Field(..., title="日本語", description="日本語の本文（必須）。")
    en: str | None = Field(
        default=None,
        title="English",
        description="英語訳（任意）。空欄なら英語ページに日本語を表示します。",
    )

    @property
    def is_blank(self) -> bool:
        return not self.ja.strip() or bool(_DASH_ONLY.match(self.ja))

    def get(self, lang: str) -> str | None:
        """The text in ``lang`` exactly: None where there is no English."""
        return self.en if lang == "en" else self.ja

    def show(self, lang: str) -> str:
        """The text as a page in ``lang`` shows it: its English if it has some, else Japanese."""
        return self.en if lang == "en" and self.en else self.ja


TextIn = Annotated[
    Text,
    BeforeValidator(_text_in),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "description": "日本語のみの本文"},
                {
                    "type": "object",
                    "properties": {
                        "ja": {"type": "string", "description": "日本語の本文（必須）"},
                        "en": {"type": ["string", "null"], "description": "英語訳（任意）"},
                    },
                    "required": ["ja"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


# ---------------------------------------------------------------------------------------------
# Dates: ISO or 和暦, day or month precision, "予定"
# ---------------------------------------------------------------------------------------------

ERAS: tuple[tuple[str, dt.date, dt.date | None], ...] = (
    ("令和", dt.date(2019, 5, 1), None),
    ("平成", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    ("昭和", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
)

_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_SLASH = re.compile(r"^(\d{4})/(\d{1,2})(?:/(\d{1,2}))?$")
_WAREKI = re.compile(r"^(令和|平成|昭和)(元|\d{1,2})年(\d{1,2})月(?:(\d{1,2})日)?$")
_PLANNED = re.compile(r"[（(]?予定[）)]?$")


class ContentError(ValueError):
    """A content mistake found by a validator, said in Japanese and in English, each with a hint.

    ``generator.validation.messages`` turns it into a finding as it stands: no English is guessed from the
    Japanese text.
    """

    def __init__(self, ja: str, en: str, hint_ja: str = "", hint_en: str = "") -> None:
        super().__init__(ja)
        self.ja, self.en, self.hint_ja, self.hint_en = ja, en, hint_ja, hint_en


_DATE_HINT = (
    "実在する日付を 2026-01-19 または 令和8年1月19日 の形で書いてください（元号の期間にも注意）。",
    "Write a real date as 2026-01-19 or 令和8年1月19日 (mind the era's range).",
)


class DateError(ContentError):
    """A date that cannot be a real date (the hint asks for a real one unless told otherwise)."""

    def __init__(self, ja: str, en: str, hint: tuple[str, str] = _DATE_HINT) -> None:
        super().__init__(ja, en, *hint)


def parse_date(raw: str) -> DateValue:
    """Parse ``2026-01-19``, ``2026-01``, ``令和8年1月19日``, ``令和4年12月（予定）``."""
    text = unicodedata.normalize("NFKC", raw).replace(" ", "").replace("\u3000", "")
    planned = False
    m = _PLANNED.search(text)
    if m and text != m.group(0):
        planned = True
        text = text[: m.start()]
    year: int
    month: int
    day: int | None
    era: str | None = None
    if mm := (_ISO.match(text) or _SLASH.match(text)):
        year, month = int(mm.group(1)), int(mm.group(2))
        day = int(mm.group(3)) if mm.group(3) else None
    elif mm := _WAREKI.match(text):
        era = mm.group(1)
        n = 1 if mm.group(2) == "元" else int(mm.group(2))
        start, end = next((s, e) for name, s, e in ERAS if name == era)
        if n < 1:
            raise DateError(f"{era}0年という年はありません", f"no such year {era}0")
        year = start.year + n - 1
        month = int(mm.group(3))
        day = int(mm.group(4)) if mm.group(4) else None
    else:
        raise DateError(
            f"日付として読めません: 「{raw}」",
            "not a date; write 2026-01-19 or 令和8年1月19日",
            ("2026-01-19 または 令和8年1月19日 の形で書いてください", ""),
        )
    if not 1 <= month <= 12:
        raise DateError(f"{month}月という月はありません: 「{raw}」", f"no such month {raw}")
    if day is not None:
        try:
            value = dt.date(year, month, day)
        except ValueError:
            raise DateError(
                f"{year}年{month}月に{day}日はありません: 「{raw}」", f"no such day {raw}"
            ) from None
    else:
        value = dt.date(year, month, 1)
    if era is not None:
        start, end = next((s, e) for name, s, e in ERAS if name == era)
        last_of_month = (
            dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
            if day is None
            else value
        )
        if last_of_month < start or (end is not None and value > end):
            raise DateError(
                f"「{raw}」は{era}の期間外です"
                + (f"（{era}は{end.year}年{end.month}月{end.day}日まで）" if end else ""),
                f"date outside the era {raw}",
            )
    return DateValue(year=year, month=month, day=day, planned=planned)


class DateValue(Doc):
    """A calendar date, possibly with month precision only, possibly planned (予定)."""

    year: int
    month: int
    day: int | None = None
    planned: bool = False

    @property
    def date(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def iso(self) -> str:
        base = f"{self.year:04d}-{self.month:02d}"
        return f"{base}-{self.day:02d}" if self.day else base

    def wareki(self) -> str:
        """The date in 和暦, as printed on Japanese forms."""
        d = self.date
        for name, start, _end in ERAS:
            if d >= start or (self.day is None and d.replace(day=28) >= start):
                n = self.year - start.year + 1
                y = "元" if n == 1 else str(n)
                out = f"{name}{y}年{self.month}月" + (f"{self.day}日" if self.day else "")
                return out + ("（予定）" if self.planned else "")
        return self.iso

    def gregorian_en(self) -> str:
        months = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
        out = f"{months[self.month - 1]} {self.year}"
        if self.day:
            out = f"{self.day} {out}"
        return out + (" (planned)" if self.planned else "")

    def render(self, lang: str) -> str:
        return self.gregorian_en() if lang == "en" else self.wareki()


def _date_in(value: Any) -> Any:
    if isinstance(value, dt.date):
        return DateValue(year=value.year, month=value.month, day=value.day)
    if isinstance(value, (int, float)):
        value = str(value)
    if isinstance(value, str):
        return parse_date(value)
    return value


_DATE_SCHEMA: dict[str, Any] = {
    "type": "string",
    "description": "日付。2026-01-19、令和8年1月19日、令和4年12月（予定） などの形で書きます。",
    "examples": ["2026-01-19", "令和8年1月19日"],
}

DateIn = Annotated[DateValue, BeforeValidator(_date_in), WithJsonSchema(_DATE_SCHEMA)]


class DateRange(Doc):
    """A period such as 意見聴取の期間 (start and end, both inclusive)."""

    start: DateIn = field("開始日", "Start", required=True)
    end: DateIn | None = field("終了日", "End")
    note: TextIn | None = field("補足", "Note", "「(36日間)」などの補足。")


# ---------------------------------------------------------------------------------------------
# Checklists: each printed option with its state and an optional note
# ---------------------------------------------------------------------------------------------


YAML11_WORDS = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
    ]
)


def _check_in(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return {"checked": value}
    if isinstance(value, str):
        if value in YAML11_WORDS:
            raise ContentError(
                f"「{value}」はチェックの有無として読めません",
                f"'{value}' does not say whether the box is checked",
                "チェックが入っていれば true、入っていなければ false と書いてください。",
                "Write true if the box is checked, false if it is not.",
            )
        return {"checked": True, "note": value}
    return value


class Check(Doc):
    """One checkbox of a printed option list.

    ``true``/``false`` is enough; with a note (``その他 (住民基本台帳ネットワークシステム)``)
    write ``{checked: true, note: ...}``.  ``checked: null`` records that the source does not
    show the state legibly.
    """

    checked: bool | None = Field(
        default=None,
        title="選択",
        description="チェックが入っていれば true。原本から判読できなければ null。",
    )
    note: TextIn | None = Field(
        default=None, title="括弧内の記載", description="選択肢の括弧内に書かれた内容。"
    )


CheckIn = Annotated[
    Check,
    BeforeValidator(_check_in),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "boolean", "description": "チェックの有無"},
                {"type": "null", "description": "原本から判読できない"},
                {
                    "type": "string",
                    "description": "括弧内の記載（チェックあり）",
                    "not": {"enum": sorted(YAML11_WORDS)},
                },
                {
                    "type": "object",
                    "properties": {
                        "checked": {"type": ["boolean", "null"]},
                        "note": {
                            "anyOf": [
                                {"type": "string"},
                                {
                                    "type": "object",
                                    "properties": {
                                        "ja": {"type": "string"},
                                        "en": {"type": ["string", "null"]},
                                    },
                                    "required": ["ja"],
                                },
                            ]
                        },
                    },
                    "additionalProperties": False,
                },
            ]
        }
    ),
]

Lang = Literal["ja", "en"]

# How a field was read from the source (generator/core/fieldstate.py): 空欄 the city left it empty or
# wrote 「－」; 未収録 the part is missing from the source text the conversion used; 判読不能 the
# source has it but it cannot be read with certainty; 注記 the value is given, with a reading note.
NoteState = Literal["空欄", "未収録", "判読不能", "注記"]
