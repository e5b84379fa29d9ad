"""``kohyo new``: commented skeletons that validate and build at once.

The skeleton is generated from the model, so it always has every field of the chosen form in
the printed order, with the printed label and the options of each choice as comments.  Required
texts get a placeholder starting with ``（記入）``; ``kohyo validate`` warns while one is left.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from generator.model import FORMS, Municipality
from generator.model.base import Check, DateRange, DateValue, Text

PLACEHOLDER = "（記入）"
FORM_ALIASES = {
    "基礎": "基礎項目評価書",
    "basic": "基礎項目評価書",
    "重点": "重点項目評価書",
    "focused": "重点項目評価書",
    "全項目": "全項目評価書",
    "full": "全項目評価書",
}


# One worked entry of every list of the forms, shown (commented out) in the `kohyo new` skeleton
# and in the editing guide; tests validate each against its model.  Values are examples only.
EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "OutsourcingItemFocused": [
        {
            "title": "既存住民基本台帳システムの運用保守",
            "content": "既存住基システムの運用及び保守に関する業務",
            "handlers": "10人未満",
            "contractor": "株式会社〇〇",
            "subcontract": {"status": "再委託しない"},
        }
    ],
    "OutsourcingItemFull": [
        {
            "title": "既存住民基本台帳システムの運用保守",
            "content": "既存住基システムの運用及び保守に関する業務",
            "scope": "特定個人情報ファイルの全体",
            "subjects_count": "10万人以上100万人未満",
            "subjects_scope": "住民基本台帳に記録されている者",
            "justification": "システムの運用保守のため、ファイル全体を取り扱う必要がある。",
            "handlers": "10人未満",
            "handover": {"専用線": True, "紙": False, "その他": "庁内の端末で直接作業する"},
            "contractor_lookup": "市のホームページで公表する。",
            "contractor": "株式会社〇〇",
            "subcontract": {
                "status": "再委託する",
                "approval": "書面により申請させ、市が承認する。",
                "work": "システムの保守作業の一部",
            },
        }
    ],
    "Recipient": [
        {
            "name": "都道府県知事",
            "legal_basis": "住民基本台帳法第30条の6",
            "purpose": "本人確認情報の管理及び提供",
            "data": "本人確認情報（個人番号、4情報、住民票コード及びこれらの変更情報）",
            "subjects_count": "10万人以上100万人未満",
            "subjects_scope": "住民基本台帳に記録されている者",
            "method": {"専用線": True, "紙": False},
            "timing": "住民票の記載、消除又は記載の修正の都度",
        }
    ],
    "Transferee": [
        {
            "name": "市民税課",
            "legal_basis": "番号法第9条第1項 別表第1の16の項",
            "purpose": "地方税の賦課徴収に関する事務",
            "data": "住民票関係情報",
            "subjects_count": "10万人以上100万人未満",
            "subjects_scope": "住民基本台帳に記録されている者",
            "method": {"庁内連携システム": True},
            "timing": "随時",
        }
    ],
    "RecordGroup": [
        {
            "title": "＜住民票に関する記録項目＞",
            "items": ["宛名番号", "個人番号", {"ja": "送付先氏名 漢字 外", "cut_off": True}],
            "note": "※ 群の後に印刷された注記があれば、ここに書きます",
        }
    ],
    "Change": [
        {
            "date": "令和7年2月13日",
            "item": "Ⅱ-5 提供・移転の有無",
            "before": "提供件数 59件",
            "after": "提供件数 60件",
            "timing": "事後",
            "reason": "法令の改正に伴う変更",
        }
    ],
}
EXAMPLE_NOTES = {
    "RecordGroup": "見出しがなければ title は書きません。原本で途中が切れている項目は cut_off: true",
    "Change": "変更日が行から離れて印刷されているときは date の代わりに date_note に書きます",
}


def example_lines(name: str, pad: str) -> list[str]:
    """The worked example of a list as YAML comment lines (to follow ``key: []``)."""
    import yaml

    text = yaml.safe_dump(
        EXAMPLES[name], allow_unicode=True, sort_keys=False, width=10_000, indent=2
    )
    note = [f"{pad}#   （{EXAMPLE_NOTES[name]}）"] if name in EXAMPLE_NOTES else []
    return [*note, *(f"{pad}# {line}" for line in text.rstrip().split("\n"))]


EXAMPLE_HINT = "例は1件分です。使うときは [] を消し、下の例の行の先頭の「# 」を外して書き換えます"


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """(inner type, is_optional)."""
    optional = False
    for _ in range(6):
        origin = get_origin(tp)
        if origin is typing.Annotated:
            tp = get_args(tp)[0]
        elif origin in (typing.Union, __import__("types").UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            optional = optional or len(args) < len(get_args(tp))
            if len(args) != 1:
                return tp, optional
            tp = args[0]
        else:
            break
    return tp, optional


def _options(tp: Any) -> list[str]:
    if get_origin(tp) is Literal:
        return [str(a) for a in get_args(tp)]
    return []


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _label(finfo: Any) -> str:
    extra = finfo.json_schema_extra if isinstance(finfo.json_schema_extra, dict) else {}
    num = str(extra.get("num", ""))
    label = str(extra.get("label_ja", finfo.title or ""))
    mark = " ※" if extra.get("important") else ""
    return f"{num}{' ' if num.endswith('.') else ''}{label}{mark}"


def skeleton_lines(
    model: type[BaseModel], indent: int, fixed: dict[str, str], depth: int = 0
) -> list[str]:
    pad = "  " * indent
    lines: list[str] = []
    for name, finfo in model.model_fields.items():
        if name in ("source_notes",):
            lines.append(
                f"{pad}# 原本から読み取れなかった項目があれば、ここに書きます（例: - {{field: files[0].basic, note: 理由}}）"
            )
            lines.append(f"{pad}{name}: []")
            continue
        if name in fixed:
            lines.append(f"{pad}{name}: {fixed[name]}")
            continue
        tp, _optional = _unwrap(finfo.annotation)
        desc = finfo.description or ""
        label = _label(finfo)
        comment = f"{pad}# {label}" + (
            f": {desc}" if desc and desc != finfo.title and desc not in label else ""
        )
        opts = _options(tp)
        if opts:
            lines.append(comment)
            lines.append(f"{pad}#   選択肢: {' / '.join(opts)}")
            lines.append(f"{pad}{name}:")
        elif tp is Text:
            lines.append(comment)
            if finfo.is_required():
                lines.append(f"{pad}{name}: {_q(PLACEHOLDER + label.replace(' ※', ''))}")
            else:
                lines.append(f"{pad}{name}:")
        elif tp in (DateValue,):
            lines.append(comment + "（例: 令和8年1月19日）")
            lines.append(f"{pad}{name}:")
        elif tp is DateRange:
            lines.append(comment + "（例: {start: 令和8年1月5日, end: 令和8年2月3日}）")
            lines.append(f"{pad}{name}:")
        elif get_origin(tp) is dict:
            keys = _options(get_args(tp)[0])
            lines.append(comment)
            lines.append(
                f"{pad}#   当てはまるものを true に。括弧内の記載は {{checked: true, note: …}} と書きます。"
            )
            lines.append(f"{pad}{name}:")
            for k in keys:
                lines.append(f"{pad}  # {k}: false")
        elif get_origin(tp) is list:
            (item,) = get_args(tp) or (str,)
            item, _ = _unwrap(item)
            lines.append(comment)
            if isinstance(item, type) and issubclass(item, BaseModel) and item not in (Text, Check):
                if depth < 2 and name in ("files", "systems"):
                    lines.append(f"{pad}{name}:")
                    sub = skeleton_lines(item, indent + 2, {}, depth + 1)
                    first = sub[0].lstrip()
                    lines.append(f"{pad}  - {first}" if not first.startswith("#") else f"{pad}  -")
                    lines.extend(sub[1:] if not first.startswith("#") else sub)
                elif item.__name__ in EXAMPLES:
                    lines[-1] += f"（{EXAMPLE_HINT}）"
                    lines.append(f"{pad}{name}: []")
                    lines.extend(example_lines(item.__name__, pad))
                else:
                    lines.append(f"{pad}{name}: []")
            else:
                lines.append(f"{pad}{name}: []")
        elif tp is bool:
            lines.append(comment + "（true か false）")
            lines.append(f"{pad}{name}:")
        elif tp is int:
            lines.append(comment + "（数字）")
            lines.append(f"{pad}{name}:")
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            lines.append(comment)
            lines.append(f"{pad}{name}:")
            lines.extend(skeleton_lines(tp, indent + 1, {}, depth + 1))
        elif tp is str:
            lines.append(comment)
            lines.append(f"{pad}{name}: {_q(PLACEHOLDER) if finfo.is_required() else ''}".rstrip())
        else:  # pragma: no cover
            lines.append(comment)
            lines.append(f"{pad}{name}:")
    return lines


def assessment_skeleton(form: str, municipality: str, process: str) -> str:
    model = FORMS[form]
    head = [
        "# yaml-language-server: $schema=../../../schema/assessment.schema.json",
        f"# {form} の雛形です。「（記入）」の所と、原本にある項目を書き込んでください。",
        "# 空欄の項目はページに「記載なし」と表示されます。検査: kohyo validate ／ 確認: kohyo serve",
    ]
    fixed = {"form": form, "municipality": municipality, "process": process, "status": "案"}
    body = skeleton_lines(model, 0, fixed)
    # cover.number must be a string; give it a placeholder that validates
    text = "\n".join(head + body) + "\n"
    return text.replace('number: "（記入）"', 'number: "（記入）評価書番号"')


def municipality_skeleton(
    name: str, prefecture: str, code: str, name_en: str = "", prefecture_en: str = ""
) -> str:
    """A municipality file that validates at once (the code's check digit is checked first)."""
    values: dict[str, str] = {
        "name": f"\n  ja: {_q(name)}\n  en: {_q(name_en) if name_en else ''}".rstrip(),
        "prefecture": f"\n  ja: {_q(prefecture)}\n  en: {_q(prefecture_en) if prefecture_en else ''}".rstrip(),
        "code": _q(code),
    }
    lines = [
        "# yaml-language-server: $schema=../../schema/municipality.schema.json",
        "# 地方公共団体の情報です。英語名（en）や公式サイトの URL を書き足してください。",
    ]
    for field_name, finfo in Municipality.model_fields.items():
        lines.append(f"# {_label(finfo)}: {finfo.description}")
        lines.append(f"{field_name}: {values.get(field_name, '')}".rstrip())
    return "\n".join(lines) + "\n"


def new_assessment(root: Path, municipality: str, process: str, form: str, slug: str) -> Path:
    form = FORM_ALIASES.get(form, form)
    if form not in FORMS or form == "概要":
        raise ValueError(f"評価書の種類は 基礎 / 重点 / 全項目 のどれかです: {form}")
    path = root / "content" / "assessments" / municipality / f"{slug}.yaml"
    if path.exists():
        raise FileExistsError(f"{path.as_posix()} は既にあります")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        assessment_skeleton(form, municipality, process), encoding="utf-8", newline="\n"
    )
    return path


def new_municipality(
    root: Path,
    ident: str,
    name: str,
    prefecture: str,
    code: str,
    name_en: str = "",
    prefecture_en: str = "",
) -> Path:
    from generator.model.registry import lg_code_check_digit

    if len(code) != 6 or not code.isdigit():
        raise ValueError(f"全国地方公共団体コードは6桁の数字です: {code}")
    if lg_code_check_digit(code[:5]) != int(code[5]):
        raise ValueError(
            f"全国地方公共団体コードの検査数字が合いません: {code}（{code[:5]}{lg_code_check_digit(code[:5])} ではありませんか）"
        )
    path = root / "content" / "municipalities" / f"{ident}.yaml"
    if path.exists():
        raise FileExistsError(f"{path.as_posix()} は既にあります")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        municipality_skeleton(name, prefecture, code, name_en, prefecture_en),
        encoding="utf-8",
        newline="\n",
    )
    return path
