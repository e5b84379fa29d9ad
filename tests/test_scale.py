"""Nation scale: long lists become one row per prefecture, with the detail one click away."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import generator.output.listing as listing
import generator.pages.browse as browse
import generator.pages.compare as compare
import generator.pages.data as data
from generator.core.findings import Findings
from generator.devtools.synth import synthesize
from generator.pipeline import Project, prepare
from generator.pipeline import write as write_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow  # synthesises and writes a corpus
def test_long_lists_by_prefecture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synthesize(ROOT, tmp_path / "p", 24, 3)
    findings = Findings()
    site = prepare(Project.open(tmp_path / "p"), findings)[1]
    monkeypatch.setattr(listing, "LIST_LIMIT", 10)
    for module in (compare, browse, data):  # they import the limit of generator/output/listing.py
        monkeypatch.setattr(module, "LIST_LIMIT", 10)
    write_site(site, tmp_path / "build")
    docs = tmp_path / "build" / "docs"
    for lang, word in (("ja", "都道府県ごと"), ("en", "By prefecture")):
        for page in ("assessments/index.md", "municipalities/index.md", "processes/juki.md"):
            text = (docs / lang / page).read_text(encoding="utf-8")
            assert word in text, (lang, page)
            assert "/assessments/" not in text.split("</caption>", 1)[-1], (lang, page)
        assert "../prefectures/" in (docs / lang / "forms" / "basic.md").read_text(encoding="utf-8")
    # the comparison of a process: one page per prefecture, each assessment on exactly one of them
    top = (docs / "ja" / "compare" / "juki.md").read_text(encoding="utf-8")
    subs = sorted((docs / "ja" / "compare" / "juki").glob("*.md"))
    assert subs and all(f'href="{p.stem}/"' in top for p in subs)
    listed = [
        ident
        for p in subs
        for ident in re.findall(r'data-kh-assessment="([^"]+)"', p.read_text(encoding="utf-8"))
    ]
    assert sorted(listed) == sorted(site.by_process["juki"])
    # the process page's prefecture rows lead there
    juki = (docs / "ja" / "processes" / "juki.md").read_text(encoding="utf-8")
    assert f'href="../../compare/juki/{subs[0].stem}/"' in juki
