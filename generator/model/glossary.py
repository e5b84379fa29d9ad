"""The glossary (content/registries/glossary.yaml) and the accessibility results
(content/registries/accessibility-results.yaml): read through the strict loader and a model like
every other content file, so that ``kohyo validate`` reports what ``kohyo build`` would trip on."""

from __future__ import annotations

from pydantic import Field, field_validator

from generator.model.base import ContentError, Doc

# The allowed values of a term's english_source and source, with their labels on the glossary page.
ENGLISH_SOURCE = {
    "JLT": {"ja": "日本法令外国語訳（公式）", "en": "Japanese Law Translation (official)"},
    "agency": {"ja": "所管機関の英語ページ", "en": "English page of the agency concerned"},
    "secondary": {"ja": "第三者の資料（未確認）", "en": "Third-party material (unconfirmed)"},
    "project": {
        "ja": "このサイトの訳（公式訳なし）",
        "en": "This site's rendering (no official English)",
    },
}
SOURCE = {
    "domain": {"ja": "このサイト", "en": "This site"},
    "law": {"ja": "法令（根拠の条項）", "en": "The law (the provision named as its basis)"},
    "kagoshima": {
        "ja": "鹿児島市 住民基本台帳に関する事務 全項目評価書 用語集",
        "en": "Kagoshima City, Full Assessment Report on basic resident registration, glossary",
    },
}


class Pair(Doc):
    ja: str = Field(..., min_length=1)
    en: str = Field(..., min_length=1)


class Aliases(Doc):
    ja: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class GlossaryTerm(Doc):
    id: str = Field(..., pattern=r"^[a-z0-9][a-z0-9-]*$")
    term: Pair
    # the Japanese term's reading in hiragana: the glossary page is in 五十音 order (a term without
    # one sorts by how it is written)
    reading: str | None = Field(None, pattern=r"^[\u3041-\u309f\u30fc]+$")
    meaning: Pair
    aliases: Aliases = Aliases()
    english_source: str
    source: str
    mark: bool = False
    basis: str | None = None
    confirmed: bool = True
    # Other English renderings of the term, which `kohyo validate` reports in English text.
    avoid_en: list[str] = Field(default_factory=list)

    @field_validator("english_source", "source")
    @classmethod
    def _known(cls, value: str, info: object) -> str:
        name = getattr(info, "field_name", "")
        options = ENGLISH_SOURCE if name == "english_source" else SOURCE
        if value not in options:
            raise ContentError(
                f"「{value}」は選択肢にありません（選択肢: {'、'.join(sorted(options))}）",
                f"'{value}' is not one of the options ({', '.join(sorted(options))})",
            )
        return value


class Glossary(Doc):
    terms: list[GlossaryTerm] = Field(default_factory=list)


class A11yPage(Doc):
    corpus: str
    lang: str
    type: str
    url: str
    violations: int = Field(..., ge=0)


class A11yResults(Doc):
    keyboard: dict[str, bool] = Field(default_factory=dict)
    results: list[A11yPage] = Field(default_factory=list)
    pages: list[A11yPage] = Field(default_factory=list)
    tools: dict[str, str] = Field(default_factory=dict)


class SiteConfig(Doc):
    """site_config.yml: the site-wide settings."""

    site_name: Pair
    site_url: str = Field("", pattern=r"^(?:https?://[^\s<>\"']*)?$")
    licence: Pair | None = None
    copyright: str | None = None  # the footer line of every page
    operator: Pair | None = None  # who runs the site (the footer)
    # where readers send comments and report mistakes (the footer; KOHYO_FEEDBACK_URL overrides it)
    feedback_url: str = Field("", pattern=r"^(?:https?://[^\s<>\"']*)?$")
