"""The glossary's terms (content/registries/glossary.yaml of the project built), as the checks
and the glossary page use them.

Read here, below both, because two layers need them: ``generator.linking.i18n.check_glossary`` warns
where English renders a term otherwise, and the glossary page plugin lists and marks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.core.findings import Findings
from generator.loading.load import load_file
from generator.model.glossary import Glossary
from generator.validation.validate import validate_record

# The glossary is the site's vocabulary: content/registries/glossary.yaml of the project built.
GLOSSARY = Path("registries") / "glossary.yaml"


@dataclass(frozen=True)
class Term:
    id: str
    ja: str
    en: str
    reading: str
    aliases_ja: tuple[str, ...]
    aliases_en: tuple[str, ...]
    meaning_ja: str
    meaning_en: str
    english_source: str
    source: str
    mark: bool
    basis: str = ""  # the law (and provision) the definition rests on
    confirmed: bool = True  # False: shown with （未確認）

    avoid_en: tuple[str, ...] = ()  # other English renderings `kohyo validate` reports

    def words(self, lang: str) -> tuple[str, ...]:
        return (self.ja, *self.aliases_ja) if lang == "ja" else (self.en, *self.aliases_en)

    def name(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en

    def meaning(self, lang: str) -> str:
        return self.meaning_ja if lang == "ja" else self.meaning_en


def load_terms(content: Path | None) -> list[Term]:
    """The glossary of ``content`` (the content/ folder being built), read as ``kohyo validate``
    reads it: strict loader and model (generator/model/glossary.py).  A glossary with problems
    gives no terms here; validation reports them and stops the build."""
    path = content / GLOSSARY if content is not None else None
    if path is None or not path.is_file() or path.is_symlink():
        return []
    findings = Findings()
    loaded = load_file(path, path.name, findings)
    rec = validate_record(Glossary, loaded, findings) if loaded is not None else None
    if not isinstance(rec, Glossary) or findings.errors:
        return []
    terms: list[Term] = []
    seen: set[str] = set()
    for e in rec.terms:
        if e.id in seen:
            continue
        seen.add(e.id)
        terms.append(
            Term(
                e.id,
                e.term.ja,
                e.term.en,
                e.reading or "",
                tuple(e.aliases.ja),
                tuple(e.aliases.en),
                " ".join(e.meaning.ja.split()),
                " ".join(e.meaning.en.split()),
                e.english_source,
                e.source,
                e.mark,
                e.basis or "",
                # a definition the site wrote itself is confirmed only with a legal basis
                e.confirmed and (e.source != "domain" or bool(e.basis)),
                tuple(e.avoid_en),
            )
        )
    return terms
