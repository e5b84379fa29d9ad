"""A draft as YAML that a person edits: the schema line first, texts as | blocks."""

from __future__ import annotations

from typing import Any

import yaml

HEADER = (
    "# yaml-language-server: $schema=../../../schema/assessment.schema.json\n"
    "# kohyo import が作った下書きです。kohyo import --report で確かめる値の一覧を出し、\n"
    "# source_notes の記載を項目へ移してから kohyo validate と kohyo serve で確かめてください。\n"
)


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def to_yaml(data: dict[str, Any]) -> str:
    body = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2
    )
    return HEADER + body
