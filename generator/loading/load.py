"""Stage 1, load: read every content file with a strict, line-aware YAML loader.

The loader follows YAML 1.2 where PyYAML follows 1.1: only ``true``/``false`` are booleans
(``no``, ``yes``, ``on``, ``off`` stay strings and the validator says why they are wrong),
dates stay strings (the model parses them, so ``2026-13-01`` is reported with its line instead
of crashing), and duplicate keys are reported instead of silently keeping the last value.
Every key and value position is recorded so that later stages can point at ``path:line:col``.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.core.findings import Findings, Severity
from generator.loading.yamlerrors import run_in_message, yaml_error_message
from generator.model.base import YAML11_WORDS

PathKey = tuple[str | int, ...]

# Texts longer than this are almost certainly a paste gone wrong (a whole PDF in one field).
MAX_TEXT_CHARS = 20_000


class StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans, no implicit timestamps, duplicate-key reporting."""

    duplicates: list[tuple[str, Any, Any]]


StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


if getattr(yaml, "__with_libyaml__", False):

    class StrictCLoader(yaml.CSafeLoader):
        """The same rules over libyaml's parser: about six times faster on large files."""

        duplicates: list[tuple[str, Any, Any]]

    StrictCLoader.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers


def _parse_fast(text: str) -> tuple[Any, Any, list[tuple[str, Any, Any]], Any] | None:
    """Parse with libyaml when it is there and the file is well-formed.

    Any problem makes this return None, and the pure-Python loader parses the file again, so
    messages and positions are always the same whichever parser is installed.
    """
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    loader = StrictCLoader(text)
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        data = loader.construct_document(node)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return loader, node, loader.duplicates, data


def _construct_mapping(
    loader: StrictLoader, node: MappingNode, deep: bool = False
) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, Hashable):
            raise ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                "found unhashable key",
                key_node.start_mark,
            )
        if key in mapping:
            loader.duplicates.append((str(key), key_node.start_mark, node.start_mark))
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
if getattr(yaml, "__with_libyaml__", False):
    StrictCLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)

YAML11_BOOLS = YAML11_WORDS  # read as strings here; the validator says why they are not booleans


@dataclass(frozen=True)
class Position:
    line: int
    col: int


@dataclass
class LoadedFile:
    """A content file as data, with the position of every key and value."""

    path: str
    data: Any
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)
    yaml11_bools: dict[PathKey, str] = field(default_factory=dict)
    folded: dict[PathKey, Position] = field(
        default_factory=dict
    )  # plain scalars that swallowed a key or item
    comments: dict[PathKey, Position] = field(
        default_factory=dict
    )  # " # ..." cut off a plain value
    text: str = ""  # the source text (normalised line ends), for checks that read comments

    def position(self, loc: Iterable[str | int], prefer_key: bool = False) -> Position:
        """The position of ``loc``, or of its nearest recorded parent."""
        path = tuple(loc)
        while True:
            table = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            for t in table:
                if path in t:
                    return t[path]
            if not path:
                return Position(1, 1)
            path = path[:-1]


# A plain (unquoted) value running over several lines that contains "- x" or "key: " was most
# likely meant as the next list item or key, indented one level too deep.
_SWALLOWED = re.compile(r"(?:^|\s)- \S|\S: \S|\{\w+: ")


# "値 # 続き": in a plain value, " #" starts a comment and the rest of the line is dropped.
_TRAILING_COMMENT = re.compile(r"^[ \t]+#(?!\s*kohyo\s*[:：])")


def _line_rest(lines: list[str], node: ScalarNode) -> str:
    line = node.end_mark.line
    return lines[line][node.end_mark.column :] if line < len(lines) else ""


def _walk(node: Node, path: PathKey, out: LoadedFile, lines: list[str]) -> None:
    out.values[path] = Position(node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node)
            child = (*path, key)
            out.keys[child] = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _walk(value_node, child, out, lines)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), out, lines)
    elif (
        isinstance(node, ScalarNode)
        and not node.style
        and node.end_mark.line == node.start_mark.line
        and out.text
        and _TRAILING_COMMENT.match(_line_rest(lines, node))
    ):
        out.comments[path] = Position(node.end_mark.line + 1, node.end_mark.column + 1)
    elif (
        isinstance(node, ScalarNode)
        and not node.style
        and node.end_mark.line > node.start_mark.line
        and _SWALLOWED.search(node.value)
    ):
        out.folded[path] = Position(node.start_mark.line + 1, node.start_mark.column + 1)
    elif (
        isinstance(node, ScalarNode)
        and not node.style
        and node.tag == "tag:yaml.org,2002:str"
        and node.value in YAML11_BOOLS
    ):
        out.yaml11_bools[path] = node.value


def load_file(path: Path, display: str, findings: Findings) -> LoadedFile | None:
    """Read one YAML file; problems go to ``findings``; ``None`` if nothing usable was read."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        findings.add(
            display,
            1,
            1,
            "bom",
            "ファイルの先頭にBOM（バイト順マーク）があります",
            "the file starts with a byte order mark (BOM)",
            "エディタで「UTF-8（BOMなし）」を選んで保存し直してください。",
            "Save the file again as 'UTF-8' without BOM.",
            severity=Severity.WARNING,
        )
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        enc = "Shift_JIS" if _looks_like_sjis(raw) else "UTF-8以外"
        findings.add(
            display,
            line,
            col,
            "encoding",
            f"文字コードがUTF-8ではありません（{enc}のようです）",
            "the file is not UTF-8 encoded",
            "エディタで文字コードを「UTF-8」にして保存し直してください。",
            "Save the file again with the 'UTF-8' encoding.",
        )
        return None
    if "\r\n" in text:
        line = text[: text.index("\r\n")].count("\n") + 1
        findings.add(
            display,
            line,
            1,
            "crlf",
            "改行コードがCRLF（Windows形式）です",
            "line ends are CRLF (Windows style)",
            "エディタで改行コードを「LF」にして保存し直してください（内容はそのまま読み込まれています）。",
            "Save the file with 'LF' line ends (the content was read as it is).",
            severity=Severity.WARNING,
        )
        text = text.replace("\r\n", "\n")
    return load_text(text, display, findings)


def _looks_like_sjis(raw: bytes) -> bool:
    try:
        raw.decode("cp932")
    except UnicodeDecodeError:
        return False
    return True


# Characters no content text needs and that hide or reorder what a reader sees: C0 and C1
# controls other than tab and line feed, DEL, and the bidirectional formatting characters
# (U+202E RIGHT-TO-LEFT OVERRIDE makes "fdp.exe" read "exe.pdf").
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 0x1B: "ESC", 0x7F: "DEL"}
MAX_DEPTH = 40  # levels of nesting (the deepest form needs about 12)
MAX_ALIAS_NODES = 10_000  # values that aliases (*name) may add to a file in all


def _char_name(c: str) -> str:
    import unicodedata

    name = _CONTROL_NAMES.get(ord(c)) or unicodedata.name(c, "")
    return f"U+{ord(c):04X}" + (f" {name}" if name else "")


def _hidden_character(display: str, line: int, col: int, c: str, findings: Findings) -> None:
    findings.add(
        display,
        line,
        col,
        "control-character",
        f"目に見えない制御文字（{_char_name(c)}）があります",
        f"an invisible control character ({_char_name(c)}) is in the text",
        "貼り付けたときに紛れ込んだものです。その文字を消してください（\\0 や \\u202e のような書き方も使えません）。",
        "It came in with a paste: delete it (escapes such as \\0 or \\u202e are refused as well).",
    )


def _structure_problem(text: str) -> tuple[int, int, str] | None:
    """(line, col, "depth" or "alias") of the first place nested too deep or where aliases
    expand beyond the bound; one pass over the parser's events, before anything is built."""
    from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent

    loader_cls: Any = (
        yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
    )
    loader = loader_cls(text)
    sizes: dict[str, int] = {}
    open_: list[tuple[str | None, int]] = []
    total = added = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            mark = event.start_mark
            if isinstance(event, AliasEvent):
                size = sizes.get(str(event.anchor), 1)
                added += size
                total += size
                if added > MAX_ALIAS_NODES:
                    return mark.line + 1, mark.column + 1, "alias"
            elif isinstance(event, CollectionStartEvent):
                open_.append((event.anchor, total))
                total += 1
                if len(open_) > MAX_DEPTH:
                    return mark.line + 1, mark.column + 1, "depth"
            elif isinstance(event, CollectionEndEvent):
                anchor, start = open_.pop()
                if anchor:
                    sizes[anchor] = total - start
            elif isinstance(event, NodeEvent):  # a scalar
                total += 1
                if event.anchor:
                    sizes[event.anchor] = 1
    except yaml.YAMLError:
        return None  # the full parse reports it, with its message
    finally:
        loader.dispose()
    return None


def _structure_finding(display: str, problem: tuple[int, int, str], findings: Findings) -> None:
    line, col, kind = problem
    if kind == "depth":
        findings.add(
            display,
            line,
            col,
            "too-deep",
            f"入れ子が深すぎます（{MAX_DEPTH}段まで）",
            f"the nesting is too deep (at most {MAX_DEPTH} levels)",
            "字下げや [ ] { } の対応を確かめてください。評価書の項目はこれほど深くなりません。",
            "Check the indentation and the pairs of [ ] and { }: no form nests this deep.",
        )
    else:
        findings.add(
            display,
            line,
            col,
            "alias-bound",
            f"* で参照する値（エイリアス）が大きくなりすぎます（展開して{MAX_ALIAS_NODES:,}項目まで）",
            f"the values referred to with * (aliases) grow too large (at most {MAX_ALIAS_NODES:,} values when expanded)",
            "& と * を使わずに、値をそのまま書いてください。",
            "Write the values out instead of using & and *.",
        )


def load_text(text: str, display: str, findings: Findings) -> LoadedFile | None:
    if m := _HIDDEN.search(text):
        at = m.start()
        _hidden_character(
            display,
            text.count("\n", 0, at) + 1,
            at - (text.rfind("\n", 0, at) + 1) + 1,
            m.group(),
            findings,
        )
        return None
    if problem := _structure_problem(text):
        _structure_finding(display, problem, findings)
        return None
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith("\u3000"):
            findings.add(
                display,
                n,
                1,
                "yaml-syntax",
                "YAMLの書き方の誤り: 行の先頭に全角スペースがあります",
                "YAML syntax error: a line starts with a full-width space",
                "字下げは半角スペースで書いてください（エディタの「空白文字を表示」を使うと全角スペースが見えます）。",
                "Indent with ordinary (half-width) spaces; most editors can show whitespace.",
            )
            return None
    fast = _parse_fast(text)
    loader: Any = fast[0] if fast else StrictLoader(text)
    loader.duplicates = fast[2] if fast else []
    try:
        node = fast[1] if fast else loader.get_single_node()
        if node is None:
            findings.add(
                display,
                1,
                1,
                "empty",
                "ファイルが空です",
                "the file is empty",
                "内容を書くか、不要ならファイルを削除してください（kohyo new で雛形を作れます）。",
                "Write the content or delete the file (kohyo new creates a skeleton).",
            )
            return None
        data = fast[3] if fast else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if str(exc.context or "").startswith("while scanning a quoted scalar") and exc.context_mark:
            mark = exc.context_mark  # where the quote opens, not the end of the file
        lines = text.split("\n")
        line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
        ja, en, hint_ja, hint_en = run_in_message(line_text) or yaml_error_message(
            str(exc.problem or exc.context or "")
        )
        findings.add(
            display,
            (mark.line + 1) if mark else 1,
            (mark.column + 1) if mark else 1,
            "yaml-syntax",
            f"YAMLの書き方の誤り: {ja}",
            f"YAML syntax error: {en}",
            hint_ja,
            hint_en,
        )
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors without marks
        findings.add(
            display, 1, 1, "yaml-syntax", f"YAMLとして読めません: {exc}", f"not valid YAML: {exc}"
        )
        return None
    finally:
        if not fast:
            loader.dispose()
    for key, mark, _parent in loader.duplicates:
        findings.add(
            display,
            mark.line + 1,
            mark.column + 1,
            "duplicate-key",
            f"キー「{key}」が同じ階層に2回あります",
            f"the key '{key}' appears twice at the same level",
            "どちらか一方を消してください（後の値で前の値が上書きされ、内容が失われます）。",
            "Remove one of them (the later value would silently replace the earlier one).",
        )
    loaded = LoadedFile(display, data, text=text)
    _walk(node, (), loaded, text.split("\n"))
    if _escaped_hidden(loaded, findings):
        return None
    for pos in loaded.comments.values():
        findings.add(
            display,
            pos.line,
            pos.col,
            "comment-in-value",
            "値の後ろの「 #」から行末まではコメントとして扱われ、ページに載りません",
            "everything from ' #' to the end of the line is a comment and does not reach the page",
            '# も本文なら、値全体を "…" で囲んでください。コメントのつもりなら、値の上の行に書いてください。',
            "If the # is part of the text, quote the whole value; put intended comments on the line above.",
            severity=Severity.WARNING,
        )
    for pos in loaded.folded.values():
        findings.add(
            display,
            pos.line,
            pos.col,
            "folded-item",
            "複数行にわたる文章の中に「- 」や「キー: 」があります。字下げが深すぎて、次の項目が前の文章に取り込まれていませんか",
            "a multi-line text contains '- ' or 'key: ': the next item may have been swallowed by the text above because it is indented too deep",
            '次の項目のつもりなら字下げを前の項目にそろえてください。文章のままでよければ、| を使って書くか全体を "…" で囲んでください。',
            "If it is the next item, align its indentation; if it is text, write it as a | block or quote it.",
            severity=Severity.WARNING,
        )
    _check_texts(loaded, findings)
    return loaded


def _escaped_hidden(loaded: LoadedFile, findings: Findings) -> bool:
    """Control characters written as escapes in quoted values (\\0, \\a, \\u202e), or keys."""
    found = False

    def visit(value: Any, path: PathKey) -> None:
        nonlocal found
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and (m := _HIDDEN.search(k)):
                    pos = loaded.position((*path, k), prefer_key=True)
                    _hidden_character(loaded.path, pos.line, pos.col, m.group(), findings)
                    found = True
                visit(v, (*path, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                visit(v, (*path, i))
        elif isinstance(value, str) and (m := _HIDDEN.search(value)):
            pos = loaded.position(path)
            _hidden_character(loaded.path, pos.line, pos.col, m.group(), findings)
            found = True

    visit(loaded.data, ())
    return found


def _check_texts(loaded: LoadedFile, findings: Findings) -> None:
    def visit(value: Any, path: PathKey) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                visit(v, (*path, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                visit(v, (*path, i))
        elif isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            pos = loaded.position(path)
            findings.add(
                loaded.path,
                pos.line,
                pos.col,
                "text-too-long",
                f"文章が長すぎます（{len(value):,}文字。上限は{MAX_TEXT_CHARS:,}文字）",
                f"the text is too long ({len(value):,} characters; the limit is {MAX_TEXT_CHARS:,})",
                "別の項目の内容まで貼り付けていないか確かめ、項目ごとに分けて書いてください。",
                "Check that nothing from other items was pasted in, and split it into its items.",
            )

    visit(loaded.data, ())
