"""The texts of a synthetic assessment: real sentences of the seeds, rewritten.

``Pools`` gathers the Japanese sentences and fragments of the seed assessments; ``Rewriter``
replaces each text of a template record by real sentences at 70–130 % of its length, lists at
70–130 % of their entries, and the seed's municipality names by the synthetic one
(``generator.devtools.synth`` makes the corpora).
"""

from __future__ import annotations

import bisect
import random
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel

from generator.loading.load import StrictLoader
from generator.model import Text


class _Loader(yaml.CSafeLoader):
    """libyaml parsing with the project loader's scalar rules (YAML 1.2 booleans, no timestamps)."""


_Loader.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


# Real municipality names that appear in the template texts; replaced by the synthetic name.
REAL_NAMES = ("高槻市", "寝屋川市", "鹿児島市", "足立区")
# Lists whose length varies between assessments (item model names).
VARIABLE_LISTS = {
    "Recipient",
    "Transferee",
    "AnnexRow",
    "OutsourcingItemFocused",
    "OutsourcingItemFull",
    "Change",
}
# ------------------------------------------------------------------------------ phrase pools
_SENT_END = re.compile(r"(?<=。)")
_FRAG_SPLIT = re.compile(r"[、。\n]")
_MARK = re.compile(r"^(?:\s|・|-\s|[①-⑳]|[0-9０-９]+[．.)）]|[（(][0-9０-９]+[)）]|※)*")
_KEEP = re.compile(r"別紙|別添|別表.*参照")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@dataclass
class Pools:
    """Sentences (long texts) and fragments (short texts) of the real content, sorted by length."""

    sentences: list[str]
    fragments: list[str]
    frag_lens: list[int]

    @classmethod
    def from_content(cls, content: Path) -> Pools:
        texts: list[str] = []
        for path in sorted((content / "assessments").rglob("*.yaml")):
            _collect_ja(read_yaml(path), texts)
        sentences: set[str] = set()
        fragments: set[str] = set()
        for text in texts:
            for line in text.splitlines():
                line = _MARK.sub("", line).strip()
                if not _CJK.search(line):
                    continue
                for s in _SENT_END.split(line):
                    s = s.strip()
                    if 8 <= len(s) <= 160:
                        sentences.add(s)
                for f in _FRAG_SPLIT.split(line):
                    f = f.strip()
                    if 2 <= len(f) <= 40 and _CJK.search(f):
                        fragments.add(f)
        frags = sorted(fragments, key=lambda f: (len(f), f))
        return cls(sorted(sentences), frags, [len(f) for f in frags])

    def fragment(self, rng: random.Random, length: int) -> str:
        lo = bisect.bisect_left(self.frag_lens, max(2, length - 3))
        hi = bisect.bisect_right(self.frag_lens, length + 3)
        if hi <= lo:
            lo, hi = max(0, lo - 20), min(len(self.fragments), lo + 20)
        return self.fragments[rng.randrange(lo, hi)]

    def line(self, rng: random.Random, length: int) -> str:
        if length <= 30:
            return self.fragment(rng, length)
        out: list[str] = []
        total = 0
        while total < length:
            s = self.sentences[rng.randrange(len(self.sentences))]
            out.append(s)
            total += len(s)
        return "".join(out)


def _collect_ja(node: Any, out: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "en":
                continue
            if isinstance(value, str) and _CJK.search(value):
                out.append(value)
            else:
                _collect_ja(value, out)
    elif isinstance(node, list):
        for value in node:
            if isinstance(value, str) and _CJK.search(value):
                out.append(value)
            else:
                _collect_ja(value, out)


# ------------------------------------------------------------------------------ text rewriting
class Rewriter:
    """Walks a template record alongside its pydantic model and replaces every free text."""

    def __init__(self, pools: Pools, rng: random.Random, muni_name: str) -> None:
        self.pools = pools
        self.rng = rng
        self.muni_name = muni_name
        self.body_lines: list[str] = []  # lines written outside the change log
        self.in_changes = False

    def text(self, ja: str) -> str:
        lines = []
        for line in ja.split("\n"):
            stripped = line.strip()
            if (
                not stripped
                or (stripped[0] in "<＜" and stripped[-1] in ">＞")
                or _KEEP.search(stripped)
            ):
                lines.append(
                    self.rename(line)
                )  # blank lines, sub-headings and references to 別紙 keep the structure
                continue
            mark = _MARK.match(line)
            prefix = mark.group(0) if mark else ""
            body = line[len(prefix) :]
            target = max(2, round(len(body) * self.rng.uniform(0.7, 1.3)))
            new = self.pools.line(self.rng, target)
            new = self.rename(new)
            lines.append(prefix + new)
            if not self.in_changes and 6 <= len(new) <= 300:
                self.body_lines.append(new)
        return "\n".join(lines)

    def rename(self, text: str) -> str:
        for real in REAL_NAMES:
            text = text.replace(real, self.muni_name)
        return text

    def record(self, model: type[BaseModel], template: dict[str, Any]) -> dict[str, Any]:
        """Rewrite a whole assessment; each change row then quotes a line of the new body as its
        「変更後の記載」, as a real change log does."""
        out: dict[str, Any] = {}
        for key, item in template.items():
            info = model.model_fields.get(key)
            self.in_changes = key == "changes"
            out[key] = self.value(info.annotation, item) if info is not None else item
        self.in_changes = False
        return out

    def value(self, tp: Any, value: Any) -> Any:
        tp = _strip(tp)
        origin = get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in get_args(tp) if a is not type(None)]
            if value is None:
                return None
            models = [a for a in options if isinstance(a, type) and issubclass(a, BaseModel)]
            for option in options:
                if _strip(option) is Text:
                    return self.value(option, value)
            if isinstance(value, dict) and models:
                keys = set(value)
                fitting = [m for m in models if keys <= set(m.model_fields)]
                return self.value(fitting[0] if fitting else models[0], value)
            if isinstance(value, list):
                lists = [a for a in options if get_origin(_strip(a)) is list]
                if lists:
                    return self.value(lists[0], value)
            return value
        if isinstance(tp, type) and issubclass(tp, Text):  # texts and record items
            if isinstance(value, str):
                return self.text(value)
            if isinstance(value, dict) and isinstance(value.get("ja"), str):
                return self.text(value["ja"])  # synthetic municipalities publish in Japanese only
            return value
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if not isinstance(value, dict):
                return value
            out: dict[str, Any] = {}
            for key, item in value.items():
                info = tp.model_fields.get(key)
                out[key] = self.value(info.annotation, item) if info is not None else item
            return out
        if origin is list and isinstance(value, list):
            (item_tp,) = get_args(tp) or (Any,)
            items = value
            inner = _strip(item_tp)
            if isinstance(inner, type) and inner.__name__ in VARIABLE_LISTS and items:
                n = max(1, round(len(items) * self.rng.uniform(0.7, 1.3)))
                items = [items[i % len(items)] for i in range(n)]
            return [self.value(item_tp, v) for v in items]
        if origin is dict and isinstance(value, dict):
            _k, v_tp = get_args(tp)
            return {k: self.value(v_tp, v) for k, v in value.items()}
        return value


def _strip(tp: Any) -> Any:
    while get_origin(tp) is typing.Annotated:
        tp = get_args(tp)[0]
    return tp


def _strings(node: Any, out: list[str]) -> None:
    if isinstance(node, dict):
        for value in node.values():
            _strings(value, out)
    elif isinstance(node, list):
        for value in node:
            _strings(value, out)
    elif isinstance(node, str):
        out.append(node)


def _finish(record: dict[str, Any], rw: Rewriter) -> None:
    """Make the record consistent with itself, as the checks of a real one expect: each change row
    quotes a line of the new body as its 「変更後の記載」, and the printed counts match the lists."""
    body_parts: list[str] = []
    _strings({k: v for k, v in record.items() if k != "changes"}, body_parts)
    body = "".join(body_parts)
    lines = [line for line in rw.body_lines if line in body]
    for change in record.get("changes") or []:
        if isinstance(change, dict) and change.get("after") is not None and lines:
            change["after"] = lines[rw.rng.randrange(len(lines))]
    annexes = record.get("annexes") or []
    for i, file in enumerate(record.get("files") or []):
        if not isinstance(file, dict):
            continue
        out = file.get("outsourcing")
        if isinstance(out, dict) and out.get("count") is not None and out.get("items"):
            out["count"] = len(out["items"])
        d = file.get("disclosure")
        if not isinstance(d, dict):
            continue
        for kind, count_key, list_key in (
            ("提供", "provides_count", "recipients"),
            ("移転", "transfers_count", "transferees"),
        ):
            entries = d.get(list_key) or []
            if d.get(count_key) is None or not entries:
                continue
            annex_rows = sum(
                len(part.get("rows") or [])
                for annex in annexes
                if annex.get("kind") == kind and annex.get("file", 1) == i + 1
                for part in annex.get("parts") or []
            )
            listed = [e for e in entries if not _KEEP.search(_ja(e.get("name")))]
            if len(listed) < len(entries) and not annex_rows:
                continue
            d[count_key] = len(listed) + annex_rows


def _ja(text: Any) -> str:
    if isinstance(text, dict):
        return str(text.get("ja", ""))
    return str(text or "")
