"""``python -m generator.coverage [project root]``: how many citations of the content link.

A developer's tool over the pipeline (``generator.build.prepare``) and
``generator.crosslink.measure``: every 第N条 / 別表第N, whether a link covers it, and whether
each link is right for the numbering in force at its text's date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.build import prepare
from generator.crosslink import measure
from generator.findings import Findings


def main() -> int:
    """``python -m generator.coverage [project root]``: the citation coverage of the content."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
    _corpus, site = prepare(root, Findings())
    cov = measure(site)
    print(f"citations: {cov.total}, linked: {cov.linked} ({cov.ratio:.1%})")
    for place, (total, linked) in sorted(cov.by_place.items()):
        print(f"  {place}: {linked}/{total}")
    print(
        f"links checked against their text's numbering: {cov.regime_checked}, wrong: {len(cov.regime_wrong)}"
    )
    for doc, loc, ctx_text in cov.regime_wrong:
        print(f"  WRONG {doc} {loc}: {ctx_text}")
    for doc, loc, ctx_text in cov.misses:
        print(f"  unlinked {doc} {loc}: {' '.join(ctx_text.split())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
