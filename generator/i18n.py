"""Translation memory: national boilerplate translated once, reused by every municipality.

Free text is split into *segments*: the lines of the content conventions (paragraphs, ``・``
items, ``<…>`` sub-headings; see ``generator.textfmt``) and, within a line, the sentences ending
in 。 (never inside brackets).  An enumerator at the start of a line (``①``, ``(1)``, ``ア``,
``※2``) is kept as written and is not part of the segment.

The memory lives in ``content/translations/*.yaml``, one reviewable file per subject::

    subject: 中間サーバー・プラットフォームにおける措置
    entries:
    - ja: 中間サーバーと団体についてはVPN等の技術を利用し、…確保している。
      en: Between the Intermediate Server and each local government, …
      sources: [neyagawa/juki-focused]   # optional: where the pair comes from
      notes: …                           # optional: for reviewers

Entries are keyed by the *normalised* Japanese (``normalise``: NFKC, no whitespace, CJK radical
variants folded), so a full-width digit or a stray space does not stop a match.  A key may be a
sentence, a whole line or a whole text; lookups try the whole text, then each line, then each
sentence.

On English pages a text's own English comes first, then the memory:

* every segment found: the text is shown in English (counted as translated by the memory);
* some segments found (*partly translated*): each line keeps its structure, translated
  sentences are shown in English and the others in Japanese marked ``lang="ja"``, followed by a
  note saying which is which; coverage counts the translated sentences' characters only;
* nothing found: the Japanese with the not-yet-translated note, as before.

Near matches (the same sentence with another city name or number) are never applied: ``kohyo
i18n export`` offers them to the translator with the difference shown.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from generator.findings import Findings, Severity
from generator.model.base import DateRange, DateValue, Text
from generator.textfmt import _BULLET, _SUBHEAD, esc, inline_html

TRANSLATIONS = Path("translations")  # below content/

# ---------------------------------------------------------------------------------------------
# Normalisation and segmentation
# ---------------------------------------------------------------------------------------------

# CJK Radicals Supplement forms that NFKC leaves alone (NFKC already folds the Kangxi radicals).
_RADICALS = str.maketrans(
    {
        "⺟": "母",
        "⺠": "民",
        "⻁": "虎",
        "⻄": "西",
        "⻆": "角",
        "⻑": "長",
        "⻘": "青",
        "⻝": "食",
        "⻤": "鬼",
        "⻨": "麦",
        "⻩": "黄",
        "⻫": "斉",
        "⻭": "歯",
        "⻯": "竜",
        "⻲": "亀",
        "⺢": "水",
        "⺣": "火",
        "⺮": "竹",
        "⺼": "肉",
        "⻊": "足",
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The memory key of a Japanese text: NFKC, radical variants folded, no whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text.translate(_RADICALS)))


def source_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


_ENUM = re.compile(
    r"^(?:[①-⑳㉑-㉟㊱-㊿]|[（(]\s*(?:\d{1,2}|[０-９]{1,2}|[ア-ンｱ-ﾝ]|[a-zａ-ｚ]|※\s*\d*|注\s*\d*)\s*[）)]"
    r"|(?:\d{1,2}|[０-９]{1,2})[.．、)）](?!\d)|[ア-ン][.．、)）]|※\s*\d*|注\s*\d*[:：]?)\s*"
)
_OPEN, _CLOSE = "「『（(【〔［[", "」』）)】〕］]"


def sentences(body: str) -> list[str]:
    """Sentences of one line: split after 。 outside brackets (closing brackets stay with it)."""
    out: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(body):
        ch = body[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "。" and depth == 0:
            end = i + 1
            while end < len(body) and body[end] in " \u3000":
                end += 1
            out.append(body[start:end].strip())
            start = i = end
            continue
        i += 1
    if body[start:].strip():
        out.append(body[start:].strip())
    return [s for s in out if s]


@dataclass(frozen=True)
class Line:
    kind: str  # "p", "li", "sub" or "blank"
    marker: str  # the enumerator kept as written ("①", "(1)"), "" if none
    body: str  # the line without bullet, enumerator or sub-heading brackets
    parts: tuple[str, ...]  # its sentences


def lines(text: str) -> list[Line]:
    out: list[Line] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            out.append(Line("blank", "", "", ()))
            continue
        kind = "p"
        if m := _BULLET.match(line):
            kind, line = "li", line[m.end() :].strip()
        elif m := _SUBHEAD.match(line):
            out.append(Line("sub", "", m.group(1).strip(), (m.group(1).strip(),)))
            continue
        marker = ""
        if (m := _ENUM.match(line)) and m.end() < len(line):
            marker, line = m.group(0).strip(), line[m.end() :].strip()
        out.append(Line(kind, marker, line, tuple(sentences(line))))
    return out


def segments(text: str) -> list[str]:
    """Every sentence of a text (the translation units)."""
    return [s for ln in lines(text) for s in ln.parts]


def _chars(s: str) -> int:
    return len("".join(s.split()))


# ---------------------------------------------------------------------------------------------
# The memory
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    ja: str
    en: str
    file: str
    notes: str = ""
    sources: tuple[str, ...] = ()


@dataclass
class Memory:
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def get(self, ja: str) -> str | None:
        e = self.entries.get(normalise(ja))
        return e.en if e else None


def memory_files(content: Path) -> list[Path]:
    return sorted((content / TRANSLATIONS).glob("*.yaml"))


def load_memory(content: Path) -> Memory:
    """Every entry of content/translations/*.yaml; the first file (by name) wins a duplicate key."""
    from generator.load import load_file

    mem = Memory()
    for path in memory_files(content):
        # the strict loader, as validation reads it (which reports the file's problems)
        loaded = None if path.is_symlink() else load_file(path, path.name, Findings())
        data: Any = loaded.data if loaded is not None else {}
        if not isinstance(data, dict):
            continue
        for i, e in enumerate(data.get("entries") or []):
            ja, en = str(e.get("ja") or "").strip(), str(e.get("en") or "").strip()
            if not ja or not en:
                mem.problems.append(f"{path.name}: entries[{i}]: ja と en の両方を書いてください")
                continue
            key = normalise(ja)
            if key in mem.entries:
                if mem.entries[key].en != en:
                    mem.problems.append(
                        f"{path.name}: entries[{i}]: {mem.entries[key].file} と同じ日本語に別の英語があります"
                    )
                continue
            mem.entries[key] = Entry(
                ja, en, path.name, str(e.get("notes") or ""), tuple(e.get("sources") or ())
            )
    return mem


def check_memory_file(loaded: Any, findings: Findings) -> None:
    """Errors in a memory file, with their positions: missing ja/en, unknown keys, one key twice."""
    data = loaded.data
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        findings.add(
            loaded.path,
            1,
            1,
            "memory-format",
            "entries: の一覧がありません",
            "no 'entries:' list",
            "subject: と entries:（ja と en の組の一覧）を書いてください。",
            "Write subject: and entries:.",
        )
        return
    seen: dict[str, int] = {}
    for i, e in enumerate(entries):
        pos = loaded.position(("entries", i))
        if (
            not isinstance(e, dict)
            or not str(e.get("ja") or "").strip()
            or not str(e.get("en") or "").strip()
        ):
            findings.add(
                loaded.path,
                pos.line,
                pos.col,
                "memory-entry",
                "ja と en の両方が必要です",
                "an entry needs both ja and en",
                "日本語の文 (ja) と英語 (en) を書いてください。",
                "Write the Japanese sentence (ja) and its English (en).",
            )
            continue
        unknown = sorted(set(e) - {"ja", "en", "notes", "sources"})
        if unknown:
            findings.add(
                loaded.path,
                pos.line,
                pos.col,
                "memory-entry",
                f"知らない項目 {unknown} があります",
                f"unknown keys {unknown}",
                "使える項目: ja, en, notes, sources",
                "Allowed keys: ja, en, notes, sources",
            )
        key = normalise(str(e["ja"]))
        if key in seen:
            findings.add(
                loaded.path,
                pos.line,
                pos.col,
                "memory-duplicate",
                f"同じ日本語が entries[{seen[key]}] にもあります",
                f"the same Japanese is also entries[{seen[key]}]",
                "どちらか一方にまとめてください。",
                "Keep one of them.",
                severity=Severity.WARNING,
            )
        seen.setdefault(key, i)


@dataclass(frozen=True)
class Piece:
    """One sentence of a text and its English from the memory (None if not in the memory)."""

    ja: str
    en: str | None


class Translator:
    """``site.translator``: ja -> English when the memory translates all of it, else None.

    ``partial`` renders a partly translated text (see the module docstring).
    """

    def __init__(self, memory: Memory) -> None:
        self.memory = memory
        self._full = lru_cache(maxsize=None)(self._translate)

    def __call__(self, ja: str) -> str | None:
        return self._full(ja)

    def pieces(self, ln: Line) -> list[Piece]:
        whole = self.memory.get(ln.body) if len(ln.parts) > 1 else None
        if whole is not None:
            return [Piece(ln.body, whole)]
        return [Piece(s, self.memory.get(s)) for s in ln.parts]

    def _translate(self, ja: str) -> str | None:
        whole = self.memory.get(ja)
        if whole is not None:
            return whole
        out: list[str] = []
        for ln in lines(ja):
            if ln.kind == "blank":
                out.append("")
                continue
            pieces = self.pieces(ln)
            if any(p.en is None for p in pieces):
                return None
            en = " ".join(p.en for p in pieces if p.en)
            if ln.kind == "sub":
                out.append(f"<{en}>")
                continue
            en = f"{ln.marker} {en}" if ln.marker else en
            out.append(f"- {en}" if ln.kind == "li" else en)
        return "\n".join(out).strip("\n") or None

    def partial(
        self,
        ja: str,
        link: Callable[[str], list[tuple[str, str | None]]] | None = None,
        to_japanese: str | None = None,
    ) -> tuple[str, int] | None:
        """(HTML, translated characters) of a partly translated text, or None if nothing is found.
        An untranslated sentence is shown in Japanese (``lang="ja"``) where it stands, never
        elided: a reader gets the whole text, each sentence in one language or the other.  With
        ``to_japanese`` (the same section on the Japanese page) the note links there."""
        rendered: list[tuple[Line, list[Piece]]] = [
            (ln, self.pieces(ln) if ln.kind != "blank" else []) for ln in lines(ja)
        ]
        done = sum(_chars(p.ja) for _, ps in rendered for p in ps if p.en is not None)
        if done == 0:
            return None
        out: list[str] = []
        items: list[str] = []

        def flush() -> None:
            if items:
                out.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
                items.clear()

        for ln, pieces in rendered:
            if ln.kind == "blank":
                flush()
                continue
            shown: list[str] = []
            for p in pieces:
                if p.en is None:
                    shown.append(f'<span lang="ja">{inline_html(p.ja, link)}</span>')
                    continue
                if link is not None:
                    # the linker reads the translated sentence too: a citation after it
                    # (「番号法 … 第19条第7号」) is read in the context the Japanese text gives it
                    link(p.ja)
                shown.append(esc(p.en))
            html = " ".join(shown)
            if ln.marker:
                html = f"{esc(ln.marker)} {html}"
            if ln.kind == "li":
                items.append(html)
                continue
            flush()
            if ln.kind == "sub":
                out.append(f'<p class="kh-subhead"><strong>&lt;{html}&gt;</strong></p>')
            else:
                out.append(f"<p>{html}</p>")
        flush()
        note = esc(
            "Partly translated: the sentences marked as Japanese are not yet translated "
            "(the others come from the translation memory)."
        )
        if to_japanese:
            note += f' <a href="{esc(to_japanese)}" hreflang="ja">The same text on the Japanese page</a>.'
        html = (
            f'<div class="kh-text kh-partial">{"".join(out)}</div>'
            f'<p class="kh-untranslated-note">{note}</p>'
        )
        return html, done


def load_translator(content: Path) -> Translator | None:
    """The site's translator, or None when content/ has no translation memory."""
    if not (content / TRANSLATIONS).is_dir():
        return None
    return Translator(load_memory(content))


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


def _documents(site: Any) -> Iterator[tuple[str, Any, Any]]:
    for ident, a in sorted(site.assessments.items()):
        yield ident, a.record, a.source
    for ident, c in sorted(site.council.items()):
        yield f"council/{ident}", c.record, c.source


def untranslated_units(site: Any, memory: Memory) -> list[Unit]:
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


def current_hashes(site: Any) -> set[str]:
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
    site: Any,
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


def harvest(site: Any, only: set[str] | None = None) -> list[tuple[str, str, str]]:
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


def check_glossary(site: Any, findings: Findings, content: Path | None = None) -> None:
    """A warning where a text's own English (or a memory entry) renders a glossary term otherwise."""
    from generator.pages.glossary import load_terms

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


# ---------------------------------------------------------------------------------------------
# Figures and the command line
# ---------------------------------------------------------------------------------------------


def _prepare(args: argparse.Namespace) -> tuple[Path, Any] | None:
    from generator.build import prepare
    from generator.cli import print_findings

    findings = Findings()
    root = Path(args.root)
    _corpus, site = prepare(root, findings)
    if findings.errors:
        print_findings(findings, args.lang)
        return None
    return root / "content", site


def cmd_export(args: argparse.Namespace) -> int:
    prepared = _prepare(args)
    if prepared is None:
        return 1
    content, site = prepared
    units = untranslated_units(site, load_memory(content))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_xliff(units, out / "untranslated.xlf")
    write_csv(units, out / "untranslated.csv")
    near = sum(1 for u in units if u.near_source)
    chars = sum(_chars(u.source) for u in units)
    if args.lang == "en":
        print(
            f"{len(units)} untranslated segments ({chars:,} characters; {near} with a near match) "
            f"written to {out.as_posix()}/untranslated.xlf and untranslated.csv"
        )
    else:
        print(
            f"未訳の文 {len(units)} 件（{chars:,} 字、うち似た訳のあるもの {near} 件）を "
            f"{out.as_posix()}/untranslated.xlf と untranslated.csv に書き出しました"
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    prepared = _prepare(args)
    if prepared is None:
        return 1
    content, site = prepared
    code = 0
    for name in args.files:
        path = Path(name)
        result = import_units(read_units(path), site, content, args.into, args.source or "")
        for source, reason in result.rejected:
            print(
                f"{path.as_posix()}: 取り込みません / rejected: {reason}: {source[:60]}",
                file=sys.stderr,
            )
            code = 1
        if args.lang == "en":
            print(
                f"{path.as_posix()}: {len(result.accepted)} added to the memory, {len(result.rejected)} rejected"
            )
        else:
            print(
                f"{path.as_posix()}: {len(result.accepted)} 件を翻訳メモリに加え、{len(result.rejected)} 件を取り込みませんでした"
            )
    return code


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("i18n", help="翻訳メモリ: 未訳の文の書き出しと、訳の取り込み")
    sub = p.add_subparsers(dest="i18n_command", required=True)
    q = sub.add_parser("export", help="未訳の文を文脈付きで XLIFF 2.0 と CSV に書き出します")
    q.add_argument("--out", default="build/translations", help="出力先フォルダ")
    q.set_defaults(func=cmd_export)
    q = sub.add_parser("import", help="訳した XLIFF / CSV を content/translations/ に取り込みます")
    q.add_argument("files", nargs="+", help="書き出したファイル（.xlf または .csv）")
    q.add_argument(
        "--into", help="取り込み先（content/translations/<名前>.yaml）。省略時は主題で振り分けます"
    )
    q.add_argument("--source", help="訳の出典として記録する文字列")
    q.set_defaults(func=cmd_import)
