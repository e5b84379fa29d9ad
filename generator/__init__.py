"""kohyo: publish 特定個人情報保護評価書 as a bilingual static site.

The pipeline is visible in the folder layout, one package per layer, lowest first::

    core/, model/     foundations and the content model
    loading/          load      (strict YAML, the personal-data guard, the translation memory)
    validation/       validate  (records -> model -> bilingual findings; the project)
    linking/          link      (references, citations, cross-links: the frozen Site; checks)
    rendering/        render    (blocks and Markdown of one page; templates)
    output/           write, build (Markdown files, mkdocs.yml, MkDocs, Pagefind, the cache)
    pages/            page plugins (extra pages, data downloads, feeds)
    pipeline.py       the one module that runs the stages, with plugins.py (the registry)
    commands/         the command line and the preview server
    devtools/         benchmark, rebuild measurement, synthetic corpora
    importer/         the PDF-text importer (reading in loading's layer, its command above)

Each stage is a module with typed inputs and outputs; ``generator.pipeline`` runs them in order
for every caller, and ``generator.commands.cli`` is a thin command line over it.  The layers
(what may import what) are written down and checked in tests/test_layers.py.
"""

__version__ = "0.1.0"
