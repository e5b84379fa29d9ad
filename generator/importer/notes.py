"""Where the importer's notes go: each reading note of a draft attached to the field (or the
section) it is about, and the notes that found no place listed apart."""

from __future__ import annotations

import re
from typing import Any

from generator.importer.sections import section_title
from generator.importer.source import Row

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
