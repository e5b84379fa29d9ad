"""Page plugins: extra pages and outputs beyond the assessment pages.

Every module in this package may define (``site.project`` is the project being built: its root,
content/ and settings; a plugin reads the project's files there, never next to its own code)

- ``pages(site: Site, lang: str) -> Iterable[tuple[str, str]]``: Markdown pages to write, as
  (path below the language folder, Markdown text);
- ``nav(lang: str) -> list[tuple[str, str]]``: top-level navigation entries (title, path);
- ``after_build(site: Site, site_dir: Path, config: dict) -> None``: files to add to the built
  site (data downloads, feeds); runs after MkDocs and before the search index.

The modules are listed in ``generator.plugins.PAGES`` (in name order, so output stays
deterministic), which the pipeline passes to the stages that run them.  This package itself imports
nothing: importing a helper such as ``generator.pages._xlink`` runs this file.
"""
