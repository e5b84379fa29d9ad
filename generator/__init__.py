"""kohyo: publish 特定個人情報保護評価書 as a bilingual static site.

The pipeline is visible in the module layout::

    load -> validate -> link -> render -> write -> build

Each stage is a module with typed inputs and outputs; ``generator.pipeline`` runs them in order
for every caller, and ``generator.cli`` is a thin command line over it.  The layers (what may
import what) are written down and checked in tests/test_layers.py.
"""

__version__ = "0.1.0"
