"""The command line as editors use it (real subprocesses)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import Project, build_site

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def kohyo(*args: str, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(CORPUS, root)
    shutil.copytree(ROOT / "theme", root / "theme")
    return root


@pytest.mark.slow  # builds a site
@pytest.mark.parametrize("form", ["基礎", "重点", "全項目"])
def test_new_assessment_skeleton_validates_and_builds(project: Path, form: str) -> None:
    out = kohyo(
        "new",
        "assessment",
        "sample",
        "vaccination",
        "--form",
        form,
        "--slug",
        "new-one",
        root=project,
    )
    assert out.returncode == 0, out.stderr
    path = project / "content/assessments/sample/new-one.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "選択肢:" in text
    check = kohyo("validate", root=project)
    assert check.returncode == 0, check.stderr
    assert "Traceback" not in check.stderr
    result = build_site(Project.open(project), project / "site", search=False)
    assert result.ok
    assert (project / "site/assessments/sample/new-one/index.html").exists()


def test_new_refuses_to_overwrite(project: Path) -> None:
    out = kohyo(
        "new",
        "assessment",
        "sample",
        "juki",
        "--form",
        "重点",
        "--slug",
        "juki-focused",
        root=project,
    )
    assert out.returncode == 2 and "既にあります" in out.stderr


def new_newtown(project: Path, code: str) -> subprocess.CompletedProcess[str]:
    args = ("--name", "新町", "--prefecture", "大阪府", "--code", code)
    return kohyo("new", "municipality", "newtown", *args, root=project)


@pytest.mark.slow  # builds a site
def test_new_municipality_validates_and_builds_at_once(project: Path) -> None:
    out = new_newtown(project, "272078")
    assert out.returncode == 0, out.stderr
    assert kohyo("validate", root=project).returncode == 0
    result = build_site(Project.open(project), project / "site", search=False)
    assert result.ok and (project / "site/municipalities/newtown/index.html").exists()


def test_new_municipality_checks_the_code_first(project: Path) -> None:
    out = new_newtown(project, "272079")
    assert out.returncode == 2 and "検査数字" in out.stderr and "272078" in out.stderr
    assert not (project / "content/municipalities/newtown.yaml").exists()


def test_stats_prints_coverage_per_document(project: Path) -> None:
    out = kohyo("stats", root=project)
    assert out.returncode == 0
    assert "sample/juki-focused" in out.stdout and "%" in out.stdout
    out_en = kohyo("stats", "--lang", "en", root=project)
    assert "coverage" in out_en.stdout


def test_validate_in_english(project: Path) -> None:
    (project / "content/assessments/sample/juki-basic.yaml").write_text(
        "form: 基礎\n", encoding="utf-8"
    )
    out = kohyo("validate", "--lang", "en", root=project)
    assert out.returncode == 1
    assert "is not a valid 'form'" in out.stderr and "1 error(s)" in out.stderr
