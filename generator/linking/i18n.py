"""Translation work on the linked site: what is not translated yet, and what translators send back.

``untranslated_units`` lists every distinct sentence the translation memory (``generator.loading.memory``)
does not cover, with its context and near matches; ``write_xliff``/``write_csv`` hand them to a
translator and ``import_units`` files the answers into content/translations/; ``harvest`` pairs
the English an assessment already has with its Japanese; ``check_glossary`` warns where English
renders a glossary term otherwise.  The ``kohyo i18n`` command is ``generator.commands.i18n_command``.
"""

from __future__ import annotations

import csv
import difflib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from generator.core.findings import Findings, Severity
from generator.linking.link import Site
from generator.loading.memory import (
    TRANSLATIONS,
    Entry,
    Memory,
    Translator,
    lines,
    load_memory,
    normalise,
    source_hash,
)
from generator.model.base import DateRange, DateValue, Text
from generator.validation.terms import load_terms

# ---------------------------------------------------------------------------------------------
# Walking the texts of a record
# ---------------------------------------------------------------------------------------------


def _label(model: BaseModel, name: str) -> str:
    finfo = type(model).model_fields[name]
    extra = finfo.json_schema_extra if isinstance(finfo.json_schema_extra, dict) else {}
    return str(extra.get("label_ja") or name)


def iter_texts(
    value: Any, loc: tuple[Any, ...] = (), section: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], tuple[str, ...], Text]]:
    """(location, section labels, text) for every free text of a record, in order."""
    if isinstance(value, Text):
        yield loc, section, value
    elif isinstance(value, (DateValue, DateRange)):
        if isinstance(value, DateRange) and value.note is not None:
            yield (*loc, "note"), section, value.note
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name in ("source_notes",):
                continue
            yield from iter_texts(
                getattr(value, name), (*loc, name), (*section, _label(value, name))
            )
    elif isinstance(value, (list, tuple)):
        for i, x in enumerate(value):
            yield from iter_texts(x, (*loc, i), (*section, str(i + 1)))
    elif isinstance(value, dict):
        for k, x in value.items():
            yield from iter_texts(x, (*loc, k), (*section, str(k)))


# ---------------------------------------------------------------------------------------------
# Export: untranslated segments with their context, near matches offered
# ---------------------------------------------------------------------------------------------

_CITY = re.compile(
    r"[\u3400-\u9fff々ヶケ]{1,6}?(?:都|道|府|県|市|区|町|村)(?=長|役所|役場|議会|の|は|が|に|で|と|、|。|が|を|\b|[^\u3400-\u9fff])"
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def near_key(text: str) -> str:
    """The key of near matches: city names and numbers masked."""
    s = normalise(text)
    s = _CITY.sub("〇市", s)
    return _NUMBER.sub("#", s)


def difference(old: str, new: str) -> str:
    """'寝屋川市 → 鹿児島市; 10 → 5': what differs between a memory sentence and this one."""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    parts = []
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op != "equal":
            parts.append(f"{old[a0:a1] or '∅'} → {new[b0:b1] or '∅'}")
    return "; ".join(parts)


@dataclass
class Unit:
    id: str
    hash: str
    source: str
    document: str
    location: str  # file:line:col of the first occurrence
    section: str
    previous: str
    next: str
    occurrences: int = 1
    near_source: str = ""
    near_target: str = ""
    near_difference: str = ""
    target: str = ""


def _documents(site: Site) -> Iterator[tuple[str, Any, Any]]:
    for ident, a in sorted(site.assessments.items()):
        yield ident, a.record, a.source
    for ident, c in sorted(site.council.items()):
        yield f"council/{ident}", c.record, c.source


def untranslated_units(site: Site, memory: Memory) -> list[Unit]:
    """One unit per distinct untranslated sentence (texts with their own English are skipped)."""
    near: dict[str, Entry] = {}
    for _key, e in sorted(memory.entries.items()):
        near.setdefault(near_key(e.ja), e)
    translator = Translator(memory)
    units: dict[str, Unit] = {}
    for doc, record, source in _documents(site):
        for loc, section, text in iter_texts(record):
            if text.is_blank or (text.en and text.en.strip()) or translator(text.ja) is not None:
                continue
            if not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", text.ja):
                continue
            flat = [p for ln in lines(text.ja) if ln.kind != "blank" for p in translator.pieces(ln)]
            for i, piece in enumerate(flat):
                if piece.en is not None or not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", piece.ja):
                    continue
                h = source_hash(piece.ja)
                if h in units:
                    units[h].occurrences += 1
                    continue
                pos = source.source.position((*loc, "ja"))
                unit = Unit(
                    f"u{h[:16]}",
                    h,
                    piece.ja,
                    doc,
                    f"{source.path}:{pos.line}:{pos.col}",
                    " > ".join(section),
                    flat[i - 1].ja if i else "",
                    flat[i + 1].ja if i + 1 < len(flat) else "",
                )
                if (m := near.get(near_key(piece.ja))) is not None:
                    unit.near_source, unit.near_target = m.ja, m.en
                    unit.near_difference = difference(normalise(m.ja), normalise(piece.ja))
                units[h] = unit
    return list(units.values())


XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
MTC = "urn:oasis:names:tc:xliff:matches:2.0"
CSV_FIELDS = (
    "id",
    "source_hash",
    "document",
    "location",
    "section",
    "occurrences",
    "previous",
    "source",
    "next",
    "near_source",
    "near_target",
    "near_difference",
    "target",
)


def write_xliff(units: list[Unit], path: Path) -> None:
    ET.register_namespace("", XLIFF)
    ET.register_namespace("mtc", MTC)
    root = ET.Element(f"{{{XLIFF}}}xliff", {"version": "2.0", "srcLang": "ja", "trgLang": "en"})
    f = ET.SubElement(root, f"{{{XLIFF}}}file", {"id": "kohyo", "original": "content"})
    for u in units:
        unit = ET.SubElement(f, f"{{{XLIFF}}}unit", {"id": u.id})
        if u.near_source:
            matches = ET.SubElement(unit, f"{{{MTC}}}matches")
            match = ET.SubElement(
                matches, f"{{{MTC}}}match", {"ref": "#s1", "type": "tm", "similarity": "90"}
            )
            ET.SubElement(match, f"{{{XLIFF}}}source").text = u.near_source
            ET.SubElement(match, f"{{{XLIFF}}}target").text = u.near_target
        notes = ET.SubElement(unit, f"{{{XLIFF}}}notes")
        for category, value in (
            ("source-hash", u.hash),
            ("document", u.document),
            ("location", u.location),
            ("section", u.section),
            ("occurrences", str(u.occurrences)),
            ("previous", u.previous),
            ("next", u.next),
            ("near-difference", u.near_difference),
        ):
            if value:
                ET.SubElement(notes, f"{{{XLIFF}}}note", {"category": category}).text = value
        seg = ET.SubElement(
            unit,
            f"{{{XLIFF}}}segment",
            {"id": "s1", "state": "translated" if u.target else "initial"},
        )
        ET.SubElement(seg, f"{{{XLIFF}}}source").text = u.source
        ET.SubElement(seg, f"{{{XLIFF}}}target").text = u.target
    ET.indent(root, " ")
    path.write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")


def write_csv(units: list[Unit], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(CSV_FIELDS)
        for u in units:
            w.writerow(
                [
                    u.id,
                    u.hash,
                    u.document,
                    u.location,
                    u.section,
                    u.occurrences,
                    u.previous,
                    u.source,
                    u.next,
                    u.near_source,
                    u.near_target,
                    u.near_difference,
                    u.target,
                ]
            )


def read_units(path: Path) -> list[tuple[str, str, str]]:
    """(stored source hash, source, target) of every unit of an exported XLIFF or CSV file."""
    out: list[tuple[str, str, str]] = []
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                out.append(
                    (row.get("source_hash") or "", row.get("source") or "", row.get("target") or "")
                )
        return out
    ns = {"x": XLIFF}
    root = ET.parse(path).getroot()
    for unit in root.iterfind(".//x:unit", ns):
        h = next(
            (
                n.text or ""
                for n in unit.iterfind("x:notes/x:note", ns)
                if n.get("category") == "source-hash"
            ),
            "",
        )
        seg = unit.find("x:segment", ns)
        if seg is None:
            continue
        src, tgt = seg.find("x:source", ns), seg.find("x:target", ns)
        out.append(
            (
                h,
                "".join(src.itertext()) if src is not None else "",
                "".join(tgt.itertext()) if tgt is not None else "",
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Import: translated units into the memory
# ---------------------------------------------------------------------------------------------

SUBJECTS = (  # file name, words that put a sentence in it (first match wins)
    ("intermediate-server", ("中間サーバー", "中間サーバ")),
    ("government-cloud", ("ガバメントクラウド", "クラウド")),
    (
        "juki-net",
        (
            "住基ネット",
            "住民基本台帳ネットワーク",
            "本人確認情報",
            "送付先情報",
            "機構",
            "市町村CS",
            "全国サーバ",
            "都道府県サーバ",
            "個人番号カード",
        ),
    ),
)


def subject_of(ja: str) -> str:
    for name, words in SUBJECTS:
        if any(w in ja for w in words):
            return name
    return "common-measures"


@dataclass
class ImportResult:
    accepted: list[tuple[str, str]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)


def current_hashes(site: Site) -> set[str]:
    return {
        source_hash(s)
        for _d, record, _s in _documents(site)
        for _l, _sec, t in iter_texts(record)
        for ln in lines(t.ja)
        for s in (ln.body, *ln.parts)
        if s
    }


def import_units(
    units: list[tuple[str, str, str]],
    site: Site,
    content: Path,
    into: str | None = None,
    source_label: str = "",
) -> ImportResult:
    """Add translated units to the memory; reject those whose Japanese changed since the export."""
    result = ImportResult()
    memory = load_memory(content)
    live = current_hashes(site)
    new: dict[str, list[dict[str, Any]]] = {}
    for stored, source, target in units:
        target = target.strip()
        if not target:
            continue
        if not stored or source_hash(source) != stored:
            result.rejected.append(
                (
                    source,
                    "原文が書き出し後に書き換えられています / the source text in the file was edited",
                )
            )
            continue
        if stored not in live:
            result.rejected.append(
                (
                    source,
                    "原文が書き出し後に変わりました / the Japanese source changed since the export",
                )
            )
            continue
        if normalise(source) in memory.entries:
            continue
        entry: dict[str, Any] = {"ja": source, "en": target}
        if source_label:
            entry["sources"] = [source_label]
        new.setdefault(into or subject_of(source), []).append(entry)
        memory.entries[normalise(source)] = Entry(source, target, "")
        result.accepted.append((source, target))
    for name, entries in sorted(new.items()):
        append_entries(content / TRANSLATIONS / f"{name}.yaml", entries)
    return result


def dump_entries(entries: list[dict[str, Any]]) -> str:
    return yaml.safe_dump(
        entries, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )


def append_entries(path: Path, entries: list[dict[str, Any]]) -> None:
    """Append to a memory file as text, so that reviewers' comments and order stay as they are."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(f"subject: {path.stem}\nentries:\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + dump_entries(entries), encoding="utf-8", newline="\n")


# ---------------------------------------------------------------------------------------------
# Harvest: sentence pairs from translated documents, where the alignment is reliable
# ---------------------------------------------------------------------------------------------

_EN_END = re.compile(r"(?<=[.;:])\s+(?=[A-Z(①-⑳\"'])")
_ABBR = re.compile(r"(?:e\.g|i\.e|etc|No|Art|Para|Item|Nos|cf|vs|approx)\.$", re.IGNORECASE)


def en_sentences(line: str) -> list[str]:
    parts: list[str] = []
    for piece in _EN_END.split(line.strip()):
        if parts and (_ABBR.search(parts[-1]) or not parts[-1].endswith(".")):
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return [p for p in parts if p]


_EN_BULLET = re.compile(r"^\s*(?:・|- |• )")
_EN_ENUM = re.compile(
    r"^(?:[①-⑳]|\(\s*(?:\d{1,2}|[a-z]|[A-Z]|\*\s*\d*|Note\s*\d*)\s*\)|\d{1,2}[.)]|\*\d*|Note\s*\d*:?)\s*"
)


def align(ja: str, en: str) -> list[tuple[str, str]]:
    """Reliable (ja, en) pairs of one text: the whole text, then lines, then sentences where the counts agree."""
    pairs: list[tuple[str, str]] = []
    jl = [ln for ln in lines(ja) if ln.kind != "blank"]
    el = [x.strip() for x in en.replace("\r\n", "\n").split("\n") if x.strip()]
    if len(jl) == 1 and len(el) == 1:
        pairs.append((jl[0].body, _strip_en(el[0])))
    if len(jl) != len(el):
        return pairs
    for j, e in zip(jl, el, strict=True):
        body = _strip_en(e)
        if j.kind == "sub":
            body = body.strip("<>＜＞ ")
            pairs.append((j.body, body))
            continue
        es = en_sentences(body)
        if len(j.parts) == len(es):
            pairs.extend(zip(j.parts, es, strict=True))
        elif len(jl) > 1:
            pairs.append((j.body, body))
    return pairs


def _strip_en(line: str) -> str:
    line = line.strip()
    if m := _EN_BULLET.match(line):
        line = line[m.end() :]
    if (m := _EN_ENUM.match(line)) and m.end() < len(line):
        line = line[m.end() :]
    return line.strip()


def harvest(site: Site, only: set[str] | None = None) -> list[tuple[str, str, str]]:
    """(ja, en, document) pairs from every text that has its own English."""
    seen: dict[str, tuple[str, str, str]] = {}
    conflict: set[str] = set()
    for doc, record, _source in _documents(site):
        if only and doc not in only:
            continue
        for _loc, _sec, text in iter_texts(record):
            if text.is_blank or not text.en or not text.en.strip():
                continue
            for ja, en in align(text.ja, text.en):
                key = normalise(ja)
                if len(key) < 4 or not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", ja):
                    continue
                if key in seen and seen[key][1] != en:
                    conflict.add(key)
                seen.setdefault(key, (ja, en, doc))
    return [v for k, v in seen.items() if k not in conflict]


# ---------------------------------------------------------------------------------------------
# Glossary check: English that renders a glossary term otherwise than the glossary does
# ---------------------------------------------------------------------------------------------

# Japanese words too general to demand the glossary rendering wherever they appear.
_GENERIC = frozenset(
    {
        "提供",
        "移転",
        "委託",
        "再委託",
        "機構",
        "評価書",
        "ID",
        "VPN",
        "ジョブ",
        "リソース",
        "アカウント",
        "ストレージ",
        "パッチ",
        "特定個人情報の提供",
        "特定個人情報の移転",
    }
)


def _stem(word: str) -> str:
    w = word.casefold().replace("-", " ")
    return re.sub(r"(?:s|es|ed|ing|ment)$", "", w.rsplit(" ", 1)[-1]) if " " not in w else w[:-2]


def check_glossary(site: Site, findings: Findings, content: Path | None = None) -> None:
    """A warning where a text's own English (or a memory entry) renders a glossary term otherwise."""
    terms = load_terms(content or site.content)
    checks: list[tuple[str, str, tuple[str, ...]]] = []
    for term in terms:
        words = [
            re.sub(r"^the\s+|\s*\([^)]*\)", "", w, flags=re.IGNORECASE)
            for w in (term.en, *term.aliases_en)
        ]
        english = tuple(w.casefold() for w in words) + tuple(_stem(w) for w in words)
        for word in (term.ja, *term.aliases_ja):
            if (
                word not in _GENERIC
                and len(word) >= 3
                and re.search(r"[\u3040-\u30ff\u3400-\u9fff]", word)
            ):
                checks.append((word, term.en, english))
    checks.sort(key=lambda c: -len(c[0]))
    avoid = avoided_renderings(terms)
    for _doc, record, source in _documents(site):
        for loc, _sec, text in iter_texts(record):
            if not text.en or not text.en.strip():
                continue
            _check_text(text.ja, text.en, checks, findings, source, loc)
            for wrong, want in other_renderings(text.en, avoid):
                _glossary_warning(
                    findings,
                    source,
                    loc,
                    f"英語「{wrong}」は用語集では「{want}」です",
                    f"'{wrong}' is written '{want}' in the glossary",
                )


def _glossary_warning(findings: Findings, source: Any, loc: Any, ja: str, en: str) -> None:
    pos = source.source.position((*loc, "en"))
    findings.add(
        source.path,
        pos.line,
        pos.col,
        "glossary-term",
        ja,
        en,
        "content/registries/glossary.yaml の英語（または aliases.en）を使ってください。",
        "Use the glossary's English (or one of its aliases.en).",
        severity=Severity.WARNING,
    )


# A row of an appended table (別表第二の16の2) is a 項, "row"; "item" is a 号 (JLT style).
_TABLE_ITEM = re.compile(r"\bAppended Table (?:\d+|[IVX]+),? items? (\d+(?:-\d+)?)", re.IGNORECASE)


def avoided_renderings(terms: Any) -> list[tuple[re.Pattern[str], str]]:
    """(pattern of another English rendering, the glossary's English) for every term."""
    out: list[tuple[re.Pattern[str], str]] = []
    for term in terms:
        for wrong in getattr(term, "avoid_en", ()):
            out.append((re.compile(rf"\b{re.escape(wrong)}\b", re.IGNORECASE), term.en))
    return out


def other_renderings(en: str, avoid: list[tuple[re.Pattern[str], str]]) -> list[tuple[str, str]]:
    """(what the text says, what the glossary says) for each other rendering in ``en``."""
    found = [(m.group(0), want) for pattern, want in avoid for m in pattern.finditer(en)]
    for m in _TABLE_ITEM.finditer(en):
        found.append((m.group(0), m.group(0).replace("item", "row").replace("Item", "Row")))
    return found


def _check_text(
    ja: str,
    en: str,
    checks: list[tuple[str, str, tuple[str, ...]]],
    findings: Findings,
    source: Any,
    loc: tuple[Any, ...],
) -> None:
    folded = en.casefold().replace("-", " ")
    rest = ja
    for word, want, english in checks:
        if word not in rest:
            continue
        rest = rest.replace(
            word, "\0"
        )  # a longer term covers its parts (中間サーバー・プラットフォーム)
        if any(e.replace("-", " ") in folded for e in english):
            continue
        _glossary_warning(
            findings,
            source,
            loc,
            f"「{word}」の英語が用語集の「{want}」になっていません",
            f"'{word}' is not rendered as the glossary's '{want}'",
        )
