"""The citation recogniser: legal references (and system and contractor names) in free text.

It finds, in the Japanese text of an assessment,

- a law by any of its names (番号法, 住民基本台帳法, 通知カード及び個人番号カード省令 …),
  optionally followed by a provision: 番号法第19条第8号, 住基法第30条の6, 番号法附則第6条1項;
- 同法 / 同令 …, resolved to the law named before it in the same text;
- bare provisions after a law was named: the list 第5条、第6条及び第7条, a line ``・第17条(…)``;
- the variant spellings of an item with 枝番: 第7条第8号の2, 第7条8の2号, 第7条第8の2号;
- tables and their rows: 別表第二, 別表第2の85の2項, 別表第2の16の2、17、115の2の項,
  主務省令第2条の表 75, and a row list （1、2、3、…の項） after a table was named;
- full-width (第１９条) and kanji (第十七条第一項) numerals.

A name inside a longer word (改正番号法, 番号法施行令 when that is not a registered law) is not
a citation, and a provision glued to a name that is not a registered law (規則第6条) is
reported as unresolved rather than guessed.  Spans never overlap, so a link is never inside
another link.

A citation means the provision in force when its text was written: a session has the date of
its text (``as_of``), and a provision that a later amendment renumbered (番号法第19条第7号 in a
2019 text) becomes the old-numbering reference (``regime`` = the renumbering's id).  A template
placeholder (別表第1の〇項) never makes a provision, a generic name (条例, 規則) is a citation
only with a provision after it, and an abbreviation a text defines (…施行規則（以下「規則」と
いう。）) names that law in the rest of the document.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.core.trie import trie_pattern
from generator.model.links import (
    Entity,
    Law,
    LegalRef,
    parse_provision,
    provision_matches,
    renumbering_entry,
)

_KANJI = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNIT = {"十": 10, "百": 100, "千": 1000}

# A number; a lone 〇 is a template's blank (別表第1の〇項), not zero.
N = r"(?:[0-9０-９]+|(?!〇+(?![〇一二三四五六七八九十百千]))[〇一二三四五六七八九十百千]+)"
ROW = rf"{N}(?:の{N})*"
_ART = (
    rf"(?P<suppl>附則)?第(?P<art>{N})条(?P<artb>(?:の{N})*)"
    rf"(?:第(?P<para>{N})項|(?P<para2>{N})項)?"
    rf"(?:第(?P<item>{N})号(?P<itemb>(?:の{N})*)|第?(?P<item2>{N}(?:の{N})+)号|第(?P<item3>{N})号)?"
)
_TABLE = (
    rf"(?:第(?P<tart>{N})条の表|別表第?(?P<tbl>[一二三四]|[0-9０-９](?![0-9０-９])))(?!省令)"
    rf"(?:(?:の|\s)?(?P<rows>{ROW}(?:[、,，]\s*{ROW})*)(?![0-9０-９条])(?:の?項)?)?"
)
_PLIST = rf"[(（](?P<plist>{ROW}(?:[、,，]\s*{ROW})+)の項[)）]"
_SAME = r"同(?:施行令|省令|条例|規則|法|令|(?=第))"
_CITE = re.compile(rf"(?:{_TABLE})|(?:{_ART})")
# Characters that make a match part of a longer word: kanji, katakana, Latin letters.
_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u30a1-\u30fa\u30fc\uff66-\uff9fA-Za-zＡ-Ｚａ-ｚ]")
_CITE_START = ("第", "附則", "別表")
# A template's blank: 別表第1の〇項, 第○条, 別表第二 ●の項.
PLACEHOLDER = re.compile(r"(?:の|\s)?[〇○●◯◎△□＿_×Ｘ]+(?:の?項|号|条)")
# Words that end the name of a law, order, rule or ordinance.
LAW_SUFFIX = re.compile(r"(?:法律?|政令|省令|府令|施行令|規則|条例|告示|命令|規程)$")
# 「…（以下「規則」という。）」: an abbreviation defined by the text itself.
ABBREV = re.compile(
    r"\s*[（(](?:[^（）()「」]{0,40}?[。、,])?\s*以下[、,]?\s*「(?P<abbr>[^」]{1,20})」(?:と)?いう。?[）)]"
)


def to_arabic(num: str) -> str:
    """'１９' -> '19', '十七' -> '17', '百十五' -> '115', '八十二' -> '82'."""
    num = unicodedata.normalize("NFKC", num)
    if num.isdigit():
        return str(int(num))
    if all(c in _KANJI for c in num):  # 一〇五 style
        return str(int("".join(str(_KANJI[c]) for c in num)))
    total, cur = 0, 0
    for c in num:
        if c in _KANJI:
            cur = _KANJI[c]
        elif c in _KANJI_UNIT:
            total += (cur or 1) * _KANJI_UNIT[c]
            cur = 0
    return str(total + cur)


def _branch(nums: str) -> list[str]:
    """'の2の3' -> ['2', '3']."""
    return [to_arabic(x) for x in nums.split("の") if x]


def _row(row: str) -> str:
    return "の".join(to_arabic(x) for x in row.split("の"))


_TABLE_NAMES = {"1": "別表第一", "2": "別表第二", "3": "別表第三", "4": "別表第四"}


@dataclass(frozen=True)
class Span:
    """A recognised piece of a line: [start, end) with what it refers to."""

    start: int
    end: int
    # "law" (a law or provision), "system", "contractor", "unresolved" (a provision whose law
    # is unknown), "placeholder" (a template blank), "embedded" (a registered name inside a
    # longer law name that is not registered: a warning, never a link)
    kind: str
    ref: LegalRef | None = None
    target: str = ""  # entity id for system / contractor
    reason: str = ""  # for unresolved: "unknown-law", "no-antecedent"
    text: str = ""
    other_regime: str = ""  # set when the provision no longer exists at the text's date


def _is_word(ch: str) -> bool:
    return bool(_WORD.match(ch))


class Recogniser:
    """Compiled name tables for one municipality's texts."""

    def __init__(
        self,
        laws: Iterable[Law],
        systems: Iterable[Entity] = (),
        contractors: Iterable[Entity] = (),
        municipality: str | None = None,
        abbreviations: Mapping[str, str] | None = None,
    ) -> None:
        self.laws: dict[str, Law] = {}
        names: dict[str, str] = {}
        self.generic: set[str] = set()
        for law in laws:
            if law.municipality is not None and law.municipality != municipality:
                continue
            self.laws[law.id] = law
            for name in [law.name.ja, *([law.short.ja] if law.short else []), *law.aliases]:
                # a short title such as 番号利用条例（鹿児島市） is a label, not a spelling
                if "（" not in name:
                    names.setdefault(name, law.id)
        for abbr, law_id in (abbreviations or {}).items():
            if law_id in self.laws:
                names[abbr] = law_id
        # a name that is only a kind of law (条例, 規則) cites only with a provision after it
        self.generic = {n for n in names if LAW_SUFFIX.fullmatch(n) or len(n) <= 2}
        self.law_names = names
        self.phrases: list[tuple[str, str, str]] = [  # (normalised sentence, law, renumbering)
            (_norm(p.text), law.id, p.before)
            for law in self.laws.values()
            for p in law.dated_phrases
        ]
        self.entities: dict[str, tuple[str, str]] = {}
        for kind, group in (("system", systems), ("contractor", contractors)):
            for ent in group:
                for name in [ent.name.ja, *ent.aliases]:
                    if len(name) >= 3:
                        self.entities.setdefault(name, (kind, ent.id))
        name_re = trie_pattern(set(names) | set(self.entities)) or r"(?!x)x"
        self.pattern = re.compile(
            rf"(?P<name>{name_re})|(?P<same>{_SAME})|(?P<cite>{_CITE.pattern})|{_PLIST}"
        )

    def session(self, as_of: dt.date | None = None) -> Session:
        return Session(self, as_of)

    def regime_of(
        self, ref: LegalRef, as_of: dt.date | None, since: str | None = None
    ) -> str | None:
        """The id of the first renumbering after ``as_of`` (or, with ``since``, that one) that
        renumbered this article or item: the citation means the provision as it then stood.
        Tables keep their key (a renamed or deleted table has no namesake today)."""
        law = self.laws.get(ref.law)
        if law is None or ref.article is None:
            return None
        for rn in law.renumberings:
            if since is not None:
                if rn.id != since:
                    continue
            elif as_of is None or rn.in_force is None or as_of >= rn.in_force.date:
                continue
            if renumbering_entry(law, rn, ref) is not None:
                return rn.id
        return None

    def conflict(self, ref: LegalRef, as_of: dt.date | None) -> str:
        """Why a citation in a text of ``as_of`` cannot mean this provision: it was deleted or
        renamed before that date, or it did not exist yet ('' if it can).  A number that a
        renumbering reused (第19条第7号 after 2021) still exists."""
        law = self.laws.get(ref.law)
        if law is None or as_of is None or ref.is_law or ref.regime is not None:
            return ""
        plain = ref.model_copy(update={"row": None}) if ref.table else ref
        for rn in law.renumberings:
            if rn.in_force is None:
                continue
            olds = [parse_provision(law.id, e.old) for e in rn.map]
            news = [parse_provision(law.id, e.new) for e in rn.map if e.new]
            was_old = any(o is not None and provision_matches(o, plain) for o in olds)
            is_new = any(n is not None and provision_matches(n, plain) for n in news)
            if as_of >= rn.in_force.date and was_old and not is_new:
                return f"gone:{rn.id}"
            if as_of < rn.in_force.date and is_new and not was_old:
                return f"later:{rn.id}"
        return ""


class _NfkcTable(dict[int, str]):
    """``str.translate`` table: a character's NFKC form when that is one character, else the
    character itself; filled as characters are met (the build meets a few thousand)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        n = unicodedata.normalize("NFKC", ch)
        self[code] = out = n if len(n) == 1 else ch
        return out


_NFKC = _NfkcTable()


def _norm(text: str) -> str:
    """NFKC character by character (the length stays the same): １９ -> 19, （ -> (."""
    return text.translate(_NFKC)


class Session:
    """Recognises the lines of one text in order: 同法 and bare provisions refer back."""

    def __init__(self, rec: Recogniser, as_of: dt.date | None = None) -> None:
        self.rec = rec
        self.as_of = as_of
        self.law: str | None = None
        self.table: LegalRef | None = None
        self.abbreviations: dict[str, str] = {}  # defined by this text: 規則 -> bango-kisoku

    # -- building references
    def _cite_ref(self, law: str, m: re.Match[str]) -> list[tuple[int, int, LegalRef]]:
        """References of one provision match (a table row list gives one per row)."""
        if m.group("tart") is not None or m.group("tbl") is not None:
            table = (
                f"第{to_arabic(m.group('tart'))}条の表"
                if m.group("tart") is not None
                else _TABLE_NAMES.get(to_arabic(m.group("tbl")), "別表")
            )
            base = LegalRef(law=law, table=table)
            self.table = base
            rows = m.group("rows")
            if not rows:
                return [(m.start(), m.end(), base)]
            parts = list(re.finditer(ROW, rows))
            base_at = m.start("rows")
            out: list[tuple[int, int, LegalRef]] = []
            for i, part in enumerate(parts):
                s = m.start() if i == 0 else base_at + part.start()
                e = m.end() if i == len(parts) - 1 else base_at + part.end()
                out.append((s, e, base.model_copy(update={"row": _row(part.group(0))})))
            return out
        art = to_arabic(m.group("art")) + "".join(f"の{b}" for b in _branch(m.group("artb") or ""))
        para = m.group("para") or m.group("para2")
        item: str | None = None
        if m.group("item") is not None:
            item = to_arabic(m.group("item")) + "".join(
                f"の{b}" for b in _branch(m.group("itemb") or "")
            )
        elif m.group("item2") is not None:
            item = _row(m.group("item2"))
        elif m.group("item3") is not None:
            item = to_arabic(m.group("item3"))
        ref = LegalRef(
            law=law,
            article=art,
            paragraph=to_arabic(para) if para else None,
            item=item,
            suppl=m.group("suppl") is not None,
        )
        regime = self.rec.regime_of(ref, self.as_of)
        if regime is not None:
            ref = ref.model_copy(update={"regime": regime})
        return [(m.start(), m.end(), ref)]

    def line(self, line: str) -> list[Span]:
        spans: list[Span] = []
        pos = 0
        rec = self.rec
        while True:
            m = rec.pattern.search(line, pos)
            if m is None:
                break
            start, end = m.start(), m.end()
            prev = line[start - 1] if start > 0 else ""
            if m.group("name") is not None:
                name = m.group("name")
                nxt = line[end] if end < len(line) else ""
                if name in rec.entities:
                    kind, target = rec.entities[name]
                    ok = not (
                        prev and re.match(r"[\u30a1-\u30fa\u30fcA-Za-zＡ-Ｚａ-ｚ]", prev)
                    ) and not (nxt and re.match(r"[\u30a1-\u30fa\u30fcA-Za-zＡ-Ｚａ-ｚ]", nxt))
                    if ok:
                        spans.append(Span(start, end, kind, target=target, text=name))
                    pos = end if ok else start + 1
                    continue
                generic = name in rec.generic
                glued_before = bool(prev) and _is_word(prev) and (generic or prev not in "日")
                glued_after = bool(nxt) and _is_word(nxt) and not line.startswith(_CITE_START, end)
                # 条例 alone is any ordinance: a citation only with its provision (条例別表第一)
                cites = _CITE.match(line, end)
                if generic and (cites is None or not cites.group(0).startswith(_CITE_START)):
                    pos = end
                    continue
                if glued_before or glued_after:
                    self._embedded(line, start, end, spans)
                    pos = start + 1
                    continue
                law = rec.law_names[name]
                self.law = law
                pos = self._after_law(line, start, end, law, spans)
                continue
            if m.group("same") is not None:
                nxt = line[end] if end < len(line) else ""
                if nxt and _is_word(nxt) and not line.startswith(_CITE_START, end):
                    pos = start + 1
                    continue
                if self.law is None:
                    if line.startswith(_CITE_START, end):
                        c = _CITE.match(line, end)
                        stop = c.end() if c else end
                        spans.append(
                            Span(
                                start,
                                stop,
                                "unresolved",
                                reason="no-antecedent",
                                text=line[start:stop],
                            )
                        )
                        pos = stop
                    else:
                        pos = end
                    continue
                pos = self._after_law(line, start, end, self.law, spans, law_link=False)
                continue
            if m.group("cite") is not None:
                table_after_provision = (
                    m.group("tbl") is not None and prev in ("条", "号") and self.law is not None
                )
                if prev and _is_word(prev) and not table_after_provision:
                    # glued to a name that is not a registered law (規則第6条, 施行令第8条)
                    head = start
                    while head > 0 and _is_word(line[head - 1]) and start - head < 40:
                        head -= 1
                    if m.group("art") is not None:  # the unknown name is part of the citation
                        spans.append(
                            Span(head, end, "unresolved", reason="unknown-law", text=line[head:end])
                        )
                    pos = end
                    continue
                if self.law is None and m.group("tbl") is not None and "bango" in rec.laws:
                    self.law = "bango"  # 別表第一 / 別表第二 without a law: the My Number Act's
                if self.law is None:
                    if m.group("art") is not None:
                        spans.append(
                            Span(start, end, "unresolved", reason="no-antecedent", text=m.group(0))
                        )
                    pos = end
                    continue
                law = self.law
                if m.group("tbl") is not None and law.startswith("bango-") and "bango" in rec.laws:
                    law = (
                        "bango"  # the orders under the My Number Act have no 別表: it is the Act's
                    )
                for s, e, ref in self._cite_ref(law, m):
                    spans.append(Span(s, e, "law", ref=ref, text=line[s:e]))
                pos = self._placeholder(line, end, spans)
                continue
            # a row list （1、2、…の項） after a table was named
            if self.table is not None:
                table = self.table.model_copy(update={"row": None})
                base_at = m.start("plist")
                for part in re.finditer(ROW, m.group("plist")):
                    ref = table.model_copy(update={"row": _row(part.group(0))})
                    spans.append(
                        Span(
                            base_at + part.start(),
                            base_at + part.end(),
                            "law",
                            ref=ref,
                            text=part.group(0),
                        )
                    )
            pos = end
        return self._dated(line, spans) if rec.phrases else spans

    def _dated(self, line: str, spans: list[Span]) -> list[Span]:
        """Citations inside a standard sentence of an older template keep its numbering."""
        if not spans:
            return spans
        flat = _norm(line)
        ranges = []
        for text, law, before in self.rec.phrases:
            at = flat.find(text) if text else -1
            while at != -1:  # every occurrence, not overlapping (as re.finditer finds them)
                ranges.append((at, at + len(text), law, before))
                at = flat.find(text, at + len(text))
        if not ranges:
            return spans
        out = []
        for sp in spans:
            ref = sp.ref
            for s, e, law, before in ranges:
                if ref is not None and ref.law == law and s <= sp.start < e:
                    regime = self.rec.regime_of(ref, None, since=before)
                    if regime is not None:
                        sp = Span(
                            sp.start,
                            sp.end,
                            sp.kind,
                            ref.model_copy(update={"regime": regime}),
                            text=sp.text,
                        )
            out.append(sp)
        return out

    def _embedded(self, line: str, start: int, end: int, spans: list[Span]) -> None:
        """A registered name glued inside a longer word: note it when the word is a law's name
        (改正番号法, 個人情報保護条例), so that the editor can register it."""
        head, tail = start, end
        while head > 0 and _is_word(line[head - 1]) and start - head < 40:
            head -= 1
        while (
            tail < len(line)
            and _is_word(line[tail])
            and not line.startswith(_CITE_START, tail)
            and tail - end < 40
        ):
            tail += 1
        word = line[head:tail]
        if LAW_SUFFIX.search(word) and not any(
            sp.kind == "embedded" and sp.start == head for sp in spans
        ):
            spans.append(Span(head, tail, "embedded", text=word, target=line[start:end]))

    def _placeholder(self, line: str, at: int, spans: list[Span]) -> int:
        """A template blank right after a table or article (の〇項): noted, never a provision."""
        p = PLACEHOLDER.match(line, at)
        if p is None:
            return at
        spans.append(Span(at, p.end(), "placeholder", text=line[at : p.end()]))
        return p.end()

    def _after_law(
        self, line: str, start: int, end: int, law: str, spans: list[Span], law_link: bool = True
    ) -> int:
        """A law name at [start, end): with the provision that follows it, or alone."""
        if (d := ABBREV.match(line, end)) is not None:
            self.abbreviations[d.group("abbr")] = law
        at = end
        while at < len(line) and line[at] in " \u3000" and at - end < 2:
            at += 1
        c = _CITE.match(line, at)
        if c is not None:
            refs = self._cite_ref(law, c)
            for i, (s, e, ref) in enumerate(refs):
                spans.append(
                    Span(
                        start if i == 0 else s,
                        e,
                        "law",
                        ref=ref,
                        text=line[start if i == 0 else s : e],
                    )
                )
            return self._placeholder(line, c.end(), spans)
        if law_link:
            spans.append(Span(start, end, "law", ref=LegalRef(law=law), text=line[start:end]))
        return end


__all__ = ["Recogniser", "Session", "Span", "to_arabic"]
