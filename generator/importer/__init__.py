"""``kohyo import``: a draft content file from the text of a published assessment.

The text comes from a PDF (read through pdfminer.six) or from any extractor or copy-paste.
Each document found in it (a council bundle may hold several) becomes one draft that
validates: the values placed by their printed labels, every piece of text that found no place
quoted in a source note with the section it came from, and every value the importer inferred
rather than read beside its label listed by ``kohyo import --report``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.importer.emit import to_yaml
from generator.importer.engine import Guess
from generator.importer.forms import parse_document
from generator.importer.sections import Document, Parsed, split_documents
from generator.importer.source import SourceError, read_source, rows_of

__all__ = ["Draft", "SourceError", "import_file", "import_text"]

FORM_SLUGS = {
    "基礎項目評価書": "basic",
    "重点項目評価書": "focused",
    "全項目評価書": "full",
    "概要": "summary",
}
PROCESS_WORDS = (("予防接種", "vaccination"), ("住民基本台帳", "juki"), ("住基", "juki"))


@dataclass
class Draft:
    form: str
    slug: str
    title: str
    data: dict[str, Any]
    guesses: list[Guess]
    notes: int
    first_line: int
    last_line: int
    parsed: Parsed

    def yaml(self) -> str:
        return to_yaml(self.data)


def _process_of(title: str, text: str) -> str | None:
    for word, ident in PROCESS_WORDS:
        if word in title:
            return ident
    for word, ident in PROCESS_WORDS:
        if word in text[:3000]:
            return ident
    return None


def _prefixed(progress: Callable[[str], None], prefix: str) -> Callable[[str], None]:
    return lambda message: progress(prefix + message)


def import_text(
    text: str,
    municipality: str,
    process: str | None = None,
    source_name: str = "",
    progress: Callable[[str], None] = lambda _m: None,
    form: str | None = None,
) -> list[Draft]:
    rows = rows_of(text)
    docs = split_documents(rows)
    if not docs and form is not None and rows:
        # a copy of the body without the cover: the editor names the form
        docs = [Document(form, form, rows, rows[0].no, rows[-1].no)]
    drafts: list[Draft] = []
    used_slugs: dict[str, int] = {}
    for n, doc in enumerate(docs, 1):
        prefix = f"[{n}/{len(docs)} {doc.form}] " if len(docs) > 1 else ""
        parsed = parse_document(doc, _prefixed(progress, prefix))
        body = parsed.data
        cover = body.get("cover", {})
        title = str(cover.get("title") or body.get("title") or doc.title)
        guesses = list(parsed.guesses)
        proc = process or _process_of(title, "\n".join(r.text for r in doc.rows[:200]))
        if process is None:
            guesses.append(
                Guess(
                    "process",
                    proc or "（記入）",
                    "事務は評価書名から推定しました（--process で指定できます）",
                    doc.first_line,
                )
            )
        published = cover.get("published")
        status = "公表" if published else "案"
        guesses.append(
            Guess(
                "status",
                status,
                "公表日が" + ("あるので「公表」" if published else "ないので「案」") + "としました",
                doc.first_line,
            )
        )
        if parsed.form != "概要":
            for key, placeholder in (
                ("number", "（記入）評価書番号"),
                ("title", "（記入）評価書名"),
                ("assessor", "（記入）評価実施機関名"),
            ):
                if not cover.get(key):
                    cover[key] = placeholder
                    guesses.append(
                        Guess(
                            f"cover.{key}",
                            placeholder,
                            "原本から読み取れませんでした",
                            doc.first_line,
                        )
                    )
            body["cover"] = {
                k: cover[k]
                for k in (
                    "number",
                    "title",
                    "declaration",
                    "special_notes",
                    "assessor",
                    "ppc_approval_date",
                    "published",
                    "form_version",
                )
                if k in cover
            }
        head: dict[str, Any] = {
            "form": parsed.form,
            "municipality": municipality,
            "process": proc or "unknown",
        }
        head["status"] = status
        head["source"] = {
            "title": doc.title,
            "note": (
                f"kohyo import で{(' ' + source_name + ' の') if source_name else ''}"
                f"原本テキスト{doc.first_line}～{doc.last_line}行目から作った下書き。"
                "source_notes の記載を確かめて、それぞれの項目へ移すか削除してください。"
            ),
        }
        data = {**head, **body}
        if parsed.notes:
            data["source_notes"] = parsed.notes
        base = f"{proc or 'unknown'}-{FORM_SLUGS[parsed.form]}"
        used_slugs[base] = used_slugs.get(base, 0) + 1
        slug = base if used_slugs[base] == 1 else f"{base}-{used_slugs[base]}"
        drafts.append(
            Draft(
                parsed.form,
                slug,
                title,
                data,
                guesses,
                len(parsed.notes),
                doc.first_line,
                doc.last_line,
                parsed,
            )
        )
    return drafts


def import_file(
    path: Path,
    municipality: str,
    process: str | None = None,
    progress: Callable[[str], None] = lambda _m: None,
    form: str | None = None,
) -> list[Draft]:
    text = read_source(path)
    if form is None and not re.search(r"評価書", text):
        raise SourceError(
            f"{path.name} に特定個人情報保護評価書の文字が見つかりません / "
            "評価書の PDF か、そこから取り出したテキストを指定してください"
            "（表紙のない本文だけのときは --form 重点 のように種類を指定します）。"
        )
    return import_text(text, municipality, process, path.name, progress, form)
