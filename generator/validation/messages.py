"""pydantic's errors as findings for editors: one small handler per pydantic error type.

Each handler reads the error (where, what was written, what was expected) and returns the
finding's code with its Japanese and English message and hint, so both languages come from the
same data.  Validators in the model raise ``ContentError``, which already carries both languages;
nothing here recovers English by searching the Japanese text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.core.findings import Findings
from generator.loading.load import LoadedFile, PathKey
from generator.model.base import ContentError, Text, unwrap


@dataclass(frozen=True)
class Message:
    """What a finding says: its code, the message and the hint, in Japanese and English."""

    code: str
    ja: str
    en: str
    hint_ja: str = ""
    hint_en: str = ""


@dataclass(frozen=True)
class ErrorAt:
    """One pydantic error, located in the content file."""

    etype: str
    loc: PathKey
    is_key: bool  # the error is about a mapping's key, not its value
    input: Any
    ctx: dict[str, Any]
    msg: str
    model: type[BaseModel]
    loaded: LoadedFile

    @property
    def where(self) -> str:
        return dotted(self.loc)

    @property
    def name(self) -> str:
        return str(self.loc[-1]) if self.loc else ""

    @property
    def yaml11_word(self) -> str | None:
        """The YAML 1.1 boolean word (yes, no, on, ...) written at this place, if any."""
        return self.loaded.yaml11_bools.get(self.loc)


# ---------------------------------------------------------------------------------------------
# Handlers
# ---------------------------------------------------------------------------------------------


def _unknown_field(e: ErrorAt) -> Message:
    parent = e.loc[:-1]
    owner = model_at(e.model, parent)
    options = sorted(owner.model_fields) if owner else []
    guess = suggest(e.name, options)
    hint_ja = f"「{guess}」の書き間違いではありませんか。" if guess else ""
    hint_en = f"Did you mean '{guess}'?" if guess else ""
    if options:
        hint_ja += f" 書ける項目: {', '.join(options)}"
        hint_en += f" Allowed keys: {', '.join(options)}"
    return Message(
        "unknown-field",
        f"「{e.name}」という項目はありません" + (f"（{dotted(parent)}）" if parent else ""),
        f"unknown field '{e.name}'" + (f" (in {dotted(parent)})" if parent else ""),
        hint_ja.strip(),
        hint_en.strip(),
    )


def _missing(e: ErrorAt) -> Message:
    return Message(
        "missing-field",
        f"必須の項目「{e.where}」がありません",
        f"the required field '{e.where}' is missing",
        f"「{e.name}:」を書き足してください。",
        f"Add '{e.name}:'.",
    )


def _choice(e: ErrorAt) -> Message:
    options = re.findall(r"'((?:[^'\\]|\\.)*)'", str(e.ctx.get("expected", "")))
    value = str(e.input)
    guess = suggest(value, options)
    if e.is_key:
        ja = f"「{value}」は選択肢にありません（{e.where}）"
        en = f"'{value}' is not one of the printed options (in {e.where})"
    else:
        ja = f"「{e.where}」の「{value}」は選択肢にありません"
        en = f"'{value}' is not one of the options of '{e.where}'"
    return Message(
        "invalid-choice",
        ja,
        en,
        (f"「{guess}」ではありませんか。" if guess else "") + f"選択肢: {' / '.join(options)}",
        (f"Did you mean '{guess}'? " if guess else "") + f"Options: {' / '.join(options)}",
    )


def _value(e: ErrorAt) -> Message:
    error = e.ctx.get("error")
    if isinstance(error, ContentError):
        ja, en, hint_ja, hint_en = error.ja, error.en, error.hint_ja, error.hint_en
    else:  # a ValueError of a library: its text, in both languages
        ja = en = str(error if error is not None else e.msg)
        hint_ja = hint_en = ""
    return Message(
        "invalid-value",
        f"「{e.where}」: {ja}",
        f"invalid value in '{e.where}': {en}",
        hint_ja,
        hint_en,
    )


# What a type error expects, and the hint for it (Japanese only where no English one is given).
_EXPECTED = {
    "string_type": ("文字列", "a string"),
    "bool_type": ("true か false", "true or false"),
    "int_type": ("整数", "a whole number"),
    "list_type": ("リスト（- で始まる行）", "a list (lines starting with '- ')"),
    "dict_type": ("「キー: 値」の形", "a mapping of 'key: value'"),
    "model_type": ("「キー: 値」の形", "a mapping of 'key: value'"),
    "model_attributes_type": ("「キー: 値」の形", "a mapping of 'key: value'"),
}
_TYPE_HINT = {
    "list_type": "各項目を「- 」で始まる行にしてください。",
    "dict_type": "次の行から字下げして「キー: 値」を書いてください。",
    "model_type": "次の行から字下げして「キー: 値」を書いてください。",
    "int_type": "数字だけを書いてください（「件」などは付けません）。",
    "string_type": '数字や true/false を文章として書くときは "…" で囲んでください。',
}


def _wrong_type(e: ErrorAt) -> Message:
    word = e.yaml11_word
    if e.etype == "bool_type" and word is not None:
        return Message(
            "yaml11-bool",
            f"「{e.where}」の「{word}」は真偽値として読めません",
            f"'{word}' in '{e.where}' is not a boolean",
            "YAML 1.2 では true か false だけが真偽値です。true（はい）か false（いいえ）と書いてください。",
            "In YAML 1.2 only true and false are booleans: write true or false.",
        )
    found = describe(e.input) if word is None else (f"「{word}」", f"'{word}'")
    if model_at(e.model, e.loc) is Text:
        hint = (
            f"文章は「{e.name}: 文章」と1行で書くか、「{e.name}: |」の次の行から字下げして書いてください。"
            '数字や true/false だけの文章は "…" で囲みます。',
            f"Write text as '{e.name}: text' or as '{e.name}: |' followed by indented lines;"
            " quote text that is only a number or true/false.",
        )
        if e.input is None:
            return Message("wrong-type", f"「{e.where}」が空欄です", f"'{e.where}' is empty", *hint)
        return Message(
            "wrong-type",
            f"「{e.where}」は文章で書いてください（{found[0]}が書かれています）",
            f"'{e.where}' must be text (found {found[1]})",
            *hint,
        )
    expected = _EXPECTED.get(e.etype, ("正しい形", "the right type"))
    return Message(
        "wrong-type",
        f"「{e.where}」は{expected[0]}で書いてください（{found[0]}が書かれています）",
        f"'{e.where}' must be {expected[1]} (found {found[1]})",
        _TYPE_HINT.get(e.etype, ""),
    )


def _pattern(e: ErrorAt) -> Message:
    return Message(
        "invalid-value",
        f"「{e.where}」の「{e.input}」は書式が合いません",
        f"'{e.input}' in '{e.where}' does not match the required pattern",
        "英小文字・数字・ハイフンで書いてください（例: neyagawa）。"
        if e.name in ("municipality", "process")
        else "",
    )


def _out_of_range(e: ErrorAt) -> Message:
    return Message(
        "invalid-value",
        f"「{e.where}」の値 {e.input} は範囲外です",
        f"the value {e.input} of '{e.where}' is out of range",
        "0以上の数を書いてください。",
        "Write a number of 0 or more.",
    )


def _other(e: ErrorAt) -> Message:  # pragma: no cover - any other pydantic error, still located
    return Message("invalid-value", f"「{e.where}」: {e.msg}", f"'{e.where}': {e.msg}")


HANDLERS: dict[str, Callable[[ErrorAt], Message]] = {
    "extra_forbidden": _unknown_field,
    "missing": _missing,
    "literal_error": _choice,
    "enum": _choice,
    "value_error": _value,
    "string_pattern_mismatch": _pattern,
    "greater_than_equal": _out_of_range,
    "less_than_equal": _out_of_range,
    "greater_than": _out_of_range,
    "less_than": _out_of_range,
    **dict.fromkeys(_EXPECTED, _wrong_type),
}


def handler(etype: str) -> Callable[[ErrorAt], Message]:
    """The handler of a pydantic error type (every ``*_type`` error is a wrong type)."""
    return HANDLERS.get(etype) or (_wrong_type if etype.endswith("_type") else _other)


def translate_errors(
    exc: ValidationError, model: type[BaseModel], loaded: LoadedFile, findings: Findings
) -> None:
    """One finding per distinct (place, error type) of a pydantic ValidationError."""
    seen: set[tuple[PathKey, str]] = set()
    for err in exc.errors(include_url=False):
        loc = clean_loc(err["loc"])
        is_key = loc[-1:] == ("[key]",)
        if is_key:
            loc = loc[:-1]
        if (loc, err["type"]) in seen:
            continue
        seen.add((loc, err["type"]))
        add_error(err, loc, is_key, model, loaded, findings)


def add_error(
    err: ErrorDetails,
    loc: PathKey,
    is_key: bool,
    model: type[BaseModel],
    loaded: LoadedFile,
    findings: Findings,
) -> None:
    etype = err["type"]
    e = ErrorAt(
        etype, loc, is_key, err.get("input"), dict(err.get("ctx") or {}), err["msg"], model, loaded
    )
    m = handler(etype)(e)
    pos = loaded.position(loc, prefer_key=etype == "extra_forbidden" or is_key)
    findings.add(loaded.path, pos.line, pos.col, m.code, m.ja, m.en, m.hint_ja, m.hint_en)


# ---------------------------------------------------------------------------------------------
# Helpers: where an error is, what was written, what was meant
# ---------------------------------------------------------------------------------------------


def model_at(model: type[BaseModel], loc: PathKey) -> type[BaseModel] | None:
    """The model class that owns the last element of ``loc`` (for did-you-mean on keys)."""
    current: Any = model
    for part in loc:
        current = unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
        elif get_origin(current) in (list, dict):
            args = get_args(current)
            current = args[-1] if args else None
        else:
            return None
    current = unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def suggest(word: str, options: list[str]) -> str | None:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return match[0] if match else None


_INTERNAL_LOC = frozenset(["str", "bool", "int", "dict[str,any]", "Text", "Check", "DateValue"])
_INTERNAL_PREFIX = ("function-", "literal[", "tagged-union", "nullable", "lax-or-strict")


def clean_loc(loc: tuple[Any, ...]) -> PathKey:
    """Drop pydantic's internal loc parts (union tags, function names)."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, int):
            out.append(part)
        elif isinstance(part, str):
            if part.startswith(_INTERNAL_PREFIX) or part in _INTERNAL_LOC:
                continue
            out.append(part)
    return tuple(out)


def dotted(loc: PathKey) -> str:
    s = ""
    for part in loc:
        s += f"[{part}]" if isinstance(part, int) else (f".{part}" if s else str(part))
    return s or "(ファイル全体)"


def describe(value: Any) -> tuple[str, str]:
    """What was written, in Japanese and English."""
    if value is None:
        return ("空欄", "nothing")
    if isinstance(value, bool):
        return (f"真偽値 {str(value).lower()}", f"the boolean {str(value).lower()}")
    if isinstance(value, int):
        return (f"数値 {value}", f"the number {value}")
    if isinstance(value, str):
        short = value if len(value) <= 20 else value[:20] + "…"
        return (f"文字列「{short}」", f"the text '{short}'")
    if isinstance(value, list):
        return ("リスト", "a list")
    if isinstance(value, dict):
        return ("「キー: 値」の組", "a mapping")
    return (type(value).__name__, type(value).__name__)
