"""The original of an assessment: where the city publishes it, or how to find it.

``source.url`` in the content is the address of the original.  Where it is not known,
``source.find_at: 個人情報保護委員会`` names the national search, whose page and instructions are
kept with their provenance in content/registries/original-search.yaml.  The page, the CSV and
(through the record) the JSON all say the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.core.textfmt import esc, ja_quotes
from generator.model import Assessment, SummaryDocument

REGISTRY = Path("registries") / "original-search.yaml"  # below the project's content/


@dataclass(frozen=True)
class Original:
    url: str
    kind: str  # "city" (the address of the original) or "search" (find it with number + assessor)
    name: dict[str, str]  # the link text
    how: dict[str, str]  # what to search for ("" for kind city)
    number: str
    assessor: str

    def how_html(self, lang: str) -> str:
        """What to search for, escaped; on English pages the Japanese words are marked lang="ja"."""
        html = esc(self.how.get(lang, ""))
        return ja_quotes(html) if lang == "en" else html


@dataclass(frozen=True)
class Originals:
    """The national searches of a project (content/registries/original-search.yaml), by the
    ``find_at`` names content uses; ``of`` gives the original of a record."""

    searches: dict[str, Any] = field(default_factory=dict)

    def of(self, rec: Assessment, municipality_ja: str = "") -> Original | None:
        return original(rec, municipality_ja, self.searches)


def load_originals(content: Path) -> Originals:
    """The searches of the project whose content/ folder is ``content`` (none if absent)."""
    path = content / REGISTRY
    if not path.is_file() or path.is_symlink():
        return Originals()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Originals(data if isinstance(data, dict) else {})


def original(rec: Assessment, municipality_ja: str, searches: dict[str, Any]) -> Original | None:
    """The original of ``rec`` (None when the content says nothing about it); ``searches``:
    the project's national searches by name."""
    source = rec.source
    cover = None if isinstance(rec, SummaryDocument) else rec.cover  # a summary has no cover
    number = cover.number if cover is not None else ""
    assessor = cover.assessor.ja if cover is not None else ""
    if source is not None and source.url:
        return Original(
            source.url,
            "city",
            {"ja": "原本（市の公開ページ）", "en": "The original (the city's page)"},
            {"ja": "", "en": ""},
            number,
            assessor,
        )
    where = source.find_at if source is not None else None
    entry = searches.get(where) if where else None
    if not isinstance(entry, dict):
        return None
    how = dict(entry.get("how") or {})
    if not (number and assessor):  # a summary (概要) has no number: search by the body's name
        how = {
            "ja": "このページの「公表された特定個人情報保護評価書」から検索に進み、"
            f"評価実施機関名に「{municipality_ja}」を含む評価書を探してください。",
            "en": "From this page, follow 「公表された特定個人情報保護評価書」 (published assessment "
            f"reports) to the search and look for reports of 「{municipality_ja}」.",
        }
    return Original(
        str(entry.get("url", "")),
        "search",
        dict(entry.get("name") or {}),
        {k: v.format(assessor=assessor, number=number) for k, v in how.items()},
        number,
        assessor,
    )
