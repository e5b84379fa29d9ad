"""Consistency warnings (generator.linking.checks) on small edits of the fixture corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.findings import Findings
from generator.pipeline import Project, prepare

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
FOCUSED = "content/assessments/sample/juki-focused.yaml"


def _codes(
    tmp_path: Path, edits: list[tuple[str, str]], target: str = FOCUSED
) -> list[tuple[str, int]]:
    root = tmp_path / f"p{len(list(tmp_path.iterdir()))}"
    shutil.copytree(CORPUS, root)
    path = root / target
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    findings = Findings()
    prepare(Project.open(root, findings), findings)
    assert not findings.errors, [f.format() for f in findings.errors]
    return [(f.code, f.line) for f in findings.warnings]


def test_fixture_corpus_has_no_warnings(tmp_path: Path) -> None:
    assert _codes(tmp_path, []) == []


def test_outsourcing_count_differs_from_items(tmp_path: Path) -> None:
    assert ("count-mismatch", 73) in _codes(tmp_path, [("      count: 1\n", "      count: 3\n")])


def test_provision_count_differs_from_rows(tmp_path: Path) -> None:
    codes = _codes(tmp_path, [("      provides_count: 1\n", "      provides_count: 5\n")])
    assert [c for c, _ in codes] == ["count-mismatch"]


def test_population_requires_a_fuller_form(tmp_path: Path) -> None:
    codes = _codes(
        tmp_path, [("    population: 10万人以上30万人未満", "    population: 30万人以上")]
    )
    assert [c for c, _ in codes] == ["threshold-form", "threshold-result"]


def test_threshold_result_does_not_fit_population(tmp_path: Path) -> None:
    codes = _codes(
        tmp_path,
        [
            (
                "threshold_result: 基礎項目評価及び全項目評価の実施が義務付けられる",
                "threshold_result: 基礎項目評価の実施が義務付けられる",
            )
        ],
        "content/assessments/sample/juki-basic.yaml",
    )
    assert [c for c, _ in codes] == ["threshold-result"]


def test_measures_without_rating(tmp_path: Path) -> None:
    codes = _codes(
        tmp_path,
        [
            (
                "          measures: 窓口で本人確認を行う。\n          rating: 十分である\n",
                "          measures: 窓口で本人確認を行う。\n",
            )
        ],
    )
    assert [c for c, _ in codes] == ["rating-missing"]


@pytest.mark.parametrize(
    "after,expected",
    [
        ("番号法第19条第8号及び同号に基づく主務省令第2条の表", []),  # the body says it
        ("番号法第19条第7号及び別表第二に基づくもの", ["change-not-in-body"]),
    ],
)
def test_change_log_after_text_against_body(
    tmp_path: Path, after: str, expected: list[str]
) -> None:
    codes = _codes(
        tmp_path,
        [("    after: 番号法第19条第8号及び同号に基づく主務省令第2条の表", f"    after: {after}")],
    )
    assert [c for c, _ in codes] == expected


def test_source_note_path_must_name_a_field(tmp_path: Path) -> None:
    codes = _codes(
        tmp_path,
        [("  - field: basic_info.other_assessors", "  - field: basic_info.other_assesors")],
    )
    assert [c for c, _ in codes] == ["source-note-path"]


def test_source_note_path_with_index_and_wildcard(tmp_path: Path) -> None:
    assert (
        _codes(
            tmp_path,
            [
                (
                    "  - field: basic_info.other_assessors",
                    "  - field: files[*].outsourcing.items[0].contractor",
                )
            ],
        )
        == []
    )
    codes = _codes(
        tmp_path, [("  - field: basic_info.other_assessors", "  - field: files[3].basic")]
    )
    assert [c for c, _ in codes] == ["source-note-path"]
