"""Relative links from where a page is written (generator/core/paths.py)."""

from __future__ import annotations

from generator.core.paths import to_root, to_site_root


def test_up_to_the_language_root_and_the_site_root() -> None:
    assert to_root("search.md") == "../"
    assert to_root("compare/index.md") == "../"
    assert to_root("assessments/x/y.md") == "../../../"
    assert to_site_root("data.md", "ja") == "../"
    assert to_site_root("data.md", "en") == "../../"
