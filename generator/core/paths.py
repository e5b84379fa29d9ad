"""Relative links between the pages of the site, from where a page is written.

Pages are written as Markdown below a language's root (``assessments/x/y.md``; English pages
below ``en/``) and served as directory URLs (``assessments/x/y/``), so a page at ``a/b.md`` is two
folders below its language's root and ``a/index.md`` one.  Every relative "up" prefix is
computed here.
"""

from __future__ import annotations


def to_root(path: str) -> str:
    """From the page written at ``path`` to its language's root (``"../../"`` for ``a/b.md``)."""
    depth = path.count("/") + (0 if path.endswith("index.md") else 1)
    return "../" * depth


def to_site_root(path: str, lang: str) -> str:
    """From the page written at ``path`` to the site's root, where ``assets/`` and the data are
    (English pages sit one folder lower, below ``en/``)."""
    return to_root(path) + ("../" if lang == "en" else "")
