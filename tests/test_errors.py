"""Every case of the error catalogue (tests/errors/) through the real command line.

Each case copies tests/fixtures/corpus, puts the broken file in place and runs the command
line's ``main(["--root", ..., "validate"])`` in this process; exit code and stderr must match the
expected file exactly, and no traceback may ever appear.  The clean fixture corpus goes through a
real ``python -m generator`` subprocess (``test_fixture_corpus_is_valid``), which proves the entry
point and the stream set-up the in-process runs skip.

``pytest tests/test_errors.py --update-errors`` rewrites the expected files from the current
output (review the diff before committing); cases marked ``xfail`` keep their hand-written
expected output, which is what the messages should become.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.errorcases import (
    CORPUS,
    Case,
    Run,
    load_cases,
    make_corpus,
    run_validate,
    run_validate_in_process,
)

CASES = load_cases()


def _params() -> list[object]:
    params = []
    for case in CASES:
        for variant in case.variants:
            marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
            params.append(pytest.param(case, variant, id=f"{case.name}[{variant}]", marks=marks))
    return params


@pytest.mark.parametrize(("case", "variant"), _params())
def test_error_case(
    case: Case, variant: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    got = run_validate_in_process(make_corpus(case, tmp_path), variant)
    assert "Traceback" not in got.stderr, got.stderr
    expected_file = case.expected_path(variant)
    if request.config.getoption("--update-errors") and not case.xfail:
        expected_file.write_text(got.serialise(), encoding="utf-8", newline="\n")
        return
    assert expected_file.exists(), f"no {expected_file.name}; run with --update-errors"
    expected = Run.parse(expected_file.read_text(encoding="utf-8"))
    assert got.stderr == expected.stderr
    assert got.exit == expected.exit


def test_catalogue_is_complete() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert case.input.exists(), case.name
        assert not (case.folder / "input.yaml").read_bytes().startswith(b"exit:"), case.name
        for variant in case.variants:
            assert case.expected_path(variant).exists(), f"{case.name}: {variant}"


def test_fixture_corpus_is_valid(tmp_path: Path) -> None:
    got = run_validate(CORPUS, "ja")
    assert (got.exit, got.stderr) == (0, "エラー 0 件、警告 0 件\n")
