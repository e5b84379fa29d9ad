"""``--root`` is the project: its content, registries and settings are read, and its site/ written.

A page plugin or helper that read the files next to the code (this repository's content/) would
publish another project's registries; a build that wrote ./site would overwrite the site of the
folder one stands in.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"

SEARCH = """個人情報保護委員会:
  url: https://example.org/the-copys-own-search/
  name:
    ja: 写しの検索ページ
    en: the copy's own search page
  how:
    ja: 評価書番号 {number} で探してください。
    en: Look for report {number}.
"""


@pytest.fixture
def other(tmp_path: Path) -> Path:
    """A copy of the fixture corpus whose registries differ from this repository's."""
    root = tmp_path / "other"
    shutil.copytree(CORPUS, root)
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    (root / "content" / "registries" / "original-search.yaml").write_text(SEARCH, encoding="utf-8")
    doc = root / "content" / "assessments" / "sample" / "juki-focused.yaml"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(
        text.replace("status: 公表\n", "status: 公表\nsource:\n  find_at: 個人情報保護委員会\n", 1),
        encoding="utf-8",
    )
    glossary = root / "content" / "registries" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(
        text.replace("ja: アカウント\n", "ja: 写しのアカウント\n", 1), encoding="utf-8"
    )
    return root


@pytest.mark.slow  # builds a site
@pytest.mark.parametrize("where", ["before", "after"])
def test_build_root_reads_and_writes_that_project(other: Path, tmp_path: Path, where: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root_args = ["--root", str(other)]
    args = (
        [*root_args, "build", "--no-search"]
        if where == "before"
        else ["build", "--no-search", *root_args]
    )
    out = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=elsewhere,
    )
    assert out.returncode == 0, out.stderr
    assert (other / "site" / "index.html").is_file()
    assert list(elsewhere.iterdir()) == [], "nothing is written where the command was run"
    page = (other / "site" / "assessments" / "sample" / "juki-focused" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "https://example.org/the-copys-own-search/" in page  # the copy's registry
    assert "写しの検索ページ" in page
    assert "www.ppc.go.jp" not in page  # not this repository's content/registries/
    glossary = (other / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "写しのアカウント" in glossary
