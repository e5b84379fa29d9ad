"""The site's vocabulary (generator/core/vocab.py): every word in both languages, every key used."""

from __future__ import annotations

import re
import string
from pathlib import Path

from generator.core.vocab import ENGLISH_ONLY, VOCAB, t

GENERATOR = Path(__file__).resolve().parent.parent / "generator"


def _sources() -> str:
    files = [*GENERATOR.rglob("*.py"), *(GENERATOR / "templates").glob("*.j2")]
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(files) if p.name != "vocab.py")


def test_every_word_has_japanese_and_english_with_the_same_fields() -> None:
    for key, word in VOCAB.items():
        assert word.ja.strip() and word.en.strip(), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(s) if f} for s in word]
        assert fields[0] == fields[1], key
    assert all(text.strip() for text in ENGLISH_ONLY.values())


def test_every_key_is_used() -> None:
    """A key is used where it stands as a string literal, or as ``L.key`` in a template."""
    sources = _sources()
    used = set(re.findall(r"""["']([a-z0-9_.]+)["']""", sources))
    used |= set(re.findall(r"\bL\.([a-z0-9_]+)", sources))
    assert [key for key in [*VOCAB, *ENGLISH_ONLY] if key not in used] == []


def test_lookup_fills_fields() -> None:
    assert t("assessments_of", "ja", name="見本市") == "見本市の評価書"
    assert t("assessments_of", "en", name="Mihon") == "Assessments of Mihon"
