"""The search results page of each language (``/search/`` and ``/en/search/``).

The page holds the Pagefind UI. The header search box of every page (theme/partials/kh-search.html)
submits ``?q=...`` here; theme/assets/kohyo-search.js starts the UI and runs the query. Every path
is relative, so the site works under a sub-path (GitHub Pages ``/<repo>/``). The page itself is not
indexed (``kh_noindex``: theme/main.html gives its body no ``data-pagefind-body``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from generator.core.paths import to_site_root
from generator.core.textfmt import esc, front_matter
from generator.core.vocab import t
from generator.linking.link import Site
from generator.output.search import BUNDLE, META_WEIGHTS

PAGE = "search.md"
# Built pages that must not be searchable, relative to the site root (the search pages themselves).
NOT_INDEXED = ("search/index.html", "en/search/index.html")


def page(lang: str) -> str:
    """The Markdown of the search page of ``lang`` (raw HTML blocks; no content text)."""
    up = to_site_root(PAGE, lang)
    bundle = f"{up}{BUNDLE}/"  # one bundle, an index per language
    title = t("search.title", lang)
    return (
        front_matter(title, extra={"kh_noindex": True}) + "\n"
        f"# {title}\n\n"
        f'<p class="kh-intro">{esc(t("search.intro", lang))}</p>\n\n'
        f'<div class="kh-search-page">\n'
        f'<link rel="stylesheet" href="{bundle}pagefind-ui.css">\n'
        f'<div id="kh-search" data-bundle="{bundle}" data-root="{up}" data-meta-weights="{esc(json.dumps(META_WEIGHTS))}"></div>\n'
        f"<noscript><p>{esc(t('search.noscript', lang))} "
        f'<a href="../assessments/">{esc(t("all_assessments", lang))}</a></p></noscript>\n'
        f'<script src="{bundle}pagefind-ui.js"></script>\n'
        f'<script src="{up}assets/kohyo-search.js"></script>\n'
        "</div>\n"
    )


def pages(site: Site, lang: str) -> Iterable[tuple[str, str]]:
    del site  # the page does not depend on the content
    return [(PAGE, page(lang))]
