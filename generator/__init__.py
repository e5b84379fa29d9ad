"""kohyo: publish 特定個人情報保護評価書 as a bilingual static site.

The pipeline is visible in the module layout::

    load -> validate -> link -> render -> write -> build

Each stage is a module with typed inputs and outputs; ``generator.cli`` is a thin
command line over them.
"""

__version__ = "0.1.0"
