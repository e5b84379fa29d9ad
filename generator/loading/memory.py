"""Translation memory: national boilerplate translated once, reused by every municipality.

Free text is split into *segments*: the lines of the content conventions (paragraphs, ``・``
items, ``<…>`` sub-headings; see ``generator.core.textfmt``) and, within a line, the sentences ending
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

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.core.findings import Findings, Severity
from generator.core.textfmt import _BULLET, _SUBHEAD, esc, inline_html
from generator.loading.load import load_file

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
