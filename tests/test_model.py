"""The content model: dates, codes, schema kept in sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.schema import schema_documents
from generator.model import parse_date
from generator.model.base import DateError
from generator.model.registry import lg_code_check_digit

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "raw,iso,wareki,en",
    [
        ("2026-01-19", "2026-01-19", "令和8年1月19日", "19 January 2026"),
        ("令和8年1月19日", "2026-01-19", "令和8年1月19日", "19 January 2026"),
        ("令和元年5月1日", "2019-05-01", "令和元年5月1日", "1 May 2019"),
        ("令和1年12月23日", "2019-12-23", "令和元年12月23日", "23 December 2019"),
        ("平成27年10月5日", "2015-10-05", "平成27年10月5日", "5 October 2015"),
        ("令和４年１１月１５日", "2022-11-15", "令和4年11月15日", "15 November 2022"),
        ("令 和 ４ 年 １ ０ 月 ３ 日", "2022-10-03", "令和4年10月3日", "3 October 2022"),
        ("令和4年12月（予定）", "2022-12", "令和4年12月（予定）", "December 2022 (planned)"),
        ("2015/10/5", "2015-10-05", "平成27年10月5日", "5 October 2015"),
    ],
)
def test_dates_parse_and_render(raw: str, iso: str, wareki: str, en: str) -> None:
    d = parse_date(raw)
    assert (d.iso, d.wareki(), d.gregorian_en()) == (iso, wareki, en)


@pytest.mark.parametrize(
    "raw",
    [
        "2026-13-01",
        "2026-02-30",
        "令和8年2月30日",
        "平成32年1月1日",
        "令和1年4月1日",
        "昭和0年1月1日",
        "来年の春",
        "2026",
    ],
)
def test_impossible_dates_are_rejected(raw: str) -> None:
    with pytest.raises(DateError):
        parse_date(raw)


@pytest.mark.parametrize("code", ["272159", "462012", "272078", "131211", "011002"])
def test_local_government_codes(code: str) -> None:
    assert lg_code_check_digit(code[:5]) == int(code[5])


def test_committed_schemas_match_the_model() -> None:
    for name, text in schema_documents().items():
        committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
        assert committed == text, f"schema/{name} is out of date: run `kohyo schema`"


def test_schema_offers_japanese_choices_and_descriptions() -> None:
    text = schema_documents()["assessment.schema.json"]
    assert "十分である" in text and "特定個人情報ファイルの全体" in text
    assert "評価書名" in text and "公表日" in text
