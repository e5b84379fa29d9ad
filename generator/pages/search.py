"""The search results page of each language (``/search/`` and ``/en/search/``).

The page holds the Pagefind UI. The header search box of every page (theme/partials/kh-search.html)
submits ``?q=...`` here; theme/assets/kohyo-search.js starts the UI and runs the query. Every path
is relative, so the site works under a sub-path (GitHub Pages ``/<repo>/``). The page itself is not
indexed (``kh_noindex``: theme/main.html gives its body no ``data-pagefind-body``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from generator.link import Site
from generator.search import BUNDLE, META_WEIGHTS
from generator.textfmt import esc, front_matter

PAGE = "search.md"
# Built pages that must not be searchable, relative to the site root (the search pages themselves).
NOT_INDEXED = ("search/index.html", "en/search/index.html")

LABELS: dict[str, dict[str, str]] = {
    "title": {"ja": "サイト内検索", "en": "Search"},
    "intro": {
        "ja": "評価書・地方公共団体・事務・法令の条文などを日本語で検索できます。"
        "「第19条」のように条番号でも探せます。結果は地方公共団体・都道府県・事務・評価書の種類で絞り込めます。",
        "en": "Search the English pages of this site: assessments, municipalities, processes and the laws "
        "they cite. Narrow the results by municipality, prefecture, process or assessment type. "
        "To search the Japanese originals, use the search on the Japanese pages.",
    },
    "noscript": {
        "ja": "検索には JavaScript が必要です。一覧から探すこともできます。",
        "en": "Search needs JavaScript. You can also browse the lists.",
    },
    "browse": {"ja": "評価書の一覧", "en": "All assessments"},
}


def _up(lang: str) -> str:
    """From the search page to the site root: ja lives at /search/, en at /en/search/."""
    return "../" if lang == "ja" else "../../"


def page(lang: str) -> str:
    """The Markdown of the search page of ``lang`` (raw HTML blocks; no content text)."""
    up = _up(lang)
    bundle = f"{up}{BUNDLE}/"  # one bundle, an index per language
    title = LABELS["title"][lang]
    return (
        front_matter(title, extra={"kh_noindex": True}) + "\n"
        f"# {title}\n\n"
        f'<p class="kh-intro">{esc(LABELS["intro"][lang])}</p>\n\n'
        f'<div class="kh-search-page">\n'
        f'<link rel="stylesheet" href="{bundle}pagefind-ui.css">\n'
        f'<div id="kh-search" data-bundle="{bundle}" data-root="{up}" data-meta-weights="{esc(json.dumps(META_WEIGHTS))}"></div>\n'
        f"<noscript><p>{esc(LABELS['noscript'][lang])} "
        f'<a href="../assessments/">{esc(LABELS["browse"][lang])}</a></p></noscript>\n'
        f'<script src="{bundle}pagefind-ui.js"></script>\n'
        f'<script src="{up}assets/kohyo-search.js"></script>\n'
        "</div>\n"
    )


def pages(site: Site, lang: str) -> Iterable[tuple[str, str]]:
    del site  # the page does not depend on the content
    return [(PAGE, page(lang))]
