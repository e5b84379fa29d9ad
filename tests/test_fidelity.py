"""Content fidelity: every converted seed keeps its distinctive spans on its built Japanese page.

The span lists in tests/fidelity/ were taken from the seeds (shared/seeds) by
`python -m tests.fidelity.spans`; each list has at least 100 names, numbers and sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import BuildResult
from tests.fidelity.spans import DOCUMENTS, document_text, normalise

HERE = Path(__file__).resolve().parent / "fidelity"


@pytest.mark.parametrize("doc", sorted(DOCUMENTS))
def test_seed_spans_on_page(doc: str, real_site: tuple[Path, BuildResult]) -> None:
    root, _ = real_site
    spans = [
        s
        for s in (HERE / f"{doc.replace('/', '__')}.txt").read_text(encoding="utf-8").splitlines()
        if s
    ]
    assert len(spans) >= 100, f"{doc}: only {len(spans)} spans"
    text = document_text(root / "site" / DOCUMENTS[doc][3])
    missing = [s for s in spans if normalise(s) not in text]
    assert not missing, (
        f"{doc}: {len(missing)} of {len(spans)} seed spans missing, e.g. {missing[:5]}"
    )
