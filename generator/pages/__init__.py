"""Page plugins: extra pages and outputs beyond the assessment pages.

Every module in this package may define

- ``pages(site: Site, lang: str) -> Iterable[tuple[str, str]]``: Markdown pages to write, as
  (path below the language folder, Markdown text);
- ``nav(lang: str) -> list[tuple[str, str]]``: top-level navigation entries (title, path);
- ``after_build(site: Site, site_dir: Path, config: dict) -> None``: files to add to the built
  site (data downloads, feeds); runs after MkDocs and before the search index.

Modules are found and run in name order, so output stays deterministic.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from types import ModuleType


def plugins() -> Iterator[ModuleType]:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"{__name__}.{info.name}")
