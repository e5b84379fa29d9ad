"""The worked examples of the editing guide and of the ``kohyo new`` skeleton are valid content.

An editor copies them: the skeleton with its example lines un-commented as the comment says, and
each YAML block of the guide's list section, must pass the model and the editor's schema.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from generator.commands.scaffold import EXAMPLES, assessment_skeleton
from generator.loading.load import StrictLoader
from generator.model import FORMS
from generator.model.assessment import (
    Change,
    OutsourcingItemFocused,
    OutsourcingItemFull,
    Recipient,
    RecordGroup,
    Transferee,
)
from tests.test_schema_agreement import schema_errors

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "editing-guide.md"
MODELS: dict[str, type[BaseModel]] = {
    "OutsourcingItemFocused": OutsourcingItemFocused,
    "OutsourcingItemFull": OutsourcingItemFull,
    "Recipient": Recipient,
    "Transferee": Transferee,
    "RecordGroup": RecordGroup,
    "Change": Change,
}


def load(text: str) -> Any:
    loader = StrictLoader(text)
    loader.duplicates = []
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def test_every_list_has_an_example() -> None:
    assert set(EXAMPLES) == set(MODELS)
    for name, entries in EXAMPLES.items():
        for entry in entries:
            MODELS[name].model_validate(entry)


def uncomment_examples(skeleton: str) -> str:
    """Do what the skeleton's comment says: drop the [] and the "# " of the example lines."""
    out: list[str] = []
    lines = skeleton.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^( *)(\w+): \[\]$", line)
        if m and i + 1 < len(lines) and "例は1件分" in lines[i - 1]:
            pad = m.group(1)
            out.append(f"{pad}{m.group(2)}:")
            i += 1
            while i < len(lines) and lines[i].startswith(f"{pad}# "):
                rest = lines[i][len(pad) + 2 :]
                if not rest.startswith(("- ", "  ")):
                    break  # the comment of the next field
                if not rest.startswith("  （"):
                    out.append(pad + rest)
                i += 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


@pytest.mark.parametrize("form", [f for f in FORMS if f != "概要"])
def test_skeleton_examples_validate_once_uncommented(form: str) -> None:
    skeleton = assessment_skeleton(form, "sample", "juki")
    if form == "基礎項目評価書":
        assert "例は1件分" in skeleton  # the change log
    text = uncomment_examples(skeleton)
    assert text != skeleton
    data = load(text)
    assert data["changes"][0]["item"] == "Ⅱ-5 提供・移転の有無"
    FORMS[form].model_validate(data)
    assert schema_errors(text, "assessment.schema.json") == []


def guide_blocks() -> list[tuple[str, str]]:
    section = GUIDE.read_text(encoding="utf-8").split("## 10. 一覧の書き方", 1)[1]
    return re.findall(r"\n([^\n]*)\n\n```\n(.*?)```", section, re.S)


def test_guide_examples_are_valid_entries() -> None:
    blocks = guide_blocks()
    assert len(blocks) == 6
    names = ["OutsourcingItemFocused", "OutsourcingItemFull", "Recipient", "Transferee"]
    names += ["RecordGroup", "Change"]
    for (_caption, block), name in zip(blocks, names, strict=True):
        data = load(block)
        (entries,) = data.values()
        assert entries == EXAMPLES[name], f"the guide and the skeleton disagree on {name}"
        for entry in entries:
            MODELS[name].model_validate(entry)


def test_import_is_the_first_path_of_the_guide() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[1].startswith("1. 公表済みの評価書から作る（kohyo import）")
    first = text.split("## 1. ", 1)[1].split("\n## ", 1)[0]
    steps = [
        first.index(s)
        for s in (
            "kohyo import 評価書.pdf",
            "--report",
            "source_notes",
            "kohyo validate",
            "make serve",
        )
    ]
    assert steps == sorted(steps)
