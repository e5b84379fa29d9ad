"""`kohyo build --root OTHER` builds OTHER: its content (the glossary included) into OTHER/site,
whatever the current folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.hostile.cases import CORPUS

REPO = Path(__file__).resolve().parents[2]


def test_build_root_reads_and_writes_the_project_it_is_given(tmp_path: Path) -> None:
    root = tmp_path / "other"
    shutil.copytree(CORPUS, root)
    shutil.copytree(REPO / "theme", root / "theme")
    glossary = root / "content" / "registries" / "glossary.yaml"
    glossary.write_text(
        "terms:\n  - id: only-here\n    term: {ja: 見本用語, en: Sample term}\n"
        "    meaning: {ja: この計画だけの用語, en: A term of this project only}\n"
        "    english_source: project\n    source: domain\n    basis: 見本\n",
        encoding="utf-8",
    )
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "build", "--no-search"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (cwd / "site").exists()
    page = (root / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "見本用語" in page and "この計画だけの用語" in page
    assert "個人番号" not in page.split("kh-glossary", 1)[1]  # not this repository's glossary
    assert not list((root / "build").glob("site-tmp-*")), "a temporary tree was left"
