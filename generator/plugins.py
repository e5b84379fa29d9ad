"""The page plugins of the site, in the order they run (by name, so output stays deterministic).

The registry is a list written out, not a folder scan: the plugins sit above the write stage (they
use its ``Writer``), so the write stage cannot import them; the pipeline hands this list down
(``write_docs``, ``mkdocs_config``, the after-build step).  ``tests/test_layers.py`` checks that
every module of generator/pages/ not starting with ``_`` is listed.  What a plugin may define is
described in ``generator/pages/__init__.py``.
"""

from __future__ import annotations

from types import ModuleType

from generator.pages import (
    accessibility,
    browse,
    compare,
    contractors,
    data,
    feeds,
    filetypes,
    glossary,
    guide,
    laws,
    recipients,
    robots,
    search,
    systems,
)

PAGES: tuple[ModuleType, ...] = (
    accessibility,
    browse,
    compare,
    contractors,
    data,
    feeds,
    filetypes,
    glossary,
    guide,
    laws,
    recipients,
    robots,
    search,
    systems,
)
