"""Golden Markdown: the fixture corpus renders to exactly the files in tests/golden/.

After an intended change of the output, run `make golden` and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.findings import Findings
from generator.pipeline import Project, prepare
from generator.pipeline import write as write_site

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
GOLDEN = ROOT / "tests" / "golden"


def _render(tmp: Path) -> Path:
    findings = Findings()
    site = prepare(Project.open(CORPUS), findings)[1]
    assert not findings.errors, [f.format() for f in findings]
    write_site(site, tmp)
    return tmp / "docs"


def _files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.md"))
    }


def test_golden_markdown(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    docs = _render(tmp_path)
    if request.config.getoption("--update-golden"):
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        shutil.copytree(docs, GOLDEN)
        pytest.skip("golden files rewritten")
    actual, expected = _files(docs), _files(GOLDEN)
    assert sorted(actual) == sorted(expected), (
        "pages added or removed: run `make golden` and review"
    )
    for name in expected:
        assert actual[name] == expected[name], (
            f"{name} differs from tests/golden: run `make golden` and review the diff"
        )


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    a = _files(_render(tmp_path / "a"))
    b = _files(_render(tmp_path / "b"))
    assert a == b
