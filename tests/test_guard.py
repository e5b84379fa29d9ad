"""The personal-data guard (generator.loading.guard)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator.core.findings import Findings
from generator.core.mynumber import (
    find_individual_numbers,
    individual_number_check_digit,
    is_individual_number,
)
from generator.loading.contentfiles import content_files
from generator.loading.guard import looks_like_resident_record, scan_personal_data
from generator.loading.load import load_file, load_text

PROJECT = Path(__file__).resolve().parent.parent

# Generated with the official rule by hand (Pn from the right, Qn = n+1 / n-5); the first is the
# sample number the Digital Agency and many references use.
KNOWN_VALID = [
    "123456789018",
    "111111111118",
    "987654321093",
    "000000000019",
    "100000000005",
    "555555555557",
]


def _reference_check_digit(first11: str) -> int:
    """The rule written out once more, as in the ordinance (a second, independent spelling)."""
    p = [int(c) for c in first11[::-1]]  # p[0] is P1, the rightmost digit
    q = [n + 1 if n <= 6 else n - 5 for n in range(1, 12)]
    r = sum(pn * qn for pn, qn in zip(p, q, strict=True)) % 11
    return 0 if r <= 1 else 11 - r


@pytest.mark.parametrize("number", KNOWN_VALID)
def test_known_valid_numbers(number: str) -> None:
    assert is_individual_number(number)
    wrong = number[:11] + str((int(number[11]) + 1) % 10)
    assert not is_individual_number(wrong)


def test_generated_numbers_agree_with_the_reference_rule() -> None:
    rng = random.Random(20260119)
    for _ in range(2000):
        first = "".join(rng.choice("0123456789") for _ in range(11))
        check = _reference_check_digit(first)
        assert individual_number_check_digit(first) == check
        assert is_individual_number(first + str(check))
        assert sum(is_individual_number(first + str(d)) for d in range(10)) == 1


def test_full_width_digits_and_bad_input() -> None:
    assert is_individual_number("１２３４５６７８９０１８")
    for bad in ("12345678901", "1234567890180", "12345678901a", "", "1234 5678 9018"):
        assert not is_individual_number(bad)


@pytest.mark.parametrize(
    "text",
    [
        "個人番号 123456789018 を記載",
        "1234 5678 9018",
        "1234-5678-9018",
        "１２３４　５６７８　９０１８",
        "１２３４－５６７８－９０１８",
        "番号:123456789018。",
        # the separators a PDF copy or a hurried editor gives (issue 17)
        "1234 5678\n9018",
        "123456\n789018",
        "1234ー5678ー9018",
        "1234–5678—9018",
        "1234.5678.9018",
        "1234\u00a05678\u00a09018",
        "1234\t5678\t9018",
        "1234\u200b5678\u200b9018",
        "1 2 3 4 5 6 7 8 9 0 1 8",
        "123-456-789-018",
        "https://example.invalid/files/123456789018.pdf",  # published as the link's address
    ],
)
def test_numbers_found(text: str) -> None:
    assert find_individual_numbers(text) == ["123456789018"]


@pytest.mark.parametrize(
    "text",
    [
        "123456789019",  # check digit fails
        "1234567890180",  # 13 digits (法人番号 has 13)
        "01234567890189",
        "1234-5678-9018-1234",  # part of a longer number
        "0000 0000 0000",  # placeholder
        "電話 072-674-7322、郵便番号 569-8501",
        "平成27年10月5日から令和8年1月19日まで",
    ],
)
def test_numbers_not_found(text: str) -> None:
    assert find_individual_numbers(text) == []


@pytest.mark.parametrize(
    "line",
    [
        "山田 太郎 昭和45年3月2日",
        "山田　太郎　1970/03/02",
        "山田太郎、1970-03-02",
        "・山田 花子 様 平成2年1月1日生 見本市本町1丁目2番3号",
        "ヤマダ タロウ 見本市本町1-2-3",
        "1. 佐藤 一郎 大阪府見本市栄町4丁目5番6号",
        "氏名：鈴木次郎 生年月日：S45.3.2",
    ],
)
def test_record_lines(line: str) -> None:
    assert looks_like_resident_record(line)


@pytest.mark.parametrize(
    "line",
    [
        "1 番号法(平成25年5月31日法律第27号)",
        "2．住民基本台帳法（住基法）（昭和42年7月25日法律第81号）",
        "〒569-8501　高槻市桃園町2番1号",
        "郵便番号892-8677 鹿児島市山下町11番1号 鹿児島市役所市民局市民文化部市民課",
        "市民課 見本市本町1-1-1",
        "高槻市長 濱田 剛史",
        "令和6年7月31日 法改正に伴う変更",
        "電話：072-674-7322　ファックス：072-674-7837",
        "期間:5年 その妥当性:平成14年6月10日総務省告示第334号に定める期間",
        "平成27年10月5日 使用開始",
    ],
)
def test_not_record_lines(line: str) -> None:
    assert not looks_like_resident_record(line)


def _scan(text: str) -> list[str]:
    findings = Findings()
    loaded = load_text(text, "x.yaml", findings)
    assert loaded is not None
    assert not findings.errors
    scan_personal_data(loaded, findings)
    return [f"{f.line}:{f.col} {f.code}" for f in findings if f.code == "personal-data"]


RECORDS = "    山田 太郎 昭和45年3月2日\n    山田 花子 昭和47年11月20日\n    佐藤 一郎 1980/01/02\n"


def test_scan_positions_and_codes() -> None:
    assert _scan("a: x\nb: 1234 5678 9018\n") == ["2:4 personal-data"]
    assert _scan("a:\n  ja: 123456789018\n") == ["2:7 personal-data"]
    assert _scan("a: 123456789018\n") == ["1:4 personal-data"]  # an unquoted number too
    assert _scan("t: |\n" + RECORDS) == ["1:4 personal-data"]
    assert _scan(
        "l:\n  - 山田 太郎 昭和45年3月2日\n  - 山田 花子 昭和47年11月20日\n  - 佐藤 一郎 1980/01/02\n"
    ) == ["2:5 personal-data"]


def test_two_record_lines_are_not_a_run() -> None:
    assert (
        _scan("t: |\n    山田 太郎 昭和45年3月2日\n    山田 花子 昭和47年11月20日\n    以上\n")
        == []
    )
    assert (
        _scan(
            "t: |\n    山田 太郎 昭和45年3月2日\n    本文\n    山田 花子 昭和47年11月20日\n    佐藤 一郎 1980/01/02\n"
        )
        == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "b: 1234 5678 9018  # kohyo: 個人情報ではない\n",
        "# kohyo: 個人情報ではない\nb: 1234 5678 9018\n",
        "b:  # kohyo: 個人情報ではない\n  ja: 1234 5678 9018\n",
        "b:\n  # kohyo：個人情報ではない\n  ja: 1234 5678 9018\n",
        "t: |  # kohyo: 個人情報ではない\n" + RECORDS,
        "# kohyo: 個人情報ではない\nt: |\n" + RECORDS,
        "l:  # kohyo: 個人情報ではない\n  - 山田 太郎 昭和45年3月2日\n  - 山田 花子 昭和47年11月20日\n  - 佐藤 一郎 1980/01/02\n",
    ],
)
def test_acknowledged(text: str) -> None:
    assert _scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # the comment acknowledges its own value only
        "# kohyo: 個人情報ではない\na: x\nb: 1234 5678 9018\n",
        "a: x  # kohyo: 個人情報ではない\nb: 1234 5678 9018\n",
        # inside a quoted value or a block it is text, not a comment
        'b: "1234 5678 9018 # kohyo: 個人情報ではない"\n',
        "t: |\n    # kohyo: 個人情報ではない\n" + RECORDS,
    ],
)
def test_not_acknowledged(text: str) -> None:
    assert _scan(text) != []


def test_only_the_acknowledged_value_is_silenced() -> None:
    text = "a: 1234 5678 9018  # kohyo: 個人情報ではない\nb: 1234 5678 9018\n"
    assert _scan(text) == ["2:4 personal-data"]


@pytest.mark.parametrize("root", ["content", "tests/fixtures/corpus/content"])
def test_real_content_is_clean(root: str) -> None:
    """The real assessments (dates, office addresses, law citations) give no finding."""
    files = content_files(PROJECT / root)
    assert files
    for path in files:
        findings = Findings()
        loaded = load_file(path, str(path), findings)
        if loaded is None:  # a file being edited right now; the loader reports it, not the guard
            continue
        before = len(findings.items)
        scan_personal_data(loaded, findings)
        new = [f.format() for f in findings.items[before:]]
        assert new == [], new


def test_message_names_the_acknowledgement_and_masks_the_number() -> None:
    findings = Findings()
    loaded = load_text("b: 1234 5678 9018\n", "x.yaml", findings)
    assert loaded is not None
    scan_personal_data(loaded, findings)
    (f,) = findings.items
    assert "# kohyo: 個人情報ではない" in f.hint_ja and "# kohyo: 個人情報ではない" in f.hint_en
    assert "9018" not in f.message_ja + f.message_en + f.hint_ja + f.hint_en
    assert f.message_en and f.hint_en


def test_no_message_prints_a_number() -> None:
    from generator.core.findings import Findings

    findings = Findings()
    findings.add(
        "a.yaml",
        1,
        1,
        "invalid-choice",
        "「1234-5678-9018」は選択肢にありません",
        "'1234 5678 9018' is not",
        "選択肢: 123456789018",
        "x",
    )
    (f,) = list(findings)
    for text in (f.message_ja, f.message_en, f.hint_ja):
        assert "9018" not in text and "1234" in text, text
