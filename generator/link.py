"""Stage 3, link: resolve references between records and build the indexes pages need."""

from __future__ import annotations

from generator.findings import Findings
from generator.validate import Corpus


def link(corpus: Corpus, findings: Findings) -> None:
    for ident, v in sorted(corpus.assessments.items()):
        rec = v.record
        muni = getattr(rec, "municipality", None)
        if muni is not None and muni not in corpus.municipalities:
            pos = v.source.position(("municipality",))
            findings.add(v.path, pos.line, pos.col, "broken-reference",
                         f"団体「{muni}」が content/municipalities/ にありません",
                         f"municipality '{muni}' not found in content/municipalities/")
        proc = getattr(rec, "process", None)
        if proc is not None and proc not in corpus.processes:
            pos = v.source.position(("process",))
            findings.add(v.path, pos.line, pos.col, "broken-reference",
                         f"事務「{proc}」が content/registries/processes.yaml にありません",
                         f"process '{proc}' not found in content/registries/processes.yaml")
