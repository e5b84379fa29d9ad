"""Shared fixtures: real builds of the fixture corpus and of content/, made once per session,
and the options that rewrite expected outputs (golden Markdown, error messages)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.pipeline import BuildResult, Project, build_site
from tests.subpath import Served, serve_subpath_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden from the fixture corpus"
    )
    parser.addoption(
        "--update-errors",
        action="store_true",
        default=False,
        help="rewrite tests/errors/*/expected.*.txt from the current output (not for xfail cases)",
    )
    parser.addoption(
        "--update-a11y",
        action="store_true",
        default=False,
        help="write the accessibility results into content/registries/accessibility-results.yaml"
        " (otherwise they go to build/, so a test run never changes the tracked tree)",
    )


# Fixtures that build a whole site: a test that uses one is in the slow tier.
BUILD_FIXTURES = frozenset({"fixture_site", "real_site", "subpath_site"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Test tiers: `slow` for tests that build a site (MkDocs, Pagefind), `browser` for tests that
    drive Chromium.  `make test-fast` runs the rest (`-m "not slow and not browser"`)."""
    drives_browser: dict[Path, bool] = {}
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BUILD_FIXTURES:
            item.add_marker(pytest.mark.slow)
        path = Path(str(item.path))
        if path not in drives_browser:
            drives_browser[path] = "playwright" in path.read_text(encoding="utf-8")
        if drives_browser[path]:
            item.add_marker(pytest.mark.browser)


def _build(tmp: Path, source_root: Path) -> tuple[Path, BuildResult]:
    root = tmp / "project"
    root.mkdir()
    shutil.copytree(source_root / "content", root / "content")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    shutil.copytree(ROOT / "theme", root / "theme")
    result = build_site(Project.open(root), root / "site")
    assert result.ok, [f.format("en") for f in result.findings]
    return root, result


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The fixture corpus built end to end (MkDocs --strict and Pagefind); returns (root, result)."""
    return _build(tmp_path_factory.mktemp("fixture"), FIXTURE_CORPUS)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """content/ built end to end, as `make site` builds it."""
    return _build(tmp_path_factory.mktemp("real"), ROOT)


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The fixture corpus built for http://127.0.0.1:<port>/kohyo/ and served there, as GitHub Pages
    serves a project site (tests/subpath.py)."""
    yield from serve_subpath_site(tmp_path_factory.mktemp("subpath"), FIXTURE_CORPUS)
