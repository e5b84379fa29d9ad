"""Personal-data guard: content must never carry residents' personal data.

Every string value of a content file is checked for two things (error code ``personal-data``):

* **個人番号（マイナンバー）**: a 12-digit number (half- or full-width digits, optionally in
  groups of four separated by spaces or hyphens, e.g. ``1234 5678 9018``) whose last digit is
  the check digit of the official rule (``is_individual_number``).  Numbers whose check digit
  does not match, numbers that are part of a longer run of digits, numbers inside a URL and
  placeholders of one repeated digit (``0000-0000-0000``) are not reported.  The message shows
  only the first four digits, so the number itself never ends up in a build log.
* **住民の記録のような行**: at least three consecutive lines of one text (or consecutive items of
  one list) that each start with a personal name (``山田 太郎``, ``ヤマダ タロウ``) followed by a
  date of birth (``昭和45年3月2日``, ``1970/03/02``, ``1970-03-02``) and/or a street address
  (``見本市本町1丁目2番3号``, ``見本市本町1-2-3``).  Names of offices and laws (``市民課``,
  ``番号法``) and lines that start with a postcode are not names, so office addresses and
  lists of laws with their dates are not reported.

Acknowledging a false positive
------------------------------
When a reported value really is not personal data (a sample number printed in the official
form, a fictitious example), write the comment::

    # kohyo: 個人情報ではない

on the line directly above the value (preferred), or at the end of the line of the value.  It silences this guard
for that one value only (for a list: the whole list when written on or above the list's key,
otherwise the item it is written on or above).  "The line above" means a line holding
nothing but the comment.  Example::

    # kohyo: 個人情報ではない
    contact: 見本の個人番号 1234 5678 9018 を用いて説明する。

    summary: |-  # kohyo: 個人情報ではない
      架空の例: 見本 太郎 昭和45年3月2日 見本市本町1丁目2番3号
      ...

A ``#`` inside a quoted value or inside a ``|`` block is part of the text, not a comment, and
does not acknowledge anything.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import yaml

from generator.core.findings import Findings
from generator.core.mynumber import find_individual_numbers, masked
from generator.loading.load import LoadedFile, PathKey

ACK_COMMENT = "# kohyo: 個人情報ではない"
_ACK = re.compile(r"#\s*kohyo\s*[:：]\s*個人情報ではない")

# ---------------------------------------------------------------------------------------------
# Resident records
# ---------------------------------------------------------------------------------------------

_KANJI = "一-龥々〆ヶ"
_KANA = "ぁ-んァ-ヶー"
_LEAD = re.compile(
    r"^\s*(?:[・\-•◦○*]\s*|[(（]?\d{1,4}[)）.．、:：]?\s+|[(（]?\d{1,4}[)）.．、])?"
    r"(?:(?:氏名|名前|住民|対象者)\s*[:：]\s*)?"
)
_NAME = re.compile(
    rf"(?:[{_KANJI}]{{1,4}}[ \u3000][{_KANJI}{_KANA}]{{1,5}}"  # 山田 太郎
    rf"|[ァ-ヶー]{{1,8}}[ \u3000][ァ-ヶー]{{1,8}}"  # ヤマダ タロウ
    rf"|[{_KANJI}]{{2,6}})"  # 山田太郎
    rf"(?:[ \u3000]?(?:様|さん|氏|殿))?"
    r"(?=[\s\u3000、，,／/]|$)"
)
# Words that end a name of an office, a body, a place, a law or a system, never of a person.
_NOT_PERSON = re.compile(
    r"(?:課|係|室|所|局|部|庁|省|府|県|都|道|市|区|町|村|会|館|署|園|校|院|法|令|則|例|規程|要綱"
    r"|告示|通知|条|号|項|表|システム|センター|サーバー?|ファイル|機構|協会|組合|事務|窓口|担当|長"
    r"|日|月|年|時|現在|以降|以前|等|外|内|及び|又は|並びに|変更|届|書|票|証|簿|台帳)$"
)
_DOB = re.compile(
    r"(?:(?:明治|大正|昭和|平成|令和|[MTSHR]\.?)\s*(?:元|\d{1,2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|(?<![A-Za-z])[MTSHR]\.?\d{1,2}\.\d{1,2}\.\d{1,2}(?!\d)"
    r"|(?:19|20)\d{2}\s*(?:[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{1,2}(?!\d)|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日))"
)
_ADDRESS = re.compile(
    rf"(?:[{_KANJI}{_KANA}]+(?:都|道|府|県|市|区|町|村)[{_KANJI}{_KANA}]*\s*"
    r"(?:\d+\s*丁目|[一二三四五六七八九十]+丁目|\d+\s*番地?|\d+\s*号|[1-9]\d*-\d+(?:-\d+)?(?!\d))"
    r"|(?<![\d-])[1-9]\d{0,3}-\d{1,4}-\d{1,4}(?![\d-]))"
)
# A law, ordinance or notice cited with its date: 番号法（平成25年5月31日法律第27号）
_CITATION = re.compile(
    r"日\s*[^\s、。]{0,12}?(?:法律|政令|省令|条例|規則|告示|訓令|通知|付|第\d+号)"
)


def looks_like_resident_record(line: str) -> bool:
    """True if one line reads like a resident record: a name, then a birth date or address."""
    text = unicodedata.normalize("NFKC", line).strip()
    if not text or text.startswith(("〒", "郵便番号", "※")):
        return False
    lead = _LEAD.match(text)
    rest = text[lead.end() :] if lead else text
    m = _NAME.match(rest)
    if m is None:
        return False
    name = m.group(0).strip()
    core = re.sub(r"[ \u3000]?(?:様|さん|氏|殿)$", "", name)
    if _NOT_PERSON.search(core.replace(" ", "").replace("\u3000", "")):
        return False
    after = rest[m.end() :]
    if _CITATION.search(after):
        return False
    return bool(_DOB.search(after) or _ADDRESS.search(after))


def _longest_run(flags: list[bool]) -> tuple[int, int]:
    """(start, length) of the longest run of True."""
    best = (0, 0)
    start = 0
    length = 0
    for i, flag in enumerate(flags):
        if flag:
            if length == 0:
                start = i
            length += 1
            if length > best[1]:
                best = (start, length)
        else:
            length = 0
    return best


RUN_MIN = 3


def record_run_in_text(text: str) -> int:
    """Length of the longest run of record-like lines (blank lines are skipped)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return _longest_run([looks_like_resident_record(ln) for ln in lines])[1]


# ---------------------------------------------------------------------------------------------
# Walking a loaded file
# ---------------------------------------------------------------------------------------------


def _strings(value: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*path, i))
    elif isinstance(value, str):
        yield path, value
    elif isinstance(value, int) and not isinstance(value, bool):
        yield path, str(value)


def _lists(value: Any, path: PathKey) -> Iterator[tuple[PathKey, list[Any]]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _lists(v, (*path, k))
    elif isinstance(value, list):
        yield path, value
        for i, v in enumerate(value):
            yield from _lists(v, (*path, i))


def _item_text(item: Any) -> str | None:
    if isinstance(item, str):
        return " ".join(item.split())
    if isinstance(item, dict) and isinstance(item.get("ja"), str):
        return " ".join(item["ja"].split())
    return None


class _Acks:
    """Lines that carry the acknowledgement comment (computed only when needed)."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self._lines: tuple[set[int], set[int]] | None = None

    def lines(self) -> tuple[set[int], set[int]]:
        """(lines with the comment anywhere, lines with nothing but the comment)."""
        if self._lines is None:
            self._lines = _ack_lines(self.loaded.text)
        return self._lines

    def covers(self, path: PathKey) -> bool:
        if not self.loaded.text or "kohyo" not in self.loaded.text:
            return False
        anywhere, alone = self.lines()
        paths = [path]
        if path[-1:] in (("ja",), ("en",)):  # a text written as {ja: ..., en: ...}: its key too
            paths.append(path[:-1])
        for p in paths:
            for table in (self.loaded.values, self.loaded.keys):
                pos = table.get(p)
                if pos is not None and (pos.line in anywhere or pos.line - 1 in alone):
                    return True
        return False


def _ack_lines(text: str) -> tuple[set[int], set[int]]:
    """1-based numbers of the lines whose YAML comment is the acknowledgement."""
    # Characters inside tokens (scalars, including quoted and block ones) are not comments.
    covered: list[tuple[int, int]] = []
    try:
        for tok in yaml.scan(text, Loader=yaml.SafeLoader):
            start, end = tok.start_mark.index, tok.end_mark.index
            if isinstance(tok, yaml.ScalarToken) and tok.style in ("|", ">"):
                # the indicator line of a block scalar may end with a comment
                newline = text.find("\n", start)
                start = end if newline < 0 else min(newline, end)
            if start < end:
                covered.append((start, end))
    except yaml.YAMLError:  # the loader read the file, so this should not happen
        return set(), set()
    anywhere: set[int] = set()
    alone: set[int] = set()
    for m in _ACK.finditer(text):
        pos = m.start()
        if any(a <= pos < b for a, b in covered):
            continue
        line = text.count("\n", 0, pos) + 1
        anywhere.add(line)
        if not text[text.rfind("\n", 0, pos) + 1 : pos].strip():
            alone.add(line)
    return anywhere, alone


def scan_personal_data(loaded: LoadedFile, findings: Findings) -> None:
    """Report text that looks like an Individual Number or like resident records."""
    acks = _Acks(loaded)
    reported: set[PathKey] = set()

    def report_number(path: PathKey, digits: str) -> None:
        pos = loaded.position(path)
        findings.add(
            loaded.path,
            pos.line,
            pos.col,
            "personal-data",
            f"個人番号（マイナンバー）と思われる12桁の数字があります（{masked(digits)}）",
            f"a 12-digit number that looks like an Individual Number (My Number) ({masked(digits)})",
            "住民の個人番号は公開するサイトに載せてはいけません。この数字を削除してください。"
            f"個人番号ではない場合（見本の番号など）は、この行か直前の行に「{ACK_COMMENT}」と書いてください。",
            "A resident's Individual Number must never be published: delete the number. If it is not "
            f"one (a sample number, for example), add the comment '{ACK_COMMENT}' on this line or the "
            "line above.",
        )

    def report_records(path: PathKey, count: int) -> None:
        pos = loaded.position(path)
        findings.add(
            loaded.path,
            pos.line,
            pos.col,
            "personal-data",
            f"住民の記録（氏名と生年月日・住所）のような行が{count}行続いています",
            f"{count} consecutive lines look like resident records (a name with a date of birth or address)",
            "住民の個人情報は公開するサイトに載せてはいけません。これらの行を削除してください。"
            f"個人情報ではない場合（架空の例など）は、この行か直前の行に「{ACK_COMMENT}」と書いてください。",
            "Residents' personal data must never be published: delete these lines. If they are not "
            f"personal data (a fictitious example, for example), add the comment '{ACK_COMMENT}' on "
            "this line or the line above.",
        )

    # a) Individual Numbers and b) runs inside one text
    for path, text in _strings(loaded.data, ()):
        numbers = find_individual_numbers(text)
        run = record_run_in_text(text) if "\n" in text.strip() else 0
        if not numbers and run < RUN_MIN:
            continue
        if acks.covers(path):
            continue
        for digits in dict.fromkeys(numbers):
            report_number(path, digits)
        if run >= RUN_MIN:
            report_records(path, run)
            reported.add(path)

    # b) runs over the items of one list
    for path, items in _lists(loaded.data, ()):
        flags = []
        for item in items:
            t = _item_text(item)
            flags.append(t is not None and looks_like_resident_record(t))
        start, length = _longest_run(flags)
        if length < RUN_MIN:
            continue
        item_paths = [(*path, i) for i in range(start, start + length)]
        if any(p in reported for p in item_paths):
            continue
        if acks.covers(path) or any(acks.covers(p) for p in item_paths):
            continue
        report_records((*path, start), length)
