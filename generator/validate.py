"""Stage 2, validate: turn loaded YAML into typed records, reporting every mistake at its line.

pydantic errors are translated here, once, into findings with a Japanese message, an English
one and a hint ("did you mean ...?" for misspelt keys and choices).
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.findings import Findings
from generator.load import LoadedFile, PathKey
from generator.model.base import Doc, Text


@dataclass(frozen=True)
class Validated:
    """A record built from one file."""

    path: str
    record: Doc
    source: LoadedFile


def _model_at(model: type[BaseModel], loc: PathKey) -> type[BaseModel] | None:
    """The model class that owns the last element of ``loc`` (for did-you-mean on keys)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
        elif get_origin(current) in (list, dict):
            args = get_args(current)
            current = args[-1] if args else None
        else:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _unwrap(tp: Any) -> Any:
    """Strip Optional, Annotated and unions of one model."""
    for _ in range(6):
        origin = get_origin(tp)
        if origin is typing.Annotated:
            tp = get_args(tp)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp
    return tp


def _suggest(word: str, options: list[str]) -> str | None:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return match[0] if match else None


def _clean_loc(loc: tuple[Any, ...]) -> PathKey:
    """Drop pydantic's internal loc parts (union tags, function names)."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, int):
            out.append(part)
        elif isinstance(part, str):
            if part.startswith(
                ("function-", "literal[", "tagged-union", "nullable", "lax-or-strict")
            ) or part in (
                "str",
                "bool",
                "int",
                "dict[str,any]",
                "Text",
                "Check",
                "DateValue",
                "[key]",
            ):
                if part == "[key]":
                    out.append(part)
                continue
            out.append(part)
    return tuple(out)


def _dotted(loc: PathKey) -> str:
    s = ""
    for part in loc:
        s += f"[{part}]" if isinstance(part, int) else (f".{part}" if s else str(part))
    return s or "(ファイル全体)"


def translate_errors(
    exc: ValidationError, model: type[BaseModel], loaded: LoadedFile, findings: Findings
) -> None:
    seen: set[tuple[PathKey, str]] = set()
    for err in exc.errors(include_url=False):
        loc = _clean_loc(err["loc"])
        is_key = loc[-1:] == ("[key]",)
        if is_key:
            loc = loc[:-1]
        key = (loc, err["type"])
        if key in seen:
            continue
        seen.add(key)
        _one_error(err, loc, is_key, model, loaded, findings)


def _one_error(
    err: ErrorDetails,
    loc: PathKey,
    is_key: bool,
    model: type[BaseModel],
    loaded: LoadedFile,
    findings: Findings,
) -> None:
    etype = err["type"]
    where = _dotted(loc)
    inp = err.get("input")
    ctx = err.get("ctx") or {}
    pos = loaded.position(loc, prefer_key=etype == "extra_forbidden" or is_key)
    name = str(loc[-1]) if loc else ""

    def add(code: str, ja: str, en: str, hint_ja: str = "", hint_en: str = "") -> None:
        findings.add(loaded.path, pos.line, pos.col, code, ja, en, hint_ja, hint_en)

    if etype == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        options = sorted(owner.model_fields) if owner else []
        guess = _suggest(name, options)
        hint_ja = f"「{guess}」の書き間違いではありませんか。" if guess else ""
        hint_en = f"Did you mean '{guess}'?" if guess else ""
        if options:
            hint_ja += f" 書ける項目: {', '.join(options)}"
            hint_en += f" Allowed keys: {', '.join(options)}"
        add(
            "unknown-field",
            f"「{name}」という項目はありません" + (f"（{_dotted(loc[:-1])}）" if loc[:-1] else ""),
            f"unknown field '{name}'" + (f" (in {_dotted(loc[:-1])})" if loc[:-1] else ""),
            hint_ja.strip(),
            hint_en.strip(),
        )
    elif etype == "missing":
        add(
            "missing-field",
            f"必須の項目「{where}」がありません",
            f"the required field '{where}' is missing",
            f"「{name}:」を書き足してください。",
            f"Add '{name}:'.",
        )
    elif etype in ("literal_error", "enum"):
        options = [str(x) for x in _literal_options(ctx.get("expected", ""))]
        value = str(inp)
        guess = _suggest(value, options)
        if is_key:
            ja = f"「{value}」は選択肢にありません（{where}）"
            en = f"'{value}' is not one of the printed options (in {where})"
        else:
            ja = f"「{where}」の「{value}」は選択肢にありません"
            en = f"'{value}' is not one of the options of '{where}'"
        add(
            "invalid-choice",
            ja,
            en,
            (f"「{guess}」ではありませんか。" if guess else "") + f"選択肢: {' / '.join(options)}",
            (f"Did you mean '{guess}'? " if guess else "") + f"Options: {' / '.join(options)}",
        )
    elif etype == "bool_type" and loaded.yaml11_bools.get(loc) is not None:
        word = loaded.yaml11_bools[loc]
        add(
            "yaml11-bool",
            f"「{where}」の「{word}」は真偽値として読めません",
            f"'{word}' in '{where}' is not a boolean",
            "YAML 1.2 では true か false だけが真偽値です。true（はい）か false（いいえ）と書いてください。",
            "In YAML 1.2 only true and false are booleans: write true or false.",
        )
    elif etype == "value_error":
        msg = str(ctx.get("error", err.get("msg", "")))
        ja, _, hint = msg.partition(" / ")
        hint_en = ""
        if not hint and any(
            k in ja for k in ("月という月", "日はありません", "期間外", "年という年")
        ):
            hint = "実在する日付を 2026-01-19 または 令和8年1月19日 の形で書いてください（元号の期間にも注意）。"
            hint_en = "Write a real date as 2026-01-19 or 令和8年1月19日 (mind the era's range)."
        add(
            "invalid-value",
            f"「{where}」: {ja}",
            f"invalid value in '{where}': {_english_value_error(msg)}",
            hint,
            hint_en,
        )
    elif (etype.endswith("_type") or etype in ("model_attributes_type",)) and _model_at(
        model, loc
    ) is Text:
        got: tuple[str, str] = _describe(inp)
        if loaded.yaml11_bools.get(loc) is not None:
            got = (f"「{loaded.yaml11_bools[loc]}」", f"'{loaded.yaml11_bools[loc]}'")
        hint_ja = (
            f"文章は「{name}: 文章」と1行で書くか、「{name}: |」の次の行から字下げして書いてください。"
            '数字や true/false だけの文章は "…" で囲みます。'
        )
        hint_en = f"Write text as '{name}: text' or as '{name}: |' followed by indented lines; quote text that is only a number or true/false."
        if inp is None:
            add("wrong-type", f"「{where}」が空欄です", f"'{where}' is empty", hint_ja, hint_en)
        else:
            add(
                "wrong-type",
                f"「{where}」は文章で書いてください（{got[0]}が書かれています）",
                f"'{where}' must be text (found {got[1]})",
                hint_ja,
                hint_en,
            )
    elif etype.endswith("_type") or etype in (
        "model_type",
        "model_attributes_type",
        "dict_type",
        "list_type",
    ):
        expected = _TYPE_JA.get(etype, ("正しい形", "the right type"))
        found = _describe(inp)
        if loaded.yaml11_bools.get(loc) is not None:
            word = loaded.yaml11_bools[loc]
            found = (f"「{word}」", f"'{word}'")
        add(
            "wrong-type",
            f"「{where}」は{expected[0]}で書いてください（{found[0]}が書かれています）",
            f"'{where}' must be {expected[1]} (found {found[1]})",
            _TYPE_HINT.get(etype, ""),
            "",
        )
    elif etype == "string_pattern_mismatch":
        add(
            "invalid-value",
            f"「{where}」の「{inp}」は書式が合いません",
            f"'{inp}' in '{where}' does not match the required pattern",
            "英小文字・数字・ハイフンで書いてください（例: neyagawa）。"
            if name in ("municipality", "process")
            else "",
            "",
        )
    elif etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        add(
            "invalid-value",
            f"「{where}」の値 {inp} は範囲外です",
            f"the value {inp} of '{where}' is out of range",
            "0以上の数を書いてください。",
            "Write a number of 0 or more.",
        )
    else:  # pragma: no cover - any other pydantic error, still positioned
        add("invalid-value", f"「{where}」: {err.get('msg')}", f"'{where}': {err.get('msg')}")


def _english_value_error(msg: str) -> str:
    import re

    if "月という月はありません" in msg:
        return "no such month " + msg.split("「", 1)[-1].rstrip("」")
    if "日はありません" in msg:
        return "no such day " + msg.split("「", 1)[-1].rstrip("」")
    if "期間外" in msg:
        found: list[str] = re.findall(r"「(.+?)」", msg)
        return "date outside the era " + (found[0] if found else "")
    if "日付として読めません" in msg:
        return "not a date; write 2026-01-19 or 令和8年1月19日"
    if "検査数字" in msg:
        return "the check digit of the local government code does not match"
    if "6桁" in msg:
        return "the local government code has 6 digits"
    if "記録項目は見出しごとの群" in msg:
        return (
            "record items are a list of groups: write the items under '- items:' "
            "(with an optional 'title:' for a printed heading)"
        )
    return msg


_TYPE_JA = {
    "string_type": ("文字列", "a string"),
    "bool_type": ("true か false", "true or false"),
    "int_type": ("整数", "a whole number"),
    "int_parsing": ("整数", "a whole number"),
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


def _describe(value: Any) -> tuple[str, str]:
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


def _literal_options(expected: str) -> list[str]:
    # pydantic renders expected options as "'a', 'b' or 'c'"
    import re

    return re.findall(r"'((?:[^'\\]|\\.)*)'", expected)


def validate_record(
    model: type[Doc], loaded: LoadedFile, findings: Findings, extra: dict[str, Any] | None = None
) -> Doc | None:
    data = loaded.data
    if not isinstance(data, dict):
        findings.add(
            loaded.path,
            1,
            1,
            "wrong-type",
            "ファイルの中身は「キー: 値」の形で書いてください",
            "the file must contain a mapping of 'key: value'",
            "kohyo new で作った雛形を参考にしてください。",
            "See a skeleton made with 'kohyo new'.",
        )
        return None
    try:
        return model.model_validate({**data, **(extra or {})})
    except ValidationError as exc:
        translate_errors(exc, model, loaded, findings)
        return None


def literal_values(tp: Any) -> tuple[str, ...]:
    tp = _unwrap(tp)
    if get_origin(tp) is Literal:
        return tuple(str(a) for a in get_args(tp))
    return ()


# ---------------------------------------------------------------------------------------------
# The whole corpus
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """Every validated record of content/, keyed by id (the path below its folder, no suffix)."""

    municipalities: dict[str, Validated]
    processes: dict[str, Any]
    assessments: dict[str, Validated]
    council: dict[str, Validated]
    registries: dict[str, Validated] = field(default_factory=dict)  # laws.yaml, systems.yaml, ...
    content: Path | None = None  # the content/ folder read (page plugins read their files there)


def _dispatch(
    kind_key: str, table: dict[str, type[Doc]], loaded: LoadedFile, findings: Findings
) -> type[Doc] | None:
    data = loaded.data
    value = data.get(kind_key) if isinstance(data, dict) else None
    if value in table:
        return table[value]
    pos = loaded.position((kind_key,), prefer_key=value is None)
    options = list(table)
    guess = _suggest(str(value), options) if value is not None else None
    findings.add(
        loaded.path,
        pos.line,
        pos.col,
        "missing-field" if value is None else "invalid-choice",
        f"「{kind_key}」がありません"
        if value is None
        else f"「{kind_key}」の「{value}」は選択肢にありません",
        f"'{kind_key}' is missing" if value is None else f"'{value}' is not a valid '{kind_key}'",
        (f"「{guess}」ではありませんか。" if guess else "") + f"選択肢: {' / '.join(options)}",
        (f"Did you mean '{guess}'? " if guess else "") + f"Options: {' / '.join(options)}",
    )
    return None


# Registries that page plugins read (generator/pages/glossary.py, accessibility.py).
SITE_REGISTRIES = ("glossary.yaml", "accessibility-results.yaml")


def check_site_registry(name: str, loaded: LoadedFile, findings: Findings) -> Doc | None:
    """The glossary or the accessibility results through their model; duplicate term ids."""
    from generator.model.glossary import A11yResults, Glossary

    rec = validate_record(Glossary if name == "glossary.yaml" else A11yResults, loaded, findings)
    if isinstance(rec, Glossary):
        seen: set[str] = set()
        for i, term in enumerate(rec.terms):
            if term.id in seen:
                pos = loaded.position(("terms", i, "id"))
                findings.add(
                    loaded.path,
                    pos.line,
                    pos.col,
                    "duplicate-id",
                    f"用語のid「{term.id}」が重複しています",
                    f"duplicate term id '{term.id}'",
                    "id は用語ごとに別のものにしてください。",
                    "Give each term its own id.",
                )
            seen.add(term.id)
    return rec


def validate_corpus(
    root: Path, findings: Findings, only: set[str] | None = None, files: list[Path] | None = None
) -> Corpus:
    """Load and validate every content file below ``root`` (the content/ folder), or only ``files``."""
    from generator.guard import scan_personal_data
    from generator.load import check_content_path, content_files, load_file
    from generator.model import COUNCIL_KINDS, FORMS, Municipality, ProcessRegistry

    municipalities: dict[str, Validated] = {}
    processes: dict[str, Any] = {}
    assessments: dict[str, Validated] = {}
    council: dict[str, Validated] = {}
    registries: dict[str, Validated] = {}
    base = root.parent
    for path in content_files(root) if files is None else files:
        rel = path.relative_to(root)
        display = path.relative_to(base).as_posix()
        section = rel.parts[0] if len(rel.parts) > 1 else ""
        ident = rel.relative_to(section).with_suffix("").as_posix() if section else rel.stem
        if (
            only is not None
            and section in ("assessments", "council")
            and ident.split("/")[0] not in only
        ):
            continue
        if not check_content_path(path, root, display, findings):
            continue
        loaded = load_file(path, display, findings)
        if loaded is None:
            continue
        scan_personal_data(loaded, findings)
        if section == "municipalities":
            rec = validate_record(Municipality, loaded, findings)
            if rec is not None:
                municipalities[ident] = Validated(display, rec, loaded)
        elif section == "registries" and rel.name in ("processes.yaml",):
            reg = validate_record(ProcessRegistry, loaded, findings)
            if isinstance(reg, ProcessRegistry):
                for i, p in enumerate(reg.processes):
                    if p.id in processes:
                        pos = loaded.position(("processes", i, "id"))
                        findings.add(
                            display,
                            pos.line,
                            pos.col,
                            "duplicate-id",
                            f"事務のid「{p.id}」が重複しています",
                            f"duplicate process id '{p.id}'",
                        )
                    processes[p.id] = p
        elif section == "registries" and rel.name in SITE_REGISTRIES:
            check_site_registry(rel.name, loaded, findings)
        elif section == "registries":
            from generator.crosslink import validate_registry

            if (reg := validate_registry(rel.name, loaded, findings)) is not None:
                registries[rel.name] = Validated(display, reg, loaded)
        elif section == "assessments":
            model = _dispatch("form", FORMS, loaded, findings)
            if model is not None and (rec := validate_record(model, loaded, findings)) is not None:
                assessments[ident] = Validated(display, rec, loaded)
        elif section == "translations":
            from generator.i18n import check_memory_file  # the translation memory

            check_memory_file(loaded, findings)
        elif section == "council":
            model = _dispatch("kind", COUNCIL_KINDS, loaded, findings)
            if model is not None and (rec := validate_record(model, loaded, findings)) is not None:
                council[ident] = Validated(display, rec, loaded)
        else:
            findings.add(
                display,
                1,
                1,
                "unknown-file",
                "このファイルは読み込まれません（置き場所が違います）",
                "this file is not read (it is in the wrong folder)",
                "評価書は content/assessments/<団体>/ に、団体は content/municipalities/ に置いてください。",
                "Put assessments in content/assessments/<municipality>/ and municipalities in content/municipalities/.",
            )
    _duplicate_codes(municipalities, findings)
    return Corpus(municipalities, processes, assessments, council, registries, content=root)


def _duplicate_codes(municipalities: dict[str, Validated], findings: Findings) -> None:
    """Two municipality files with the same 全国地方公共団体コード: the second, pointing at the first."""
    first: dict[str, Validated] = {}
    for _ident, v in sorted(municipalities.items()):
        code = str(getattr(v.record, "code", ""))
        if code in first:
            pos = v.source.position(("code",))
            other = first[code]
            at = f"{other.path}:{other.source.position(('code',)).line}"
            findings.add(
                v.path,
                pos.line,
                pos.col,
                "duplicate-code",
                f"全国地方公共団体コード「{code}」が {at} と同じです",
                f"the local government code '{code}' is the same as in {at}",
                "同じ団体のファイルが2つあるなら1つにまとめ、別の団体ならコードを確かめてください。",
                "If both files are the same municipality, merge them; otherwise check the code.",
            )
        else:
            first[code] = v
