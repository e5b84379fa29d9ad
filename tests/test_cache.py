"""The build cache (generator/output/cache.py): a rebuild after one assessment changed reuses what did
not change and gives the same site, byte for byte, as a clean build of the changed content,
the search bundle included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.commands.cli import main
from generator.pipeline import Project, build_site

ROOT = Path(__file__).resolve().parent.parent


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _edit_one_assessment(project: Path) -> Path:
    """Append a sentence to the first free text of the first assessment (what an editor does)."""
    line = re.compile(r"^(  (?:declaration|special_notes): [^\s'\"|>].*)$", re.M)
    for path in sorted((project / "content/assessments").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if line.search(text):
            path.write_text(line.sub(r"\1（令和8年12月に見直した。）", text, count=1), "utf-8")
            return path
    raise AssertionError("no plain free text in the synthetic assessments")


@pytest.mark.slow
@pytest.mark.parametrize("shards", [1, 2], ids=["one-bundle", "two-bundles"])
def test_cached_rebuild_equals_a_clean_build(tmp_path: Path, shards: int) -> None:
    project = tmp_path / "project"
    args = ["--root", str(ROOT), "synth", "--municipalities", "2", "--seed", "3"]
    assert main([*args, "--out", str(project)]) == 0
    cache = tmp_path / "cache"

    first = build_site(
        Project.open(project), tmp_path / "first", cache=cache, search_shards=shards
    )  # fills the cache
    assert first.ok and first.cache is not None
    assert first.cache.pages_reused == 0 and first.cache.pages_rendered > 0

    _edit_one_assessment(project)
    cached = build_site(
        Project.open(project), tmp_path / "cached", cache=cache, search_shards=shards
    )
    assert cached.ok and cached.cache is not None
    # only the pages the change touches are rendered again (the assessment in two languages,
    # and the pages that show its text), the rest comes from the cache
    assert 2 <= cached.cache.pages_rendered < first.cache.pages_rendered // 4, cached.cache
    assert cached.cache.pages_reused > 0
    # the edited assessment's Markdown is made again, in both languages; the others' is reused
    assert (
        cached.cache.markdown_reused == 2 * len(cached.site.assessments) - 2 if cached.site else 0
    )

    clean = build_site(Project.open(project), tmp_path / "clean", search_shards=shards)  # no cache
    assert clean.ok
    want, got = _tree(tmp_path / "clean"), _tree(tmp_path / "cached")
    assert sorted(got) == sorted(want)
    assert any(p.startswith("pagefind/") for p in want)
    differ = [p for p in sorted(want) if got[p] != want[p]]
    assert differ == []
    # and the change reached the site
    before = _tree(tmp_path / "first")
    assert any(before.get(p) != want[p] for p in want)
