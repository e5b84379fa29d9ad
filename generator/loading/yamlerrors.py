"""PyYAML's parse errors said for editors: each known problem as a Japanese and English message
with a hint (``yaml_error_message``), and a quoted value with the next key run into its line."""

from __future__ import annotations

import re

YAML_PROBLEMS = [
    (
        re.compile(r"found character '\\t' that cannot start any token|found a tab character"),
        "タブ文字は使えません",
        "tab characters are not allowed",
        "字下げはスペース2つで書いてください（エディタの「タブをスペースに変換」を使えます）。",
        "Indent with two spaces (most editors can convert tabs to spaces).",
    ),
    (
        re.compile(r"mapping values are not allowed here"),
        "ここに「キー: 値」は書けません",
        "a 'key: value' is not allowed here",
        '値の中に「: 」（コロンと空白）があるときは、値全体を "…" で囲むか、| を使って次の行から書いてください。字下げがずれていないかも確かめてください。',
        "Quote the whole value with \"…\" when it contains ': ', or use | and write it on the next lines; also check the indentation.",
    ),
    (
        re.compile(r"could not find expected ':'"),
        "「:」が見つかりません",
        "expected ':' was not found",
        "「キー: 値」の形になっているか、前の行の引用符が閉じているかを確かめてください。",
        "Check that the line reads 'key: value' and that quotes on the previous line are closed.",
    ),
    (
        re.compile(r"did not find expected key|expected <block end>"),
        "字下げが揃っていません",
        "the indentation is inconsistent",
        "同じ階層の項目は同じ数のスペースで字下げしてください。",
        "Items at the same level need the same number of spaces.",
    ),
    (
        re.compile(r"found unexpected end of stream|found unexpected end"),
        "引用符が閉じられていません",
        "a quotation is not closed",
        "\" や ' で始めた値は同じ記号で閉じてください。",
        "Close a value started with \" or ' with the same mark.",
    ),
    (
        re.compile(r"expected ',' or '\}'|expected ',' or '\]'|while parsing a flow"),
        "{ } や [ ] の中の書き方が誤っています",
        "a { } or [ ] construct is malformed",
        '{ } や [ ] の中の値に [ ] { } , が含まれるときは、その値を "…" で囲んでください。',
        "Quote values that contain [ ] { } or , inside { } or [ ].",
    ),
    (
        re.compile(
            r"found undefined alias|found unhashable key|expected alphabetic or numeric character"
        ),
        "& や * は特別な記号です",
        "& and * are special characters",
        '& や * で始まる値は "…" で囲んでください。',
        "Quote values that start with & or *.",
    ),
]


# A quoted list item or value with the next key run into the same line: `- "…"    risks:`.
_RUN_IN = re.compile(
    r"""^\s*(?:- |[^\s:#"'][^:#]*:\s+)(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s+(?P<key>[^\s:"'#-][^\s:]*):(?:\s|$)"""
)


def run_in_message(line: str) -> tuple[str, str, str, str] | None:
    """Two items written on one line (a missing line break), said as such."""
    m = _RUN_IN.match(line)
    if m is None:
        return None
    key = m.group("key")
    return (
        f"1行に2つの項目が続けて書かれています（値の後ろに「{key}:」があります）",
        f"two items are written on one line (the value is followed by '{key}:')",
        f"「{key}:」の前で改行し、「{key}:」を同じ階層の項目と同じ字下げで次の行に書いてください。",
        f"Break the line before '{key}:' and indent it like the other items of its level.",
    )


def yaml_error_message(problem: str) -> tuple[str, str, str, str]:
    for rx, ja, en, hint_ja, hint_en in YAML_PROBLEMS:
        if rx.search(problem):
            return ja, en, hint_ja, hint_en
    return (
        f"YAMLとして読めません（{problem}）",
        f"not valid YAML ({problem})",
        "記号や字下げを確かめてください。",
        "Check the punctuation and indentation.",
    )
