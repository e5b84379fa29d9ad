"""個人番号 (Individual Numbers, "My Number"): recognising and masking them in any text.

A module of its own, below everything else, because two layers need it: the personal-data
guard (``generator.loading.guard``) reports numbers found in content, and every finding's message is
masked (``generator.core.findings``) so that no number typed into any field reaches a log.
"""

from __future__ import annotations

import re

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# What may stand between the digits of one number as people and PDFs write it: white space of
# any kind (line breaks of a copied PDF, tabs, NBSP, full-width space), every dash and the
# long-vowel mark 「ー」, dots, and invisible zero-width characters; up to 4 in a row.
_SEP = (
    "[\\s\u00a0\u3000\\-\u2010-\u2015\u2212\uff0d\u30fc\uff70\u2e3a\u2e3b"
    ".\uff0e\u30fb\uff65\u200b-\u200d\u2060\ufeff]"
)
_DIGIT = "[0-9０-９]"
# A maximal run of digits joined by separators (inside URLs too: they are published as well).
_RUN = re.compile(rf"{_DIGIT}(?:{_SEP}{{0,4}}{_DIGIT})*")
_NOT_DIGIT = re.compile(r"[^0-9]")


def individual_number_check_digit(first11: str) -> int:
    """The check digit of an Individual Number from its first 11 digits.

    Official rule (行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 /
    総務省令): check = 11 - (Σ Pn×Qn mod 11), where Pn is the n-th digit counting from the
    right of the 11 digits and Qn = n+1 for 1≤n≤6, n-5 for 7≤n≤11; if the remainder is 0 or 1
    the check digit is 0.
    """
    if len(first11) != 11 or not first11.isascii() or not first11.isdigit():
        raise ValueError("expected 11 ASCII digits")
    total = 0
    for n, ch in enumerate(reversed(first11), start=1):
        q = n + 1 if n <= 6 else n - 5
        total += int(ch) * q
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_individual_number(digits: str) -> bool:
    """True if ``digits`` (12 digits, half- or full-width) has a valid 個人番号 check digit."""
    d = digits.translate(_FULLWIDTH_DIGITS)
    if len(d) != 12 or not d.isascii() or not d.isdigit():
        return False
    return individual_number_check_digit(d[:11]) == int(d[11])


def individual_number_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ASCII digits) of every run of exactly 12 digits in ``text`` that passes the
    check digit, whatever separates its digits (see ``_SEP``); placeholders of one repeated digit
    (``0000-0000-0000``) and digits of a longer run (法人番号 has 13) are not numbers."""
    found: list[tuple[int, int, str]] = []
    for m in _RUN.finditer(text):
        digits = _NOT_DIGIT.sub("", m.group().translate(_FULLWIDTH_DIGITS))
        if len(digits) != 12 or len(set(digits[:11])) == 1:
            continue
        if is_individual_number(digits):
            found.append((m.start(), m.end(), digits))
    return found


def find_individual_numbers(text: str) -> list[str]:
    """The 12-digit numbers in ``text`` that pass the check digit (as ASCII digits)."""
    return [digits for _start, _end, digits in individual_number_spans(text)]


def mask_individual_numbers(text: str) -> str:
    """``text`` with every Individual Number shown as its first four digits and asterisks: for
    every message, so that no number typed into any field reaches a log."""
    if not any(c.isdigit() for c in text):
        return text
    out, last = [], 0
    for start, end, digits in individual_number_spans(text):
        out += [text[last:start], masked(digits)]
        last = end
    return "".join(out) + text[last:] if out else text


def masked(digits: str) -> str:
    """An Individual Number as shown in messages: its first four digits and asterisks."""
    return digits[:4] + "*" * 8
