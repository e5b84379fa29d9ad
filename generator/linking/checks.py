"""Consistency checks across a whole assessment (warnings, run after linking).

These find the kind of inconsistency real assessments contain: counts that do not match the
listed rows, a form that does not fit the threshold rule, risks described but not rated, and
change-log rows whose new text the body no longer says.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.core.findings import Findings, Severity
from generator.linking.i18n import check_glossary
from generator.linking.link import Site
from generator.model import AssessmentBase, BasicAssessment, FocusedAssessment, FullAssessment
from generator.model.assessment import FileFocused, FileFull
from generator.model.base import DateValue, Doc, Text
from generator.validation.validate import Validated

# 特定個人情報保護評価に関する規則 / 指針: the form the 対象人数 requires (ignoring 取扱者数 and 重大事故,
# which can only raise the requirement).
REQUIRED_FORM = {
    "30万人以上": "全項目評価書",
    "10万人以上30万人未満": "重点項目評価書",
    "1万人以上10万人未満": "基礎項目評価書",
    "1,000人以上1万人未満": "基礎項目評価書",
}
FORM_RANK = {"基礎項目評価書": 1, "重点項目評価書": 2, "全項目評価書": 3}
THRESHOLD_FORM = {
    "基礎項目評価及び全項目評価の実施が義務付けられる": "全項目評価書",
    "基礎項目評価及び重点項目評価の実施が義務付けられる": "重点項目評価書",
    "基礎項目評価の実施が義務付けられる": "基礎項目評価書",
}


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def noted(rec: AssessmentBase, loc: tuple[Any, ...]) -> bool:
    """Whether a source_note already explains this field (or a group containing it, or a part of it)."""
    path = _dotted(loc)
    for note in rec.source_notes:
        f = note.field.replace("[*]", "")
        if f.startswith(path) or (path.startswith(f) and f.count("[") >= path.count("[")):
            return True
    return False


def _warn(
    findings: Findings,
    v: Validated,
    loc: tuple[Any, ...],
    code: str,
    ja: str,
    en: str,
    hint_ja: str,
    hint_en: str,
) -> None:
    pos = v.source.position(loc)
    findings.add(
        v.path, pos.line, pos.col, code, ja, en, hint_ja, hint_en, severity=Severity.WARNING
    )


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]")


def path_exists(rec: Doc, dotted: str) -> bool:
    """Whether a source note's field path names a field of the model (indexes may be [*])."""
    model: Any = type(rec)
    value: Any = rec
    for m in _PATH_PART.finditer(dotted):
        name, index = m.group(1), m.group(2)
        if name is not None:
            if isinstance(value, dict):
                value = value.get(name)
                if value is None:
                    return True  # a checklist option not written: still a field of the form
                continue
            model = type(value) if value is not None else model
            fields = getattr(model, "model_fields", None)
            if fields is None or name not in fields:
                return False
            value = getattr(value, name, None) if value is not None else None
        else:
            if value is None:
                continue
            if not isinstance(value, list):
                return False
            if index != "*" and int(index) >= len(value):
                return False
            value = value[0 if index == "*" else int(index)] if value else None
    return True


def check_source_notes(rec: AssessmentBase, v: Validated, findings: Findings) -> None:
    for i, note in enumerate(rec.source_notes):
        if not path_exists(rec, note.field):
            _warn(
                findings,
                v,
                ("source_notes", i, "field"),
                "source-note-path",
                f"source_notes の項目「{note.field}」が評価書の項目として見つかりません",
                f"the source note's field '{note.field}' is not a field of this document",
                "files[0].basic.subjects_count のように、項目名を . と [番号] でつないで書いてください。",
                "Write the path of the field, e.g. files[0].basic.subjects_count.",
            )


def check_site(site: Site, findings: Findings) -> None:
    for a in site.assessments.values():
        rec = a.record
        check_source_notes(rec, a.source, findings)
        if isinstance(rec, (FocusedAssessment, FullAssessment)):
            check_counts(rec, a.source, findings)
            check_ratings(rec, a.source, findings)
            check_changes(rec, a.source, findings)
        if isinstance(rec, (FocusedAssessment, FullAssessment, BasicAssessment)):
            check_threshold(rec, a.source, findings)

    check_glossary(site, findings)  # English that renders a glossary term otherwise


# ---------------------------------------------------------------------------------------------


def _refers_to_annex(text: Text | None) -> bool:
    return text is not None and bool(re.search(r"別紙|別表.*参照", text.ja))


def check_counts(rec: FocusedAssessment | FullAssessment, v: Validated, findings: Findings) -> None:
    annexes = rec.annexes if isinstance(rec, FullAssessment) else []
    files: list[FileFocused | FileFull] = list(rec.files)
    for i, f in enumerate(files):
        out = f.outsourcing
        if out is not None and out.count is not None and out.items and out.count != len(out.items):
            _warn(
                findings,
                v,
                ("files", i, "outsourcing", "count"),
                "count-mismatch",
                f"委託の件数 {out.count} 件と、書かれている委託事項の数 {len(out.items)} が合いません",
                f"the entrustment count {out.count} differs from the {len(out.items)} entrusted works listed",
                "原本の「( ) 件」と委託事項の数を確かめてください。",
                "Check the count against the listed works.",
            )
        d = f.disclosure
        if d is None:
            continue
        for kind, count, entries, label_ja, label_en in (
            ("提供", d.provides_count, d.recipients, "提供", "provision"),
            ("移転", d.transfers_count, d.transferees, "移転", "transfer"),
        ):
            if count is None or not entries:
                continue
            annex_rows = [
                row
                for annex in annexes
                if annex.kind == kind and annex.file == i + 1
                for part in annex.parts
                for row in part.rows
            ]
            listed = [e for e in entries if not _refers_to_annex(e.name)]
            refers = len(listed) < len(entries)
            if refers and not annex_rows:
                continue  # the 別紙 is not part of the content: nothing to count
            rows = len(listed) + len(annex_rows)
            if rows != count:
                field = "provides_count" if kind == "提供" else "transfers_count"
                _warn(
                    findings,
                    v,
                    ("files", i, "disclosure", field),
                    "count-mismatch",
                    f"{label_ja}の件数 {count} 件と、{label_ja}先の行数 {rows}（別紙を含む）が合いません",
                    f"the {label_en} count {count} differs from the {rows} rows listed (annexes included)",
                    "原本の「( ) 件」と別紙の行数を確かめてください。件数は法令上の根拠の行の数で数えます。",
                    "Check the count against the rows; the count is of legal-basis rows.",
                )


def check_threshold(
    rec: FocusedAssessment | FullAssessment | BasicAssessment, v: Validated, findings: Findings
) -> None:
    population: str | None  # the forms' choices differ: read as text
    result: str | None
    if isinstance(rec, BasicAssessment):
        population = rec.threshold.population if rec.threshold else None
        loc: tuple[Any, ...] = ("threshold", "population")
        result = rec.threshold_result
        result_loc: tuple[Any, ...] = ("threshold_result",)
    else:
        population = (
            rec.basic_info.process.population if rec.basic_info and rec.basic_info.process else None
        )
        loc = ("basic_info", "process", "population")
        step = rec.procedure.basic_assessment if rec.procedure else None
        result = step.threshold_result if step else None
        result_loc = ("procedure", "basic_assessment", "threshold_result")
    if population is None:
        return
    required = REQUIRED_FORM.get(population.replace("（任意実施）", ""))
    if (
        required
        and not isinstance(rec, BasicAssessment)
        and FORM_RANK[rec.form] < FORM_RANK[required]
    ):
        _warn(
            findings,
            v,
            loc,
            "threshold-form",
            f"対象人数「{population}」では{required}が必要ですが、この評価書は{rec.form}です",
            f"{population} persons require a {required}, but this is a {rec.form}",
            "しきい値判断（対象人数・取扱者数・重大事故）と評価書の種類を確かめてください。",
            "Check the threshold assessment and the form.",
        )
    if result:
        base = re.sub(r"\(任意に.*\)$", "", result)
        implied = THRESHOLD_FORM.get(base)
        if implied and required and FORM_RANK[implied] < FORM_RANK[required]:
            _warn(
                findings,
                v,
                result_loc,
                "threshold-result",
                f"しきい値判断結果「{result}」は対象人数「{population}」と合いません（{required}が必要です）",
                f"the threshold result does not fit {population} persons (a {required} is required)",
                "対象人数としきい値判断結果を確かめてください。",
                "Check the population and the threshold result.",
            )


def _walk_risks(
    model: BaseModel, path: tuple[Any, ...]
) -> Iterator[tuple[tuple[Any, ...], BaseModel]]:
    yield path, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel) and not isinstance(value, (Text, DateValue)):
            yield from _walk_risks(value, (*path, name))


def check_ratings(
    rec: FocusedAssessment | FullAssessment, v: Validated, findings: Findings
) -> None:
    files: list[FileFocused | FileFull] = list(rec.files)
    for i, f in enumerate(files):
        if f.risks is None:
            continue
        for path, node in _walk_risks(f.risks, ("files", i, "risks")):
            if "rating" not in type(node).model_fields or getattr(node, "rating") is not None:  # noqa: B009
                continue
            texts = [
                getattr(node, n)
                for n in type(node).model_fields
                if isinstance(getattr(node, n), Text)
            ]
            if any(not t.is_blank for t in texts) and not noted(rec, (*path, "rating")):
                _warn(
                    findings,
                    v,
                    path,
                    "rating-missing",
                    "リスクに対する措置が書かれていますが、「リスクへの対策は十分か」の回答がありません",
                    "measures are described but the self-rating is missing",
                    "rating: に 特に力を入れている / 十分である / 課題が残されている のどれかを書いてください"
                    "（原本にない場合は source_notes に理由を書いてください）。",
                    "Add the rating, or explain in source_notes why the source has none.",
                )


def _norm(text: str) -> str:
    return re.sub(r"[\s・、。,.:：（）()「」\-‐ー－]", "", unicodedata.normalize("NFKC", text))


def _body_texts(model: Any, out: list[str]) -> None:
    if isinstance(model, Text):
        out.append(model.ja)
    elif isinstance(model, DateValue):
        out.append(model.wareki())
    elif isinstance(model, BaseModel):
        for name in type(model).model_fields:
            if name not in ("changes", "source_notes"):
                _body_texts(getattr(model, name), out)
    elif isinstance(model, (list, tuple)):
        for x in model:
            _body_texts(x, out)
    elif isinstance(model, dict):
        for k, x in model.items():
            out.append(str(k))
            _body_texts(x, out)
    elif isinstance(model, str):
        out.append(model)


_NOT_BODY = re.compile(r"^(削除|追加|記載なし|なし|—|－|-|別紙.*|.*（略）.*|.*省略.*)$")


def check_changes(
    rec: FocusedAssessment | FullAssessment, v: Validated, findings: Findings
) -> None:
    """The latest change of each item should say what the body says now."""
    if not rec.changes:
        return
    parts: list[str] = []
    _body_texts(rec, parts)
    body = _norm("".join(parts))
    latest: dict[str, int] = {}
    for i, change in enumerate(rec.changes):
        if (
            change.item is not None
            and "別紙" not in change.item.ja
            and "別添" not in change.item.ja
        ):
            latest[_norm(change.item.ja)] = i
    for i in sorted(latest.values()):
        after = rec.changes[i].after
        if (
            after is None
            or after.is_blank
            or _NOT_BODY.match(after.ja.strip())
            or "別紙" in after.ja
        ):
            continue
        text = _norm(after.ja)
        if len(text) < 6 or len(text) > 300 or noted(rec, ("changes", i)):
            continue
        if text not in body:
            _warn(
                findings,
                v,
                ("changes", i, "after"),
                "change-not-in-body",
                "変更箇所の「変更後の記載」が本文に見当たりません",
                "the 'after' text of this change does not appear in the body",
                "本文がこの変更を反映しているか、変更箇所の記載が正しいかを確かめてください。",
                "Check that the body reflects this change, or that the change row is right.",
            )
