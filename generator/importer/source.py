"""Reading a published assessment: the text of a PDF or of a copy-paste, as rows of cells.

A PDF is read through pdfminer.six (a maintained, pure-Python extractor); any other file is
read as UTF-8 text as it comes from an extractor or from copy and paste.  Table rows extracted
as tab-separated cells keep their cells; HTML fragments that some extractors leave in the text
(``<p>``, ``<ul>``, ``<input type="checkbox"/>``) become line breaks and check marks.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

# ------------------------------------------------------------------------------------ reading


class SourceError(Exception):
    """A source that cannot be read; the message is Japanese, the hint follows ' / '."""


def read_source(path: Path) -> str:
    """The text of ``path``: extracted from a PDF, or read as UTF-8 text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(
            f"{path.name} を読めません（{exc.strerror}） / ファイルの場所と名前を確かめてください。"
        ) from None
    if raw.startswith(b"%PDF"):
        return pdf_text(path)
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise SourceError(
        f"{path.name} の文字コードを読み取れません / UTF-8 のテキストか PDF を指定してください。"
    )


def pdf_text(path: Path) -> str:
    """Text of a PDF through pdfminer.six, page by page."""
    try:
        from pdfminer.high_level import extract_text
        from pdfminer.layout import LAParams
    except ImportError:  # pragma: no cover - pinned in requirements.txt
        raise SourceError(
            "PDF を読むための pdfminer.six が入っていません / make venv で入れ直してください。"
        ) from None
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings are not the editor's
    try:
        text: str = extract_text(str(path), laparams=LAParams(line_margin=0.3))
    except Exception as exc:  # any damaged PDF is reported, not a traceback
        raise SourceError(
            f"{path.name} から文字を取り出せません（{type(exc).__name__}） / "
            "PDF が壊れていないか、画像だけの PDF でないかを確かめてください。"
            "別のツールで取り出したテキストを指定することもできます。"
        ) from None
    return text.replace("\f", "\n")


# ---------------------------------------------------------------------------------- cleaning

# check marks: a ticked box, an unticked box, a box whose state the text does not show
TICK = "○"
UNKNOWN = "？"
_CHECKED_INPUT = re.compile(r"<input\b[^>]*\bchecked\b[^>]*/?>", re.I)
_RADIO_INPUT = re.compile(r"<input\b[^>]*type=\"radio\"[^>]*/?>", re.I)
_ANY_INPUT = re.compile(r"<input\b[^>]*/?>", re.I)
_BREAK_TAGS = re.compile(r"</?(?:p|div|ul|ol|li|br|tr|table|tbody|thead)\b[^>]*>", re.I)
_CELL_TAGS = re.compile(r"</?(?:td|th)\b[^>]*>", re.I)
_OTHER_TAGS = re.compile(r"</?[a-zA-Z][^<>]*>")
RADIO = "\u2063R"  # a radio input: ticked or not depends on its neighbours


def clean_cell(text: str) -> str:
    """HTML in an extracted cell to plain lines; check boxes to [○] / [ ] / [？]."""
    text = _CHECKED_INPUT.sub(TICK, text)
    text = _RADIO_INPUT.sub(RADIO, text)
    text = _ANY_INPUT.sub(UNKNOWN, text)
    # "[？ 十分である]": the chosen option printed inside the box
    text = re.sub(rf"\[\s*{UNKNOWN}\s+([^\]\s][^\]]*)\]", r"[\1]", text)
    text = _CELL_TAGS.sub(" ", text)
    text = _BREAK_TAGS.sub("\n", text)
    text = _OTHER_TAGS.sub("", text)
    text = html.unescape(text)
    lines = [re.sub(r"[ \t\u3000]+", " ", line).strip() for line in text.split("\n")]
    # a list item marked twice by the extractor: 「- ・システムの操作履歴…」
    lines = [re.sub(r"^- (?=・)", "", line) for line in lines]
    return "\n".join(line for line in lines if line)


_NUM_PREFIX = re.compile(r"^(?:[①-⑳]|\(\d+\)|（\d+）|\d+[.．]\s*|[IVXⅠ-Ⅹ]+[ 　.．]|\d+\s+)+")


def norm(text: str) -> str:
    """A label or value for comparison: NFKC, no spaces, unified brackets and dashes."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    return text.replace("〜", "~").replace("－", "-")


def norm_label(text: str) -> str:
    """A printed label without its item number and ※ mark: 「②事務の内容 ※」→「事務の内容」."""
    text = text.strip().split("\n", 1)[0]
    text = _NUM_PREFIX.sub("", text.strip())
    text = re.sub(r"\s*※.*$", "", text)
    text = re.sub(r"【[^】]*】$", "", text.strip())
    return norm(text)


@dataclass
class Row:
    """One line of the source with its tab-separated cells (cleaned)."""

    no: int
    raw: str
    cells: list[str]
    used: bool = False
    fixed: bool = False  # printed form text (labels, option lists) rather than a value
    path: str = ""  # the field this row was read into (the place for a note on what follows)
    notes: list[str] = field(default_factory=list)

    @property
    def first(self) -> str:
        return next((c for c in self.cells if c), "")

    @cached_property
    def label(self) -> str:
        return norm_label(self.first)

    @cached_property
    def sublabel(self) -> str:
        """The label in the second cell of a row that starts with its group's label
        (「再委託 | ④再委託の有無 ※ | [再委託しない]」)."""
        cells = [c for c in self.cells if c]
        return norm_label(cells[1]) if len(cells) >= 2 else ""

    @property
    def rest(self) -> list[str]:
        """The cells after the first non-empty one."""
        seen = False
        out = []
        for c in self.cells:
            if seen:
                out.append(c)
            elif c:
                seen = True
        return out

    @property
    def text(self) -> str:
        return "\n".join(c for c in self.cells if c)


# CJK radicals that PDF text layers use in place of the ideographs (⺠ for 民, ⼈ for 人):
# the Kangxi radicals have compatibility mappings (NFKC); the supplement ones need a table.
_RADICALS = {
    "⺠": "民",
    "⻑": "長",
    "⺟": "母",
    "⻄": "西",
    "⻘": "青",
    "⻝": "食",
    "⻤": "鬼",
    "⻩": "黄",
}


def fix_radicals(text: str) -> str:
    out = []
    for ch in text:
        if "\u2f00" <= ch <= "\u2fdf":
            out.append(unicodedata.normalize("NFKC", ch))
        else:
            out.append(_RADICALS.get(ch, ch))
    return "".join(out)


def rows_of(text: str) -> list[Row]:
    text = fix_radicals(text)
    rows = []
    for no, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        cells = [clean_cell(c) for c in line.split("\t")]
        # the column heads of the summary's tables printed inside a cell
        cells = [re.sub(r"^(?:主な記載項目|概要)\n", "", c) for c in cells]
        if not any(cells):
            continue
        rows.append(Row(no, line, cells))
    return rows
