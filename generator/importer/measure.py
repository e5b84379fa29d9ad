"""How good a draft is: agreement with a hand-made file, and source text kept.

* agreement: the share of the hand-made file's filled values (leaves: a text, a choice, one
  checkbox, a count, a date) that the draft fills with the same value at the same place, after
  normalisation (NFKC, no white space, one kind of dash).  Record items are compared by their
  running number, whatever their grouping.
* kept: the share of the source's characters (HTML removed) that appear in the draft's values,
  keys or source notes, or are printed form text (labels, option lists, check boxes, item
  numbers).

``python -m generator.importer.measure`` prints both for the seed documents that are in content/.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.importer.engine import (
    GROUP_LABELS,
    alias_labels,
    is_option_list,
    label_matches,
    model_labels,
    model_options,
)
from generator.importer.sections import FIXED, SECTIONS
from generator.importer.source import clean_cell, fix_radicals, norm, norm_label
from generator.model.assessment import FORMS
from generator.model.base import Check, DateValue, Text
from generator.model.choices import MAIN_ITEM_GROUPS

SKIP = {"source", "source_notes", "municipality"}


def value_norm(text: str) -> str:
    text = norm(text)
    return re.sub(r"[‐‑‒–—―－]", "-", text)


def leaves(doc: BaseModel) -> dict[str, str]:
    out: dict[str, str] = {}

    def walk(node: Any, path: str) -> None:
        if node is None:
            return
        if isinstance(node, Text):
            out[path] = value_norm(node.ja)
        elif isinstance(node, DateValue):
            out[path] = node.iso + ("予定" if node.planned else "")
        elif isinstance(node, Check):
            if node.checked is not None:
                out[f"{path}.checked"] = str(node.checked)
            if node.note is not None:
                out[f"{path}.note"] = value_norm(node.note.ja)
        elif isinstance(node, BaseModel):
            for name in type(node).model_fields:
                if not path and name in SKIP:
                    continue
                walk(getattr(node, name), f"{path}.{name}" if path else name)
        elif isinstance(node, list):
            if path.endswith("record_items"):
                flat = [item for group in node for item in group.items]
                for i, item in enumerate(flat):
                    walk(item, f"{path}.items[{i}]")
                return
            for i, item in enumerate(node):
                walk(item, f"{path}[{i}]")
        elif isinstance(node, dict):
            for key, item in node.items():
                walk(item, f"{path}.{key}")
        else:
            out[path] = value_norm(str(node))

    walk(doc, "")
    return out


def agreement(hand: BaseModel, draft: BaseModel) -> tuple[int, int]:
    """(values of ``hand`` that ``draft`` has equal, values of ``hand``)."""
    want = leaves(hand)
    got = leaves(draft)
    same = sum(1 for k, v in want.items() if got.get(k) == v)
    return same, len(want)


# ------------------------------------------------------------------------------------ kept

_SPLIT = re.compile(
    r"\[[^\[\]]*\]|[<＜◇]選択肢[>＞◇]|(?:^|\s)\d+\)\s|[(（]\s*\)\s*件|[(（]\s*\d*\s*[)）]\s*件|\s{2,}|[○？]|\u2063R|\s・"
    r"|(?:^|(?<=[\s、,]))\d+[.．]\s*|、|\s[(（]\d+[)）]\s*|(?:^|\s)\d{1,2}\s|[(（)）]"
)


def _form_text() -> tuple[set[str], set[str]]:
    labels: set[str] = set()
    options: set[str] = set()
    for model in FORMS.values():
        labels |= model_labels(model)
        options |= model_options(model)
    for heads in SECTIONS.values():
        labels |= {norm_label(h) for _, h in heads} | {norm(h) for _, h in heads}
    labels |= {"項目一覧", "特定個人情報ファイル記録項目", "主な記載項目", "概要", "表紙保護の宣言"}
    labels |= {norm_label(g) for g in GROUP_LABELS} | alias_labels()
    groups = {ja for ja, _en in MAIN_ITEM_GROUPS.values()}
    labels |= {norm(g) for g in groups} | {"・" + norm(g) for g in groups}
    return labels, options


def strings(node: Any, out: list[str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            out.append(str(k))
            strings(v, out)
    elif isinstance(node, list):
        for v in node:
            strings(v, out)
    elif node is not None:
        out.append(str(node))


def kept(
    source_lines: list[str], draft: dict[str, Any], missed: list[str] | None = None
) -> tuple[int, int]:
    """(characters of the source found in the draft or printed form text, all characters)."""
    labels, options = _form_text()
    long_labels = [lb for lb in labels if len(lb) >= 20]  # misprinted ones are matched too
    parts: list[str] = []
    strings(draft, parts)
    corpus = "\x00".join(value_norm(p) for p in parts)
    exact = set(corpus.split("\x00"))
    have = total = 0
    for line in source_lines:
        line = fix_radicals(line)
        for cell in line.split("\t"):
            for piece in clean_cell(cell).split("\n"):
                whole = value_norm(piece)
                head, _, tail = piece.strip().partition(" ")
                tail = re.sub(r"\s*時点$", "", tail)  # 「[令和3年12月31日] 時点」: printed
                if whole and (
                    norm_label(piece) in labels
                    or whole in exact
                    or (
                        len(whole) >= 20
                        and any(label_matches(norm_label(piece), lb) for lb in long_labels)
                    )
                    or is_option_list(piece, options)
                    or (norm_label(head) in labels and tail and value_norm(tail) in corpus)
                ):
                    have += len(whole)
                    total += len(whole)
                    continue
                for seg in _SPLIT.split(piece):
                    n = value_norm(seg or "")
                    if not n:
                        continue
                    total += len(n)
                    if (
                        n in exact
                        or n in labels
                        or FIXED.match(n)
                        or re.sub(r"^[(（]\d+[)）]", "", n) in corpus
                        or re.fullmatch(r"(?:システム|委託事項|提供先|移転先)\d+", n)
                        or norm_label(seg) in labels
                        or n in options
                        or n.strip("・") in options
                        or re.fullmatch(r"[\d.,、()（）~～\-]+", n)
                        or n in corpus
                    ):
                        have += len(n)
                    elif missed is not None:
                        missed.append(seg)
    return have, total


# ------------------------------------------------------------------------------------ seeds


@dataclass(frozen=True)
class SeedDoc:
    seed: str
    index: int  # which document of the seed
    content: str  # the hand-made file, relative to content/assessments/
    municipality: str


SEED_DOCS = (
    SeedDoc("000_3f2f244044eef241", 0, "neyagawa/juki-focused.yaml", "neyagawa"),
    SeedDoc("001_2dd5a35925262c72", 0, "kagoshima/juki-full.yaml", "kagoshima"),
    SeedDoc("002_32a03fc301fb5106", 0, "takatsuki/vaccination-full.yaml", "takatsuki"),
    SeedDoc("002_32a03fc301fb5106", 1, "takatsuki/juki-basic.yaml", "takatsuki"),
    SeedDoc("002_32a03fc301fb5106", 2, "takatsuki/juki-full.yaml", "takatsuki"),
    SeedDoc("003_55aca175591b0f45", 0, "adachi/juki-summary.yaml", "adachi"),
)


@dataclass
class Result:
    doc: SeedDoc
    same: int
    values: int
    kept: int
    chars: int
    seconds: float


def measure(root: Path, seeds: Path) -> list[Result]:
    from generator.importer import import_file
    from generator.loading.load import StrictLoader

    out = []
    cache: dict[str, tuple[list[Any], float, list[str]]] = {}
    for sd in SEED_DOCS:
        path = seeds / f"{sd.seed}.txt"
        if sd.seed not in cache:
            start = time.perf_counter()
            drafts = import_file(path, sd.municipality)
            cache[sd.seed] = (
                drafts,
                time.perf_counter() - start,
                path.read_text(encoding="utf-8").split("\n"),
            )
        drafts, seconds, lines = cache[sd.seed]
        draft = drafts[sd.index]
        hand_text = (root / "content" / "assessments" / sd.content).read_text(encoding="utf-8")
        loader = StrictLoader(hand_text)
        loader.duplicates = []
        try:
            hand_data = loader.get_single_data()
        finally:
            loader.dispose()
        model = FORMS[hand_data["form"]]
        hand = model.model_validate(hand_data)
        mine = model.model_validate(draft.data)
        same, values = agreement(hand, mine)
        src = lines[draft.first_line - 1 : draft.last_line]
        have, total = kept(src, draft.data)
        out.append(Result(sd, same, values, have, total, seconds))
    return out


def main() -> int:
    root = Path(__file__).resolve().parents[2]
    seeds = root.parent / "shared" / "seeds"
    if len(sys.argv) > 1:
        seeds = Path(sys.argv[1])
    print("document | agreement | kept | import time of the seed")
    for r in measure(root, seeds):
        print(
            f"{r.doc.seed[:3]}[{r.doc.index}] {r.doc.content} | "
            f"{r.same}/{r.values} = {100 * r.same / max(1, r.values):.1f} % | "
            f"{r.kept}/{r.chars} = {100 * r.kept / max(1, r.chars):.2f} % | {r.seconds:.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
