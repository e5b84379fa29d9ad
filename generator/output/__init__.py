"""Stages 5 and 6, write and build: the pages of the site as Markdown, mkdocs.yml and the MkDocs
hooks, the MkDocs build and the swap into site/, the Pagefind index, the build cache.
"""
