"""The editor's JSON Schema and ``kohyo validate`` agree.

An editor (VS Code's YAML extension) checks a content file against the schema its first line
names, with a standard JSON Schema validator.  Every real content file, every ``kohyo new``
skeleton and every ``kohyo import`` draft must pass that check with zero errors, and the broken
files of the error catalogue that the schema can express must fail it as they fail validate.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from generator.commands.scaffold import assessment_skeleton
from generator.loading.load import StrictLoader
from generator.model import FORMS
from tests.errorcases import load_cases

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)")
SCHEMA_BY_FOLDER = {
    "assessments": "assessment.schema.json",
    "council": "council.schema.json",
    "municipalities": "municipality.schema.json",
}

# Findings that the schema can express: a wrong type, an unknown or missing key, a value that
# is not one of the printed options, a pattern or range.  Dates that do not exist, check
# digits, cross-references and personal data are for validate alone.
SCHEMA_CODES = {"wrong-type", "missing-field", "unknown-field", "invalid-choice", "yaml11-bool"}
SCHEMA_VALUE_CASES = {"bad-slug", "negative-count", "yaml11-bool-checklist"}


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def read_yaml(text: str) -> Any:
    """As the editor reads it: YAML 1.2 (dates stay strings, only true/false are booleans)."""
    loader = StrictLoader(text)
    loader.duplicates = []  # the last value wins, as in an editor
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def schema_errors(text: str, schema_name: str) -> list[str]:
    data = read_yaml(text)
    out = []
    for error in validator(schema_name).iter_errors(data):
        # a oneOf over the forms: report the reasons inside the branch that names this form
        deepest = max(error.context or [error], key=lambda e: len(e.absolute_path))
        where = "/".join(str(p) for p in deepest.absolute_path)
        out.append(f"{where}: {deepest.message[:200]}")
    return out


def named_schema(path: Path, text: str) -> str:
    m = SCHEMA_LINE.match(text)
    assert m, f"{path}: the first line names no schema"
    return (path.parent / m.group(1)).resolve().name


CONTENT_FILES = sorted(
    p
    for base in (ROOT / "content", ROOT / "tests" / "fixtures" / "corpus" / "content")
    for p in base.rglob("*.yaml")
    if SCHEMA_LINE.match(p.read_text(encoding="utf-8"))
)


def test_every_real_content_file_is_covered() -> None:
    real = {
        p.relative_to(ROOT / "content").parts[0] for p in CONTENT_FILES if "fixtures" not in p.parts
    }
    assert {"assessments", "council", "municipalities", "registries"} <= real
    assessments = [p for p in CONTENT_FILES if p.is_relative_to(ROOT / "content" / "assessments")]
    assert len(assessments) == len(list((ROOT / "content" / "assessments").rglob("*.yaml")))


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_content_file_passes_its_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert schema_errors(text, named_schema(path, text)) == []


@pytest.mark.parametrize("form", [f for f in FORMS if f != "概要"])
def test_new_skeleton_passes_its_schema(form: str) -> None:
    text = assessment_skeleton(form, "sample", "juki")
    path = ROOT / "content" / "assessments" / "sample" / "new.yaml"
    assert schema_errors(text, named_schema(path, text)) == []


def _schema_cases() -> list[Any]:
    out = []
    for case in load_cases():
        folder = case.target.split("/")[1]
        expected = case.expected_path("ja").read_text(encoding="utf-8")
        codes = set(re.findall(r"\[([a-z0-9-]+)\]$", expected, re.M))
        if folder not in SCHEMA_BY_FOLDER or "yaml-syntax" in codes or "empty" in codes:
            continue
        if codes & SCHEMA_CODES or case.name in SCHEMA_VALUE_CASES:
            out.append(pytest.param(case, SCHEMA_BY_FOLDER[folder], id=case.name))
    # (the parameter is not called ``case``: test_errors collects every test with that name)
    return out


SCHEMA_CASES = _schema_cases()


def test_schema_cases_cover_the_catalogue() -> None:
    names = {p.id for p in SCHEMA_CASES}
    assert {"bad-slug", "invalid-choice", "unknown-field-top", "missing-form"} <= names
    assert len(names) >= 20, sorted(names)


@pytest.mark.parametrize(("broken", "schema_name"), SCHEMA_CASES)
def test_broken_fixture_is_rejected_by_the_schema(broken: Any, schema_name: str) -> None:
    raw = broken.input.read_bytes()
    text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    assert schema_errors(text, schema_name), (
        f"{broken.name}: the schema accepts what validate rejects"
    )
