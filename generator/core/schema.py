"""JSON Schemas for editors, generated from the model (``kohyo schema``).

The files in schema/ are committed so that VS Code (redhat.vscode-yaml) can complete choices
in Japanese and show each key's Japanese description; a test fails when they drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from generator.model import (
    BasicAssessment,
    Consultation,
    FocusedAssessment,
    FullAssessment,
    Municipality,
    ProcessRegistry,
    Report,
    SummaryDocument,
)

AnyAssessment = Annotated[
    FocusedAssessment | FullAssessment | BasicAssessment | SummaryDocument,
    Field(discriminator="form"),
]
AnyCouncil = Annotated[Consultation | Report, Field(discriminator="kind")]

SCHEMAS: dict[str, tuple[Any, str]] = {
    "assessment.schema.json": (
        AnyAssessment,
        "特定個人情報保護評価書（content/assessments/<団体>/<名前>.yaml）",
    ),
    "council.schema.json": (
        AnyCouncil,
        "審議会の文書: 諮問・答申（content/council/<団体>/<名前>.yaml）",
    ),
    "municipality.schema.json": (Municipality, "地方公共団体（content/municipalities/<id>.yaml）"),
    "processes.schema.json": (ProcessRegistry, "事務の一覧（content/registries/processes.yaml）"),
}


def schema_documents() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, (tp, title) in SCHEMAS.items():
        schema = TypeAdapter(tp).json_schema()
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": title,
            **schema,
        }
        out[name] = json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents().items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
