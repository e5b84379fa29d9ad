"""Every case of the hostile corpus (tests/hostile/cases.py) through the real command line:
exit code and stderr equal the pinned file, no traceback, no whole 個人番号."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.loading.guard import find_individual_numbers
from tests.errorcases import Run, run_validate_in_process
from tests.hostile.cases import CASES, Case


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    got = run_validate_in_process(case.make(tmp_path), case.variant)
    assert "Traceback" not in got.stderr, got.stderr
    assert find_individual_numbers(got.stderr) == [], got.stderr
    if request.config.getoption("--update-errors"):
        case.expected.write_text(got.serialise(), encoding="utf-8", newline="\n")
        return
    assert case.expected.exists(), f"no {case.expected.name}; run with --update-errors"
    expected = Run.parse(case.expected.read_text(encoding="utf-8"))
    assert got.stderr == expected.stderr
    assert got.exit == expected.exit
